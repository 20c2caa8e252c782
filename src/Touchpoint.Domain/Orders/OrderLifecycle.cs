using Touchpoint.Domain.Platform;

namespace Touchpoint.Domain.Orders;

/// <summary>
/// Which state changes a product order may make (TMF622). Staying in the same state is not a move.
/// An order runs as a whole: it goes from inProgress to completed (every item done) or failed (none applied);
/// <see cref="OrderState.Partial"/> is TMF622's, reachable in the table for integrators' sake, and never used by Touchpoint.
/// </summary>
public static class OrderLifecycle
{
    private static readonly Transitions<OrderState> Moves = new(
        "An order",
        new Dictionary<OrderState, OrderState[]>
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
        },
        s => s.ToWireName());

    public static bool CanMove(OrderState from, OrderState to) => Moves.CanMove(from, to);

    public static IReadOnlySet<OrderState> AllowedFrom(OrderState from) => Moves.AllowedFrom(from);

    /// <summary>The error names the allowed moves, so an API can answer 409 with something actionable.</summary>
    public static bool TryMove(OrderState from, OrderState to, out string error) => Moves.TryMove(from, to, out error);

    public static bool IsFinal(OrderState state) => Moves.IsFinal(state);

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

    private static OrderState[] Set(params OrderState[] states) => states;
}
