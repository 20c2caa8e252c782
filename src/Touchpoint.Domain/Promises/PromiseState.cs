namespace Touchpoint.Domain.Promises;

public enum PromiseState
{
    Open,

    /// <summary>The matching act happened no later than the due time.</summary>
    Kept,

    /// <summary>Due time passed without the matching act. Final: the customer was let down.</summary>
    Broken,

    /// <summary>Called off before the due time, and the customer was told.</summary>
    Withdrawn,
}

public static class PromiseStates
{
    private static readonly WireNameTable<PromiseState> Table = new(
        "promise state",
        (PromiseState.Open, "open"),
        (PromiseState.Kept, "kept"),
        (PromiseState.Broken, "broken"),
        (PromiseState.Withdrawn, "withdrawn"));

    public static IReadOnlyList<string> WireNames => Table.Names;

    public static string ToWireName(this PromiseState state) => Table.NameOf(state);

    public static bool TryParse(string? text, out PromiseState value, out string error) =>
        Table.TryParse(text, out value, out error);
}
