using Touchpoint.Domain.Contracts;
using Touchpoint.Domain.Customers;

namespace Touchpoint.Domain.Tests.Contracts;

/// <summary>
/// FI-1: a consumer is bound for at most 24 months, and an open-ended contract ends two weeks after notice. DE-1: at most
/// 24 months, a 12-month binding offered beside a longer one, and a month's notice once the initial term is over.
/// </summary>
public sealed class FinnishAndGermanRuleTests
{
    private static readonly ContractRuleBook Law = ContractRuleBook.Law;
    private static readonly DateOnly Concluded = new(2025, 3, 1);

    private static ContractFacts Contract(Jurisdiction jurisdiction, DateOnly? bindingEnd, SalesMode soldVia = SalesMode.Distance, bool informed = true) =>
        new(jurisdiction, Concluded, bindingEnd, soldVia, informed);

    // --- binding ---

    [Theory]
    [InlineData(Jurisdiction.FI, "FI-1")]
    [InlineData(Jurisdiction.DE, "DE-1")]
    public void A_consumer_may_be_bound_for_24_months_and_no_longer(Jurisdiction jurisdiction, string rule)
    {
        var allowed = Law.CheckBinding(jurisdiction, 24);
        var refused = Law.CheckBinding(jurisdiction, 25);

        Assert.True(allowed.IsAllowed);
        Assert.Equal(["EU-105-1", rule], allowed.RuleIds);
        Assert.False(refused.IsAllowed);
        Assert.Equal(24, refused.MaxMonths);
        Assert.Equal($"A binding of 25 months is longer than {jurisdiction} allows: at most 24 months (EU-105-1, {rule}).", refused.Explanation);
    }

    [Theory]
    [InlineData(Jurisdiction.FI)]
    [InlineData(Jurisdiction.DE)]
    public void A_clear_economic_benefit_buys_no_longer_binding(Jurisdiction jurisdiction) =>
        Assert.False(Law.CheckBinding(jurisdiction, 36, clearEconomicBenefit: true).IsAllowed);

    // --- DE-1: the 12-month option ---

    [Fact]
    public void DE_1_a_plan_that_binds_for_24_months_must_offer_12_too()
    {
        var refused = Law.CheckBindingOffer(Jurisdiction.DE, [0, 24]);

        Assert.False(refused.IsAllowed);
        Assert.Equal(12, refused.ShortBindingMonths);
        Assert.Equal(["EU-105-1", "DE-1"], refused.RuleIds);
        Assert.Equal("A plan that binds for 24 months must also offer a binding of 12 months in DE; it offers 0, 24 months (EU-105-1, DE-1).", refused.Explanation);
        Assert.True(Law.CheckBindingOffer(Jurisdiction.DE, [24, 12, 0]).IsAllowed);
    }

    [Theory]
    [InlineData(new[] { 0 })]
    [InlineData(new[] { 0, 6 })]
    [InlineData(new[] { 0, 12 })]
    [InlineData(new[] { 0, 6, 12, 18, 24 })]
    public void DE_1_a_plan_binding_12_months_or_less_needs_no_other_option(int[] offered) =>
        Assert.True(Law.CheckBindingOffer(Jurisdiction.DE, offered).IsAllowed);

    [Fact]
    public void DE_1_a_24_month_binding_is_sold_only_where_12_is_offered_too()
    {
        var refused = Law.CheckBindingOffer(Jurisdiction.DE, [0, 24], chosenMonths: 24);

        Assert.False(refused.IsAllowed);
        Assert.Equal("A binding of 24 months can only be sold in DE where a binding of 12 months is offered too; the plan offers 0, 24 months (EU-105-1, DE-1).", refused.Explanation);
        Assert.True(Law.CheckBindingOffer(Jurisdiction.DE, [0, 24], chosenMonths: 0).IsAllowed);
        Assert.True(Law.CheckBindingOffer(Jurisdiction.DE, [0, 12, 24], chosenMonths: 24).IsAllowed);
    }

    [Theory]
    [InlineData(Jurisdiction.FI)]
    [InlineData(Jurisdiction.SE)]
    [InlineData(Jurisdiction.NL)]
    public void Elsewhere_a_plan_need_not_offer_a_shorter_binding(Jurisdiction jurisdiction)
    {
        var decision = Law.CheckBindingOffer(jurisdiction, [0, 24], chosenMonths: 24);

        Assert.True(decision.IsAllowed);
        Assert.Null(decision.ShortBindingMonths);
    }

    // --- notice ---

    [Fact]
    public void FI_1_an_open_ended_contract_ends_two_weeks_after_notice()
    {
        var decision = Law.Leaving(Contract(Jurisdiction.FI, null), new DateOnly(2026, 11, 22));

        Assert.Equal(new DateOnly(2026, 12, 6), decision.EffectiveDate);
        Assert.Equal(RulePeriod.Weeks(2), decision.Notice);
        Assert.Null(decision.NoticeMonths);
        Assert.False(decision.IsBound);
        Assert.Equal(["EU-105-2", "FI-1"], decision.RuleIds);
        Assert.Equal("No binding; with 2 weeks' notice given on 2026-11-22 the earliest you can leave is 2026-12-06.", decision.Explanation);
    }

