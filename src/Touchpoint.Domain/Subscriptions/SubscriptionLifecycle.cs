using System.Collections.Frozen;

namespace Touchpoint.Domain.Subscriptions;

/// <summary>Which status changes a subscription may make. Staying in the same status is not a move.</summary>
public static class SubscriptionLifecycle
{
    private static readonly FrozenDictionary<SubscriptionStatus, IReadOnlySet<SubscriptionStatus>> Moves =
        new Dictionary<SubscriptionStatus, IReadOnlySet<SubscriptionStatus>>
        {
            [SubscriptionStatus.Created] = Set(SubscriptionStatus.PendingActive, SubscriptionStatus.Active, SubscriptionStatus.Terminated),
            [SubscriptionStatus.PendingActive] = Set(SubscriptionStatus.Active, SubscriptionStatus.Terminated),
            [SubscriptionStatus.Active] = Set(SubscriptionStatus.Suspended, SubscriptionStatus.PendingTerminate, SubscriptionStatus.Terminated),
            [SubscriptionStatus.Suspended] = Set(SubscriptionStatus.Active, SubscriptionStatus.PendingTerminate, SubscriptionStatus.Terminated),

            // Back to active is a withdrawn cancellation (S1-5), which must not bring a new binding (TP-1).
            [SubscriptionStatus.PendingTerminate] = Set(SubscriptionStatus.Terminated, SubscriptionStatus.Active),
            [SubscriptionStatus.Terminated] = Set(),
        }.ToFrozenDictionary();

    public static bool CanMove(SubscriptionStatus from, SubscriptionStatus to) => AllowedFrom(from).Contains(to);

    public static IReadOnlySet<SubscriptionStatus> AllowedFrom(SubscriptionStatus from) =>
        Moves.TryGetValue(from, out var allowed)
            ? allowed
            : throw new ArgumentOutOfRangeException(nameof(from), from, "Unknown subscription status.");

    public static bool IsFinal(SubscriptionStatus status) => AllowedFrom(status).Count == 0;

    private static FrozenSet<SubscriptionStatus> Set(params SubscriptionStatus[] statuses) => statuses.ToFrozenSet();
}
