using Touchpoint.Domain.Compensation;
using Touchpoint.Domain.Customers;

namespace Touchpoint.Domain.Tests.Compensation;

public sealed class LocalMoneyTests
{
    [Theory]
    [InlineData(Jurisdiction.SE, "1 234,50 kr")]
    [InlineData(Jurisdiction.DK, "1.234,50 kr.")]
    [InlineData(Jurisdiction.NO, "kr 1 234,50")]
    [InlineData(Jurisdiction.FI, "1 234,50 €")]
    [InlineData(Jurisdiction.DE, "1.234,50 €")]
    [InlineData(Jurisdiction.NL, "€ 1.234,50")]
    public void An_amount_is_written_as_the_customers_country_writes_its_currency(Jurisdiction jurisdiction, string expected) =>
        // Cultures separate groups and symbols with no-break spaces, so an amount never wraps across lines.
        Assert.Equal(expected, Currencies.FormatLocal(1234.5m, jurisdiction).Replace('\u00A0', ' ').Replace('\u202F', ' '));

    [Fact]
    public void Each_jurisdictions_culture_writes_its_own_currency()
    {
        foreach (var jurisdiction in Enum.GetValues<Jurisdiction>())
        {
            var symbol = jurisdiction.LocalCulture().NumberFormat.CurrencySymbol;
            Assert.Equal(jurisdiction.LocalCurrency() == Currency.EUR ? "€" : "kr", symbol.TrimEnd('.'));
        }
    }
}
