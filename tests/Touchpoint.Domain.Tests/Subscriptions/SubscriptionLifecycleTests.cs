using Touchpoint.Domain.Subscriptions;

namespace Touchpoint.Domain.Tests.Subscriptions;

public sealed class SubscriptionLifecycleTests
{
    // The TMF637 transitions the product allows, written out independently of the production table.
    private static readonly HashSet<(string From, string To)> Allowed =
    [
        ("created", "pendingActive"), ("created", "active"), ("created", "terminated"),
        ("pendingActive", "active"), ("pendingActive", "terminated"),
        ("active", "suspended"), ("active", "pendingTerminate"), ("active", "terminated"),
        ("suspended", "active"), ("suspended", "pendingTerminate"), ("suspended", "terminated"),
        ("pendingTerminate", "terminated"), ("pendingTerminate", "active"),
    ];

    public static TheoryData<SubscriptionStatus, SubscriptionStatus> EveryPair()
    {
        var data = new TheoryData<SubscriptionStatus, SubscriptionStatus>();
        foreach (var from in Enum.GetValues<SubscriptionStatus>())
        {
            foreach (var to in Enum.GetValues<SubscriptionStatus>())
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Each_move_is_allowed_exactly_when_the_table_says_so(SubscriptionStatus from, SubscriptionStatus to)
    {
        var expected = Allowed.Contains((from.ToWireName(), to.ToWireName()));
        Assert.Equal(expected, SubscriptionLifecycle.CanMove(from, to));
        Assert.Equal(expected, SubscriptionLifecycle.AllowedFrom(from).Contains(to));
    }

    [Fact]
    public void Staying_in_the_same_status_is_never_a_move() =>
        Assert.All(Enum.GetValues<SubscriptionStatus>(), status => Assert.False(SubscriptionLifecycle.CanMove(status, status)));

    [Fact]
    public void Terminated_is_the_only_final_status()
    {
        Assert.Empty(SubscriptionLifecycle.AllowedFrom(SubscriptionStatus.Terminated));
        Assert.Equal(
            [SubscriptionStatus.Terminated],
            Enum.GetValues<SubscriptionStatus>().Where(SubscriptionLifecycle.IsFinal));
    }

    [Fact]
    public void A_withdrawn_cancellation_returns_the_subscription_to_active() =>
        Assert.True(SubscriptionLifecycle.CanMove(SubscriptionStatus.PendingTerminate, SubscriptionStatus.Active));

    [Fact]
    public void Every_status_can_reach_terminated_except_terminated_itself() =>
        Assert.All(
            Enum.GetValues<SubscriptionStatus>().Where(s => s != SubscriptionStatus.Terminated),
            status => Assert.True(SubscriptionLifecycle.CanMove(status, SubscriptionStatus.Terminated)));
}
