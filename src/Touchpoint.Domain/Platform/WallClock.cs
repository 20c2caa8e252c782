using System.Globalization;

namespace Touchpoint.Domain.Platform;

/// <summary>
/// Instants as people read and enter them: the wall-clock time of a time zone. Touchpoint stores and exchanges UTC;
/// this is the one place where a zone's clock turns into UTC and back, including the two hours a year the clock jumps.
/// </summary>
public static class WallClock
{
    /// <summary>The wall-clock time in <paramref name="zone"/> of the UTC instant <paramref name="utc"/>.</summary>
    public static DateTime FromUtc(DateTime utc, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        RequireUtc(utc);
        return TimeZoneInfo.ConvertTimeFromUtc(utc, zone);
    }

    /// <summary>
    /// The UTC instant of the wall-clock time <paramref name="local"/> in <paramref name="zone"/>. A time the clock
    /// skips (spring forward) has none: false. A time the clock passes twice (fall back) is taken the first time, so
    /// a promise made for it is never due later than the customer could have understood.
    /// </summary>
    public static bool TryToUtc(DateTime local, TimeZoneInfo zone, out DateTime utc)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var wallClock = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(wallClock))
        {
            utc = default;
            return false;
        }

        var offset = zone.IsAmbiguousTime(wallClock) ? zone.GetAmbiguousTimeOffsets(wallClock).Max() : zone.GetUtcOffset(wallClock);
        utc = DateTime.SpecifyKind(wallClock - offset, DateTimeKind.Utc);
        return true;
    }

    /// <summary>
    /// The first instant of the day <paramref name="utc"/> falls on in <paramref name="zone"/>: its midnight, or the
    /// first minute after it where the clock springs forward at midnight.
    /// </summary>
    public static DateTime StartOfDay(DateTime utc, TimeZoneInfo zone) => StartOfDay(DateOnly.FromDateTime(FromUtc(utc, zone)), zone);

    /// <summary>The first instant of <paramref name="date"/> in <paramref name="zone"/>, in UTC.</summary>
    public static DateTime StartOfDay(DateOnly date, TimeZoneInfo zone)
    {
        var day = date.ToDateTime(TimeOnly.MinValue);
        for (var local = day; local < day.AddDays(1); local = local.AddMinutes(1))
        {
            if (TryToUtc(local, zone, out var start))
            {
                return start;
            }
        }

        throw new InvalidOperationException($"{zone.Id} has no time on {day:yyyy-MM-dd}.");
    }

    /// <summary>How staff read an instant: "7 Dec 2026 10:20" on the zone's clock.</summary>
    public static string Format(DateTime utc, TimeZoneInfo zone) =>
        FromUtc(utc, zone).ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>As <see cref="Format"/>, to the second: for logs where the order within a minute matters.</summary>
    public static string FormatWithSeconds(DateTime utc, TimeZoneInfo zone) =>
        FromUtc(utc, zone).ToString("d MMM yyyy HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>A day as staff read it: "7 Dec 2026".</summary>
    public static string FormatDate(DateOnly date) => date.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>The instant in UTC as machines read it (ISO 8601, "2026-12-07T09:20:00Z").</summary>
    public static string Iso(DateTime utc)
    {
        RequireUtc(utc);
        return utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>A zone as people name it: "Stockholm time" for Europe/Stockholm, "UTC" for UTC.</summary>
    public static string ZoneName(string zoneId)
    {
        ArgumentNullException.ThrowIfNull(zoneId);
        var slash = zoneId.LastIndexOf('/');
        return slash < 0 ? zoneId : $"{zoneId[(slash + 1)..].Replace('_', ' ')} time";
    }

    private static void RequireUtc(DateTime utc)
    {
        if (utc.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException("Give the instant in UTC.", nameof(utc));
        }
    }
}
