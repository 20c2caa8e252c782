namespace Touchpoint.Domain.Cases;

/// <summary>
/// How urgent a case is. Priority follows harm and urgency, never the customer's value or segment
/// (S0-7: low value never means lower service levels). Most urgent first.
/// </summary>
public enum CasePriority
{
    Critical,
    High,
    Medium,
    Low,
}

public static class CasePriorities
{
    private static readonly WireNameTable<CasePriority> Table = new(
        "case priority",
        (CasePriority.Critical, "critical"),
        (CasePriority.High, "high"),
        (CasePriority.Medium, "medium"),
        (CasePriority.Low, "low"));

    public static IReadOnlyList<string> WireNames => Table.Names;

    public static string ToWireName(this CasePriority priority) => Table.NameOf(priority);

    public static bool TryParse(string? text, out CasePriority value, out string error) =>
        Table.TryParse(text, out value, out error);
}
