using Touchpoint.Domain.Contracts;
using Touchpoint.Domain.Customers;

namespace Touchpoint.Domain.Tests.Contracts;

/// <summary>The embedded rules file is the law: every value, per country, as RULES.md states it.</summary>
public sealed class LawRuleFileTests
{
    private static readonly ContractRuleBook Law = ContractRuleBook.Law;

    public static TheoryData<Jurisdiction, JurisdictionLimits> Expected() => new()
    {
        // binding, with benefit, notice, withdrawal days, CRD-10 extension, announce ahead, termination window
        { Jurisdiction.SE, new JurisdictionLimits(24, 24, 1, 14, 12, 1, 3) },
        { Jurisdiction.DK, new JurisdictionLimits(6, 6, 1, 14, 12, 1, 1) },
        { Jurisdiction.NL, new JurisdictionLimits(24, 24, 1, 14, 12, 1, 1) },
        { Jurisdiction.NO, new JurisdictionLimits(12, 24, 1, 14, 12, 1, 1) },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void Each_jurisdiction_has_the_laws_values(Jurisdiction jurisdiction, JurisdictionLimits expected) =>
        Assert.Equal(expected, Law.LimitsFor(jurisdiction));

    [Fact]
    public void The_law_has_a_version() => Assert.Equal("law-2026-11-23", Law.Version);

    [Theory]
    [InlineData(Jurisdiction.SE, ContractRule.NoticeMaxMonths, new[] { "EU-105-2", "SE-1" })]
    [InlineData(Jurisdiction.NL, ContractRule.NoticeMaxMonths, new[] { "EU-105-2", "NL-1" })]
    [InlineData(Jurisdiction.DK, ContractRule.NoticeMaxMonths, new[] { "EU-105-2" })]
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
        Assert.False(ContractRule.NoticeMaxMonths.IsAtLeastAsTight(3, 1));
        Assert.True(ContractRule.WithdrawalDays.IsAtLeastAsTight(30, 14));
        Assert.False(ContractRule.TerminationWindowMonths.IsAtLeastAsTight(1, 3));
    }

    [Fact]
    public void A_law_file_whose_country_loosens_the_EU_base_does_not_build()
    {
        var json = ContractRuleBook.LawJson.Replace("\"value\": 6, \"rule\": \"DK-1\"", "\"value\": 30, \"rule\": \"DK-1\"", StringComparison.Ordinal);
        Assert.False(ContractRuleBook.TryBuildLaw(json, out _, out var error));
        Assert.StartsWith("EU-105-1: DK bindingMaxMonths of 30 months is looser", error, StringComparison.Ordinal);
    }
}
