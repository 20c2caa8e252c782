using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Cases;
using Touchpoint.Domain.Platform;
using Touchpoint.Domain.Promises;
using Touchpoint.Features.Inbox;
using Touchpoint.Features.Languages;

namespace Touchpoint.Features.Promises;

/// <summary>
/// A promise can outlive what it was about: its case resolved, its subscription ended. Its owner hears of it at once, to
/// keep it or settle it with the customer, rather than let it break for nothing or call about a line the customer left.
/// Added to the caller's unit of work, so the notice is saved with the change that causes it.
/// </summary>
public static class PromiseFlags
{
    /// <param name="status">What became of the case: resolved, closed, cancelled, rejected.</param>
    public static Task CaseEndedAsync(TouchpointDbContext db, Guid customerId, string caseReference, CaseStatus status, DateTime now, CancellationToken cancellationToken) =>
        FlagAsync(db, db.Promises.Where(p => p.CustomerId == customerId && p.CaseRef == caseReference), $"case {caseReference} is {status.ToWireName()}",
            StoredText.Of("Notification.PromiseFlagged.CaseEnded", StoredText.Value(caseReference), StoredText.CodeInSentence("CaseStatus", status.ToWireName())),
            now, cancellationToken);

    /// <param name="endsOn">The day the subscription ends (or ended).</param>
    /// <param name="orderId">The order that ended it, when it has ended; null for a subscription that is to end.</param>
    /// <remarks>Read through the customer's promises (their index), not a scan of everyone's.</remarks>
    public static Task SubscriptionEndingAsync(
        TouchpointDbContext db, Subscriptions.Subscription subscription, DateOnly endsOn, Guid? orderId, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var day = endsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var (why, whyText) = orderId is { } order
            ? ($"its subscription ended on {day} (order {order})",
                StoredText.Of("Notification.PromiseFlagged.SubscriptionEndedByOrder", StoredText.Value(day), StoredText.Value(order.ToString())))
            : ($"its subscription ends on {day}", StoredText.Of("Notification.PromiseFlagged.SubscriptionEnds", StoredText.Value(day)));
        return FlagAsync(db, db.Promises.Where(p => p.CustomerId == subscription.CustomerId && p.SubscriptionId == subscription.Id), why, whyText, now, cancellationToken);
    }

    private static async Task FlagAsync(TouchpointDbContext db, IQueryable<PromiseRecord> about, string why, StoredText whyText, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var owed = await about.AsNoTracking().Owed()
            .Select(p => new { p.OwnerUserId, p.CustomerId, p.Kind, p.Description, p.DueAt, p.State }).ToListAsync(cancellationToken);
        foreach (var promise in owed)
        {
            var due = TimeStamps.Write(promise.DueAt);
            var broken = promise.State == PromiseState.Broken;
            Inbox.Inbox.Notify(db, promise.OwnerUserId, now, NotificationKinds.PromiseFlagged,
                $"Check your promise: {why}",
                $"{promise.Description} ({(broken ? "broken, still owed" : $"due {due}")}). Keep it, or settle it with the customer.",
                $"/customers/{promise.CustomerId}", promise.CustomerId,
                titleText: whyText,
                detailText: broken
                    ? StoredText.Of("Notification.PromiseFlagged.Broken", StoredText.Value(promise.Description))
                    : StoredText.Of("Notification.PromiseFlagged.Due", StoredText.Value(promise.Description), StoredText.Value(due)));
        }
    }
}
