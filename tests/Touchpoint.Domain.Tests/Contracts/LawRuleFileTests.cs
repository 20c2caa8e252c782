using Touchpoint.Domain.Contracts;
using Touchpoint.Domain.Customers;

namespace Touchpoint.Domain.Tests.Contracts;

/// <summary>The embedded rules file is the law: every value, per country, as RULES.md states it.</summary>
public sealed class LawRuleFileTests
{
    private static readonly ContractRuleBook Law = ContractRuleBook.Law;

    public static TheoryData<Jurisdiction, JurisdictionLimits> Expected() => new()
    {
        // binding, with benefit, notice, withdrawal days, CRD-10 extension, announce ahead, termination window, short binding to offer
        { Jurisdiction.SE, new JurisdictionLimits(24, 24, RulePeriod.Months(1), 14, 12, 1, 3, 0) },
        { Jurisdiction.DK, new JurisdictionLimits(6, 6, RulePeriod.Months(1), 14, 12, 1, 1, 0) },
        { Jurisdiction.NL, new JurisdictionLimits(24, 24, RulePeriod.Months(1), 14, 12, 1, 1, 0) },
        { Jurisdiction.NO, new JurisdictionLimits(12, 24, RulePeriod.Months(1), 14, 12, 1, 1, 0) },
        { Jurisdiction.FI, new JurisdictionLimits(24, 24, RulePeriod.Weeks(2), 14, 12, 1, 1, 0) },
        { Jurisdiction.DE, new JurisdictionLimits(24, 24, RulePeriod.Months(1), 14, 12, 1, 1, 12) },
    };

    [Fact]
    public void Every_jurisdiction_has_its_values() =>
        Assert.Equal(Enum.GetValues<Jurisdiction>().Order(), Expected().Select(row => row.Data.Item1).Order());

    [Theory]
    [MemberData(nameof(Expected))]
    public void Each_jurisdiction_has_the_laws_values(Jurisdiction jurisdiction, JurisdictionLimits expected) =>
        Assert.Equal(expected, Law.LimitsFor(jurisdiction));

    [Fact]
    public void The_law_has_a_version() => Assert.Equal("law-2026-12-06", Law.Version);

    [Theory]
    [InlineData(Jurisdiction.SE, ContractRule.NoticeMax, new[] { "EU-105-2", "SE-1" })]
    [InlineData(Jurisdiction.NL, ContractRule.NoticeMax, new[] { "EU-105-2", "NL-1" })]
    [InlineData(Jurisdiction.DK, ContractRule.NoticeMax, new[] { "EU-105-2" })]
    [InlineData(Jurisdiction.FI, ContractRule.NoticeMax, new[] { "EU-105-2", "FI-1" })]
    [InlineData(Jurisdiction.FI, ContractRule.BindingMaxMonths, new[] { "EU-105-1", "FI-1" })]
    [InlineData(Jurisdiction.DE, ContractRule.NoticeMax, new[] { "EU-105-2", "DE-1" })]
    [InlineData(Jurisdiction.DE, ContractRule.BindingMaxMonths, new[] { "EU-105-1", "DE-1" })]
    [InlineData(Jurisdiction.DE, ContractRule.ShortBindingOfferMonths, new[] { "EU-105-1", "DE-1" })]
    [InlineData(Jurisdiction.FI, ContractRule.WithdrawalDays, new[] { "CRD-9" })]
    [InlineData(Jurisdiction.DK, ContractRule.BindingMaxMonths, new[] { "EU-105-1", "DK-1" })]
    [InlineData(Jurisdiction.NO, ContractRule.BindingMaxMonthsWithBenefit, new[] { "EU-105-1", "NO-1" })]
    [InlineData(Jurisdiction.SE, ContractRule.TerminationWindowMonths, new[] { "EU-105-3", "SE-2" })]
    [InlineData(Jurisdiction.NO, ContractRule.WithdrawalDays, new[] { "CRD-9" })]
    [InlineData(Jurisdiction.NL, ContractRule.WithdrawalExtensionMonths, new[] { "CRD-10" })]
    [InlineData(Jurisdiction.SE, ContractRule.TermChangeNoticeMonths, new[] { "EU-105-3" })]
    public void Every_value_carries_the_rule_ids_that_set_it(Jurisdiction jurisdiction, ContractRule rule, string[] expected) =>
        Assert.Equal(expected, Law.RuleIdsOf(jurisdiction, rule));

    [Fact]
    public void Tighter_means_shorter_for_maxima_and_longer_for_minima()
    {
        Assert.True(ContractRule.BindingMaxMonths.IsAtLeastAsTight(6, 24));
        Assert.False(ContractRule.NoticeMax.IsAtLeastAsTight(3, 1));
        Assert.True(ContractRule.WithdrawalDays.IsAtLeastAsTight(30, 14));
        Assert.False(ContractRule.TerminationWindowMonths.IsAtLeastAsTight(1, 3));
    }

    [Theory]
    [InlineData(14, PeriodUnit.Days, true)]
    [InlineData(2, PeriodUnit.Weeks, true)]
    [InlineData(4, PeriodUnit.Weeks, true)]
    [InlineData(28, PeriodUnit.Days, true)]
    // Longer than February: a month's notice given on 1 February ends on 1 March.
    [InlineData(29, PeriodUnit.Days, false)]
    [InlineData(5, PeriodUnit.Weeks, false)]
    [InlineData(1, PeriodUnit.Months, true)]
    [InlineData(2, PeriodUnit.Months, false)]
    public void A_notice_in_days_or_weeks_is_tighter_than_a_month_only_if_it_never_ends_later(int amount, PeriodUnit unit, bool tighter) =>
        Assert.Equal(tighter, ContractRule.NoticeMax.IsAtLeastAsTight(new RulePeriod(amount, unit), RulePeriod.Months(1)));

    [Fact]
    public void A_duty_to_offer_a_short_binding_may_be_added_but_never_changed_or_dropped()
    {
        Assert.True(ContractRule.ShortBindingOfferMonths.IsAtLeastAsTight(12, 0));
        Assert.True(ContractRule.ShortBindingOfferMonths.IsAtLeastAsTight(12, 12));
        Assert.False(ContractRule.ShortBindingOfferMonths.IsAtLeastAsTight(0, 12));
        Assert.False(ContractRule.ShortBindingOfferMonths.IsAtLeastAsTight(6, 12));
        Assert.False(ContractRule.ShortBindingOfferMonths.IsAtLeastAsTight(18, 12));
    }

    [Fact]
    public void A_law_file_whose_country_loosens_the_EU_base_does_not_build()
    {
        var json = ContractRuleBook.LawJson.Replace("\"value\": 6, \"rule\": \"DK-1\"", "\"value\": 30, \"rule\": \"DK-1\"", StringComparison.Ordinal);
        Assert.False(ContractRuleBook.TryBuildLaw(json, out _, out var error));
        Assert.StartsWith("EU-105-1: DK bindingMaxMonths of 30 months is looser", error, StringComparison.Ordinal);
    }
}
