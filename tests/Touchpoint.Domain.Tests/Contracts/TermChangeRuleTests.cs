using Touchpoint.Domain.Contracts;
using Touchpoint.Domain.Customers;

namespace Touchpoint.Domain.Tests.Contracts;

/// <summary>EU-105-3 and SE-2 (S0-6): a change of terms is announced a month ahead and, unless harmless, opens a free termination window.</summary>
public sealed class TermChangeRuleTests
{
    private static readonly ContractRuleBook Law = ContractRuleBook.Law;
    private static readonly DateOnly Announced = new(2026, 3, 10);

    [Fact]
    public void SE_a_price_rise_opens_a_three_month_termination_window()
    {
        var decision = Law.TermChange(Jurisdiction.SE, TermChangeKind.Worse, Announced, new DateOnly(2026, 5, 1));

        Assert.True(decision.OpensTerminationRight);
        Assert.Equal(new DateOnly(2026, 6, 10), decision.TerminationWindowEnds);
        Assert.Equal(new DateOnly(2026, 5, 1), decision.EarliestEffectiveDate);
        Assert.Equal(["EU-105-3", "SE-2"], decision.RuleIds);
        Assert.Equal("This change is not only to the customer's benefit, so the customer may terminate free of charge until 2026-06-10; it takes effect on 2026-05-01.", decision.Explanation);
    }

    [Theory]
    [InlineData(Jurisdiction.DK)]
    [InlineData(Jurisdiction.NL)]
    [InlineData(Jurisdiction.NO)]
    [InlineData(Jurisdiction.FI)]
    [InlineData(Jurisdiction.DE)]
    public void Elsewhere_the_window_is_one_month(Jurisdiction jurisdiction)
    {
        var decision = Law.TermChange(jurisdiction, TermChangeKind.Worse, Announced, new DateOnly(2026, 5, 1));

        Assert.True(decision.OpensTerminationRight);
        Assert.Equal(new DateOnly(2026, 4, 10), decision.TerminationWindowEnds);
        Assert.Equal(["EU-105-3"], decision.RuleIds);
    }

    [Theory]
    [InlineData(TermChangeKind.OnlyToCustomersBenefit, "only to the customer's benefit")]
    [InlineData(TermChangeKind.PurelyAdministrative, "purely administrative")]
    [InlineData(TermChangeKind.ImposedByLaw, "imposed by law")]
    public void A_harmless_change_opens_nothing(TermChangeKind kind, string what)
    {
        var decision = Law.TermChange(Jurisdiction.SE, kind, Announced, new DateOnly(2026, 5, 1));

        Assert.False(decision.OpensTerminationRight);
        Assert.Null(decision.TerminationWindowEnds);
        Assert.Equal(["EU-105-3"], decision.RuleIds);
        Assert.Equal($"This change is {what}, so it opens no right to terminate; it takes effect on 2026-05-01.", decision.Explanation);
    }

    [Fact]
    public void A_change_announced_less_than_a_month_ahead_cannot_take_effect_before_the_month_has_passed()
    {
        var decision = Law.TermChange(Jurisdiction.DK, TermChangeKind.Worse, Announced, new DateOnly(2026, 3, 20));

        Assert.Equal(new DateOnly(2026, 4, 10), decision.EarliestEffectiveDate);
        Assert.Equal("This change is not only to the customer's benefit, so the customer may terminate free of charge until 2026-04-10; it cannot take effect before 2026-04-10, one month after it was announced on 2026-03-10.", decision.Explanation);
    }

    [Fact]
    public void The_window_feeds_leaving_the_binding_does_not_apply_inside_it()
    {
        var change = Law.TermChange(Jurisdiction.SE, TermChangeKind.Worse, Announced, new DateOnly(2026, 5, 1));
        var contract = new ContractFacts(Jurisdiction.SE, new DateOnly(2025, 9, 1), new DateOnly(2027, 9, 1), SalesMode.Distance,
            FreeTerminationUntil: change.TerminationWindowEnds);

        var leaving = Law.Leaving(contract, new DateOnly(2026, 6, 1));

        Assert.False(leaving.IsBound);
        Assert.Equal(new DateOnly(2026, 7, 1), leaving.EffectiveDate);
    }

    [Fact]
    public void The_termination_right_is_open_until_the_window_ends_and_closed_after()
    {
        var contract = new ContractFacts(Jurisdiction.SE, new DateOnly(2025, 9, 1), null, SalesMode.Distance, FreeTerminationUntil: new DateOnly(2026, 6, 10));

        var open = Law.TerminationRight(contract, new DateOnly(2026, 6, 10));
        var closed = Law.TerminationRight(contract, new DateOnly(2026, 6, 11));
        var none = Law.TerminationRight(contract with { FreeTerminationUntil = null }, new DateOnly(2026, 6, 1));

        Assert.True(open.IsOpen);
        Assert.Equal(["EU-105-3", "SE-2"], open.RuleIds);
        Assert.Equal("A change of terms lets you terminate free of charge, binding or not, until 2026-06-10.", open.Explanation);
        Assert.False(closed.IsOpen);
        Assert.Equal(new DateOnly(2026, 6, 10), closed.OpenUntil);
        Assert.False(none.IsOpen);
        Assert.Null(none.OpenUntil);
        Assert.Equal("No change of terms has opened a right to terminate free of charge.", none.Explanation);
    }
}
