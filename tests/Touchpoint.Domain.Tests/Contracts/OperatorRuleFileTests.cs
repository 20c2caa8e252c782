using Touchpoint.Domain.Contracts;
using Touchpoint.Domain.Customers;

namespace Touchpoint.Domain.Tests.Contracts;

/// <summary>An operator may tighten any value of the law, never loosen one: a looser file is refused with the rule id and the law's value.</summary>
public sealed class OperatorRuleFileTests
{
    private static ContractRuleBook Load(string json)
    {
        Assert.True(ContractRuleBook.TryLoad(json, out var book, out var error), error);
        Assert.Equal(string.Empty, error);
        return book!;
    }

    private static string Refused(string json)
    {
        Assert.False(ContractRuleBook.TryLoad(json, out var book, out var error));
        Assert.Null(book);
        return error;
    }

    private static string Country(string country, string rule, int value) =>
        $$"""{ "version": "op-1", "jurisdictions": { "{{country}}": { "{{rule}}": {{value}} } } }""";

    public static TheoryData<string, string, int, string> LooserValues() => new()
    {
        { "DK", "bindingMaxMonths", 12, "DK-1: DK bindingMaxMonths of 12 months is looser than the law's 6 months; an operator may only tighten it (at most 6 months)." },
        { "NO", "bindingMaxMonths", 13, "NO-1: NO bindingMaxMonths of 13 months is looser than the law's 12 months; an operator may only tighten it (at most 12 months)." },
        { "NO", "bindingMaxMonthsWithBenefit", 25, "NO-1: NO bindingMaxMonthsWithBenefit of 25 months is looser than the law's 24 months; an operator may only tighten it (at most 24 months)." },
        { "SE", "bindingMaxMonths", 36, "SE-1: SE bindingMaxMonths of 36 months is looser than the law's 24 months; an operator may only tighten it (at most 24 months)." },
        { "NL", "bindingMaxMonths", 25, "EU-105-1: NL bindingMaxMonths of 25 months is looser than the law's 24 months; an operator may only tighten it (at most 24 months)." },
        { "SE", "noticeMax", 2, "SE-1: SE noticeMax of 2 months is looser than the law's 1 month; an operator may only tighten it (at most 1 month)." },
        // Operator files written before notices could be in weeks name it noticeMaxMonths; they still load and are checked.
        { "NL", "noticeMaxMonths", 3, "NL-1: NL noticeMax of 3 months is looser than the law's 1 month; an operator may only tighten it (at most 1 month)." },
        { "FI", "noticeMaxMonths", 1, "FI-1: FI noticeMax of 1 month is looser than the law's 2 weeks; an operator may only tighten it (at most 2 weeks)." },
        { "FI", "bindingMaxMonths", 25, "FI-1: FI bindingMaxMonths of 25 months is looser than the law's 24 months; an operator may only tighten it (at most 24 months)." },
        { "DE", "bindingMaxMonths", 36, "DE-1: DE bindingMaxMonths of 36 months is looser than the law's 24 months; an operator may only tighten it (at most 24 months)." },
        { "DE", "noticeMax", 2, "DE-1: DE noticeMax of 2 months is looser than the law's 1 month; an operator may only tighten it (at most 1 month)." },
        { "DE", "shortBindingOfferMonths", 0, "DE-1: DE shortBindingOfferMonths of 0 months is looser than the law's 12 months; an operator may only tighten it (keep 12 months)." },
        { "DE", "shortBindingOfferMonths", 6, "DE-1: DE shortBindingOfferMonths of 6 months is looser than the law's 12 months; an operator may only tighten it (keep 12 months)." },
        { "NO", "withdrawalDays", 13, "CRD-9: NO withdrawalDays of 13 days is looser than the law's 14 days; an operator may only tighten it (at least 14 days)." },
        { "DK", "withdrawalExtensionMonths", 6, "CRD-10: DK withdrawalExtensionMonths of 6 months is looser than the law's 12 months; an operator may only tighten it (at least 12 months)." },
        { "NL", "termChangeNoticeMonths", 0, "EU-105-3: NL termChangeNoticeMonths of 0 months is looser than the law's 1 month; an operator may only tighten it (at least 1 month)." },
        { "SE", "terminationWindowMonths", 1, "SE-2: SE terminationWindowMonths of 1 month is looser than the law's 3 months; an operator may only tighten it (at least 3 months)." },
    };

    [Theory]
    [MemberData(nameof(LooserValues))]
    public void A_looser_value_is_refused_with_the_rule_id_and_the_laws_value(string country, string rule, int value, string expected) =>
        Assert.Equal(expected, Refused(Country(country, rule, value)));

    [Fact]
    public void A_looser_EU_base_is_refused_with_the_EU_rule_id() =>
        Assert.Equal(
            "EU-105-2: EU noticeMax of 2 months is looser than the law's 1 month; an operator may only tighten it (at most 1 month).",
            Refused(Country("EU", "noticeMaxMonths", 2)));

