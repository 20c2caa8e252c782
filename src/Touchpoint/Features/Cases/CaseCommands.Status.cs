using Microsoft.EntityFrameworkCore;
using Touchpoint.Domain.Cases;
using Touchpoint.Domain.Feedback;
using Touchpoint.Domain.Interactions;
using Touchpoint.Features.Feedback;
using Touchpoint.Features.Languages;
using Touchpoint.Features.Promises;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Cases;

public sealed record ChangeCaseStatusInput(string? Status, string? Reason, string? RootCause);

public sealed partial class CaseCommands
{
    /// <summary>
    /// A TMF621 status change. The lifecycle decides whether the move exists (409 naming the allowed ones), the
    /// resolution guard whether the case may be resolved or closed (S1-4, S3-4); pending pauses the SLA clock;
    /// resolved back to in progress is a reopening, counted (see <see cref="ReopenAsync"/>); a rejection is written to
    /// the customer, and a rejected complaint names the dispute body of the customer's jurisdiction (ADR) there, on
    /// the timeline and in TMF621.
    /// </summary>
    public async Task<Outcome<Case>> ChangeStatusAsync(Guid id, ChangeCaseStatusInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = CaseTime.Now(clock);
        if (!CaseStatuses.TryParse(input.Status, out var to, out var statusError))
        {
            return new Failure.Invalid("status", statusError);
        }

        var reason = input.Reason?.Trim();
        if (reason?.Length > CaseLimits.ReasonLength)
        {
            return new Failure.Invalid("reason", $"reason is at most {CaseLimits.ReasonLength} characters.");
        }

        string? rootCause = null;
        if (input.RootCause is not null && !RootCauses.TryParse(input.RootCause, out rootCause, out var rootCauseError))
        {
            return new Failure.Invalid("rootCause", rootCauseError);
        }

        var @case = await db.Cases.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (@case is null)
        {
            return CaseNotFound(id);
        }

        if (await ownerOnly.RefuseAsync(@case, cancellationToken) is { } notTheirs)
        {
            return notTheirs;
        }

        var from = @case.Status;
        if (!CaseLifecycle.TryMove(from, to, out var moveError))
        {
            return new Failure.Conflict(moveError, new Dictionary<string, object?>
            {
                ["allowed"] = CaseLifecycle.AllowedFrom(from).Order().Select(s => s.ToWireName()).ToList(),
            });
        }

        if (ResolutionGuard.AppliesTo(to))
        {
            var questions = await db.CaseQuestions.AsNoTracking().Where(q => q.CaseId == id).ToListAsync(cancellationToken);
            var check = ResolutionGuard.Check(CaseWire.Questions(questions), CaseWire.Need(@case));
            if (!check.MayResolve)
            {
                return new Failure.Conflict(check.Error, new Dictionary<string, object?>
                {
                    ["unansweredQuestions"] = check.UnansweredQuestions.Select(q => q.Text).ToList(),
                    ["needUnresolvedWithoutReason"] = check.NeedUnresolvedWithoutReason,
                });
            }
        }

        if (to == CaseStatus.Rejected && string.IsNullOrEmpty(reason))
        {
            return new Failure.Invalid("reason", "A rejection needs a reason: the customer is told why, and where to turn next.");
        }

        var closing = to is CaseStatus.Resolved or CaseStatus.Closed;
        var followUp = closing && await SurveyFollowUpClosing.OwesAnswerAsync(db, @case.Id, cancellationToken);
        if (followUp && SurveyFollowUpClosing.Refuse(@case, rootCause, reason) is { } notYet)
        {
            return notYet;
        }

        var pauses = await db.CasePauses.Where(p => p.CaseId == id).ToListAsync(cancellationToken);
        if (CaseLifecycle.PausesSla(from))
        {
            foreach (var open in pauses.Where(p => p.Until is null))
            {
                open.Until = now;
            }
        }

        if (CaseLifecycle.PausesSla(to))
        {
            var pause = new CasePause { CaseId = id, From = now };
            db.CasePauses.Add(pause);
            pauses.Add(pause);
        }

        // Not a response or an update by itself: only what reaches the customer is (CaseContacts, DeliveredMessages).
        @case.Status = to;
        if (rootCause is not null)
        {
            @case.RootCause = rootCause;
        }

        var actor = currentActor.Get();
        var what = $"{from.ToWireName()} → {to.ToWireName()}";
        var whatText = StoredText.Of("Timeline.Case.StatusChanged", StoredText.Code("CaseStatus", from.ToWireName()), StoredText.Code("CaseStatus", to.ToWireName()));
        if (to == CaseStatus.Resolved)
        {
            @case.ResolvedAt = now;
        }

        if (to == CaseStatus.Resolved || CaseLifecycle.IsFinal(to))
        {
            await PromiseFlags.CaseEndedAsync(db, @case.CustomerId, @case.Reference, to, now, cancellationToken);
        }
        else if (CaseLifecycle.IsReopening(from, to))
        {
            what = Reopened(@case, what, reason, actor, now);
            whatText = StoredText.Of("Timeline.Case.Reopened", StoredText.CodeInSentence("CaseStatus", from.ToWireName()),
                StoredText.CodeInSentence("CaseStatus", to.ToWireName()), StoredText.Value(@case.ReopenCount));
        }

        var detail = reason ?? "";
        StoredText? detailText = null;
        if (CaseLifecycle.IsFinal(to))
        {
            @case.ClosedAt = now;
            if (CaseWire.HandoffTo(@case) is { } waiting)
            {
                // A finished case has nothing left to hand over.
                detail = Join(detail, $"The handoff to {waiting.Describe()} was withdrawn.");
                var withdrawn = StoredText.Of("Timeline.Case.HandoffWithdrawn", CaseTimeline.Owner(waiting));
                detailText = string.IsNullOrEmpty(reason) ? withdrawn : StoredText.Lines([StoredText.Of("Timeline.AsTyped", StoredText.Value(reason)), withdrawn]);
                ClearHandoff(@case);
            }
        }

        if (to == CaseStatus.Rejected && await RejectedAsync(@case, reason!, now, cancellationToken) is { Length: > 0 } disputeBody)
        {
            // Where the customer can turn reads as the rules word it, in English, until the dispute bodies have words of their own.
            detail = Join(detail, disputeBody);
            detailText = null;
        }

        if (followUp)
        {
            await SurveyFollowUpClosing.TellCustomerAsync(db, voices, @case, reason!, now, cancellationToken);
        }
        else if (to == CaseStatus.Resolved)
        {
            surveys.Schedule(db, new SurveyOccasion(SurveyTrigger.CaseResolved, @case.CustomerId, @case.Id, @case.Reference,
                @case.OwnerKind == OwnerKind.User ? @case.OwnerId : @case.AccountableUserId, @case.OwnerKind == OwnerKind.User ? @case.OwnerName : null, null,
                @case.Channel.ToWireName()), now);
        }

        db.TimelineEntries.Add(CaseTimeline.Entry(@case, now, actor.DisplayName, what, detail, whatText: whatText, detailText: detailText));
        sla.Reschedule(@case, pauses, now);
        db.CaseStatusChanges.Add(CaseStatusChange.Of(@case, now, reason, actor.DisplayName));
        await ticketEvents.StatusChangedAsync(@case, now, cancellationToken);
        return await SaveAsync(@case, cancellationToken);
    }
}
