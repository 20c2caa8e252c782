using System.Collections.Frozen;

namespace Touchpoint.Domain.Cases;

/// <summary>
/// When a business is open on one local day: from <see cref="Opens"/> to <see cref="Closes"/> after local
/// midnight. Offsets rather than <see cref="TimeOnly"/> so a day can close at 24:00.
/// </summary>
public sealed record OpeningHours
{
    public OpeningHours(TimeSpan opens, TimeSpan closes)
    {
        if (opens < TimeSpan.Zero || closes > TimeSpan.FromDays(1) || opens >= closes)
        {
            throw new ArgumentOutOfRangeException(nameof(closes), $"Opening hours must open before they close, within one day (00:00 to 24:00); got {opens} to {closes}.");
        }

        Opens = opens;
        Closes = closes;
    }

    public TimeSpan Opens { get; }

    public TimeSpan Closes { get; }

    public static OpeningHours AllDay { get; } = new(TimeSpan.Zero, TimeSpan.FromDays(1));

    public static OpeningHours Between(TimeOnly opens, TimeOnly closes) => new(opens.ToTimeSpan(), closes.ToTimeSpan());
}

/// <summary>
/// The hours in which SLA time runs: opening hours per weekday in one time zone, minus the country's public holidays and
/// other closed days. Business
/// time is counted in local wall-clock hours, so a DST change neither adds nor removes an hour of a working
/// day; a day open around the clock is 23 or 25 hours long on the change days, as it really is.
/// Computations step by day, never by minute, so spans of years stay cheap.
/// </summary>
public sealed class BusinessCalendar
{
    private readonly TimeZoneInfo zone;
    private readonly FrozenDictionary<DayOfWeek, OpeningHours> weeklyHours;
    private readonly bool openAroundTheClock;

    /// <param name="timeZoneId">IANA id, e.g. "Europe/Stockholm"; closed dates and opening hours are read in this zone.</param>
    /// <param name="weeklyHours">Days that are absent are closed.</param>
    /// <param name="closedDates">Closed days besides the public holidays (a state's own holiday, a company day), as local dates.</param>
    /// <param name="publicHolidays">The country's public holidays, closed every year; null for a calendar that ignores them.</param>
    public BusinessCalendar(
        string timeZoneId, IReadOnlyDictionary<DayOfWeek, OpeningHours> weeklyHours, IEnumerable<DateOnly>? closedDates = null, PublicHolidays? publicHolidays = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(timeZoneId);
        ArgumentNullException.ThrowIfNull(weeklyHours);
        if (weeklyHours.Count == 0)
        {
            // Adding business time would never finish.
            throw new ArgumentException("A business calendar must be open on at least one weekday.", nameof(weeklyHours));
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        }
        catch (TimeZoneNotFoundException e)
        {
            throw new ArgumentException($"'{timeZoneId}' is not a known time zone; use an IANA id such as Europe/Stockholm.", nameof(timeZoneId), e);
        }

        TimeZoneId = timeZoneId;
        this.weeklyHours = weeklyHours.ToFrozenDictionary();
        ClosedDates = (closedDates ?? []).ToFrozenSet();
        PublicHolidays = publicHolidays;
        openAroundTheClock = ClosedDates.Count == 0 && publicHolidays is null
            && Enum.GetValues<DayOfWeek>().All(day => this.weeklyHours.TryGetValue(day, out var hours) && hours == OpeningHours.AllDay);
    }

    public string TimeZoneId { get; }

    public IReadOnlyDictionary<DayOfWeek, OpeningHours> WeeklyHours => weeklyHours;

    public IReadOnlySet<DateOnly> ClosedDates { get; }

    public PublicHolidays? PublicHolidays { get; }

    /// <summary>24/7 with no closed days: business time is elapsed time. For deadlines that must not wait for office hours.</summary>
    public static BusinessCalendar AlwaysOpen { get; } =
        new("UTC", Enum.GetValues<DayOfWeek>().ToDictionary(day => day, _ => OpeningHours.AllDay));

