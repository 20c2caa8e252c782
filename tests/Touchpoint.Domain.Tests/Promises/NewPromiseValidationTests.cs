using Touchpoint.Domain.Compensation;
using Touchpoint.Domain.Interactions;
using Touchpoint.Domain.Promises;
using static Touchpoint.Domain.Tests.Promises.PromiseSamples;

namespace Touchpoint.Domain.Tests.Promises;

public sealed class NewPromiseValidationTests
{
    private static readonly DateTime Now = MadeAt;

    [Fact]
    public void A_store_clerk_may_promise_a_callback_that_customer_service_owns()
    {
        var promise = Callback();

        Assert.True(promise.TryValidateNew(Now, out var error), error);
        Assert.Equal(string.Empty, error);
        Assert.NotEqual(promise.OwnerUserId, promise.MadeByUserId);
        Assert.Equal(PromiseState.Open, promise.State);
    }

    [Theory]
    [InlineData(PromiseKind.Callback)]
    [InlineData(PromiseKind.WrittenReply)]
    [InlineData(PromiseKind.TechnicianVisit)]
    [InlineData(PromiseKind.Refund)]
    [InlineData(PromiseKind.ResolutionByDate)]
    public void Every_kind_can_be_promised(PromiseKind kind) =>
        Assert.True(Of(kind).TryValidateNew(Now, out var error), error);

