namespace Touchpoint.Domain.Subscriptions;

/// <summary>Lifecycle states of a subscription, as in TMF637 Product Inventory.</summary>
public enum SubscriptionStatus
{
    Created,
    PendingActive,
    Active,
    PendingTerminate,
    Terminated,
    Suspended,
}

public static class SubscriptionStatuses
{
    private static readonly WireNameTable<SubscriptionStatus> Table = new(
        "subscription status",
        (SubscriptionStatus.Created, "created"),
        (SubscriptionStatus.PendingActive, "pendingActive"),
        (SubscriptionStatus.Active, "active"),
        (SubscriptionStatus.PendingTerminate, "pendingTerminate"),
        (SubscriptionStatus.Terminated, "terminated"),
        (SubscriptionStatus.Suspended, "suspended"));

    public static IReadOnlyList<string> WireNames => Table.Names;

    public static string ToWireName(this SubscriptionStatus status) => Table.NameOf(status);

    public static bool TryParse(string? text, out SubscriptionStatus value, out string error) =>
        Table.TryParse(text, out value, out error);
}
