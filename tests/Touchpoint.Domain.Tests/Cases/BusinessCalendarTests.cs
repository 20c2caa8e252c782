using Touchpoint.Domain.Cases;

namespace Touchpoint.Domain.Tests.Cases;

public sealed class BusinessCalendarTests
{
    private const string Stockholm = "Europe/Stockholm";

    // Sweden in 2025: summer time from Sunday 30 March (02:00 → 03:00) to Sunday 26 October (03:00 → 02:00).
    private static readonly TimeSpan Winter = TimeSpan.FromHours(1);
    private static readonly TimeSpan Summer = TimeSpan.FromHours(2);

    private static readonly BusinessCalendar Office = BusinessCalendar.Weekdays(
        Stockholm,
        new TimeOnly(8, 0),
        new TimeOnly(16, 0),
        [new DateOnly(2025, 4, 18), new DateOnly(2025, 4, 21)]); // Good Friday, Easter Monday

    private static DateTimeOffset Local(int month, int day, int hour, int minute, TimeSpan offset) => new(2025, month, day, hour, minute, 0, offset);

    [Fact]
    public void Time_within_one_open_day_is_simply_added() =>
        Assert.Equal(Local(3, 3, 11, 30, Winter), Office.Add(Local(3, 3, 9, 0, Winter), TimeSpan.FromMinutes(150)));

    [Fact]
    public void Reaching_closing_time_exactly_ends_that_day_not_the_next_morning() =>
        Assert.Equal(Local(3, 3, 16, 0, Winter), Office.Add(Local(3, 3, 8, 0, Winter), TimeSpan.FromHours(8)));

    [Fact]
    public void What_is_left_at_closing_carries_over_to_the_next_open_day() =>
        Assert.Equal(Local(3, 4, 9, 0, Winter), Office.Add(Local(3, 3, 15, 0, Winter), TimeSpan.FromHours(2)));

    [Fact]
    public void A_weekend_is_skipped() =>
        Assert.Equal(Local(3, 10, 9, 0, Winter), Office.Add(Local(3, 7, 15, 0, Winter), TimeSpan.FromHours(2)));

    [Fact]
    public void Time_started_outside_opening_hours_counts_from_the_next_opening()
    {
        Assert.Equal(Local(3, 10, 8, 30, Winter), Office.Add(Local(3, 8, 12, 0, Winter), TimeSpan.FromMinutes(30)));
        Assert.Equal(Local(3, 4, 8, 30, Winter), Office.AddMinutes(Local(3, 3, 22, 0, Winter), 30));
    }

    [Fact]
    public void Holidays_are_skipped_like_weekends() =>
        // Thursday before Easter, 15:00: one hour that day, the next one on Tuesday after Easter Monday.
        Assert.Equal(Local(4, 22, 9, 0, Summer), Office.Add(Local(4, 17, 15, 0, Summer), TimeSpan.FromHours(2)));

    [Fact]
    public void Spring_forward_does_not_shorten_a_working_day()
    {
        // Friday 15:00 winter time + 2 business hours = Monday 09:00 summer time (07:00 UTC).
        var due = Office.Add(Local(3, 28, 15, 0, Winter), TimeSpan.FromHours(2));

        Assert.Equal(new DateTimeOffset(2025, 3, 31, 7, 0, 0, TimeSpan.Zero), due);
        Assert.Equal(TimeSpan.Zero, due.Offset);
        Assert.Equal(TimeSpan.FromHours(8), Office.Between(Local(3, 31, 0, 0, Summer), Local(4, 1, 0, 0, Summer)));
    }

    [Fact]
    public void Fall_back_does_not_lengthen_a_working_day()
    {
        // Friday 15:00 summer time + 2 business hours = Monday 09:00 winter time (08:00 UTC).
        Assert.Equal(new DateTimeOffset(2025, 10, 27, 8, 0, 0, TimeSpan.Zero), Office.Add(Local(10, 24, 15, 0, Summer), TimeSpan.FromHours(2)));
        Assert.Equal(TimeSpan.FromHours(16), Office.Between(Local(10, 24, 0, 0, Summer), Local(10, 28, 0, 0, Winter)));
    }