    [Fact]
    public void Tightened_values_apply_and_keep_the_laws_rule_ids()
    {
        var book = Load("""
            {
              "version": "nordic-care-2026",
              "jurisdictions": {
                "DK": { "bindingMaxMonths": 3 },
                "SE": { "bindingMaxMonths": { "value": 12, "rule": "OP-7" }, "withdrawalDays": 30 }
              }
            }
            """);

        Assert.Equal("law-2026-12-06+nordic-care-2026", book.Version);
        var dk = book.CheckBinding(Jurisdiction.DK, 6);
        Assert.False(dk.IsAllowed);
        Assert.Equal(3, dk.MaxMonths);
        Assert.Equal(["EU-105-1", "DK-1"], dk.RuleIds);

        var se = book.CheckBinding(Jurisdiction.SE, 18);
        Assert.False(se.IsAllowed);
        Assert.Equal(["EU-105-1", "SE-1", "OP-7"], se.RuleIds);
        Assert.Equal(30, book.LimitsFor(Jurisdiction.SE).WithdrawalDays);

        // Untouched countries keep the law.
        Assert.Equal(ContractRuleBook.Law.LimitsFor(Jurisdiction.NL), book.LimitsFor(Jurisdiction.NL));
    }

    [Fact]
    public void An_EU_base_value_applies_only_where_it_is_at_least_as_tight_as_the_countrys_law()
    {
        var book = Load("""{ "version": "op-1", "jurisdictions": { "EU": { "bindingMaxMonths": 12, "terminationWindowMonths": 2 } } }""");

        Assert.Equal(12, book.LimitsFor(Jurisdiction.SE).BindingMaxMonths);
        Assert.Equal(12, book.LimitsFor(Jurisdiction.NL).BindingMaxMonths);
        Assert.Equal(6, book.LimitsFor(Jurisdiction.DK).BindingMaxMonths);
        Assert.Equal(2, book.LimitsFor(Jurisdiction.NL).TerminationWindowMonths);
        Assert.Equal(3, book.LimitsFor(Jurisdiction.SE).TerminationWindowMonths);
    }

    [Fact]
    public void Where_the_law_has_no_benefit_exception_a_tighter_binding_limit_holds_with_a_benefit_too()
    {
        var book = Load(Country("DK", "bindingMaxMonths", 3));

        var withBenefit = book.CheckBinding(Jurisdiction.DK, 6, clearEconomicBenefit: true);

        Assert.False(withBenefit.IsAllowed);
        Assert.Equal(3, withBenefit.MaxMonths);
        Assert.Equal("A binding of 6 months is longer than DK allows: at most 3 months (EU-105-1, DK-1).", withBenefit.Explanation);
    }

    [Fact]
    public void Where_the_law_has_a_benefit_exception_it_stays_when_only_the_normal_limit_is_tightened()
    {
        var book = Load(Country("NO", "bindingMaxMonths", 6));

        Assert.False(book.CheckBinding(Jurisdiction.NO, 12).IsAllowed);
        Assert.True(book.CheckBinding(Jurisdiction.NO, 24, clearEconomicBenefit: true).IsAllowed);
    }

