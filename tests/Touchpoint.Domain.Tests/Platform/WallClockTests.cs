using Touchpoint.Domain.Platform;

namespace Touchpoint.Domain.Tests.Platform;

public sealed class WallClockTests
{
    private static readonly TimeZoneInfo Stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

    [Theory]
    [InlineData(2026, 12, 7, 14, 20, "2026-12-07T13:20:00Z")] // winter: UTC+1
    [InlineData(2026, 7, 1, 14, 20, "2026-07-01T12:20:00Z")] // summer: UTC+2
    [InlineData(2026, 3, 29, 1, 59, "2026-03-29T00:59:00Z")] // the minute before the clock springs forward
    [InlineData(2026, 3, 29, 3, 0, "2026-03-29T01:00:00Z")] // the first minute after it
    public void A_wall_clock_time_is_the_instant_it_names_in_the_zone(int year, int month, int day, int hour, int minute, string expected)
    {
        Assert.True(WallClock.TryToUtc(new DateTime(year, month, day, hour, minute, 0), Stockholm, out var utc));

        Assert.Equal(expected, WallClock.Iso(utc));
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
    }

    [Theory]
    [InlineData(2, 0)]
    [InlineData(2, 30)]
    [InlineData(2, 59)]
    public void A_time_the_clock_skips_in_spring_is_no_instant(int hour, int minute) =>
        Assert.False(WallClock.TryToUtc(new DateTime(2026, 3, 29, hour, minute, 0), Stockholm, out _));

    [Fact]
    public void A_time_the_clock_passes_twice_in_autumn_is_the_first_of_the_two()
    {
        // On 25 October 2026 Stockholm's clock shows 02:30 at 00:30Z (summer time) and again at 01:30Z.
        Assert.True(WallClock.TryToUtc(new DateTime(2026, 10, 25, 2, 30, 0), Stockholm, out var utc));

        Assert.Equal("2026-10-25T00:30:00Z", WallClock.Iso(utc));
    }

    [Theory]
    [InlineData("2026-12-07T09:20:00Z", "7 Dec 2026 10:20")]
    [InlineData("2026-07-01T22:05:00Z", "2 Jul 2026 00:05")]
    [InlineData("2026-10-25T00:30:00Z", "25 Oct 2026 02:30")]
    [InlineData("2026-10-25T01:30:00Z", "25 Oct 2026 02:30")]
    public void Staff_read_an_instant_on_their_zones_clock(string instant, string expected) =>
        Assert.Equal(expected, WallClock.Format(Utc(instant), Stockholm));

    [Fact]
    public void A_UTC_instant_round_trips_through_the_wall_clock()
    {
        var instant = Utc("2026-12-07T13:20:00Z");

        Assert.True(WallClock.TryToUtc(WallClock.FromUtc(instant, Stockholm), Stockholm, out var back));
        Assert.Equal(instant, back);
    }

    [Theory]
    [InlineData("2026-12-07T09:20:00Z", "2026-12-06T23:00:00Z")]
    [InlineData("2026-12-06T23:30:00Z", "2026-12-06T23:00:00Z")] // already the 7th in Stockholm
    [InlineData("2026-07-01T12:00:00Z", "2026-06-30T22:00:00Z")]
    public void A_day_starts_at_midnight_on_the_zones_clock(string instant, string expected) =>
        Assert.Equal(expected, WallClock.Iso(WallClock.StartOfDay(Utc(instant), Stockholm)));

    [Fact]
    public void A_day_whose_midnight_the_clock_skips_starts_at_its_first_minute()
    {
        // Havana springs forward at midnight: on 8 March 2026 its clock went from 00:00 straight to 01:00 (UTC-4).
        var havana = TimeZoneInfo.FindSystemTimeZoneById("America/Havana");

        Assert.Equal("2026-03-08T05:00:00Z", WallClock.Iso(WallClock.StartOfDay(Utc("2026-03-08T12:00:00Z"), havana)));
    }

    [Fact]
    public void An_instant_not_in_UTC_is_refused_rather_than_guessed() =>
        Assert.Throws<ArgumentException>(() => WallClock.Format(new DateTime(2026, 12, 7, 10, 20, 0, DateTimeKind.Local), Stockholm));

    [Theory]
    [InlineData("Europe/Stockholm", "Stockholm time")]
    [InlineData("America/Argentina/Buenos_Aires", "Buenos Aires time")]
    [InlineData("UTC", "UTC")]
    public void A_zone_is_named_by_its_city(string zoneId, string expected) => Assert.Equal(expected, WallClock.ZoneName(zoneId));

    private static DateTime Utc(string instant) =>
        DateTime.Parse(instant, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);
}
