using Touchpoint.Demo;
using Touchpoint.Domain.Customers;
using Touchpoint.Features.Catalogue;

namespace Touchpoint.Tests.Demo;

public sealed class GeneratedOperatorTests
{
    /// <summary>Generated numbers are written without validation (demo data, bulk writer), so they must be canonical already.</summary>
    [Theory]
    [InlineData(Jurisdiction.SE)]
    [InlineData(Jurisdiction.DK)]
    [InlineData(Jurisdiction.NL)]
    [InlineData(Jurisdiction.NO)]
    [InlineData(Jurisdiction.FI)]
    [InlineData(Jurisdiction.DE)]
    public void Generated_phone_numbers_are_valid_canonical_and_distinct_across_three_million_customers_per_country(Jurisdiction jurisdiction)
    {
        // Every block's edges plus a stride through the whole range.
        int[] samples = [.. Enumerable.Range(0, 3).SelectMany(block => new[] { block * 1_000_000, (block * 1_000_000) + 999_999 }),
            .. Enumerable.Range(1, (3_000_000 / 997) - 1).Select(step => step * 997)];
        var numbers = samples.Distinct().Select(index => GeneratedOperator.Msisdn(jurisdiction, index)).ToList();

        Assert.All(numbers, number =>
        {
            Assert.True(IdentityNormalizer.TryNormalize(IdentityKind.Msisdn, number, jurisdiction, out var canonical, out var error), error);
            Assert.Equal(number, canonical);
        });
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
    }

    [Fact]
    public void Generated_customers_stay_in_the_four_countries_and_each_has_a_mobile_plan_of_their_own()
    {
        var plans = StoryCustomers.Plans.Select(p => new Plan
        {
            Code = p.Code!, Name = p.Name!, Currency = p.Currency!, Country = p.Country, Technology = p.Technology!,
            BindingOptions = string.Join(",", p.BindingOptions!),
        }).ToList();

        var generated = new GeneratedOperator(DemoData.GeneratedSeed, new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc), plans, null).Generate(400, 1).ToList();

        Assert.Equal(
            [("DK", 100), ("NL", 100), ("NO", 100), ("SE", 100)],
            generated.GroupBy(g => g.Customer.Jurisdiction).Select(g => (g.Key, g.Count())).Order().ToArray());
        Assert.All(generated, g =>
        {
            var plan = plans.Single(p => p.Id == Assert.Single(g.Subscriptions).PlanId);
            Assert.True(Jurisdictions.TryParse(g.Customer.Jurisdiction, out var jurisdiction, out var error), error);
            Assert.True(plan.IsSoldIn(jurisdiction), $"{g.Customer.Jurisdiction} customer on {plan.Code}");
            Assert.True(plan.Technology is "4G" or "5G", plan.Technology);
        });
    }
}