    [Fact]
    public void A_promise_recorded_after_it_was_made_is_accepted() =>
        Assert.True(Callback().TryValidateNew(Now.AddMinutes(5), out _));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Due_must_be_after_made(int dueInMinutes)
    {
        Assert.False(Callback(dueInMinutes).TryValidateNew(Now, out var error));
        Assert.StartsWith("The due time (", error, StringComparison.Ordinal);
        Assert.Contains("must be after the time the promise was made", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Due_may_be_exactly_one_year_ahead_but_not_more()
    {
        var oneYear = Callback() with { DueAt = MadeAt.AddYears(1) };
        var oneYearAndASecond = oneYear with { DueAt = oneYear.DueAt.AddSeconds(1) };

        Assert.True(oneYear.TryValidateNew(Now, out _));
        Assert.False(oneYearAndASecond.TryValidateNew(Now, out var error));
        Assert.Contains("more than 1 year after the promise was made", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_promise_cannot_be_made_in_the_future()
    {
        Assert.False(Callback().TryValidateNew(Now.AddSeconds(-1), out var error));
        Assert.StartsWith("A promise cannot be made in the future", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void An_owner_is_required(string owner)
    {
        Assert.False((Callback() with { OwnerUserId = owner }).TryValidateNew(Now, out var error));
        Assert.Equal("A promise needs an owner: the person who must keep it.", error);
    }

    [Fact]
    public void The_maker_is_required()
    {
        Assert.False((Callback() with { MadeByUserId = "" }).TryValidateNew(Now, out var error));
        Assert.StartsWith("A promise needs the person who made it", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_customer_is_required()
    {
        Assert.False((Callback() with { CustomerId = Guid.Empty }).TryValidateNew(Now, out var error));
        Assert.Equal("A promise needs the customer it was made to.", error);
    }

    [Fact]
    public void The_channel_must_be_a_known_one()
    {
        Assert.False((Callback() with { MadeVia = (InteractionChannel)99 }).TryValidateNew(Now, out var error));
        Assert.StartsWith("A promise needs the channel it was made in; allowed values: phone,", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_kind_must_be_a_known_one()
    {
        Assert.False((Callback() with { Kind = (PromiseKind)99 }).TryValidateNew(Now, out var error));
        Assert.StartsWith("A promise needs a kind; allowed values: callback,", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Times_must_be_UTC()
    {
        var local = Callback() with { DueAt = DateTime.SpecifyKind(MadeAt.AddMinutes(20), DateTimeKind.Unspecified) };

        Assert.False(local.TryValidateNew(Now, out var error));
        Assert.Equal("The times a promise was made and is due must be UTC instants.", error);
    }

    [Theory]
    [InlineData(PromiseState.Kept)]
    [InlineData(PromiseState.Broken)]
    [InlineData(PromiseState.Withdrawn)]
    public void A_new_promise_starts_open(PromiseState state) =>
        Assert.False((Callback() with { State = state }).TryValidateNew(Now, out _));

    [Fact]
    public void A_new_promise_has_no_warning_yet() =>
        Assert.False((Callback() with { WarnedAt = At(1) }).TryValidateNew(Now, out _));

    [Fact]
    public void A_resolution_promise_needs_its_case()
    {
        Assert.False((Of(PromiseKind.ResolutionByDate) with { CaseRef = null }).TryValidateNew(Now, out var error));
        Assert.Equal("A promise of resolution by a date needs the case it resolves.", error);
    }

    [Fact]
    public void A_refund_promise_needs_a_positive_amount()
    {
        Assert.False((Of(PromiseKind.Refund) with { RefundAmount = null }).TryValidateNew(Now, out var missing));
        Assert.False((Of(PromiseKind.Refund) with { RefundAmount = Money.Zero(Currency.SEK) }).TryValidateNew(Now, out var zero));
        Assert.Equal("A promised refund needs the amount promised, above zero.", missing);
        Assert.Equal(missing, zero);
    }

    [Fact]
    public void Only_a_refund_carries_an_amount()
    {
        Assert.False((Callback() with { RefundAmount = new Money(1m, Currency.SEK) }).TryValidateNew(Now, out var error));
        Assert.Equal("Only a refund promise carries an amount.", error);
    }
}

/// <summary>Each refusal names the property at fault, so an API can name its field without repeating the rules.</summary>
public sealed class PromiseProblemPropertyTests
{
    private static readonly DateTime Now = MadeAt;

    public static TheoryData<string, string> NewPromiseProblems => new()
    {
        { "due before made", nameof(Promise.DueAt) },
        { "due too far ahead", nameof(Promise.DueAt) },
        { "made in the future", nameof(Promise.MadeAt) },
        { "no owner", nameof(Promise.OwnerUserId) },
        { "resolution without a case", nameof(Promise.CaseRef) },
        { "refund without an amount", nameof(Promise.RefundAmount) },
        { "amount on a callback", nameof(Promise.RefundAmount) },
    };

    [Theory]
    [MemberData(nameof(NewPromiseProblems))]
    public void A_new_promise_names_the_property_of_its_first_problem(string problem, string property)
    {
        var promise = problem switch
        {
            "due before made" => Callback(-1),
            "due too far ahead" => Callback() with { DueAt = MadeAt.AddYears(2) },
            "made in the future" => Callback() with { MadeAt = Now.AddMinutes(1) },
            "no owner" => Callback() with { OwnerUserId = " " },
            "resolution without a case" => Of(PromiseKind.ResolutionByDate) with { CaseRef = null },
            "refund without an amount" => Of(PromiseKind.Refund) with { RefundAmount = null },
            _ => Callback() with { RefundAmount = new Money(1m, Currency.SEK) },
        };

        Assert.False(promise.TryValidateNew(Now, out var error, out var named));
        Assert.NotEmpty(error);
        Assert.Equal(property, named);
    }

    [Fact]
    public void A_valid_promise_names_no_property()
    {
        Assert.True(Callback().TryValidateNew(Now, out _, out var named));
        Assert.Empty(named);
    }

    [Fact]
    public void A_refused_withdrawal_says_whether_the_state_the_telling_or_the_due_time_is_at_fault()
    {
        var told = new PromiseWithdrawal(InteractionChannel.Phone, At(10), "We cannot call today; you will get an e-mail.", "care-anna");

        Assert.False(Callback().TryWithdraw(null, At(10), out _, out _, out var notTold));
        Assert.False((Callback() with { State = PromiseState.Kept }).TryWithdraw(told, At(10), out _, out _, out var notOpen));
        Assert.False(Callback().TryWithdraw(told with { ToldAt = At(25) }, At(30), out _, out _, out var afterDue));
        Assert.False(Callback().TryWithdraw(told with { ToldText = "" }, At(10), out _, out _, out var noText));
        Assert.False(Callback().TryWithdraw(told with { ToldAt = At(11) }, At(10), out _, out _, out var inFuture));

        Assert.Equal(
            [nameof(Promise.Withdrawal), nameof(Promise.State), nameof(Promise.DueAt), nameof(PromiseWithdrawal.ToldText), nameof(PromiseWithdrawal.ToldAt)],
            [notTold, notOpen, afterDue, noText, inFuture]);
    }
}
