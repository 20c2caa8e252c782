using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Interactions;
using Touchpoint.Domain.Leaving;
using Touchpoint.Domain.Subscriptions;
using Touchpoint.Features.Interactions;
using Touchpoint.Features.Languages;
using Touchpoint.Features.Promises;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Leaving;

/// <summary>
/// Ends subscriptions whose cancellation falls due: pendingTerminate becomes terminated at the start of the effective
/// date (UTC), with an entry on the customer's timeline. Run by the <see cref="DueWatcher"/>; reads only rows whose
/// <see cref="Termination.DueAt"/> has come, through its index, and claims them (<see cref="RowLocks"/>), so two
/// nodes never end one subscription twice.
/// </summary>
public sealed class TerminationWatcher : IDueWork
{
    public string Name => "terminations";

    public async Task<int> RunAsync(TouchpointDbContext db, DateTime now, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var due = db.Terminations.Where(t => t.DueAt != null && t.DueAt <= now).OrderBy(t => t.DueAt);
        return await db.HandleDueAsync(due, limit, terminations => EndAsync(db, terminations, now, cancellationToken), cancellationToken);
    }

    private static async Task EndAsync(TouchpointDbContext db, IReadOnlyList<Termination> due, DateTime now, CancellationToken cancellationToken)
    {
        var subscriptionIds = due.Select(t => t.SubscriptionId).ToList();
        var subscriptions = await db.Subscriptions.Include(s => s.Plan).Where(s => subscriptionIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        foreach (var termination in due)
        {
            var at = termination.DueAt!.Value;
            termination.DueAt = null;
            if (termination.State != TerminationState.Pending || !subscriptions.TryGetValue(termination.SubscriptionId, out var subscription))
            {
                continue;
            }

            termination.State = TerminationState.Completed;
            termination.CompletedAt = now;
            if (SubscriptionLifecycle.CanMove(subscription.Status, SubscriptionStatus.Terminated))
            {
                subscription.Status = SubscriptionStatus.Terminated;
                subscription.UpdatedAt = now;
            }

            db.TimelineEntries.Add(new TimelineEntry
            {
                CustomerId = termination.CustomerId,
                At = at,
                Kind = TimelineEntryKind.SubscriptionChange,
                Channel = termination.Channel.ToWireName(),
                Title = $"Subscription {LeavingCommands.PlanName(subscription)} ended",
                Detail = $"{(termination.Kind == TerminationKind.EndWithoutCost ? "Ended free of cost (EU-105-5), asked" : "Cancelled")} {PromiseEvents.Via(termination.Channel)} " +
                    $"on {LeavingCommands.Iso(DateOnly.FromDateTime(termination.RequestedAt))}, reference {termination.Reference}; effective {LeavingCommands.Iso(termination.EffectiveDate)}.",
                ActorName = PromiseEvents.WatcherName,
                SourceId = termination.SubscriptionId.ToString(),
            }.Says(
                StoredText.Of("Timeline.Subscription.Ended", StoredText.Value(LeavingCommands.PlanName(subscription))),
                StoredText.Of(termination.Kind == TerminationKind.EndWithoutCost ? "Timeline.Subscription.EndedFreeOfCostDetail" : "Timeline.Subscription.CancelledDetail",
                    StoredText.Code("Via", termination.Channel.ToWireName()), StoredText.Value(LeavingCommands.Iso(DateOnly.FromDateTime(termination.RequestedAt))),
                    StoredText.Value(termination.Reference), StoredText.Value(LeavingCommands.Iso(termination.EffectiveDate)))));
        }
    }
}
