using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Touchpoint.Domain.Contracts;
using Touchpoint.Features.Languages;

namespace Touchpoint.Tests.Languages;

/// <summary>Issue 20: amounts, days and instants as each language writes them, on the customer's clock.</summary>
public sealed class CustomerVoiceTests
{
    private static readonly CustomerVoices Voices = new(new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));

    [Theory]
    [InlineData("sv", "SE", "SEK", "1 234,50 kr")]
    [InlineData("da", "DK", "DKK", "1.234,50 kr.")]
    [InlineData("nb", "NO", "NOK", "kr 1 234,50")]
    [InlineData("nl", "NL", "EUR", "€ 1.234,50")]
    [InlineData("fi", "FI", "EUR", "1 234,50 €")]
    [InlineData("de", "DE", "EUR", "1.234,50 €")]
    [InlineData("sv", "FI", "EUR", "1 234,50 €")]
    [InlineData("en", "DK", "DKK", "1.234,50 kr.")]
    [InlineData("da", "DK", "EUR", "1.234,50 EUR")]
    public void Amounts_are_written_as_the_language_writes_them_in_the_customers_currency(string language, string jurisdiction, string currency, string expected) =>
        Assert.Equal(expected, Spaced(Voices.In(language, jurisdiction).Money(1234.5m, currency)));

    [Theory]
    [InlineData("en", "7 December 2026")]
    [InlineData("sv", "7 december 2026")]
    [InlineData("da", "7. december 2026")]
    [InlineData("nb", "7. desember 2026")]
    [InlineData("nl", "7 december 2026")]
    [InlineData("fi", "7. joulukuuta 2026")]
    [InlineData("de", "7. Dezember 2026")]
    public void Days_are_written_in_the_language(string language, string expected) =>
        Assert.Equal(expected, Voices.In(language, null).Date(new DateOnly(2026, 12, 7)));

    [Fact]
    public void The_day_of_an_instant_is_the_customers_day_not_UTCs()
    {
        var lateEvening = new DateTime(2026, 12, 6, 23, 30, 0, DateTimeKind.Utc);
        Assert.Equal("7. december 2026", Voices.In("da", "DK").Day(lateEvening));
        Assert.Equal("7. joulukuuta 2026", Voices.In("fi", "FI").Day(lateEvening));
        Assert.Equal("6 December 2026", Voices.In("en", null).Day(lateEvening));
    }

    [Fact]
    public void Instants_are_on_the_customers_clock_named_also_across_the_clock_change()
    {
        // Denmark springs forward at 02:00 on 29 March 2026: an hour apart in UTC, two hours apart on the clock.
        var danish = Voices.For(null, "DK");
        Assert.Equal("29. marts 2026 kl. 01.30 (dansk tid)", danish.Time(new DateTime(2026, 3, 29, 0, 30, 0, DateTimeKind.Utc)));
        Assert.Equal("29. marts 2026 kl. 03.30 (dansk tid)", danish.Time(new DateTime(2026, 3, 29, 1, 30, 0, DateTimeKind.Utc)));

        // Finland falls back at 04:00 on 25 October 2026: an hour apart in UTC, the same time on the clock.
        var finnish = Voices.For("fi", "FI");
        Assert.Equal("25. lokakuuta 2026 klo 3.30 (Suomen aikaa)", finnish.Time(new DateTime(2026, 10, 25, 0, 30, 0, DateTimeKind.Utc)));
        Assert.Equal("25. lokakuuta 2026 klo 3.30 (Suomen aikaa)", finnish.Time(new DateTime(2026, 10, 25, 1, 30, 0, DateTimeKind.Utc)));

        Assert.Equal("7 December 2026 at 11:20 (Stockholm time)", Voices.In("en", "SE").Time(new DateTime(2026, 12, 7, 10, 20, 0, DateTimeKind.Utc)));
        Assert.Equal("7. Dezember 2026 um 10:20 Uhr (UTC)", Voices.In("de", null).Time(new DateTime(2026, 12, 7, 10, 20, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void Periods_and_laws_are_named_in_the_language()
    {
        var dutch = Voices.For("nl", "NL");
        Assert.Equal("één maand", dutch.Period(RulePeriod.Months(1)));
        Assert.Equal("2 weken", dutch.Period(RulePeriod.Weeks(2)));
        Assert.Equal("Wet: Telecommunicatiewet (EU-105-2, NL-1)", dutch.LawLine(["EU-105-2", "NL-1"]));
        Assert.Equal("TP-2", dutch.LawLine(["TP-2"]));
        Assert.Equal("Retten følger af: forbrugeraftaleloven.", Voices.For("da", "DK").LawSentence(["CRD-9"]));
    }

    [Fact]
    public void A_customers_language_never_leaks_into_the_ambient_culture()
    {
        var before = System.Globalization.CultureInfo.CurrentUICulture;
        _ = Voices.For("fi", "FI")["Leave.Title"];
        Assert.Equal(before, System.Globalization.CultureInfo.CurrentUICulture);
        Assert.Throws<InvalidOperationException>(() => Voices.For("fi", "FI")["No.Such.Key"]);
    }

    private static string Spaced(string text) => text.Replace('\u00A0', ' ').Replace('\u202F', ' ');
}
