namespace Touchpoint.Domain.Customers;

/// <summary>Where a merge of two customer records stands.</summary>
public enum MergeState
{
    /// <summary>Asked for by someone who may not merge these records alone; a team lead or admin decides.</summary>
    Pending,

    /// <summary>Merged: at once on the evidence, by a lead with a reason, or approved by one.</summary>
    Merged,

    /// <summary>A lead refused the request; nothing moved.</summary>
    Refused,

    /// <summary>Merged, then undone: what moved moved back and both records are active again.</summary>
    Undone,
}

public static class MergeStates
{
    private static readonly WireNameTable<MergeState> Table = new(
        "merge state",
        (MergeState.Pending, "pending"),
        (MergeState.Merged, "merged"),
        (MergeState.Refused, "refused"),
        (MergeState.Undone, "undone"));

    public static string ToWireName(this MergeState state) => Table.NameOf(state);

    public static bool TryParse(string? text, out MergeState value, out string error) => Table.TryParse(text, out value, out error);

    public static IReadOnlyList<string> WireNames => Table.Names;
}
