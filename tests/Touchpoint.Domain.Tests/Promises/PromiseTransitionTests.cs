using Touchpoint.Domain.Interactions;
using Touchpoint.Domain.Promises;
using static Touchpoint.Domain.Tests.Promises.PromiseSamples;

namespace Touchpoint.Domain.Tests.Promises;

public sealed class PromiseTransitionTests
{
    private static PromiseWithdrawal ToldByPhone(int minutesAfterMade = 10) =>
        new(InteractionChannel.Phone, At(minutesAfterMade), "We cannot call you back today; your case is with the network team.", "care-anna");

    [Fact]
    public void The_matching_act_keeps_an_open_promise_at_the_acts_time()
    {
        Assert.True(Callback().TryKeep(Call(12), out var kept, out var reason), reason);

        Assert.Equal(PromiseState.Kept, kept.State);
        Assert.Equal(At(12), kept.FulfilledAt);
        Assert.False(kept.IsKeptLate);
    }

    [Fact]
    public void A_non_matching_act_leaves_the_promise_open_and_says_why()
    {
        var open = Callback();

        Assert.False(open.TryKeep(Call(12, InteractionDirection.Inbound), out var unchanged, out var reason));
        Assert.Same(open, unchanged);
        Assert.Equal("An inbound call from the customer does not keep a callback: the operator must call them.", reason);
    }

