using Touchpoint.Domain.Contracts;
using Touchpoint.Domain.Customers;

namespace Touchpoint.Domain.Tests.Contracts;

/// <summary>
/// S1-5 / TP-1: Henrik (DK, a customer for 20 years, no binding) gave notice, was talked into withdrawing it, and
/// when he gave notice again the operator insisted on a new three-month notice period. The rules give him what the
/// law allows, however many times he gives and withdraws notice.
/// </summary>
public sealed class StoryS1_5Tests
{
    private static readonly ContractRuleBook Law = ContractRuleBook.Law;

    private static readonly ContractFacts Henrik = new(Jurisdiction.DK, new DateOnly(2006, 4, 1), BindingEnd: null, SalesMode.OnPremises);

    [Fact]
    public void Henriks_notice_stays_one_month_after_he_withdrew_his_termination()
    {
        var firstNotice = Law.Leaving(Henrik, new DateOnly(2026, 2, 2));
        Assert.Equal(new DateOnly(2026, 3, 2), firstNotice.EffectiveDate);

        // At the operator's request he withdraws the termination.
        var afterWithdrawal = Law.AfterTerminationWithdrawn(Henrik);

        // Three weeks later he gives notice again: one month, not "reset to 3 months", and no binding.
        var secondNotice = Law.Leaving(afterWithdrawal, new DateOnly(2026, 2, 23));
        Assert.Equal(1, secondNotice.NoticeMonths);
        Assert.False(secondNotice.IsBound);
        Assert.Equal(new DateOnly(2026, 3, 23), secondNotice.EffectiveDate);
        Assert.True(secondNotice.EffectiveDate <= new DateOnly(2026, 2, 23).AddMonths(1));
        Assert.NotEqual(new DateOnly(2026, 5, 23), secondNotice.EffectiveDate);
        Assert.Equal(["EU-105-2"], secondNotice.RuleIds);
    }

    [Fact]
    public void Withdrawing_a_termination_never_creates_a_binding_or_moves_one()
    {
        Assert.Null(Law.AfterTerminationWithdrawn(Henrik).BindingEnd);

        var bound = Henrik with { BindingEnd = new DateOnly(2026, 6, 1) };
        var after = Law.AfterTerminationWithdrawn(bound);
        Assert.Equal(bound, after);
        Assert.Equal(new DateOnly(2026, 6, 1), after.BindingEnd);
    }

    [Fact]
    public void Giving_and_withdrawing_notice_again_and_again_never_lengthens_the_notice()
    {
        var contract = Henrik;
        var requested = new DateOnly(2026, 1, 5);
        for (var round = 0; round < 5; round++)
        {
            contract = Law.AfterTerminationWithdrawn(contract);
            var leaving = Law.Leaving(contract, requested);
            Assert.Equal(requested.AddMonths(1), leaving.EffectiveDate);
            Assert.Equal(1, leaving.NoticeMonths);
            requested = requested.AddDays(9);
        }
    }

    [Fact]
    public void An_operator_cannot_write_a_three_month_notice_into_its_rules()
    {
        var loaded = ContractRuleBook.TryLoad("""{ "version": "telenor-1", "jurisdictions": { "DK": { "noticeMaxMonths": 3 } } }""", out var book, out var error);

        Assert.False(loaded);
        Assert.Null(book);
        Assert.Equal("EU-105-2: DK noticeMax of 3 months is looser than the law's 1 month; an operator may only tighten it (at most 1 month).", error);
    }
}
