using System.Collections.Frozen;

namespace Touchpoint.Domain.Orders;

/// <summary>
/// Which state changes a product order may make (TMF622). Staying in the same state is not a move.
/// An order runs as a whole: it goes from inProgress to completed (every item done) or failed (none applied);
/// <see cref="OrderState.Partial"/> is TMF622's, reachable in the table for integrators' sake, and never used by Touchpoint.
/// </summary>
public static class OrderLifecycle
{
    private static readonly FrozenDictionary<OrderState, FrozenSet<OrderState>> Moves =
        new Dictionary<OrderState, FrozenSet<OrderState>>
        {
            // Accepted and waiting for its start date: it starts, waits on someone, or the customer cancels.
            [OrderState.Acknowledged] = Set(OrderState.InProgress, OrderState.Pending, OrderState.Held, OrderState.Rejected, OrderState.AssessingCancellation),
            [OrderState.Pending] = Set(OrderState.InProgress, OrderState.Held, OrderState.AssessingCancellation),
            [OrderState.Held] = Set(OrderState.InProgress, OrderState.Pending, OrderState.AssessingCancellation),
            [OrderState.InProgress] = Set(OrderState.Completed, OrderState.Failed, OrderState.Partial, OrderState.Held, OrderState.Pending),

            // A cancellation request is assessed; refused, the order goes back to waiting; accepted, it is cancelled.
            [OrderState.AssessingCancellation] = Set(OrderState.PendingCancellation, OrderState.Acknowledged, OrderState.Pending, OrderState.Held),
            [OrderState.PendingCancellation] = Set(OrderState.Cancelled),

            [OrderState.Rejected] = Set(),
            [OrderState.Cancelled] = Set(),
            [OrderState.Completed] = Set(),
            [OrderState.Failed] = Set(),
            [OrderState.Partial] = Set(),
        }.ToFrozenDictionary();

    public static bool CanMove(OrderState from, OrderState to) => AllowedFrom(from).Contains(to);

    public static IReadOnlySet<OrderState> AllowedFrom(OrderState from) =>
        Moves.TryGetValue(from, out var allowed)
            ? allowed
            : throw new ArgumentOutOfRangeException(nameof(from), from, "Unknown order state.");

    /// <summary>The error names the allowed moves, so an API can answer 409 with something actionable.</summary>
    public static bool TryMove(OrderState from, OrderState to, out string error)
    {
        if (CanMove(from, to))
        {
            error = string.Empty;
            return true;
        }

        var allowed = AllowedFrom(from);
        error = allowed.Count == 0
            ? $"An order that is {from.ToWireName()} cannot move to {to.ToWireName()}: {from.ToWireName()} is final."
            : $"An order that is {from.ToWireName()} cannot move to {to.ToWireName()}; allowed: {string.Join(", ", allowed.Order().Select(s => s.ToWireName()))}.";
        return false;
    }

    public static bool IsFinal(OrderState state) => AllowedFrom(state).Count == 0;

    /// <summary>Nothing of the order has been applied yet, so the customer may still cancel it as a whole.</summary>
    public static bool IsCancellable(OrderState state) => CanMove(state, OrderState.AssessingCancellation);

    /// <summary>The state every item takes when the order reaches <paramref name="state"/>: items follow their order.</summary>
    public static OrderItemState ItemStateFor(OrderState state) => state switch
    {
        OrderState.Acknowledged => OrderItemState.Acknowledged,
        OrderState.Rejected => OrderItemState.Rejected,
        OrderState.Pending => OrderItemState.Pending,
        OrderState.Held => OrderItemState.Held,
        OrderState.InProgress => OrderItemState.InProgress,
        OrderState.Cancelled => OrderItemState.Cancelled,
        OrderState.Completed => OrderItemState.Completed,
        OrderState.Failed => OrderItemState.Failed,
        OrderState.AssessingCancellation => OrderItemState.AssessingCancellation,
        OrderState.PendingCancellation => OrderItemState.PendingCancellation,
        OrderState.Partial => throw new ArgumentOutOfRangeException(nameof(state), state, "Touchpoint never leaves an order partial: it runs as a whole."),
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown order state."),
    };

    private static FrozenSet<OrderState> Set(params OrderState[] states) => states.ToFrozenSet();
}
