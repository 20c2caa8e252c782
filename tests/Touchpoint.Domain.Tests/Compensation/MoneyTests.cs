using Touchpoint.Domain.Compensation;
using Touchpoint.Domain.Customers;

namespace Touchpoint.Domain.Tests.Compensation;

public sealed class MoneyTests
{
    [Theory]
    [InlineData(Jurisdiction.SE, Currency.SEK)]
    [InlineData(Jurisdiction.DK, Currency.DKK)]
    [InlineData(Jurisdiction.NL, Currency.EUR)]
    [InlineData(Jurisdiction.NO, Currency.NOK)]
    [InlineData(Jurisdiction.FI, Currency.EUR)]
    [InlineData(Jurisdiction.DE, Currency.EUR)]
    public void Each_jurisdiction_is_compensated_in_its_own_currency(Jurisdiction jurisdiction, Currency expected) =>
        Assert.Equal(expected, jurisdiction.LocalCurrency());

    [Fact]
    public void Currencies_have_their_ISO_4217_codes_on_the_wire() =>
        Assert.Equal(["SEK", "DKK", "EUR", "NOK"], Enum.GetValues<Currency>().Select(c => c.ToWireName()));

    [Theory]
    [InlineData("sek", Currency.SEK)]
    [InlineData(" EUR ", Currency.EUR)]
    public void Currency_codes_parse_case_insensitively(string text, Currency expected)
    {
        Assert.True(Currencies.TryParse(text, out var value, out var error), error);
        Assert.Equal(expected, value);
    }

    [Fact]
    public void An_unsupported_currency_is_refused_naming_the_allowed_ones()
    {
        Assert.False(Currencies.TryParse("USD", out _, out var error));
        Assert.Equal("'USD' is not a valid currency; allowed values: SEK, DKK, EUR, NOK.", error);
    }

    [Fact]
    public void Amounts_with_the_same_value_and_currency_are_equal()
    {
        Assert.Equal(new Money(350m, Currency.SEK), new Money(350.00m, Currency.SEK));
        Assert.NotEqual(new Money(350m, Currency.SEK), new Money(350m, Currency.NOK));
    }

    [Fact]
    public void More_than_two_decimals_is_refused() =>
        Assert.Throws<ArgumentException>(() => new Money(10.005m, Currency.SEK));

    [Fact]
    public void Trailing_zero_decimals_are_not_extra_precision() =>
        Assert.Equal(10.5m, new Money(10.5000m, Currency.EUR).Amount);

    [Fact]
    public void An_undefined_currency_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Money(1m, (Currency)42));

    [Fact]
    public void Sums_and_multiples_stay_exact()
    {
        var tenOre = new Money(0.10m, Currency.SEK);
        var sum = Enumerable.Range(0, 10).Aggregate(Money.Zero(Currency.SEK), (total, _) => total.Plus(tenOre));

        Assert.Equal(new Money(1m, Currency.SEK), sum);
        Assert.Equal(new Money(370m, Currency.SEK), new Money(10m, Currency.SEK).Times(37));
    }

    [Fact]
    public void Different_currencies_are_never_added_or_compared()
    {
        var kronor = new Money(100m, Currency.SEK);
        var euros = new Money(100m, Currency.EUR);

        Assert.Throws<InvalidOperationException>(() => kronor.Plus(euros));
        Assert.Throws<InvalidOperationException>(() => kronor.Exceeds(euros));
    }

    [Fact]
    public void Exceeds_is_strict()
    {
        Assert.True(new Money(500.01m, Currency.SEK).Exceeds(new Money(500m, Currency.SEK)));
        Assert.False(new Money(500m, Currency.SEK).Exceeds(new Money(500m, Currency.SEK)));
    }

    [Fact]
    public void Text_is_the_same_in_every_culture()
    {
        var before = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("sv-SE");
            Assert.Equal("1,000.00 SEK", new Money(1000m, Currency.SEK).ToString());
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void Only_positive_amounts_are_positive()
    {
        Assert.True(new Money(0.01m, Currency.DKK).IsPositive);
        Assert.False(Money.Zero(Currency.DKK).IsPositive);
        Assert.False(new Money(-5m, Currency.DKK).IsPositive);
    }

    [Theory]
    [InlineData("350", true)]
    [InlineData("0.01", true)]
    [InlineData("10.005", false)]
    public void Try_create_refuses_amounts_below_the_minor_unit_instead_of_throwing(string amount, bool created)
    {
        var ok = Money.TryCreate(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), Currency.SEK, out var money);

        Assert.Equal(created, ok);
        Assert.Equal(created, money is not null);
        Assert.False(Money.TryCreate(1m, (Currency)99, out _));
    }
}
