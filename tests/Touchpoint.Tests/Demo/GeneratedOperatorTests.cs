using Touchpoint.Demo;
using Touchpoint.Domain.Customers;

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
}
