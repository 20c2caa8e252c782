namespace Touchpoint.Domain.Customers;

/// <summary>What a row on the customer's timeline records. The timeline is the customer's single history.</summary>
public enum TimelineEntryKind
{
    Interaction,
    PreferenceChange,
    Merge,
    IdentityAdded,
    SubscriptionChange,

    // Reserved now so wire names stay stable; the features that write them come later.
    Case,
    Promise,
    Order,
    Offer,
    Survey,

    /// <summary>A compensation granted, requested, approved or refused (S3-3).</summary>
    Compensation,

    /// <summary>A serviceability check of the customer's address: what was asked and what the address can get (S3-1).</summary>
    Qualification,

    /// <summary>A message sent to the customer (SMS, e-mail): a code, a confirmation, a notice of changed terms.</summary>
    Message,

    /// <summary>Who the customer is changed: kind (person or business, TP-5), name or addresses; the values are in the audit.</summary>
    CustomerChange,
}

public static class TimelineEntryKinds
{
    private static readonly WireNameTable<TimelineEntryKind> Table = new(
        "timeline entry kind",
        (TimelineEntryKind.Interaction, "interaction"),
        (TimelineEntryKind.PreferenceChange, "preferenceChange"),
        (TimelineEntryKind.Merge, "merge"),
        (TimelineEntryKind.IdentityAdded, "identityAdded"),
        (TimelineEntryKind.SubscriptionChange, "subscriptionChange"),
        (TimelineEntryKind.Case, "case"),
        (TimelineEntryKind.Promise, "promise"),
        (TimelineEntryKind.Order, "order"),
        (TimelineEntryKind.Offer, "offer"),
        (TimelineEntryKind.Survey, "survey"),
        (TimelineEntryKind.Compensation, "compensation"),
        (TimelineEntryKind.Qualification, "qualification"),
        (TimelineEntryKind.Message, "message"),
        (TimelineEntryKind.CustomerChange, "customerChange"));

    public static IReadOnlyList<string> WireNames => Table.Names;

    public static string ToWireName(this TimelineEntryKind kind) => Table.NameOf(kind);

    public static bool TryParse(string? text, out TimelineEntryKind value, out string error) =>
        Table.TryParse(text, out value, out error);
}
