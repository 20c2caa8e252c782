using Touchpoint.Domain.Contracts;
using Touchpoint.Domain.Customers;

namespace Touchpoint.Domain.Tests.Contracts;

/// <summary>
/// When a customer who gives notice leaves: notice at most one month (EU-105-2, NL-1, SE-1), counted from the day it
/// is given, ending no earlier than the binding; after the binding ends nobody waits more than one month.
/// </summary>
public sealed class LeavingRuleTests
{
    private static readonly ContractRuleBook Law = ContractRuleBook.Law;
    private static readonly DateOnly Concluded = new(2025, 3, 1);

    private static ContractFacts Contract(Jurisdiction jurisdiction, DateOnly? bindingEnd, DateOnly? freeUntil = null) =>
        new(jurisdiction, Concluded, bindingEnd, SalesMode.Distance, FreeTerminationUntil: freeUntil);

    [Fact]
    public void Without_binding_the_customer_leaves_one_month_after_giving_notice()
    {
        var decision = Law.Leaving(Contract(Jurisdiction.DK, null), new DateOnly(2026, 11, 22));

        Assert.Equal(new DateOnly(2026, 12, 22), decision.EffectiveDate);
        Assert.Equal(1, decision.NoticeMonths);
        Assert.False(decision.IsBound);
        Assert.Equal(["EU-105-2"], decision.RuleIds);
        Assert.Equal("No binding; with one month's notice given on 2026-11-22 the earliest you can leave is 2026-12-22.", decision.Explanation);
    }

    [Fact]
    public void SE_notice_is_at_most_one_month_after_the_binding_ends()
    {
        var bindingEnd = new DateOnly(2027, 3, 1);

        // Notice given the day the binding ends, and any day after: one month, never more.
        var onTheDay = Law.Leaving(Contract(Jurisdiction.SE, bindingEnd), bindingEnd);
        var later = Law.Leaving(Contract(Jurisdiction.SE, bindingEnd), new DateOnly(2027, 9, 15));

        Assert.Equal(new DateOnly(2027, 4, 1), onTheDay.EffectiveDate);
        Assert.False(onTheDay.IsBound);
        Assert.Equal(["EU-105-2", "SE-1"], onTheDay.RuleIds);
        Assert.Equal("The binding ended on 2027-03-01; with one month's notice given on 2027-03-01 the earliest you can leave is 2027-04-01.", onTheDay.Explanation);
        Assert.Equal(new DateOnly(2027, 10, 15), later.EffectiveDate);
        Assert.True(later.NoticeMonths <= 1);
    }

    [Fact]
    public void NL_notice_is_at_most_one_month_after_the_binding_ends()
    {
        var bindingEnd = new DateOnly(2027, 3, 1);
        var decision = Law.Leaving(Contract(Jurisdiction.NL, bindingEnd), new DateOnly(2027, 5, 10));

        Assert.Equal(new DateOnly(2027, 6, 10), decision.EffectiveDate);
        Assert.Equal(1, decision.NoticeMonths);
        Assert.Equal(["EU-105-2", "NL-1"], decision.RuleIds);
    }

    [Theory]
    [InlineData(Jurisdiction.SE)]
    [InlineData(Jurisdiction.NL)]
    public void Notice_given_during_the_binding_ends_the_contract_when_the_binding_ends_not_a_month_later(Jurisdiction jurisdiction)
    {
        var bindingEnd = new DateOnly(2027, 3, 1);
        var decision = Law.Leaving(Contract(jurisdiction, bindingEnd), new DateOnly(2026, 11, 22));

        Assert.Equal(bindingEnd, decision.EffectiveDate);
        Assert.True(decision.IsBound);
        Assert.Contains("EU-105-1", decision.RuleIds);
        Assert.Contains("EU-105-2", decision.RuleIds);
        Assert.Contains(jurisdiction == Jurisdiction.SE ? "SE-1" : "NL-1", decision.RuleIds);
        Assert.Equal("Bound until 2027-03-01; notice given on 2026-11-22 ends the contract when the binding ends, on 2027-03-01.", decision.Explanation);
    }

