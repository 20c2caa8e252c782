namespace Touchpoint.Domain.Cases;

/// <summary>Lifecycle states of a case, as TroubleTicketStatusType in TMF621 Trouble Ticket.</summary>
public enum CaseStatus
{
    Acknowledged,
    InProgress,

    /// <summary>Waiting on the customer (an answer, a document, access to the premises): the SLA clock is paused.</summary>
    Pending,

    /// <summary>Held by the operator (waiting on a supplier, a field team, a fix): the SLA clock keeps running.</summary>
    Held,
    Resolved,
    Closed,
    Cancelled,
    Rejected,
}

public static class CaseStatuses
{
    private static readonly WireNameTable<CaseStatus> Table = new(
        "case status",
        (CaseStatus.Acknowledged, "acknowledged"),
        (CaseStatus.InProgress, "inProgress"),
        (CaseStatus.Pending, "pending"),
        (CaseStatus.Held, "held"),
        (CaseStatus.Resolved, "resolved"),
        (CaseStatus.Closed, "closed"),
        (CaseStatus.Cancelled, "cancelled"),
        (CaseStatus.Rejected, "rejected"));

    public static IReadOnlyList<string> WireNames => Table.Names;

    public static string ToWireName(this CaseStatus status) => Table.NameOf(status);

    public static bool TryParse(string? text, out CaseStatus value, out string error) =>
        Table.TryParse(text, out value, out error);
}
