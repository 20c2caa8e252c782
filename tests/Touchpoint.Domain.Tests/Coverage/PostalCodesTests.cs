using Touchpoint.Domain.Coverage;
using Touchpoint.Domain.Customers;

namespace Touchpoint.Domain.Tests.Coverage;

public sealed class PostalCodesTests
{
    [Theory]
    [InlineData(Jurisdiction.SE, "760 18", "76018", "760 18")]
    [InlineData(Jurisdiction.SE, "SE-114 55", "11455", "114 55")]
    [InlineData(Jurisdiction.DK, "1620", "1620", "1620")]
    [InlineData(Jurisdiction.NO, " 0150 ", "0150", "0150")]
    [InlineData(Jurisdiction.NL, "3511 ax", "3511AX", "3511 AX")]
    [InlineData(Jurisdiction.FI, "00100", "00100", "00100")]
    [InlineData(Jurisdiction.FI, "FI-00100", "00100", "00100")]
    [InlineData(Jurisdiction.FI, "99999", "99999", "99999")]
    [InlineData(Jurisdiction.DE, "10115", "10115", "10115")]
    [InlineData(Jurisdiction.DE, "01067", "01067", "01067")]
    [InlineData(Jurisdiction.DE, "DE-10115", "10115", "10115")]
    [InlineData(Jurisdiction.DE, "D-10115", "10115", "10115")]
    public void Postcodes_written_in_any_usual_way_reduce_to_one_key(Jurisdiction country, string written, string key, string display)
    {
        Assert.True(PostalCodes.TryNormalize(country, written, out var normalized, out var error), error);
        Assert.Equal(key, normalized);
        Assert.Equal(display, PostalCodes.Display(country, normalized));
    }

    [Theory]
    [InlineData(Jurisdiction.SE, "7601")]
    [InlineData(Jurisdiction.SE, "06018")]
    [InlineData(Jurisdiction.DK, "16200")]
    [InlineData(Jurisdiction.NO, "O150")]
    [InlineData(Jurisdiction.NL, "3511")]
    [InlineData(Jurisdiction.NL, "0511 AX")]
    [InlineData(Jurisdiction.FI, "0010")]
    [InlineData(Jurisdiction.FI, "001000")]
    [InlineData(Jurisdiction.FI, "FI-0010A")]
    [InlineData(Jurisdiction.DE, "1011")]
    [InlineData(Jurisdiction.DE, "00115")]
    [InlineData(Jurisdiction.DE, "D-101150")]
    [InlineData(Jurisdiction.SE, "")]
    [InlineData(Jurisdiction.SE, null)]
    public void Malformed_postcodes_are_refused_with_the_expected_form(Jurisdiction country, string? written)
    {
        Assert.False(PostalCodes.TryNormalize(country, written, out var key, out var error));
        Assert.Null(key);
        Assert.Contains($"is not a postcode of {country}", error, StringComparison.Ordinal);
        Assert.Contains("expected", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Jurisdiction.FI, "five digits such as 00100")]
    [InlineData(Jurisdiction.DE, "five digits such as 10115")]
    public void The_error_shows_the_countrys_form(Jurisdiction country, string expected)
    {
        Assert.False(PostalCodes.TryNormalize(country, "123", out _, out var error));
        Assert.EndsWith($"expected {expected}.", error, StringComparison.Ordinal);
    }
}
