using Microsoft.EntityFrameworkCore;
using Touchpoint.Domain.Compensation;
using Touchpoint.Domain.Interactions;
using Touchpoint.Domain.Promises;
using Touchpoint.Features.Cases;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Identity;
using Touchpoint.Features.Inbox;
using Touchpoint.Features.Languages;
using Touchpoint.Features.Promises;
using Touchpoint.Hosting;
using UserInbox = Touchpoint.Features.Inbox.Inbox;
using static Touchpoint.Domain.Platform.TextLimits;

namespace Touchpoint.Features.Compensation;

public sealed partial class CompensationCommands
{
    /// <summary>
    /// Grants at once at least the policy's proposal (when harms are named) within the caller's mandate, and tells the
    /// customer in writing. Above the mandate, or below the proposal (with a stated reason), asks the lowest role that
    /// may approve and promises the customer a written answer; beyond every mandate, refuses (409) saying so.
    /// </summary>
    public async Task<Outcome<CompensationRecord>> RequestAsync(RequestCompensationInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = clock.GetUtcNow().UtcDateTime;
        if (input.CustomerId is not { } customerId)
        {
            return new Failure.Invalid("customerId", "customerId is required: the customer to compensate.");
        }

        if (input.Amount is not { } amount)
        {
            return new Failure.Invalid("amount", "amount is required: what the customer gets, in their currency (e.g. 350).");
        }

        var reason = input.Reason?.Trim() ?? "";
        if (reason.Length > CompensationRecord.MaxReasonLength)
        {
            return new Failure.Invalid("reason", $"reason is at most {CompensationRecord.MaxReasonLength} characters.");
        }

        var belowProposalReason = input.BelowProposalReason?.Trim() ?? "";
        if (belowProposalReason.Length > CompensationRecord.MaxReasonLength)
        {
            return new Failure.Invalid("belowProposalReason", $"belowProposalReason is at most {CompensationRecord.MaxReasonLength} characters.");
        }

        var channel = InteractionChannel.Phone;
        if (input.Channel is not null && !InteractionChannels.TryParse(input.Channel, out channel, out var channelError))
        {
            return new Failure.Invalid("channel", channelError);
        }

        Currency? givenCurrency = null;
        if (input.Currency is not null)
        {
            if (!Currencies.TryParse(input.Currency, out var parsed, out var currencyError))
            {
                return new Failure.Invalid("currency", currencyError);
            }

            givenCurrency = parsed;
        }

        var found = await CustomerAsync(customerId, cancellationToken);
        if (found.Failure is { } customerFailure)
        {
            return customerFailure;
        }

        var (customer, jurisdiction) = found.Value;
        if (!Money.TryCreate(amount, givenCurrency ?? jurisdiction.LocalCurrency(), out var money))
        {
            return new Failure.Invalid("amount", "amount has at most two decimals: the smallest unit is 0.01.");
        }

        Case? @case = null;
        if (input.CaseId is { } caseId)
        {
            @case = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken);
            if (@case is null || @case.CustomerId != customer.Id)
            {
                return new Failure.Invalid("caseId", $"There is no case with id '{caseId}' of this customer.");
            }
        }

        CompensationProposal? proposal = null;
        if (input.Harms is { Count: > 0 })
        {
            var harms = HarmsOf(input.Harms, jurisdiction);
            if (harms.Failure is { } harmFailure)
            {
                return harmFailure;
            }

            if (!policy.TryPropose(jurisdiction, harms.Value!, out proposal, out var proposalError))
            {
                return new Failure.Invalid("harms", proposalError);
            }
        }

        var actor = currentActor.Get();
        var callerId = CallerId;
        var request = new CompensationRequest(customer.Id, jurisdiction, money, reason, callerId, now)
        {
            CaseRef = @case?.Reference,
            Proposal = proposal?.Total,
            BelowProposalReason = belowProposalReason,
        };
        if (!request.TryValidate(out var invalid))
        {
            return new Failure.Invalid(FieldAtFault(request), invalid);
        }

        var decision = mandates.Decide(request, await MandateHolders.RolesAsync(db, callerId, cancellationToken));
        var record = new CompensationRecord
        {
            CustomerId = customer.Id,
            CaseId = @case?.Id,
            Amount = money.Amount,
            Currency = money.Currency,
            Reason = reason,
            Summary = proposal is null ? "" : Clip(SummaryOf(proposal), CompensationRecord.MaxSummaryLength),
            ProposedAmount = proposal?.Total.Amount,
            // Only a shortfall has a reason; one given for a full grant explains nothing and is not kept.
            BelowProposalReason = request.IsBelowProposal ? belowProposalReason : null,
            RequestedByUserId = callerId,
            RequestedByName = actor.DisplayName,
            RequestedAt = now,
        };
        var caseNote = @case is null ? "" : $" Case {@case.Reference}.";
        switch (decision.Outcome)
        {
            case CompensationOutcome.Granted:
                record.Status = CompensationStatus.Granted;
                record.DecidedByUserId = callerId;
                record.DecidedByName = actor.DisplayName;
                record.DecidedAt = now;
                db.Compensations.Add(record);
                AddTimeline(record, now, $"Compensation granted: {Amount(money)} — {reason}",
                    Lines($"Granted by {actor.DisplayName} within their mandate of {Amount(decision.RequesterMandate)}.{caseNote}", record.Summary), actor.DisplayName, channel,
                    StoredText.Of("Timeline.Compensation.Granted", StoredText.Value(Amount(money)), StoredText.Value(reason)));
                await CompensationMessages.QueueGrantedAsync(db, voices, record, customer, @case?.Reference, now, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                return record;

            case CompensationOutcome.NeedsApproval:
                return await RequestApprovalAsync(record, request.AmountToCover, decision, customer, channel, @case, cancellationToken);

            default:
                return new Failure.Conflict(decision.Explanation, new Dictionary<string, object?>
                {
                    ["yourMandate"] = decision.RequesterMandate.Amount,
                    ["highestMandate"] = mandates.All.Where(m => m.Maximum.Currency == money.Currency).Select(m => (decimal?)m.Maximum.Amount).Max(),
                    ["proposedAmount"] = proposal?.Total.Amount,
                    ["currency"] = money.Currency.ToWireName(),
                });
        }
    }

