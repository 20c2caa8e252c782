using Touchpoint.Domain.Platform;

namespace Touchpoint.Domain.Cases;

/// <summary>
/// Which status changes a case may make (TMF621). Staying in the same status is not a move. Whether a
/// case may be resolved also depends on its questions and need: see <see cref="ResolutionGuard"/>.
/// </summary>
public static class CaseLifecycle
{
    private static readonly Transitions<CaseStatus> Moves = new(
        "A case",
        new Dictionary<CaseStatus, CaseStatus[]>
        {
            // Work starts, the customer is asked for something first, or the case waits on the operator side.
            // Straight to resolved is a first-contact resolution; cancelled is the customer withdrawing; rejected
            // is a complaint found unjustified or outside what the operator handles.
            [CaseStatus.Acknowledged] = Set(
                CaseStatus.InProgress, CaseStatus.Pending, CaseStatus.Held,
                CaseStatus.Resolved, CaseStatus.Cancelled, CaseStatus.Rejected),

            // A complaint can also be rejected after it has been investigated, not only on receipt.
            [CaseStatus.InProgress] = Set(
                CaseStatus.Pending, CaseStatus.Held, CaseStatus.Resolved, CaseStatus.Cancelled, CaseStatus.Rejected),

            // The customer answered, so work resumes; or the customer withdrew while we waited on them.
            // Resolving needs the answer to be worked on first, so there is no shortcut to resolved.
            [CaseStatus.Pending] = Set(CaseStatus.InProgress, CaseStatus.Cancelled),

            // What held the case (a supplier, a field visit) is done, or the customer withdrew meanwhile.
            [CaseStatus.Held] = Set(CaseStatus.InProgress, CaseStatus.Cancelled),

            // The customer confirms (or the confirmation period passes): closed. The customer says it is not
            // solved: reopened, with the same case and owner rather than a new case (S1-3).
            [CaseStatus.Resolved] = Set(CaseStatus.Closed, CaseStatus.InProgress),

            // Final: a new problem is a new case, so history and SLA figures of a finished case never change.
            [CaseStatus.Closed] = Set(),
            [CaseStatus.Cancelled] = Set(),
            [CaseStatus.Rejected] = Set(),
        },
        s => s.ToWireName());

    public static bool CanMove(CaseStatus from, CaseStatus to) => Moves.CanMove(from, to);

    public static IReadOnlySet<CaseStatus> AllowedFrom(CaseStatus from) => Moves.AllowedFrom(from);

    /// <summary>The error names the allowed moves, so an API can answer 409 with something actionable.</summary>
    public static bool TryMove(CaseStatus from, CaseStatus to, out string error) => Moves.TryMove(from, to, out error);

    public static bool IsFinal(CaseStatus status) => Moves.IsFinal(status);

    /// <summary>
    /// The customer says a resolved case is not solved: back to work on the same case, with its owner and history (S1-3),
    /// counted as a reopening so first-contact resolution never claims it.
    /// </summary>
    public static bool IsReopening(CaseStatus from, CaseStatus to) => from == CaseStatus.Resolved && to == CaseStatus.InProgress;

    /// <summary>Only a resolved case can be reopened; the error says why another cannot, and what to do instead.</summary>
    public static bool TryReopen(CaseStatus status, out string error)
    {
        error = status switch
        {
            CaseStatus.Resolved => string.Empty,
            _ when IsFinal(status) => $"A case that is {status.ToWireName()} cannot be reopened: {status.ToWireName()} is final, so a new problem is a new case.",
            _ => $"A case that is {status.ToWireName()} is not resolved, so there is nothing to reopen: it is still being worked on.",
        };
        return error.Length == 0;
    }

    /// <summary>
    /// Work remains for the operator. A resolved case is not open: it waits only for the customer to
    /// confirm, and it leaves "my work" lists until it is reopened.
    /// </summary>
    public static bool IsOpen(CaseStatus status) =>
        status is CaseStatus.Acknowledged or CaseStatus.InProgress or CaseStatus.Pending or CaseStatus.Held;

    /// <summary>Only waiting on the customer stops the SLA clock; waiting on ourselves or a supplier does not.</summary>
    public static bool PausesSla(CaseStatus status) => status == CaseStatus.Pending;

    private static CaseStatus[] Set(params CaseStatus[] states) => states;
}
