using System.Globalization;
using Touchpoint.Domain.Contracts;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Languages;

namespace Touchpoint.Domain.Tests.Contracts;

/// <summary>
/// A non-conformity decision gives its reason twice: as English words for the API and the export, and as facts (a key
/// and its values) for each agent to read in their own language. The facts carry what the words say: the days counted,
/// from when, the threshold, the rule; and the key follows the outcome, one day or several.
/// </summary>
public sealed class NonConformityReasonTests
{
    private static readonly ContractRuleBook Law = ContractRuleBook.Law;
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static SpeedMeasurement Measured(int daysAgo, decimal mbps) => new(Today.AddDays(-daysAgo), mbps);

    private static PhraseArg[] Values(params string[] values) => [.. values.Select(Phrase.Value)];

    [Fact]
    public void An_address_without_the_technology_gives_the_technology_the_place_and_the_rule()
    {
        var decision = Law.Undeliverable(new ServiceabilityFinding("4G", "Vätövägen 7, 760 18 Vätö", false, "There is no 4G coverage at Vätövägen 7, 760 18 Vätö."));

        Assert.Equal("Reason.NonConformity.NotDeliverable", decision.Why.Key);
        Assert.Equal(Values("4G", "Vätövägen 7, 760 18 Vätö", "EU-105-5"), decision.Why.Args);
    }

    [Fact]
    public void An_address_the_technology_reaches_is_no_reason_and_says_so()
    {
        var decision = Law.Undeliverable(new ServiceabilityFinding("fiber", "Vätövägen 7, 760 18 Vätö", true, null));

        Assert.Equal("Reason.NonConformity.Deliverable", decision.Why.Key);
        Assert.Equal(Values("fiber", "Vätövägen 7, 760 18 Vätö", "EU-105-5"), decision.Why.Args);
    }

    [Fact]
    public void Speeds_below_the_contract_on_enough_days_give_the_days_the_window_the_share_the_speeds_and_the_rule()
    {
        var decision = Law.Performance(Jurisdiction.SE, 100m, [Measured(80, 40m), Measured(30, 85.5m), Measured(2, 12.5m), Measured(2, 95m)], Today);

        Assert.True(decision.EndsWithoutCost);
        Assert.Equal("Reason.NonConformity.SpeedBelow", decision.Why.Key);
        Assert.Equal(Values("3", "2026-08-26", "90", "100", "12.5", "EU-105-5"), decision.Why.Args);
    }

    [Theory]
    [InlineData(1, "Reason.NonConformity.SpeedBelowOneDay")]
    [InlineData(2, "Reason.NonConformity.SpeedBelowTooFew")]
    public void Speeds_below_the_contract_on_too_few_days_say_how_many_more_it_takes(int days, string key)
    {
        var decision = Law.Performance(Jurisdiction.SE, 100m, [.. Enumerable.Range(1, days).Select(d => Measured(d, 10m))], Today);

        Assert.False(decision.EndsWithoutCost);
        Assert.Equal(key, decision.Why.Key);
        Assert.Equal(Values(days.ToString(CultureInfo.InvariantCulture), "2026-08-26", "90", "100", "3", "EU-105-5"), decision.Why.Args);
    }

    [Theory]
    [InlineData(3, "Reason.NonConformity.Faults")]
    [InlineData(1, "Reason.NonConformity.FaultsOneDay")]
    [InlineData(0, "Reason.NonConformity.FaultsTooFew")]
    public void Faults_give_the_days_they_were_reported_on_and_the_key_follows_the_outcome(int days, string key)
    {
        var decision = Law.Faults(Jurisdiction.NL, [.. Enumerable.Range(0, days).Select(d => Today.AddDays(-d * 10))], Today);

        Assert.Equal(days >= 3, decision.EndsWithoutCost);
        Assert.Equal(key, decision.Why.Key);
        Assert.Equal(days.ToString(CultureInfo.InvariantCulture), Assert.IsType<PhraseArg.Plain>(decision.Why.Args[0]).Value);
        Assert.Equal("2026-08-26", Assert.IsType<PhraseArg.Plain>(decision.Why.Args[1]).Value);
        Assert.Equal("EU-105-5", Assert.IsType<PhraseArg.Plain>(decision.Why.Args[^1]).Value);
    }

    [Fact]
    public void A_phrase_holds_a_phrase_of_its_own_and_needs_a_key()
    {
        var inner = Phrase.Of("Reason.Inner", Phrase.Value(2));
        var outer = Phrase.Of("Reason.Outer", Phrase.Part(inner), Phrase.Value("SE-1"));

        Assert.Same(inner, Assert.IsType<PhraseArg.Nested>(outer.Args[0]).Phrase);
        Assert.Equal("2", Assert.IsType<PhraseArg.Plain>(inner.Args[0]).Value);
        Assert.Throws<ArgumentException>(() => Phrase.Of(" "));
    }
}