    [Fact]
    public void FI_1_two_weeks_run_across_the_end_of_a_month_and_a_year()
    {
        Assert.Equal(new DateOnly(2027, 1, 7), Law.Leaving(Contract(Jurisdiction.FI, null), new DateOnly(2026, 12, 24)).EffectiveDate);
        Assert.Equal(new DateOnly(2028, 3, 13), Law.Leaving(Contract(Jurisdiction.FI, null), new DateOnly(2028, 2, 28)).EffectiveDate);
    }

    [Fact]
    public void FI_1_a_fixed_term_ends_when_it_ends_and_two_weeks_after_notice_once_it_has()
    {
        var bindingEnd = new DateOnly(2027, 3, 1);

        var early = Law.Leaving(Contract(Jurisdiction.FI, bindingEnd), new DateOnly(2026, 6, 1));
        var lastDays = Law.Leaving(Contract(Jurisdiction.FI, bindingEnd), new DateOnly(2027, 2, 25));
        var after = Law.Leaving(Contract(Jurisdiction.FI, bindingEnd), new DateOnly(2027, 5, 10));

        Assert.Equal((bindingEnd, true), (early.EffectiveDate, early.IsBound));
        Assert.Equal(["EU-105-1", "FI-1", "EU-105-2"], early.RuleIds);
        Assert.Equal("Bound until 2027-03-01; notice given on 2026-06-01 ends the contract when the binding ends, on 2027-03-01.", early.Explanation);
        Assert.Equal(new DateOnly(2027, 3, 11), lastDays.EffectiveDate);
        Assert.Equal((new DateOnly(2027, 5, 24), false), (after.EffectiveDate, after.IsBound));
    }

    [Fact]
    public void DE_1_after_the_initial_term_the_customer_leaves_a_month_after_notice()
    {
        var bindingEnd = new DateOnly(2027, 3, 1);

        var bound = Law.Leaving(Contract(Jurisdiction.DE, bindingEnd), new DateOnly(2027, 1, 15));
        var after = Law.Leaving(Contract(Jurisdiction.DE, bindingEnd), new DateOnly(2027, 3, 31));

        Assert.Equal(bindingEnd, bound.EffectiveDate);
        Assert.Equal(["EU-105-1", "DE-1", "EU-105-2"], bound.RuleIds);
        Assert.Equal(new DateOnly(2027, 4, 30), after.EffectiveDate);
        Assert.Equal((RulePeriod.Months(1), (int?)1), (after.Notice, after.NoticeMonths));
        Assert.Equal(["EU-105-2", "DE-1"], after.RuleIds);
    }

    [Fact]
    public void TP_1_a_withdrawn_termination_keeps_Finlands_two_weeks()
    {
        var before = Contract(Jurisdiction.FI, null);
        var after = Law.AfterTerminationWithdrawn(before);

        var leaving = Law.Leaving(after, new DateOnly(2026, 11, 22));

        Assert.Equal((new DateOnly(2026, 12, 6), RulePeriod.Weeks(2), false), (leaving.EffectiveDate, leaving.Notice, leaving.IsBound));
        Assert.Equal(Law.Leaving(before, new DateOnly(2026, 11, 22)).Explanation, leaving.Explanation);
    }

    // --- withdrawal and changes of terms: the EU rules ---

    [Theory]
    [InlineData(Jurisdiction.FI)]
    [InlineData(Jurisdiction.DE)]
    public void CRD_9_a_distance_sale_can_be_withdrawn_for_14_days_and_CRD_10_adds_12_months(Jurisdiction jurisdiction)
    {
        var informed = Law.Withdrawal(Contract(jurisdiction, null), Concluded.AddDays(14));
        var uninformed = Law.Withdrawal(Contract(jurisdiction, null, informed: false), Concluded.AddDays(15));
        var store = Law.Withdrawal(Contract(jurisdiction, null, SalesMode.OnPremises), Concluded);

        Assert.Equal((true, (DateOnly?)new DateOnly(2025, 3, 15)), (informed.IsOpen, informed.OpenUntil));
        Assert.Equal(["CRD-9"], informed.RuleIds);
        Assert.Equal((true, (DateOnly?)new DateOnly(2026, 3, 15)), (uninformed.IsOpen, uninformed.OpenUntil));
        Assert.Equal(["CRD-9", "CRD-10"], uninformed.RuleIds);
        Assert.False(store.IsOpen);
    }

    [Theory]
    [InlineData(Jurisdiction.FI)]
    [InlineData(Jurisdiction.DE)]
    public void EU_105_3_a_worse_change_is_announced_a_month_ahead_and_opens_a_month_to_leave(Jurisdiction jurisdiction)
    {
        var announced = new DateOnly(2026, 3, 10);
        var decision = Law.TermChange(jurisdiction, TermChangeKind.Worse, announced, new DateOnly(2026, 3, 20));

        Assert.Equal(new DateOnly(2026, 4, 10), decision.EarliestEffectiveDate);
        Assert.Equal(new DateOnly(2026, 4, 10), decision.TerminationWindowEnds);
        Assert.Equal(["EU-105-3"], decision.RuleIds);
    }
}
