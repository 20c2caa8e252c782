using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Cases;
using Touchpoint.Domain.Platform;
using Touchpoint.Features.Feedback;
using Touchpoint.Features.Languages;
using Touchpoint.Features.Queues;
using Touchpoint.Hosting;
using Touchpoint.Tmf;

namespace Touchpoint.Features.Cases;

/// <summary>
/// Everything staff do to a case. Each step is decided by the domain rules (lifecycle, ownership, resolution
/// guard, SLA clock), writes its timeline entry and any notification in the same transaction as the case, and
/// keeps the SLA facts (first response, last update, pauses) and the watcher's next alarm up to date.
/// </summary>
/// <remarks>
/// One class, one partial file per use case: <c>.Create</c>, <c>.Status</c> (with <c>.Reopen</c> and <c>.Reject</c>),
/// <c>.Questions</c> (questions and the need), <c>.Handoff</c>, <c>.Contacts</c> and <c>.Notes</c>. They share the
/// case's save (its version check), its not-found and final-case answers and who the caller is, kept here; callers
/// (endpoints, TMF621, pages) keep one service to inject.
/// </remarks>
public sealed partial class CaseCommands(
    TouchpointDbContext db, TimeProvider clock, CurrentActor currentActor, CaseSla sla, TroubleTicketEvents ticketEvents, OwnerOnlyCheck ownerOnly,
    CustomerVoices voices, SurveyScheduling surveys)
{
    private async Task RescheduleAsync(Case @case, DateTime now, CancellationToken cancellationToken)
    {
        var pauses = await db.CasePauses.AsNoTracking().Where(p => p.CaseId == @case.Id).ToListAsync(cancellationToken);
        sla.Reschedule(@case, pauses, now);
    }

    private async Task<Outcome<Case>> SaveAsync(Case @case, CancellationToken cancellationToken)
    {
        // Every step bumps the case's version, even one that adds only a child row; EF checks the version, so two
        // concurrent steps on one case fail instead of merging silently.
        @case.Version++;

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return @case;
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Failure.Conflict($"Case {@case.Reference} was changed by someone else meanwhile; reload it and try again.");
        }
    }

    /// <summary>
    /// The case passes to <paramref name="ownership"/>'s owner: the current owner's stretch in the history ends now and
    /// the new one's begins, and <paramref name="accountableUserId"/> answers for it from now on.
    /// </summary>
    private void MoveTo(Case @case, List<CaseOwnerHistoryEntry> history, CaseOwnership ownership, string accountableUserId, DateTime now)
    {
        var owner = ownership.Owner;
        history[^1].Until = now;
        db.CaseOwnerHistory.Add(new CaseOwnerHistoryEntry
        {
            CaseId = @case.Id, Sequence = history[^1].Sequence + 1, OwnerKind = owner.Kind, OwnerId = owner.Id, OwnerName = owner.Name, From = now,
        });
        @case.OwnerKind = owner.Kind;
        @case.OwnerId = owner.Id;
        @case.OwnerName = owner.Name;
        @case.AccountableUserId = accountableUserId;
        @case.AcceptedHandoffs = ownership.Handoffs;
    }

    private bool IsLead() => currentActor.IsInAnyRole(Roles.TeamLead, Roles.Admin);

    private static string CallerId(Actor actor) =>
        actor.UserId ?? throw new InvalidOperationException("Case commands need a signed-in member of staff.");

    private static Failure.Conflict? FinalCase(Case @case) =>
        CaseLifecycle.IsFinal(@case.Status)
            ? new Failure.Conflict($"Case {@case.Reference} is {@case.Status.ToWireName()}, which is final; a new problem is a new case.")
            : null;

    private static Failure.NotFound CaseNotFound(Guid id) => new($"There is no case with id '{id}'.");

    public static string CustomerLink(Case @case)
    {
        ArgumentNullException.ThrowIfNull(@case);
        return $"/customers/{@case.CustomerId}";
    }

    /// <summary>
    /// The queue a member of staff names for a case, and who answers for the case while it waits there: the queue's
    /// lead. Staff may name only a queue that is set up, so a case never waits where nobody looks.
    /// </summary>
    private async Task<Outcome<(CaseOwner Owner, string LeadUserId)>> QueueOwnerAsync(string? text, string field, CancellationToken cancellationToken)
    {
        var named = await WorkQueues.NamedAsync(db, text, field, cancellationToken);
        return named.Value is { } queue ? (new CaseOwner(OwnerKind.Queue, queue.Id, queue.Name), queue.LeadUserId) : named.Failure!;
    }

    private static string Join(string first, string second) =>
        first.Length == 0 ? second : second.Length == 0 ? first : $"{first}\n{second}";
}
