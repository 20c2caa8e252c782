using Touchpoint.Domain.Orders;

namespace Touchpoint.Domain.Tests.Orders;

public sealed class OrderLifecycleTests
{
    // The TMF622 moves Touchpoint allows, written out independently of the production table.
    private static readonly HashSet<(string From, string To)> Allowed =
    [
        ("acknowledged", "inProgress"), ("acknowledged", "pending"), ("acknowledged", "held"), ("acknowledged", "rejected"), ("acknowledged", "assessingCancellation"),
        ("pending", "inProgress"), ("pending", "held"), ("pending", "assessingCancellation"),
        ("held", "inProgress"), ("held", "pending"), ("held", "assessingCancellation"),
        ("inProgress", "completed"), ("inProgress", "failed"), ("inProgress", "partial"), ("inProgress", "held"), ("inProgress", "pending"),
        ("assessingCancellation", "pendingCancellation"), ("assessingCancellation", "acknowledged"), ("assessingCancellation", "pending"), ("assessingCancellation", "held"),
        ("pendingCancellation", "cancelled"),
    ];

    public static TheoryData<OrderState, OrderState> EveryPair()
    {
        var data = new TheoryData<OrderState, OrderState>();
        foreach (var from in Enum.GetValues<OrderState>())
        {
            foreach (var to in Enum.GetValues<OrderState>())
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Each_move_is_allowed_exactly_when_the_table_says_so(OrderState from, OrderState to)
    {
        var expected = Allowed.Contains((from.ToWireName(), to.ToWireName()));
        Assert.Equal(expected, OrderLifecycle.CanMove(from, to));
        Assert.Equal(expected, OrderLifecycle.TryMove(from, to, out var error));
        Assert.Equal(expected, error.Length == 0);
    }

    [Fact]
    public void The_wire_names_are_TMF622s_eleven_states()
    {
        Assert.Equal(
            ["acknowledged", "rejected", "pending", "held", "inProgress", "cancelled", "completed", "failed", "partial", "assessingCancellation", "pendingCancellation"],
            OrderStates.WireNames);
        Assert.Equal(
            ["acknowledged", "rejected", "pending", "held", "inProgress", "cancelled", "completed", "failed", "assessingCancellation", "pendingCancellation"],
            OrderItemStates.WireNames);
        Assert.Equal(["add", "modify", "delete", "noChange"], OrderItemActions.WireNames);
    }

    [Fact]
    public void An_illegal_move_names_the_allowed_ones_and_a_final_state_says_it_is_final()
    {
        Assert.False(OrderLifecycle.TryMove(OrderState.Acknowledged, OrderState.Completed, out var error));
        Assert.Equal("An order that is acknowledged cannot move to completed; allowed: rejected, pending, held, inProgress, assessingCancellation.", error);

        Assert.False(OrderLifecycle.TryMove(OrderState.Completed, OrderState.AssessingCancellation, out var final));
        Assert.Equal("An order that is completed cannot move to assessingCancellation: completed is final.", final);
    }

    [Theory]
    [InlineData(OrderState.Acknowledged, true)]
    [InlineData(OrderState.Pending, true)]
    [InlineData(OrderState.Held, true)]
    [InlineData(OrderState.InProgress, false)]
    [InlineData(OrderState.Completed, false)]
    [InlineData(OrderState.Failed, false)]
    [InlineData(OrderState.Cancelled, false)]
    public void Only_an_order_nothing_of_which_is_applied_can_be_cancelled(OrderState state, bool cancellable) =>
        Assert.Equal(cancellable, OrderLifecycle.IsCancellable(state));

    [Fact]
    public void Items_move_with_their_order_and_never_become_partial()
    {
        Assert.True(OrderItemLifecycle.CanMove(OrderItemState.InProgress, OrderItemState.Completed));
        Assert.True(OrderItemLifecycle.CanMove(OrderItemState.InProgress, OrderItemState.Failed));
        Assert.True(OrderItemLifecycle.CanMove(OrderItemState.PendingCancellation, OrderItemState.Cancelled));
        Assert.False(OrderItemLifecycle.CanMove(OrderItemState.Completed, OrderItemState.InProgress));
        Assert.False(OrderItemLifecycle.CanMove(OrderItemState.Acknowledged, OrderItemState.Completed));
        Assert.Throws<ArgumentOutOfRangeException>(() => OrderLifecycle.ItemStateFor(OrderState.Partial));
        Assert.All(Enum.GetValues<OrderItemState>().Where(OrderItemLifecycle.IsFinal),
            final => Assert.DoesNotContain(Enum.GetValues<OrderItemState>(), next => OrderItemLifecycle.CanMove(final, next)));
    }
}
