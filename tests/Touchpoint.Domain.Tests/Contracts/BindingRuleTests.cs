using Touchpoint.Domain.Contracts;
using Touchpoint.Domain.Customers;

namespace Touchpoint.Domain.Tests.Contracts;

/// <summary>The longest binding a consumer may be sold: EU-105-1 (24), DK-1 (6), NO-1 (12; 24 with a clear benefit), SE-1 (24).</summary>
public sealed class BindingRuleTests
{
    private static readonly ContractRuleBook Law = ContractRuleBook.Law;

    [Fact]
    public void DK_refuses_a_12_month_binding()
    {
        var decision = Law.CheckBinding(Jurisdiction.DK, 12);

        Assert.False(decision.IsAllowed);
        Assert.Equal(6, decision.MaxMonths);
        Assert.Equal(["EU-105-1", "DK-1"], decision.RuleIds);
        Assert.Equal("A binding of 12 months is longer than DK allows: at most 6 months (EU-105-1, DK-1).", decision.Explanation);
    }

    [Fact]
    public void DK_refuses_a_12_month_binding_even_with_a_benefit() =>
        Assert.False(Law.CheckBinding(Jurisdiction.DK, 12, clearEconomicBenefit: true).IsAllowed);

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(6)]
    public void DK_allows_up_to_6_months(int months)
    {
        var decision = Law.CheckBinding(Jurisdiction.DK, months);
        Assert.True(decision.IsAllowed, decision.Explanation);
        Assert.Contains("DK-1", decision.RuleIds);
    }

    [Fact]
    public void DK_refuses_7_months() => Assert.False(Law.CheckBinding(Jurisdiction.DK, 7).IsAllowed);

    [Fact]
    public void NO_requires_a_clear_economic_benefit_above_12_months()
    {
        var without = Law.CheckBinding(Jurisdiction.NO, 18);
        var with = Law.CheckBinding(Jurisdiction.NO, 18, clearEconomicBenefit: true);

        Assert.False(without.IsAllowed);
        Assert.Equal(12, without.MaxMonths);
        Assert.Equal(["EU-105-1", "NO-1"], without.RuleIds);
        Assert.Equal("A binding of 18 months is longer than NO allows: at most 12 months, or 24 with a clear economic benefit (EU-105-1, NO-1).", without.Explanation);

        Assert.True(with.IsAllowed);
        Assert.Equal(24, with.MaxMonths);
        Assert.Equal("A binding of 18 months is allowed in NO: at most 24 months with a clear economic benefit (EU-105-1, NO-1).", with.Explanation);
    }

    [Fact]
    public void NO_allows_12_months_without_a_benefit_and_never_more_than_24()
    {
        Assert.True(Law.CheckBinding(Jurisdiction.NO, 12).IsAllowed);
        Assert.False(Law.CheckBinding(Jurisdiction.NO, 13).IsAllowed);
        Assert.True(Law.CheckBinding(Jurisdiction.NO, 24, clearEconomicBenefit: true).IsAllowed);
        Assert.False(Law.CheckBinding(Jurisdiction.NO, 25, clearEconomicBenefit: true).IsAllowed);
    }

    [Fact]
    public void SE_allows_24_months_including_extensions_and_not_25()
    {
        var allowed = Law.CheckBinding(Jurisdiction.SE, 24);
        var refused = Law.CheckBinding(Jurisdiction.SE, 25, clearEconomicBenefit: true);

        Assert.True(allowed.IsAllowed);
        Assert.Equal(["EU-105-1", "SE-1"], allowed.RuleIds);
        Assert.False(refused.IsAllowed);
        Assert.Equal(24, refused.MaxMonths);
    }

    [Fact]
    public void NL_follows_the_EU_base_of_24_months()
    {
        var allowed = Law.CheckBinding(Jurisdiction.NL, 24);
        var refused = Law.CheckBinding(Jurisdiction.NL, 25);

        Assert.True(allowed.IsAllowed);
        Assert.Equal(["EU-105-1"], allowed.RuleIds);
        Assert.False(refused.IsAllowed);
        Assert.Equal("A binding of 25 months is longer than NL allows: at most 24 months (EU-105-1).", refused.Explanation);
    }

    [Theory]
    [InlineData(Jurisdiction.SE)]
    [InlineData(Jurisdiction.DK)]
    [InlineData(Jurisdiction.NL)]
    [InlineData(Jurisdiction.NO)]
    [InlineData(Jurisdiction.FI)]
    [InlineData(Jurisdiction.DE)]
    public void No_binding_is_always_allowed(Jurisdiction jurisdiction) =>
        Assert.True(Law.CheckBinding(jurisdiction, 0).IsAllowed);

    [Fact]
    public void A_negative_binding_is_refused()
    {
        var decision = Law.CheckBinding(Jurisdiction.SE, -1);
        Assert.False(decision.IsAllowed);
        Assert.Equal("A binding of -1 months is not possible; in SE a consumer may be bound for 0 to 24 months (EU-105-1, SE-1).", decision.Explanation);
    }
}
