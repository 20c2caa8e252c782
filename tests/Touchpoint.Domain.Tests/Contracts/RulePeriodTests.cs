using System.Text.Json;
using Touchpoint.Domain.Contracts;

namespace Touchpoint.Domain.Tests.Contracts;

public sealed class RulePeriodTests
{
    [Theory]
    [InlineData(1, PeriodUnit.Months, "2026-01-31", "2026-02-28")]
    [InlineData(1, PeriodUnit.Months, "2028-01-31", "2028-02-29")]
    [InlineData(2, PeriodUnit.Weeks, "2026-12-24", "2027-01-07")]
    [InlineData(14, PeriodUnit.Days, "2026-02-20", "2026-03-06")]
    [InlineData(0, PeriodUnit.Weeks, "2026-02-20", "2026-02-20")]
    public void A_period_ends_on_the_calendar_day_it_reaches(int amount, PeriodUnit unit, string start, string end) =>
        Assert.Equal(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture),
            new RulePeriod(amount, unit).AddTo(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData(1, PeriodUnit.Months, "1 month", "one month's notice", "P1M")]
    [InlineData(3, PeriodUnit.Months, "3 months", "3 months' notice", "P3M")]
    [InlineData(2, PeriodUnit.Weeks, "2 weeks", "2 weeks' notice", "P2W")]
    [InlineData(1, PeriodUnit.Weeks, "1 week", "one week's notice", "P1W")]
    [InlineData(14, PeriodUnit.Days, "14 days", "14 days' notice", "P14D")]
    [InlineData(0, PeriodUnit.Months, "0 months", "no notice", "P0M")]
    public void A_period_is_said_and_written_as_people_and_ISO_8601_do(int amount, PeriodUnit unit, string text, string notice, string iso)
    {
        var period = new RulePeriod(amount, unit);

        Assert.Equal((text, notice, iso), (period.ToString(), period.AsNotice(), period.Iso8601));
        Assert.True(RulePeriod.TryParseIso8601(iso, out var parsed));
        Assert.Equal(period, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("P")]
    [InlineData("PM")]
    [InlineData("P2Y")]
    [InlineData("2W")]
    [InlineData("P-1M")]
    public void Anything_else_is_no_ISO_period(string? text) =>
        Assert.False(RulePeriod.TryParseIso8601(text, out _));

    [Fact]
    public void Only_whole_months_have_a_month_count()
    {
        Assert.Equal(1, RulePeriod.Months(1).WholeMonths);
        Assert.Null(RulePeriod.Weeks(2).WholeMonths);
        Assert.Null(RulePeriod.Days(30).WholeMonths);
        Assert.Equal(0, RulePeriod.Days(0).WholeMonths);
    }

    [Fact]
    public void On_the_wire_a_period_is_an_amount_and_a_unit()
    {
        var json = JsonSerializer.Serialize(new { notice = RulePeriod.Weeks(2) });

        Assert.Equal("""{"notice":{"amount":2,"unit":"weeks"}}""", json);
        Assert.Equal(RulePeriod.Weeks(2), JsonSerializer.Deserialize<RulePeriod>("""{"unit":"weeks","amount":2}"""));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<RulePeriod>("""{"amount":2,"unit":"fortnights"}"""));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<RulePeriod>("""{"amount":2}"""));
    }

    [Fact]
    public void A_negative_period_does_not_exist() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RulePeriod.Days(-1));
}