    [Fact]
    public void A_late_act_on_an_open_promise_breaks_it_and_marks_it_kept_late()
    {
        // The watcher has not fired yet; the record must still say what happened to the customer.
        Assert.True(Callback().TryKeep(Call(25), out var updated, out var reason));

        Assert.Equal(PromiseState.Broken, updated.State);
        Assert.True(updated.IsKeptLate);
        Assert.Equal(At(25), updated.FulfilledAt);
        Assert.Contains("but late", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_promise_stays_broken_when_the_act_comes_late()
    {
        Assert.True(Callback().TryBreak(At(20), out var broken, out _));

        Assert.True(broken.TryKeep(Call(180), out var keptLate, out _));
        Assert.Equal(PromiseState.Broken, keptLate.State);
        Assert.True(keptLate.IsKeptLate);
        Assert.Equal(At(180), keptLate.FulfilledAt);
    }

    [Fact]
    public void An_in_time_act_recorded_after_the_breach_does_not_undo_it()
    {
        Assert.True(Callback().TryBreak(At(20), out var broken, out _));

        Assert.True(broken.TryKeep(Call(19), out var updated, out var reason));
        Assert.Equal(PromiseState.Broken, updated.State);
        Assert.True(updated.IsKeptLate);
        Assert.EndsWith("It was recorded after the promise was broken, so it stays broken and is marked kept late.", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_promise_is_kept_late_only_once()
    {
        Assert.True(Callback().TryKeep(Call(25), out var keptLate, out _));

        Assert.False(keptLate.TryKeep(Call(30), out _, out var reason));
        Assert.Equal("The promise is broken and was already recorded as kept late at 2026-03-02T10:25:00Z.", reason);
    }

    [Fact]
    public void A_kept_promise_is_not_kept_again()
    {
        Assert.True(Callback().TryKeep(Call(12), out var kept, out _));

        Assert.False(kept.TryKeep(Call(15), out var unchanged, out var reason));
        Assert.Equal(At(12), unchanged.FulfilledAt);
        Assert.Equal("The promise was already kept at 2026-03-02T10:12:00Z.", reason);
    }

    [Fact]
    public void A_withdrawn_promise_cannot_be_kept()
    {
        Assert.True(Callback().TryWithdraw(ToldByPhone(), At(10), out var withdrawn, out _));

        Assert.False(withdrawn.TryKeep(Call(12), out _, out var reason));
        Assert.Equal("The promise was withdrawn; there is nothing left to keep.", reason);
    }

    [Fact]
    public void A_promise_breaks_at_its_due_time_not_before()
    {
        Assert.False(Callback().TryBreak(At(20).AddTicks(-1), out var stillOpen, out var error));
        Assert.Equal(PromiseState.Open, stillOpen.State);
        Assert.Equal("The promise is not due until 2026-03-02T10:20:00Z.", error);

        Assert.True(Callback().TryBreak(At(20), out var broken, out _));
        Assert.Equal(PromiseState.Broken, broken.State);
        Assert.False(broken.IsKeptLate);
    }

    [Fact]
    public void Only_an_open_promise_breaks()
    {
        Assert.True(Callback().TryKeep(Call(12), out var kept, out _));

        Assert.False(kept.TryBreak(At(20), out _, out var error));
        Assert.Equal("Only an open promise can break; this one is kept.", error);
    }

    [Fact]
    public void Withdrawing_records_how_the_customer_was_told()
    {
        var told = ToldByPhone();

        Assert.True(Callback().TryWithdraw(told, At(11), out var withdrawn, out var error), error);
        Assert.Equal(PromiseState.Withdrawn, withdrawn.State);
        Assert.Equal(told, withdrawn.Withdrawal);
    }

    [Fact]
    public void Withdrawing_without_telling_the_customer_is_refused()
    {
        Assert.False(Callback().TryWithdraw(null, At(10), out var unchanged, out var error));
        Assert.Equal(PromiseState.Open, unchanged.State);
        Assert.Equal("Withdrawing a promise requires telling the customer: record the channel, the time and what they were told.", error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Withdrawing_needs_the_words_the_customer_heard(string text)
    {
        Assert.False(Callback().TryWithdraw(ToldByPhone() with { ToldText = text }, At(10), out _, out var error));
        Assert.Equal("Record what the customer was told when the promise was withdrawn.", error);
    }

    [Fact]
    public void Withdrawing_needs_who_withdrew_it()
    {
        Assert.False(Callback().TryWithdraw(ToldByPhone() with { WithdrawnByUserId = " " }, At(10), out _, out var error));
        Assert.Equal("Record who withdrew the promise.", error);
    }

    [Fact]
    public void Withdrawing_needs_a_known_channel()
    {
        Assert.False(Callback().TryWithdraw(ToldByPhone() with { ToldVia = (InteractionChannel)99 }, At(10), out _, out var error));
        Assert.StartsWith("Record the channel the customer was told through", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_customer_cannot_be_told_after_the_due_time()
    {
        Assert.False(Callback().TryWithdraw(ToldByPhone(21), At(21), out _, out var error));
        Assert.Equal("The promise fell due at 2026-03-02T10:20:00Z before the customer was told; it is broken, not withdrawn.", error);
    }

    [Fact]
    public void The_customer_cannot_be_told_before_the_promise_or_in_the_future()
    {
        Assert.False(Callback().TryWithdraw(ToldByPhone(-1), At(10), out _, out var before));
        Assert.StartsWith("The customer cannot have been told (2026-03-02T09:59:00Z) before the promise was made", before, StringComparison.Ordinal);

        Assert.False(Callback().TryWithdraw(ToldByPhone(15), At(10), out _, out var future));
        Assert.StartsWith("The customer cannot have been told in the future", future, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_promise_cannot_be_withdrawn()
    {
        Assert.True(Callback().TryBreak(At(20), out var broken, out _));

        Assert.False(broken.TryWithdraw(ToldByPhone(), At(30), out _, out var error));
        Assert.Equal("Only an open promise can be withdrawn; this one is broken.", error);
    }

    [Fact]
    public void The_owner_is_warned_once_and_only_before_due()
    {
        Assert.True(Callback().TryRecordWarning(At(15), out var warned, out var error), error);
        Assert.Equal(At(15), warned.WarnedAt);

        Assert.False(warned.TryRecordWarning(At(16), out _, out var again));
        Assert.Equal("The owner was already warned at 2026-03-02T10:15:00Z.", again);

        Assert.False(Callback().TryRecordWarning(At(20), out _, out var tooLate));
        Assert.StartsWith("The promise fell due at 2026-03-02T10:20:00Z; past that it breaks", tooLate, StringComparison.Ordinal);
    }

    [Fact]
    public void A_kept_promise_is_not_warned_about()
    {
        Assert.True(Callback().TryKeep(Call(12), out var kept, out _));

        Assert.False(kept.TryRecordWarning(At(15), out _, out var error));
        Assert.Equal("Only an open promise is warned about; this one is kept.", error);
    }
}
