namespace Touchpoint.Domain.Promises;

/// <summary>What was promised to the customer. Each kind is kept by its own act (<see cref="PromiseFulfilment"/>).</summary>
public enum PromiseKind
{
    /// <summary>Someone will phone the customer (S4-2).</summary>
    Callback,

    /// <summary>The customer gets an answer in writing, by email or letter.</summary>
    WrittenReply,

    TechnicianVisit,

    /// <summary>Money goes back to the customer; the promise carries the amount.</summary>
    Refund,

    /// <summary>A case will be resolved by the due time.</summary>
    ResolutionByDate,
}

public static class PromiseKinds
{
    private static readonly WireNameTable<PromiseKind> Table = new(
        "promise kind",
        (PromiseKind.Callback, "callback"),
        (PromiseKind.WrittenReply, "writtenReply"),
        (PromiseKind.TechnicianVisit, "technicianVisit"),
        (PromiseKind.Refund, "refund"),
        (PromiseKind.ResolutionByDate, "resolutionByDate"));

    public static IReadOnlyList<string> WireNames => Table.Names;

    public static string ToWireName(this PromiseKind kind) => Table.NameOf(kind);

    public static bool TryParse(string? text, out PromiseKind value, out string error) =>
        Table.TryParse(text, out value, out error);
}
