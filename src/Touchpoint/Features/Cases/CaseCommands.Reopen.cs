using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Domain.Cases;
using Touchpoint.Features.Inbox;
using Touchpoint.Features.Languages;
using Touchpoint.Hosting;
using UserInbox = Touchpoint.Features.Inbox.Inbox;

namespace Touchpoint.Features.Cases;

/// <param name="Reason">What the customer says is still not solved, in their words.</param>
public sealed record ReopenCaseInput(string? Reason);

public sealed partial class CaseCommands
{
    /// <summary>
    /// The customer says a resolved case is not solved after all: back to work on the same case, with its owner and
    /// history (S1-3), counted as a reopening. Only a resolved case reopens; any other is a 409 saying why. The same
    /// bookkeeping applies when a client moves the case from resolved to inProgress itself (status change, TMF621).
    /// </summary>
    public async Task<Outcome<Case>> ReopenAsync(Guid id, ReopenCaseInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var reason = input.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > CaseLimits.ReasonLength)
        {
            return new Failure.Invalid("reason",
                $"reason is required: what the customer says is still not solved (at most {CaseLimits.ReasonLength} characters).");
        }

        var @case = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (@case is null)
        {
            return CaseNotFound(id);
        }

        if (await ownerOnly.RefuseAsync(@case, cancellationToken) is { } notTheirs)
        {
            return notTheirs;
        }

        var status = @case.Status;
        if (!CaseLifecycle.TryReopen(status, out var error))
        {
            return new Failure.Conflict(error, new Dictionary<string, object?>
            {
                ["caseStatus"] = @case.Status.ToWireName(),
                ["allowed"] = CaseLifecycle.AllowedFrom(status).Order().Select(s => s.ToWireName()).ToList(),
            });
        }

        return await ChangeStatusAsync(id, new ChangeCaseStatusInput(CaseStatus.InProgress.ToWireName(), reason, RootCause: null), cancellationToken);
    }

    /// <summary>
    /// What a reopening does to the case, whichever way it came: counted, no longer resolved, and whoever is accountable
    /// for it told when someone else reopened it (the customer often calls whoever answers).
    /// </summary>
    /// <returns>The timeline's words for the move.</returns>
    private string Reopened(Case @case, string move, string? reason, Actor actor, DateTime now)
    {
        @case.ReopenCount++;
        // Its clocks run again from their old start, but alerts that fell while it was resolved are not escalated now
        // in one burst; the next one is.
        @case.ResolvedAt = null;
        @case.SlaAlertsHandledUntil = now;

        var count = @case.ReopenCount.ToString(CultureInfo.InvariantCulture);
        var owner = CaseWire.Owner(@case);
        var accountable = owner.Kind == OwnerKind.User ? owner.Id : @case.AccountableUserId;
        if (accountable != actor.UserId)
        {
            UserInbox.Notify(db, accountable, now, NotificationKinds.CaseReopened,
                $"{@case.Reference} reopened by {actor.DisplayName}",
                $"The customer says it is not solved{(string.IsNullOrEmpty(reason) ? "" : $": {reason}")}. Reopening {count}; {owner.Describe()} still owns it.",
                CustomerLink(@case), @case.CustomerId,
                StoredText.Of("Notification.CaseReopened", StoredText.Value(@case.Reference), StoredText.Value(actor.DisplayName)),
                string.IsNullOrEmpty(reason)
                    ? StoredText.Of("Notification.CaseReopened.Detail", StoredText.Value(@case.ReopenCount), CaseTimeline.Owner(owner))
                    : StoredText.Of("Notification.CaseReopened.DetailWithReason", StoredText.Value(reason), StoredText.Value(@case.ReopenCount), CaseTimeline.Owner(owner)));
        }

        return $"reopened ({move}), reopening {count}";
    }
}
