using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Languages;

namespace Touchpoint.Domain.Tests.Languages;

public sealed class CustomerLanguagesTests
{
    [Theory]
    [InlineData("da", "SE", "da")]
    [InlineData("FI", "SE", "fi")]
    [InlineData(null, "DK", "da")]
    [InlineData("", "NO", "nb")]
    [InlineData("xx", "FI", "fi")]
    [InlineData(null, null, "en")]
    [InlineData("pl", "XX", "en")]
    public void The_customers_own_language_wins_else_their_jurisdictions_else_English(string? preferred, string? jurisdiction, string expected) =>
        Assert.Equal(expected, CustomerLanguages.Choose(preferred, jurisdiction));

    [Fact]
    public void Every_language_is_written_in_every_jurisdiction_with_that_countrys_currency()
    {
        foreach (var language in PreferredLanguages.All)
        {
            foreach (var jurisdiction in Enum.GetValues<Jurisdiction>())
            {
                var culture = CustomerLanguages.Culture(language, jurisdiction);
                Assert.Equal(language, culture.TwoLetterISOLanguageName);
                Assert.Equal(jurisdiction.DefaultRegion(), new System.Globalization.RegionInfo(culture.Name).TwoLetterISORegionName);
            }
        }
    }

    [Fact]
    public void A_visitor_whose_country_is_unknown_is_written_to_as_the_language_is_at_home()
    {
        Assert.Equal("sv-SE", CustomerLanguages.Culture("sv", (Jurisdiction?)null).Name);
        Assert.Equal("en-GB", CustomerLanguages.Culture("en", (Jurisdiction?)null).Name);
        Assert.Equal("nb-NO", CustomerLanguages.Culture("nb", "xx").Name);
        Assert.Throws<ArgumentException>(() => CustomerLanguages.Culture("pl", Jurisdiction.SE));
    }

    [Fact]
    public void Every_language_has_its_own_name_for_the_switcher() =>
        Assert.Equal(["Svenska", "Dansk", "Nederlands", "Norsk bokmål", "Suomi", "Deutsch", "English"], PreferredLanguages.All.Select(CustomerLanguages.Endonym));

    [Theory]
    [InlineData("CRD-9", LawArea.ConsumerContracts)]
    [InlineData("CRD-10", LawArea.ConsumerContracts)]
    [InlineData("DE-312k", LawArea.ConsumerContracts)]
    [InlineData("EU-105-2", LawArea.ElectronicCommunications)]
    [InlineData("EU-102", LawArea.ElectronicCommunications)]
    [InlineData("DK-1", LawArea.ElectronicCommunications)]
    [InlineData("FI-1", LawArea.ElectronicCommunications)]
    public void A_rule_belongs_to_the_law_a_customer_knows(string ruleId, LawArea area) => Assert.Equal(area, ConsumerLaws.AreaOf(ruleId));

    [Theory]
    [InlineData("TP-2")]
    [InlineData("GDPR-21")]
    [InlineData("ADR")]
    public void Touchpoints_own_rules_and_other_laws_name_no_contract_law(string ruleId) => Assert.Null(ConsumerLaws.AreaOf(ruleId));

    [Fact]
    public void A_decision_names_each_law_once_in_its_countrys_words()
    {
        Assert.Equal(["forbrugeraftaleloven"], ConsumerLaws.Names(Jurisdiction.DK, ["CRD-9", "CRD-10", "TP-2"]));
        Assert.Equal(["lagen om elektronisk kommunikation", "distansavtalslagen"], ConsumerLaws.Names(Jurisdiction.SE, ["EU-105-2", "SE-1", "CRD-9"]));
        Assert.Equal(["Telecommunicatiewet"], ConsumerLaws.Names(Jurisdiction.NL, ["NL-1"]));
        Assert.Empty(ConsumerLaws.Names(Jurisdiction.FI, ["TP-1"]));
    }
}