    [Fact]
    public void Notice_given_in_the_last_month_of_the_binding_runs_its_full_month()
    {
        var decision = Law.Leaving(Contract(Jurisdiction.SE, new DateOnly(2026, 12, 1)), new DateOnly(2026, 11, 22));

        Assert.Equal(new DateOnly(2026, 12, 22), decision.EffectiveDate);
        Assert.True(decision.IsBound);
        Assert.Equal("Bound until 2026-12-01; with one month's notice given on 2026-11-22 the earliest you can leave is 2026-12-22.", decision.Explanation);
    }

    [Fact]
    public void A_bound_DK_customer_cites_DK_1()
    {
        var decision = Law.Leaving(Contract(Jurisdiction.DK, new DateOnly(2025, 9, 1)), new DateOnly(2025, 5, 1));
        Assert.Equal(["EU-105-1", "DK-1", "EU-105-2"], decision.RuleIds);
        Assert.Equal(new DateOnly(2025, 9, 1), decision.EffectiveDate);
    }

    [Fact]
    public void A_later_wished_date_is_granted()
    {
        var decision = Law.Leaving(Contract(Jurisdiction.NO, null), new DateOnly(2026, 11, 22), wishedDate: new DateOnly(2027, 2, 1));

        Assert.Equal(new DateOnly(2027, 2, 1), decision.EffectiveDate);
        Assert.Equal("No binding; with one month's notice given on 2026-11-22 the earliest you can leave is 2026-12-22, and you leave on 2027-02-01 as you asked.", decision.Explanation);
    }

    [Fact]
    public void A_wished_date_earlier_than_the_law_allows_gives_the_earliest_date_and_says_why()
    {
        var decision = Law.Leaving(Contract(Jurisdiction.NO, null), new DateOnly(2026, 11, 22), wishedDate: new DateOnly(2026, 12, 1));

        Assert.Equal(new DateOnly(2026, 12, 22), decision.EffectiveDate);
        Assert.EndsWith("the earliest you can leave is 2026-12-22, so 2026-12-01 is too early.", decision.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_term_change_window_sets_the_binding_aside()
    {
        var contract = Contract(Jurisdiction.SE, new DateOnly(2027, 3, 1), freeUntil: new DateOnly(2026, 12, 31));
        var decision = Law.Leaving(contract, new DateOnly(2026, 11, 22));

        Assert.False(decision.IsBound);
        Assert.Equal(new DateOnly(2026, 12, 22), decision.EffectiveDate);
        Assert.Equal(["EU-105-2", "SE-1", "EU-105-3", "SE-2"], decision.RuleIds);
        Assert.StartsWith("A change of terms lets you leave free of your binding until 2026-12-31;", decision.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void After_the_term_change_window_closes_the_binding_applies_again()
    {
        var contract = Contract(Jurisdiction.SE, new DateOnly(2027, 3, 1), freeUntil: new DateOnly(2026, 12, 31));
        var decision = Law.Leaving(contract, new DateOnly(2027, 1, 1));

        Assert.True(decision.IsBound);
        Assert.Equal(new DateOnly(2027, 3, 1), decision.EffectiveDate);
    }

    [Theory]
    [InlineData("2026-01-31", "2026-02-28")]
    [InlineData("2028-01-31", "2028-02-29")]
    [InlineData("2026-03-31", "2026-04-30")]
    [InlineData("2026-12-15", "2027-01-15")]
    public void One_months_notice_ends_on_the_last_day_when_the_next_month_is_shorter(string requested, string expected)
    {
        var decision = Law.Leaving(Contract(Jurisdiction.SE, null), DateOnly.Parse(requested, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), decision.EffectiveDate);
    }
}
