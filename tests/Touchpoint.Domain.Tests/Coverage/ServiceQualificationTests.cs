using Touchpoint.Domain.Coverage;

namespace Touchpoint.Domain.Tests.Coverage;

public sealed class ServiceQualificationTests
{
    private const string Vato = "Vätövägen 7, 760 18 Vätö";

    [Theory]
    [InlineData("4G", new[] { "4G" })]
    [InlineData("4g", new[] { "4G", "fiber" })]
    [InlineData("fiber", new[] { "fiber" })]
    [InlineData("cable-tv", new[] { "dsl", "cable-tv" })]
    [InlineData("5G", new[] { "5G" })]
    public void A_technology_listed_at_the_place_is_qualified_without_reason_or_alternatives(string wanted, string[] available)
    {
        var answer = ServiceQualification.Qualify(wanted, available, Vato);

        Assert.Equal(QualificationResult.Qualified, answer.Result);
        Assert.True(answer.IsQualified);
        Assert.Null(answer.UnavailabilityReason);
        Assert.Empty(answer.AlternativeTechnologies);
        Assert.Equal(wanted == "4g" ? "4G" : wanted, answer.Technology);
    }

    [Fact]
    public void S3_1_four_g_where_only_fiber_reaches_is_alternate_with_fiber_and_a_reason_naming_the_place()
    {
        var answer = ServiceQualification.Qualify("4G", ["fiber"], Vato);

        Assert.Equal(QualificationResult.Alternate, answer.Result);
        Assert.False(answer.IsQualified);
        Assert.Equal(["fiber"], answer.AlternativeTechnologies);
        Assert.Equal("There is no 4G coverage at Vätövägen 7, 760 18 Vätö. Available there: fiber.", answer.UnavailabilityReason);
    }

    [Fact]
    public void Five_g_coverage_carries_four_g_so_four_g_is_qualified_where_only_5G_is_listed()
    {
        Assert.Equal(QualificationResult.Qualified, ServiceQualification.Qualify("4G", ["5G"], Vato).Result);
    }

    [Fact]
    public void Four_g_coverage_does_not_carry_five_g_which_then_is_alternate_with_4G_first()
    {
        var answer = ServiceQualification.Qualify("5G", ["dsl", "4G", "fiber"], Vato);

        Assert.Equal(QualificationResult.Alternate, answer.Result);
        Assert.Equal(["4G", "fiber", "dsl"], answer.AlternativeTechnologies);
    }

    [Fact]
    public void Alternatives_to_a_fixed_technology_list_fixed_ones_before_mobile_ones()
    {
        var answer = ServiceQualification.Qualify("fiber", ["5G", "dsl", "cable-tv"], Vato);

        Assert.Equal(QualificationResult.Alternate, answer.Result);
        Assert.Equal(["cable-tv", "dsl", "5G", "4G"], answer.AlternativeTechnologies);
    }

    [Theory]
    [InlineData("")]
    [InlineData("satellite")]
    public void Nothing_available_is_unqualified_with_a_reason_and_no_alternatives(string listed)
    {
        var answer = ServiceQualification.Qualify("4G", listed.Split(',', StringSplitOptions.RemoveEmptyEntries), Vato);

        Assert.Equal(QualificationResult.Unqualified, answer.Result);
        Assert.Empty(answer.AlternativeTechnologies);
        Assert.Equal("There is no 4G coverage at Vätövägen 7, 760 18 Vätö, and none of our other networks reach it either.", answer.UnavailabilityReason);
    }

    [Fact]
    public void A_place_without_coverage_data_is_unqualified_and_says_so()
    {
        var answer = ServiceQualification.NoCoverageData("fiber", Vato);

        Assert.Equal(QualificationResult.Unqualified, answer.Result);
        Assert.Equal("We have no coverage data for Vätövägen 7, 760 18 Vätö, so fiber cannot be promised there.", answer.UnavailabilityReason);
    }

    [Fact]
    public void An_unknown_wanted_technology_is_a_programming_error()
    {
        Assert.Throws<ArgumentException>(() => ServiceQualification.Qualify("3G", ["4G"], Vato));
    }

    [Theory]
    [InlineData(QualificationResult.Qualified, "qualified")]
    [InlineData(QualificationResult.Unqualified, "unqualified")]
    [InlineData(QualificationResult.Alternate, "alternate")]
    public void Results_have_the_TMF679_wire_names(QualificationResult result, string wireName)
    {
        Assert.Equal(wireName, result.ToWireName());
        Assert.True(QualificationResults.TryParse(wireName.ToUpperInvariant(), out var parsed, out _));
        Assert.Equal(result, parsed);
    }
}
