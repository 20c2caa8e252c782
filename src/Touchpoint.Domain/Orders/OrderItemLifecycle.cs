namespace Touchpoint.Domain.Orders;

/// <summary>
/// Which state changes an order item may make. Items move with their order (an order runs as a whole), so an item
/// may make exactly the moves its order may make, with the order's states mapped by <see cref="OrderLifecycle.ItemStateFor"/>.
/// </summary>
public static class OrderItemLifecycle
{
    public static bool CanMove(OrderItemState from, OrderItemState to) =>
        Enum.GetValues<OrderState>()
            .Where(s => s != OrderState.Partial)
            .Any(order => OrderLifecycle.ItemStateFor(order) == from
                && OrderLifecycle.AllowedFrom(order).Any(next => next != OrderState.Partial && OrderLifecycle.ItemStateFor(next) == to));

    public static bool IsFinal(OrderItemState state) =>
        state is OrderItemState.Rejected or OrderItemState.Cancelled or OrderItemState.Completed or OrderItemState.Failed;
}
