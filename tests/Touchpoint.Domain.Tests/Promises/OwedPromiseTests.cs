using Touchpoint.Domain.Interactions;
using Touchpoint.Domain.Promises;
using static Touchpoint.Domain.Tests.Promises.PromiseSamples;

namespace Touchpoint.Domain.Tests.Promises;

/// <summary>S4-2: a broken callback is still owed until it is made, or until the customer agreed to something else.</summary>
public sealed class OwedPromiseTests
{
    private static Promise Broken()
    {
        Assert.True(Callback().TryBreak(At(20), out var broken, out var error), error);
        return broken;
    }

    private static PromiseWithdrawal Agreed(int minutesAfterMade = 40, string text = "Offered a call tomorrow at 9 instead; she agreed.") =>
        new(InteractionChannel.Phone, At(minutesAfterMade), text, "care-anna");

    [Fact]
    public void An_open_promise_and_a_broken_one_are_owed_until_done_late()
    {
        Assert.True(Callback().IsOwed);
        var broken = Broken();
        Assert.True(broken.IsOwed);

        Assert.True(broken.TryKeep(Call(45), out var keptLate, out var reason), reason);
        Assert.True(keptLate.IsKeptLate);
        Assert.False(keptLate.IsOwed);
    }

    [Fact]
    public void Settling_a_broken_promise_with_the_customer_ends_what_is_owed_but_it_stays_broken()
    {
        Assert.True(Broken().TrySettle(Agreed(), At(41), out var settled, out var error, out _), error);

        Assert.Equal(PromiseState.Broken, settled.State);
        Assert.True(settled.IsSettled);
        Assert.False(settled.IsOwed);
        Assert.False(settled.TryKeep(Call(50), out _, out var reason));
        Assert.Contains("settled", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_a_broken_promise_still_owed_can_be_settled()
    {
        Assert.False(Callback().TrySettle(Agreed(10), At(11), out _, out var open, out var openProperty));
        Assert.Equal((nameof(Promise.State), true), (openProperty, open.Contains("still open", StringComparison.Ordinal)));

        Assert.True(Broken().TryKeep(Call(45), out var keptLate, out _));
        Assert.False(keptLate.TrySettle(Agreed(), At(46), out _, out var done, out _));
        Assert.Contains("done late", done, StringComparison.Ordinal);

        Assert.True(Broken().TrySettle(Agreed(), At(41), out var settled, out _, out _));
        Assert.False(settled.TrySettle(Agreed(42), At(43), out _, out var twice, out _));
        Assert.Contains("already settled", twice, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, 40, 41, nameof(Promise.Withdrawal))]
    [InlineData("", 40, 41, nameof(PromiseWithdrawal.ToldText))]
    [InlineData("She agreed.", 15, 41, nameof(PromiseWithdrawal.ToldAt))]
    [InlineData("She agreed.", 42, 41, nameof(PromiseWithdrawal.ToldAt))]
    public void A_settlement_needs_what_the_customer_was_told_after_it_broke_and_not_in_the_future(string? text, int toldAt, int now, string expected)
    {
        var told = text is null ? null : Agreed(toldAt, text);

        Assert.False(Broken().TrySettle(told, At(now), out var unchanged, out var error, out var property));

        Assert.Equal(expected, property);
        Assert.NotEmpty(error);
        Assert.True(unchanged.IsOwed);
    }
}