    private async Task<Outcome<CompensationRecord>> RequestApprovalAsync(
        CompensationRecord record, Money toCover, CompensationDecision decision, Customer customer, InteractionChannel channel, Case? @case,
        CancellationToken cancellationToken)
    {
        var money = record.Money;
        var answerDue = decision.AnswerDueAt!.Value;
        var approverRole = decision.ApproverRole!;

        // The promise (with its own timeline entry) and the request are saved together or not at all.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var promise = await promises.MakeAsync(
            new MakePromiseInput(
                customer.Id, decision.AnswerPromiseKind!.Value.ToWireName(), answerDue, record.RequestedByUserId, channel.ToWireName(),
                $"written answer on the requested compensation of {Amount(money)} within a day", null, @case?.Reference, null, null),
            cancellationToken);
        if (promise.Failure is { } promiseFailure)
        {
            return promiseFailure;
        }

        record.Status = CompensationStatus.PendingApproval;
        record.ApproverRole = approverRole;
        record.AnswerDueAt = answerDue;
        record.AnswerPromiseId = promise.Value!.Id;
        record.ApprovalRequestedOfUserId = await ApproverForAsync(record.RequestedByUserId, toCover, approverRole, cancellationToken);
        db.Compensations.Add(record);

        var caseNote = @case is null ? "" : $" Case {@case.Reference}.";
        AddTimeline(record, record.RequestedAt, $"Compensation of {Amount(money)} requested; answer promised by {When(answerDue)}",
            Lines(record.Reason, caseNote.Trim(), decision.Explanation, Shortfall(record), record.Summary), record.RequestedByName, channel,
            StoredText.Of("Timeline.Compensation.Requested", StoredText.Value(Amount(money)), StoredText.Value(When(answerDue))));
        if (record.ApprovalRequestedOfUserId is { } approver)
        {
            UserInbox.Notify(db, approver, record.RequestedAt, NotificationKinds.ApprovalRequested,
                record.IsBelowProposal
                    ? $"Approve compensation of {Amount(money)} for {customer.Name}, below the policy's {Amount(record.Proposal!)}?"
                    : $"Approve compensation of {Amount(money)} for {customer.Name}?",
                Lines($"{record.RequestedByName} asks: {record.Reason}", caseNote.Trim(),
                    record.IsBelowProposal
                        ? $"It is below the policy's proposal of {Amount(record.Proposal!)}; a {approverRole} must approve."
                        : $"It is above their mandate of {Amount(decision.RequesterMandate)}; a {approverRole} must approve.",
                    Shortfall(record),
                    $"The customer was promised an answer by {When(answerDue)}.", record.Summary),
                CustomerLink(customer.Id), customer.Id,
                record.IsBelowProposal
                    ? StoredText.Of("Notification.ApproveCompensationBelow", StoredText.Value(Amount(money)), StoredText.Value(customer.Name), StoredText.Value(Amount(record.Proposal!)))
                    : StoredText.Of("Notification.ApproveCompensation", StoredText.Value(Amount(money)), StoredText.Value(customer.Name)));
        }

        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return record;
    }

    /// <summary>
    /// Who is asked to approve: the first person up the requester's reporting line whose mandate covers
    /// <paramref name="toCover"/> (their team lead for most requests). Where the organisation is not filled in: someone
    /// in the role that may approve, else whoever the requester's escalations reach.
    /// </summary>
    private async Task<string?> ApproverForAsync(string requesterId, Money toCover, string approverRole, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { requesterId };
        var next = await ReportsToAsync(requesterId, cancellationToken);
        while (next is not null && seen.Add(next))
        {
            if (!toCover.Exceeds(mandates.MandateOf(await MandateHolders.RolesAsync(db, next, cancellationToken), toCover.Currency)))
            {
                return next;
            }

            next = await ReportsToAsync(next, cancellationToken);
        }

        var inRole = await (from user in db.Users
                            join userRole in db.UserRoles on user.Id equals userRole.UserId
                            join role in db.Roles on userRole.RoleId equals role.Id
                            where role.Name == approverRole && user.Id != requesterId
                            orderby user.UserName
                            select user.Id).FirstOrDefaultAsync(cancellationToken);
        return inRole ?? await Teams.TeamLeadOfAsync(db, requesterId, cancellationToken);
    }

    private Task<string?> ReportsToAsync(string userId, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.Id == userId).Select(u => u.TeamLeadId).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The field of a request the domain refused (<see cref="CompensationRequest.TryValidate"/>).</summary>
    private static string FieldAtFault(CompensationRequest request)
    {
        if (!request.Amount.IsPositive)
        {
            return "amount";
        }

        if (request.Amount.Currency != request.CustomerJurisdiction.LocalCurrency())
        {
            return "currency";
        }

        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return "reason";
        }

        return request.IsBelowProposal && string.IsNullOrWhiteSpace(request.BelowProposalReason) ? "belowProposalReason" : "customerId";
    }
}