    /// <summary>Monday to Friday with the same hours each day.</summary>
    public static BusinessCalendar Weekdays(
        string timeZoneId, TimeOnly opens, TimeOnly closes, IEnumerable<DateOnly>? closedDates = null, PublicHolidays? publicHolidays = null)
    {
        var hours = OpeningHours.Between(opens, closes);
        var days = new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday };
        return new BusinessCalendar(timeZoneId, days.ToDictionary(day => day, _ => hours), closedDates, publicHolidays);
    }

    /// <summary>Whether the business is closed all of <paramref name="date"/> (a local date): a public holiday, a closed date or a day without hours.</summary>
    public bool IsClosedOn(DateOnly date) =>
        ClosedDates.Contains(date) || PublicHolidays?.IsHoliday(date) == true || !weeklyHours.ContainsKey(date.DayOfWeek);

    public bool IsOpenAt(DateTimeOffset instant)
    {
        var (start, _) = OpenStretchesFrom(instant).First();
        return start <= instant;
    }

    /// <summary>The instant at which <paramref name="businessTime"/> of open time has passed since <paramref name="start"/>.</summary>
    public DateTimeOffset Add(DateTimeOffset start, TimeSpan businessTime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(businessTime, TimeSpan.Zero);
        if (businessTime == TimeSpan.Zero || openAroundTheClock)
        {
            return (start + businessTime).ToUniversalTime();
        }

        var remaining = businessTime;
        foreach (var (open, close) in OpenStretchesFrom(start))
        {
            var from = open > start ? open : start;
            var available = close - from;
            if (remaining <= available)
            {
                return (from + remaining).ToUniversalTime();
            }

            remaining -= available;
        }

        throw new InvalidOperationException("Unreachable: the open stretches of a calendar never run out.");
    }

    public DateTimeOffset AddMinutes(DateTimeOffset start, int businessMinutes) => Add(start, TimeSpan.FromMinutes(businessMinutes));

    /// <summary>Open time between two instants.</summary>
    public TimeSpan Between(DateTimeOffset from, DateTimeOffset to)
    {
        if (to < from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, $"The end ({to:O}) is before the start ({from:O}).");
        }

        if (openAroundTheClock)
        {
            return to - from;
        }

        var total = TimeSpan.Zero;
        foreach (var (open, close) in OpenStretchesFrom(from))
        {
            if (open >= to)
            {
                break;
            }

            total += (close < to ? close : to) - (open > from ? open : from);
        }

        return total;
    }

    /// <summary>Open stretches in time order (UTC), starting with the one that contains or follows <paramref name="from"/>.</summary>
    private IEnumerable<(DateTimeOffset Open, DateTimeOffset Close)> OpenStretchesFrom(DateTimeOffset from)
    {
        // One day earlier as well: when a day's closing falls in a repeated DST hour, its stretch can end after the next local midnight.
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, zone).DateTime).AddDays(-1);
        while (true)
        {
            if (StretchOn(date) is { } stretch && stretch.Close > from)
            {
                yield return stretch;
            }

            date = date.AddDays(1);
        }
    }

    private (DateTimeOffset Open, DateTimeOffset Close)? StretchOn(DateOnly date)
    {
        if (ClosedDates.Contains(date) || PublicHolidays?.IsHoliday(date) == true || !weeklyHours.TryGetValue(date.DayOfWeek, out var hours))
        {
            return null;
        }

        var midnight = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        var open = FirstInstantShowing(midnight + hours.Opens);
        var close = LastInstantShowing(midnight + hours.Closes);
        return close > open ? (open, close) : null;
    }

    // Opening and closing times that fall inside a DST change are read so the day stays one stretch, as long as
    // the wall clock allows: open from the first time the clock shows the opening time (or later, if that time
    // is skipped), closed from the last time it shows the closing time.
    private DateTimeOffset FirstInstantShowing(DateTime local)
    {
        if (zone.IsInvalidTime(local))
        {
            return EndOfSkippedHour(local);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return AsUtc(local, offset);
    }

    private DateTimeOffset LastInstantShowing(DateTime local)
    {
        if (zone.IsInvalidTime(local))
        {
            return EndOfSkippedHour(local);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Min() : zone.GetUtcOffset(local);
        return AsUtc(local, offset);
    }

    /// <summary>The instant the clock jumps forward over <paramref name="skipped"/>, found by bisection (rare: only for times inside a gap).</summary>
    private DateTimeOffset EndOfSkippedHour(DateTime skipped)
    {
        var offsetBefore = zone.GetUtcOffset(skipped.AddDays(-1));
        var offsetAfter = zone.GetUtcOffset(skipped.AddDays(1));

        // Read with the later offset the time lies before the jump, with the earlier offset after it.
        var before = (skipped - offsetAfter).Ticks;
        var after = (skipped - offsetBefore).Ticks;
        while (after - before > 1)
        {
            var middle = before + ((after - before) / 2);
            if (zone.GetUtcOffset(new DateTime(middle, DateTimeKind.Utc)) == offsetBefore)
            {
                before = middle;
            }
            else
            {
                after = middle;
            }
        }

        return new DateTimeOffset(after, TimeSpan.Zero);
    }

    private static DateTimeOffset AsUtc(DateTime local, TimeSpan offset) => new((local - offset).Ticks, TimeSpan.Zero);
}