    [Fact]
    public void A_shorter_notice_is_used_for_leaving()
    {
        var book = Load(Country("NL", "noticeMaxMonths", 0));
        var leaving = book.Leaving(new ContractFacts(Jurisdiction.NL, new DateOnly(2025, 1, 1), null, SalesMode.Distance), new DateOnly(2026, 4, 2));

        Assert.Equal(new DateOnly(2026, 4, 2), leaving.EffectiveDate);
        Assert.Equal(0, leaving.NoticeMonths);
        Assert.StartsWith("No binding; with no notice given on 2026-04-02", leaving.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void The_laws_own_file_loads_as_an_operator_file_unchanged() =>
        Assert.Equal(ContractRuleBook.Law.LimitsFor(Jurisdiction.SE), Load(ContractRuleBook.LawJson).LimitsFor(Jurisdiction.SE));

    [Theory]
    [InlineData("", "The operator's rules file is empty.")]
    [InlineData("[1]", "The rules file must be a JSON object with a version and jurisdictions.")]
    [InlineData("""{ "jurisdictions": {} }""", "The rules file needs a version (a non-empty string), so every decision can say which rules it used.")]
    [InlineData("""{ "version": "x", "rules": {} }""", "The rules file has an unknown property 'rules'; allowed: version, about, jurisdictions.")]
    [InlineData("""{ "version": "x", "jurisdictions": { "FR": {} } }""", "'FR' is not a jurisdiction of the rules; allowed: EU, SE, DK, NL, NO, FI, DE.")]
    [InlineData("""{ "version": "x", "jurisdictions": { "DK": { "bindingMax": 3 } } }""", "DK has an unknown rule value 'bindingMax'; allowed: bindingMaxMonths, bindingMaxMonthsWithBenefit, noticeMax, withdrawalDays, withdrawalExtensionMonths, termChangeNoticeMonths, terminationWindowMonths, discrepancySharePercent, discrepancyMinDays, discrepancyWindowDays, deviceInstalmentsOnRemedy, shortBindingOfferMonths.")]
    [InlineData("""{ "version": "x", "jurisdictions": { "SE": { "noticeMax": { "value": 2, "unit": "fortnights" } } } }""", "SE noticeMax: 'unit' must be one of days, weeks, months.")]
    [InlineData("""{ "version": "x", "jurisdictions": { "SE": { "bindingMaxMonths": { "value": 52, "unit": "weeks" } } } }""", "SE bindingMaxMonths is counted in months; only noticeMax may be written in other units.")]
    [InlineData("""{ "version": "x", "jurisdictions": { "SE": { "noticeMax": { "value": -2, "unit": "weeks" } } } }""", "SE noticeMax must be a whole number of weeks, 0 or more.")]
    [InlineData("""{ "version": "x", "jurisdictions": { "SE": { "noticeMax": 1, "noticeMaxMonths": 1 } } }""", "SE noticeMax is given more than once.")]
    [InlineData("""{ "version": "x", "jurisdictions": { "DK": { "bindingMaxMonths": -1 } } }""", "DK bindingMaxMonths must be a whole number of months, 0 or more.")]
    [InlineData("""{ "version": "x", "jurisdictions": { "DK": { "bindingMaxMonths": 2.5 } } }""", "DK bindingMaxMonths must be a whole number of months, 0 or more.")]
    [InlineData("""{ "version": "x", "jurisdictions": { "DK": { "bindingMaxMonths": { "value": 3, "rule": "" } } } }""", "DK bindingMaxMonths: 'rule' must be a non-empty rule id.")]
    [InlineData("""{ "version": "x", "jurisdictions": { "DK": {}, "dk": {} } }""", "The jurisdiction DK is listed more than once.")]
    public void A_malformed_file_is_refused_with_what_to_fix(string json, string expected) =>
        Assert.Equal(expected, Refused(json));

    [Fact]
    public void Invalid_json_is_refused() =>
        Assert.StartsWith("The rules file is not valid JSON:", Refused("{ version: "), StringComparison.Ordinal);

    [Fact]
    public void A_notice_may_be_tightened_in_days_or_weeks_and_leaving_counts_it_so()
    {
        var book = Load("""{ "version": "op-1", "jurisdictions": { "SE": { "noticeMax": { "value": 14, "unit": "days", "rule": "OP-2" } }, "FI": { "noticeMax": { "value": 1, "unit": "weeks" } } } }""");

        Assert.Equal(RulePeriod.Days(14), book.LimitsFor(Jurisdiction.SE).NoticeMax);
        Assert.Equal(["EU-105-2", "SE-1", "OP-2"], book.RuleIdsOf(Jurisdiction.SE, ContractRule.NoticeMax));
        var swedish = book.Leaving(new ContractFacts(Jurisdiction.SE, new DateOnly(2025, 1, 1), null, SalesMode.Distance), new DateOnly(2026, 4, 2));
        Assert.Equal((new DateOnly(2026, 4, 16), RulePeriod.Days(14), (int?)null), (swedish.EffectiveDate, swedish.Notice, swedish.NoticeMonths));
        Assert.StartsWith("No binding; with 14 days' notice given on 2026-04-02", swedish.Explanation, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2026, 4, 9), book.Leaving(new ContractFacts(Jurisdiction.FI, new DateOnly(2025, 1, 1), null, SalesMode.Distance), new DateOnly(2026, 4, 2)).EffectiveDate);
    }

    [Fact]
    public void An_EU_base_notice_of_a_month_leaves_Finlands_two_weeks_alone()
    {
        var book = Load(Country("EU", "noticeMax", 1));

        Assert.Equal(RulePeriod.Weeks(2), book.LimitsFor(Jurisdiction.FI).NoticeMax);
        Assert.Equal(RulePeriod.Months(1), book.LimitsFor(Jurisdiction.SE).NoticeMax);
    }

    [Fact]
    public void An_operator_may_add_the_duty_to_offer_a_short_binding_where_the_law_has_none()
    {
        var book = Load("""{ "version": "op-1", "jurisdictions": { "EU": { "shortBindingOfferMonths": { "value": 12, "rule": "OP-12" } } } }""");

        var swedish = book.CheckBindingOffer(Jurisdiction.SE, [0, 24]);
        Assert.False(swedish.IsAllowed);
        Assert.Equal(["EU-105-1", "OP-12"], swedish.RuleIds);
        Assert.Equal(["EU-105-1", "DE-1", "OP-12"], book.RuleIdsOf(Jurisdiction.DE, ContractRule.ShortBindingOfferMonths));
        Assert.Equal(6, book.LimitsFor(Jurisdiction.DK).BindingMaxMonths);
    }
}