    [Fact]
    public void A_day_open_around_the_clock_has_23_hours_in_spring_and_25_in_autumn()
    {
        // A closed day elsewhere in the year keeps the calendar on the day-by-day path rather than plain subtraction.
        var aroundTheClock = new BusinessCalendar(
            Stockholm,
            Enum.GetValues<DayOfWeek>().ToDictionary(day => day, _ => OpeningHours.AllDay),
            [new DateOnly(2025, 12, 25)]);

        Assert.Equal(TimeSpan.FromHours(23), aroundTheClock.Between(Local(3, 30, 0, 0, Winter), Local(3, 31, 0, 0, Summer)));
        Assert.Equal(TimeSpan.FromHours(25), aroundTheClock.Between(Local(10, 26, 0, 0, Summer), Local(10, 27, 0, 0, Winter)));
        Assert.Equal(Local(3, 31, 0, 0, Summer), aroundTheClock.Add(Local(3, 30, 0, 0, Winter), TimeSpan.FromHours(23)));
        Assert.Equal(Local(12, 26, 1, 0, Winter), aroundTheClock.Add(Local(12, 24, 12, 0, Winter), TimeSpan.FromHours(13)));
    }

    [Fact]
    public void Opening_hours_inside_a_skipped_hour_start_when_the_clock_jumps()
    {
        // Sundays 02:30–04:00: on 30 March 02:30 never happens, so the day opens at 03:00 and has one hour.
        var night = new BusinessCalendar(Stockholm, new Dictionary<DayOfWeek, OpeningHours>
        {
            [DayOfWeek.Sunday] = OpeningHours.Between(new TimeOnly(2, 30), new TimeOnly(4, 0)),
        });

        Assert.Equal(TimeSpan.FromHours(1), night.Between(Local(3, 29, 12, 0, Winter), Local(3, 31, 0, 0, Summer)));
        Assert.Equal(new DateTimeOffset(2025, 3, 30, 1, 0, 0, TimeSpan.Zero), night.Add(Local(3, 29, 12, 0, Winter), TimeSpan.FromMinutes(1)).AddMinutes(-1));
        Assert.True(night.IsOpenAt(new DateTimeOffset(2025, 3, 30, 1, 0, 0, TimeSpan.Zero)));
        Assert.False(night.IsOpenAt(new DateTimeOffset(2025, 3, 30, 0, 59, 59, TimeSpan.Zero)));
    }

    [Fact]
    public void Opening_hours_inside_a_repeated_hour_open_at_its_first_occurrence()
    {
        // On 26 October 02:30 happens twice; open from the first 02:30 (summer) until 04:00 (winter): 2.5 hours.
        var night = new BusinessCalendar(Stockholm, new Dictionary<DayOfWeek, OpeningHours>
        {
            [DayOfWeek.Sunday] = OpeningHours.Between(new TimeOnly(2, 30), new TimeOnly(4, 0)),
        });

        Assert.Equal(TimeSpan.FromMinutes(150), night.Between(Local(10, 25, 12, 0, Summer), Local(10, 27, 0, 0, Winter)));
        Assert.Equal(new DateTimeOffset(2025, 10, 26, 0, 30, 0, TimeSpan.Zero), night.Add(Local(10, 25, 12, 0, Summer), TimeSpan.FromMinutes(1)).AddMinutes(-1));
    }

    [Fact]
    public void Closing_inside_a_repeated_hour_closes_at_its_last_occurrence()
    {
        var night = new BusinessCalendar(Stockholm, new Dictionary<DayOfWeek, OpeningHours>
        {
            [DayOfWeek.Sunday] = OpeningHours.Between(new TimeOnly(1, 0), new TimeOnly(2, 30)),
        });

        // 01:00 summer (23:00 UTC Saturday) to the second 02:30, in winter time (01:30 UTC): 2.5 hours.
        Assert.Equal(TimeSpan.FromMinutes(150), night.Between(Local(10, 25, 12, 0, Summer), Local(10, 27, 0, 0, Winter)));
    }

