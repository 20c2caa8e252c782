using Touchpoint.Domain.Cases;
using Touchpoint.Domain.Customers;

namespace Touchpoint.Domain.Tests.Cases;

/// <summary>The public holidays that close customer care, per jurisdiction, and SLA time that stands still on them.</summary>
public sealed class PublicHolidaysTests
{
    private static readonly TimeSpan Cest = TimeSpan.FromHours(2);

    private static bool IsHoliday(Jurisdiction jurisdiction, int year, int month, int day) =>
        PublicHolidays.For(jurisdiction).IsHoliday(new DateOnly(year, month, day));

    [Theory]
    [InlineData(Jurisdiction.SE, 2026, 6, 19)]
    [InlineData(Jurisdiction.FI, 2026, 6, 19)]
    [InlineData(Jurisdiction.SE, 2027, 6, 25)]
    [InlineData(Jurisdiction.FI, 2027, 6, 25)]
    public void Midsummer_Eve_is_the_Friday_between_19_and_25_June_in_Sweden_and_Finland(Jurisdiction jurisdiction, int year, int month, int day)
    {
        Assert.True(IsHoliday(jurisdiction, year, month, day));
        Assert.Equal("Midsummer Eve", PublicHolidays.For(jurisdiction).On(new DateOnly(year, month, day))!.EnglishName);
        Assert.False(IsHoliday(jurisdiction, year, month, day - 1));
    }

    [Fact]
    public void Midsummer_Eve_is_an_ordinary_day_in_Germany_Denmark_and_Norway()
    {
        Assert.False(IsHoliday(Jurisdiction.DE, 2026, 6, 19));
        Assert.False(IsHoliday(Jurisdiction.DK, 2026, 6, 19));
        Assert.False(IsHoliday(Jurisdiction.NO, 2026, 6, 19));
    }

    [Theory]
    [InlineData(Jurisdiction.SE)]
    [InlineData(Jurisdiction.DK)]
    [InlineData(Jurisdiction.NO)]
    [InlineData(Jurisdiction.FI)]
    [InlineData(Jurisdiction.DE)]
    public void Good_Friday_follows_Easter(Jurisdiction jurisdiction)
    {
        Assert.True(IsHoliday(jurisdiction, 2026, 4, 3));
        Assert.True(IsHoliday(jurisdiction, 2027, 3, 26));
        Assert.Equal("Good Friday", PublicHolidays.For(jurisdiction).On(new DateOnly(2026, 4, 3))!.EnglishName);
    }

    [Fact]
    public void Good_Friday_is_no_general_day_off_in_the_Netherlands() =>
        Assert.False(IsHoliday(Jurisdiction.NL, 2026, 4, 3));

    [Theory]
    [InlineData(Jurisdiction.SE)]
    [InlineData(Jurisdiction.DK)]
    [InlineData(Jurisdiction.NL)]
    [InlineData(Jurisdiction.NO)]
    [InlineData(Jurisdiction.FI)]
    [InlineData(Jurisdiction.DE)]
    public void Ascension_is_a_Thursday_off_everywhere(Jurisdiction jurisdiction)
    {
        Assert.True(IsHoliday(jurisdiction, 2026, 5, 14));
        Assert.True(IsHoliday(jurisdiction, 2027, 5, 6));
    }

    [Fact]
    public void German_Unity_Day_is_3_October_and_German()
    {
        var unity = PublicHolidays.For(Jurisdiction.DE).On(new DateOnly(2025, 10, 3));

        Assert.Equal(new Holiday(new DateOnly(2025, 10, 3), "Tag der Deutschen Einheit", "German Unity Day"), unity);
        Assert.False(IsHoliday(Jurisdiction.SE, 2025, 10, 3));
    }

