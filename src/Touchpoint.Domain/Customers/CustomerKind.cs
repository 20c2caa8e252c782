namespace Touchpoint.Domain.Customers;

/// <summary>Who the customer is in law: a person or a business. It decides who is a consumer (TP-5).</summary>
public enum CustomerKind
{
    /// <summary>A natural person buying for themselves: a consumer.</summary>
    Person,

    /// <summary>A company, association or authority, or a person buying for their trade (a sole trader's business): not a consumer.</summary>
    Business,
}

public static class CustomerKinds
{
    private static readonly WireNameTable<CustomerKind> Table = new(
        "customer kind",
        (CustomerKind.Person, "person"),
        (CustomerKind.Business, "business"));

    public static IReadOnlyList<string> WireNames => Table.Names;

    public static string ToWireName(this CustomerKind kind) => Table.NameOf(kind);

    public static bool TryParse(string? text, out CustomerKind value, out string error) => Table.TryParse(text, out value, out error);

    /// <summary>
    /// A consumer, in the sense of the consumer-law rules (CRD-9, EU-105-1): a person is one, a business is not. Whoever
    /// buys for a trade is recorded as a business, so the kind alone answers it.
    /// </summary>
    public static bool IsConsumer(this CustomerKind kind) => kind switch
    {
        CustomerKind.Person => true,
        CustomerKind.Business => false,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown customer kind."),
    };
}