    [Fact]
    public void Business_time_between_two_instants_counts_only_open_hours()
    {
        // Monday 10:00 to the next Monday 10:00: five full days of eight hours.
        Assert.Equal(TimeSpan.FromHours(40), Office.Between(Local(3, 3, 10, 0, Winter), Local(3, 10, 10, 0, Winter)));
        Assert.Equal(TimeSpan.Zero, Office.Between(Local(3, 8, 9, 0, Winter), Local(3, 9, 23, 0, Winter)));
        Assert.Equal(TimeSpan.Zero, Office.Between(Local(3, 3, 10, 0, Winter), Local(3, 3, 10, 0, Winter)));
    }

    [Fact]
    public void Counting_backwards_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Office.Between(Local(3, 3, 10, 0, Winter), Local(3, 3, 9, 0, Winter)));

    [Fact]
    public void Adding_then_measuring_gives_back_what_was_added()
    {
        var random = new Random(621);
        for (var i = 0; i < 500; i++)
        {
            var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(random.Next(0, 365 * 24 * 60));
            var amount = TimeSpan.FromMinutes(random.Next(0, 60 * 8 * 30));

            var due = Office.Add(start, amount);

            Assert.Equal(amount, Office.Between(start, due));
            Assert.True(due >= start);
        }
    }

    [Fact]
    public void Long_spans_are_counted_by_the_day()
    {
        // 20 years of weekdays without the two 2025 holidays; this would take millions of steps minute by minute.
        var from = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var to = new DateTimeOffset(2045, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var weekdays = Enumerable.Range(0, (to - from).Days)
            .Select(d => from.AddDays(d).DayOfWeek)
            .Count(d => d is not (DayOfWeek.Saturday or DayOfWeek.Sunday));

        Assert.Equal(TimeSpan.FromHours(8 * (weekdays - 2)), Office.Between(from, to));
        // 2044 ends on a Saturday, so the last business hour ends on Friday 30 December at 16:00 winter time.
        Assert.Equal(new DateTimeOffset(2044, 12, 30, 16, 0, 0, Winter), Office.Add(from, TimeSpan.FromHours(8 * (weekdays - 2))));
    }

    [Fact]
    public void Always_open_counts_elapsed_time()
    {
        var start = Local(3, 29, 22, 0, Winter);

        Assert.Equal(start.AddDays(37), BusinessCalendar.AlwaysOpen.Add(start, TimeSpan.FromDays(37)));
        Assert.Equal(TimeSpan.FromDays(2), BusinessCalendar.AlwaysOpen.Between(start, start.AddDays(2)));
        Assert.True(BusinessCalendar.AlwaysOpen.IsOpenAt(start));
    }

    [Fact]
    public void Open_and_closed_instants_follow_the_local_clock()
    {
        Assert.True(Office.IsOpenAt(Local(7, 1, 8, 0, Summer)));
        Assert.False(Office.IsOpenAt(Local(7, 1, 16, 0, Summer)));
        Assert.False(Office.IsOpenAt(Local(7, 1, 7, 59, Summer)));
        Assert.False(Office.IsOpenAt(Local(4, 18, 10, 0, Summer)));
    }

    [Fact]
    public void Invalid_calendars_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new BusinessCalendar("Europe/Atlantis", new Dictionary<DayOfWeek, OpeningHours> { [DayOfWeek.Monday] = OpeningHours.AllDay }));
        Assert.Throws<ArgumentException>(() => new BusinessCalendar(Stockholm, new Dictionary<DayOfWeek, OpeningHours>()));
        Assert.Throws<ArgumentOutOfRangeException>(() => OpeningHours.Between(new TimeOnly(16, 0), new TimeOnly(8, 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OpeningHours(TimeSpan.Zero, TimeSpan.FromHours(25)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Office.Add(Local(3, 3, 9, 0, Winter), TimeSpan.FromMinutes(-1)));
    }
}
