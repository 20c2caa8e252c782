namespace Touchpoint.Domain.Coverage;

/// <summary>The answer of a serviceability check, as TMF679 names it (qualified, unqualified, alternate).</summary>
public enum QualificationResult
{
    /// <summary>The wanted technology is available at the address: it may be sold.</summary>
    Qualified,

    /// <summary>Neither the wanted technology nor anything else we sell reaches the address (or we cannot tell).</summary>
    Unqualified,

    /// <summary>The wanted technology is not available, but others are: offer those instead, never the wanted one.</summary>
    Alternate,
}

public static class QualificationResults
{
    private static readonly WireNameTable<QualificationResult> Table = new(
        "qualification result",
        (QualificationResult.Qualified, "qualified"),
        (QualificationResult.Unqualified, "unqualified"),
        (QualificationResult.Alternate, "alternate"));

    public static IReadOnlyList<string> WireNames => Table.Names;

    public static string ToWireName(this QualificationResult result) => Table.NameOf(result);

    public static bool TryParse(string? text, out QualificationResult value, out string error) =>
        Table.TryParse(text, out value, out error);
}
