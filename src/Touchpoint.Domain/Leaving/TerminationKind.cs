namespace Touchpoint.Domain.Leaving;

/// <summary>What the customer asked for: to cancel (with notice) or to withdraw from a new contract (cooling-off, at once).</summary>
public enum TerminationKind
{
    Cancellation,
    Withdrawal,

    /// <summary>Withdrawal from a change sold on its own (CRD-9): its previous plan, price and binding come back; the subscription runs on.</summary>
    ChangeWithdrawal,

    /// <summary>Ended free of cost because the service does not conform to the contract (EU-105-5).</summary>
    EndWithoutCost,
}

public static class TerminationKinds
{
    private static readonly WireNameTable<TerminationKind> Table = new(
        "termination kind",
        (TerminationKind.Cancellation, "cancellation"),
        (TerminationKind.Withdrawal, "withdrawal"),
        (TerminationKind.ChangeWithdrawal, "changeWithdrawal"),
        (TerminationKind.EndWithoutCost, "endWithoutCost"));

    public static IReadOnlyList<string> WireNames => Table.Names;

    public static string ToWireName(this TerminationKind kind) => Table.NameOf(kind);

    public static bool TryParse(string? text, out TerminationKind value, out string error) =>
        Table.TryParse(text, out value, out error);
}

/// <summary>Where a termination stands.</summary>
public enum TerminationState
{
    /// <summary>Confirmed; the subscription is pendingTerminate until the effective date.</summary>
    Pending,

    /// <summary>The subscription has ended.</summary>
    Completed,

    /// <summary>Withdrawn at the customer's or the operator's request before it took effect (S1-5): the subscription runs on, on its old terms.</summary>
    Revoked,
}

public static class TerminationStates
{
    private static readonly WireNameTable<TerminationState> Table = new(
        "termination state",
        (TerminationState.Pending, "pending"),
        (TerminationState.Completed, "completed"),
        (TerminationState.Revoked, "revoked"));

    public static IReadOnlyList<string> WireNames => Table.Names;

    public static string ToWireName(this TerminationState state) => Table.NameOf(state);

    public static bool TryParse(string? text, out TerminationState value, out string error) =>
        Table.TryParse(text, out value, out error);
}
