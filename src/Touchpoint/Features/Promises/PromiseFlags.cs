using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Platform;
using Touchpoint.Domain.Promises;
using Touchpoint.Features.Inbox;

namespace Touchpoint.Features.Promises;

/// <summary>
/// A promise can outlive what it was about: its case resolved, its subscription ended. Its owner hears of it at once, to
/// keep it or settle it with the customer, rather than let it break for nothing or call about a line the customer left.
/// Added to the caller's unit of work, so the notice is saved with the change that causes it.
/// </summary>
public static class PromiseFlags
{
    /// <param name="what">What became of the case, e.g. "is resolved".</param>
    public static Task CaseEndedAsync(TouchpointDbContext db, Guid customerId, string caseReference, string what, DateTime now, CancellationToken cancellationToken) =>
        FlagAsync(db, db.Promises.Where(p => p.CustomerId == customerId && p.CaseRef == caseReference), $"case {caseReference} {what}", now, cancellationToken);

    /// <param name="what">What happens to the subscription, e.g. "ends on 2027-01-31".</param>
    /// <remarks>Read through the customer's promises (their index), not a scan of everyone's.</remarks>
    public static Task SubscriptionEndingAsync(TouchpointDbContext db, Subscriptions.Subscription subscription, string what, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return FlagAsync(db, db.Promises.Where(p => p.CustomerId == subscription.CustomerId && p.SubscriptionId == subscription.Id), $"its subscription {what}", now, cancellationToken);
    }

    private static async Task FlagAsync(TouchpointDbContext db, IQueryable<PromiseRecord> about, string why, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var owed = await about.AsNoTracking().Owed()
            .Select(p => new { p.OwnerUserId, p.CustomerId, p.Kind, p.Description, p.DueAt, p.State }).ToListAsync(cancellationToken);
        foreach (var promise in owed)
        {
            var due = TimeStamps.Write(promise.DueAt);
            Inbox.Inbox.Notify(db, promise.OwnerUserId, now, NotificationKinds.PromiseFlagged,
                $"Check your promise: {why}",
                $"{promise.Description} ({(promise.State == PromiseState.Broken ? "broken, still owed" : $"due {due}")}). Keep it, or settle it with the customer.",
                $"/customers/{promise.CustomerId}", promise.CustomerId);
        }
    }
}
