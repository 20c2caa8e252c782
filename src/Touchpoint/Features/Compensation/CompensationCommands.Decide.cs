using Microsoft.EntityFrameworkCore;
using Touchpoint.Features.Cases;
using Touchpoint.Features.Inbox;
using Touchpoint.Features.Languages;
using Touchpoint.Hosting;
using UserInbox = Touchpoint.Features.Inbox.Inbox;

namespace Touchpoint.Features.Compensation;

public sealed partial class CompensationCommands
{
    /// <summary>
    /// Approves (<paramref name="approve"/>) or refuses a pending request. Only someone other than the requester whose
    /// mandate covers the amount (and the policy's proposal, for a request below it) may do either (403 otherwise); the
    /// requester hears of it, and the customer's timeline shows it. An approval is written to the customer (the outbox).
    /// </summary>
    public async Task<Outcome<CompensationRecord>> DecideAsync(Guid id, bool approve, DecideCompensationInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = clock.GetUtcNow().UtcDateTime;
        var note = input.Note?.Trim() ?? "";
        if (note.Length > CompensationRecord.MaxNoteLength)
        {
            return new Failure.Invalid("note", $"note is at most {CompensationRecord.MaxNoteLength} characters.");
        }

        if (!approve && note.Length == 0)
        {
            return new Failure.Invalid("note", "A refusal needs a note: the customer is told why.");
        }

        var record = await db.Compensations.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (record is null)
        {
            return NotFound(id);
        }

        if (record.Status != CompensationStatus.PendingApproval)
        {
            return new Failure.Conflict(
                $"This compensation is {record.Status.ToWireName()}; only one pending approval can be approved or refused.",
                new Dictionary<string, object?> { ["compensationStatus"] = record.Status.ToWireName() });
        }

        var customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == record.CustomerId, cancellationToken);
        var jurisdiction = JurisdictionOf(customer);
        var request = record.AsRequest(jurisdiction);
        var callerId = CallerId;
        if (!mandates.TryApprove(request, callerId, await MandateHolders.RolesAsync(db, callerId, cancellationToken), out var refusal))
        {
            return new NotAllowed(refusal);
        }

        var actor = currentActor.Get();
        record.Status = approve ? CompensationStatus.Approved : CompensationStatus.Refused;
        record.DecidedByUserId = callerId;
        record.DecidedByName = actor.DisplayName;
        record.DecidedAt = now;
        record.DecisionNote = note.Length == 0 ? null : note;
        record.Version++;

        var amount = Amount(record.Money);
        var verdict = approve ? "approved" : "refused";
        var promised = record.AnswerDueAt is { } due ? $"The customer was promised a written answer by {When(due)}." : "";
        AddTimeline(record, now,
            approve ? $"Compensation of {amount} approved by {actor.DisplayName} — {record.Reason}" : $"Compensation of {amount} refused by {actor.DisplayName} — {note}",
            Lines($"Requested by {record.RequestedByName} at {When(record.RequestedAt)}: {record.Reason}", Shortfall(record),
                note.Length == 0 ? "" : $"Note: {note}", promised),
            actor.DisplayName, null,
            approve
                ? StoredText.Of("Timeline.Compensation.Approved", StoredText.Value(amount), StoredText.Value(actor.DisplayName), StoredText.Value(record.Reason))
                : StoredText.Of("Timeline.Compensation.Refused", StoredText.Value(amount), StoredText.Value(actor.DisplayName), StoredText.Value(note)),
            LinesText(
                StoredText.Of("Timeline.Compensation.RequestedBy", StoredText.Value(record.RequestedByName), StoredText.Value(When(record.RequestedAt)), StoredText.Value(record.Reason)),
                ShortfallText(record),
                note.Length == 0 ? null : StoredText.Of("Timeline.Compensation.Note", StoredText.Value(note)),
                record.AnswerDueAt is { } promisedBy ? StoredText.Of("Timeline.Compensation.AnswerPromised", StoredText.Value(When(promisedBy))) : null));
        var written = approve && await CompensationMessages.QueueGrantedAsync(db, voices, record, customer, await CaseReferenceAsync(record, cancellationToken), now, cancellationToken);
        UserInbox.Notify(db, record.RequestedByUserId, now, NotificationKinds.ApprovalDecided,
            $"Compensation of {amount} for {customer.Name} {verdict} by {actor.DisplayName}",
            Lines(note.Length == 0 ? "" : $"Note: {note}",
                written ? "A written confirmation to the customer is in the outbox." : "",
                record.AnswerDueAt is { } answerDue ? $"Tell the customer in writing by {When(answerDue)}: that keeps your promise of an answer." : ""),
            CustomerLink(record.CustomerId), record.CustomerId,
            StoredText.Of(approve ? "Notification.CompensationApproved" : "Notification.CompensationRefused",
                StoredText.Value(amount), StoredText.Value(customer.Name), StoredText.Value(actor.DisplayName)),
            LinesText(
                note.Length == 0 ? null : StoredText.Of("Timeline.Compensation.Note", StoredText.Value(note)),
                written ? StoredText.Of("Notification.Compensation.ConfirmationQueued") : null,
                record.AnswerDueAt is { } tellBy ? StoredText.Of("Notification.Compensation.TellInWritingBy", StoredText.Value(When(tellBy))) : null));

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return record;
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Failure.Conflict("The compensation was decided by someone else meanwhile; load it again.");
        }
    }

    private Task<string?> CaseReferenceAsync(CompensationRecord record, CancellationToken cancellationToken) =>
        record.CaseId is { } caseId
            ? db.Cases.Where(c => c.Id == caseId).Select(c => c.Reference).FirstOrDefaultAsync(cancellationToken)
            : Task.FromResult<string?>(null);
}