    [Fact]
    public void Germany_counts_only_the_national_holidays_not_a_states_own() =>
        // Reformation Day (Brandenburg, Saxony, …) and Corpus Christi (Bavaria, …): added as closed dates where they apply.
        Assert.Equal(
            ["01-01", "04-03", "04-06", "05-01", "05-14", "05-25", "10-03", "12-25", "12-26"],
            PublicHolidays.For(Jurisdiction.DE).In(2026).Select(h => h.Date.ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Finland_also_closes_on_Christmas_Eve_and_Independence_Day()
    {
        Assert.Equal("Jouluaatto", PublicHolidays.For(Jurisdiction.FI).On(new DateOnly(2026, 12, 24))!.LocalName);
        Assert.Equal("Independence Day", PublicHolidays.For(Jurisdiction.FI).On(new DateOnly(2026, 12, 6))!.EnglishName);
        Assert.False(IsHoliday(Jurisdiction.DE, 2026, 12, 24));
    }

    [Fact]
    public void Whit_Monday_is_off_in_Germany_but_not_in_Sweden_since_2005()
    {
        Assert.True(IsHoliday(Jurisdiction.DE, 2026, 5, 25));
        Assert.False(IsHoliday(Jurisdiction.SE, 2026, 5, 25));
    }

    [Fact]
    public void Denmarks_Great_Prayer_Day_ended_with_2023()
    {
        Assert.True(IsHoliday(Jurisdiction.DK, 2023, 5, 5));
        Assert.False(IsHoliday(Jurisdiction.DK, 2024, 4, 26));
    }

    [Theory]
    [InlineData(Jurisdiction.SE)]
    [InlineData(Jurisdiction.DK)]
    [InlineData(Jurisdiction.NL)]
    [InlineData(Jurisdiction.NO)]
    [InlineData(Jurisdiction.FI)]
    [InlineData(Jurisdiction.DE)]
    public void A_year_lists_each_day_once_in_date_order_with_its_names(Jurisdiction jurisdiction)
    {
        var holidays = PublicHolidays.For(jurisdiction).In(2026);

        Assert.InRange(holidays.Count, 8, 20);
        Assert.Equal(holidays.OrderBy(h => h.Date), holidays);
        Assert.Equal(holidays.Count, holidays.Select(h => h.Date).Distinct().Count());
        Assert.All(holidays, h => Assert.False(string.IsNullOrWhiteSpace(h.LocalName) || string.IsNullOrWhiteSpace(h.EnglishName)));
        Assert.All(holidays, h => Assert.Equal(2026, h.Date.Year));
        Assert.Contains(holidays, h => h.Date == new DateOnly(2026, 12, 25));
        Assert.Null(PublicHolidays.For(jurisdiction).On(new DateOnly(2026, 3, 11)));
    }

    // --- the business calendar ---

    private static BusinessCalendar Office(Jurisdiction jurisdiction, string zone, IEnumerable<DateOnly>? closedDates = null) =>
        BusinessCalendar.Weekdays(zone, new TimeOnly(8, 0), new TimeOnly(16, 0), closedDates, PublicHolidays.For(jurisdiction));

    [Fact]
    public void Business_time_skips_German_Unity_Day()
    {
        // Thursday 2 October 2025, 15:00 in Berlin: one hour that day, the next on Monday after the holiday Friday.
        var berlin = Office(Jurisdiction.DE, "Europe/Berlin");

        Assert.Equal(new DateTimeOffset(2025, 10, 6, 9, 0, 0, Cest), berlin.Add(new DateTimeOffset(2025, 10, 2, 15, 0, 0, Cest), TimeSpan.FromHours(2)));
        Assert.True(berlin.IsClosedOn(new DateOnly(2025, 10, 3)));
        Assert.False(berlin.IsOpenAt(new DateTimeOffset(2025, 10, 3, 10, 0, 0, Cest)));
    }

    [Fact]
    public void Business_time_skips_Finnish_Midsummer_Eve()
    {
        var eest = TimeSpan.FromHours(3);
        var helsinki = Office(Jurisdiction.FI, "Europe/Helsinki");

        Assert.Equal(new DateTimeOffset(2026, 6, 22, 9, 0, 0, eest), helsinki.Add(new DateTimeOffset(2026, 6, 18, 15, 0, 0, eest), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void Configured_closed_dates_are_added_to_the_public_holidays()
    {
        // Reformation Day, a holiday in Brandenburg, on Friday 31 October 2025.
        var brandenburg = Office(Jurisdiction.DE, "Europe/Berlin", [new DateOnly(2025, 10, 31)]);
        var cet = TimeSpan.FromHours(1);

        Assert.Equal(new DateTimeOffset(2025, 11, 3, 9, 0, 0, cet), brandenburg.Add(new DateTimeOffset(2025, 10, 30, 15, 0, 0, cet), TimeSpan.FromHours(2)));
        Assert.True(brandenburg.IsClosedOn(new DateOnly(2025, 10, 3)));
        // Wednesday and Thursday count, German Unity Day does not.
        Assert.Equal(TimeSpan.FromHours(16), brandenburg.Between(new DateTimeOffset(2025, 10, 1, 0, 0, 0, Cest), new DateTimeOffset(2025, 10, 4, 0, 0, 0, Cest)));
    }

    [Fact]
    public void An_SLA_deadline_skips_Good_Friday_and_Easter_Monday()
    {
        // 40 business hours from Wednesday 1 April 2026, 09:00 in Berlin: Wednesday 7, Thursday 8, (Good Friday, the
        // weekend, Easter Monday), Tuesday 8, Wednesday 8, Thursday 8, and the last hour on Friday 10 April.
        var policy = SlaPolicySet.Default.For(CaseType.Complaint, CasePriority.High);
        var opened = new DateTimeOffset(2026, 4, 1, 9, 0, 0, Cest);
        var facts = new SlaFacts { OpenedAt = opened };
        var withHolidays = SlaClock.Read(policy, Office(Jurisdiction.DE, "Europe/Berlin"), facts, opened.AddMinutes(1));
        var withoutHolidays = SlaClock.Read(policy, BusinessCalendar.Weekdays("Europe/Berlin", new TimeOnly(8, 0), new TimeOnly(16, 0)), facts, opened.AddMinutes(1));

        Assert.Equal(TimeSpan.FromHours(40), policy.Resolution);
        Assert.Equal(new DateTimeOffset(2026, 4, 10, 9, 0, 0, Cest), withHolidays[SlaTarget.Resolution].DueAt);
        Assert.Equal(new DateTimeOffset(2026, 4, 8, 9, 0, 0, Cest), withoutHolidays[SlaTarget.Resolution].DueAt);
    }
}
