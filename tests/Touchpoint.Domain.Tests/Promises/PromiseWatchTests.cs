using Touchpoint.Domain.Promises;
using static Touchpoint.Domain.Tests.Promises.PromiseSamples;

namespace Touchpoint.Domain.Tests.Promises;

public sealed class PromiseWatchTests
{
    private static readonly PromiseWatch Watch = PromiseWatch.Default;

    [Fact]
    public void Defaults_are_75_percent_with_at_least_5_minutes_lead()
    {
        Assert.Equal(75, Watch.WarningPercentOfSpan);
        Assert.Equal(TimeSpan.FromMinutes(5), Watch.MinimumWarningLead);
    }

    [Theory]
    [InlineData(20, 15)] // S4-2: 75 % and the 5-minute lead agree
    [InlineData(120, 90)] // 75 % leaves 30 minutes, more than the minimum
    [InlineData(10, 5)] // 75 % would leave 2.5 minutes; the minimum lead moves it earlier
    [InlineData(4, 0)] // shorter than the lead: warn as soon as it is made
    public void The_warning_comes_at_75_percent_but_at_least_5_minutes_before_due(int dueInMinutes, int expectedWarningMinute) =>
        Assert.Equal(At(expectedWarningMinute), Watch.WarningAt(Callback(dueInMinutes)));

    [Fact]
    public void A_two_week_reply_warns_three_and_a_half_days_ahead()
    {
        var reply = Callback() with { DueAt = MadeAt.AddDays(14) };

        Assert.Equal(MadeAt.AddDays(10.5), Watch.WarningAt(reply));
    }

    [Fact]
    public void The_share_and_lead_are_configurable()
    {
        var watch = new PromiseWatch(50, TimeSpan.FromMinutes(2));

        Assert.Equal(At(10), watch.WarningAt(Callback(20)));
        Assert.Equal(At(1), watch.WarningAt(Callback(3)));
    }

    [Fact]
    public void A_one_year_promise_has_an_exact_warning_time()
    {
        var longest = Callback() with { DueAt = MadeAt.AddYears(1) };
        var span = longest.DueAt - longest.MadeAt;

        Assert.Equal(MadeAt + TimeSpan.FromTicks(span.Ticks / 4 * 3), Watch.WarningAt(longest));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    public void The_share_must_leave_time_on_both_sides(int percent) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PromiseWatch(percent));

    [Fact]
    public void A_negative_lead_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PromiseWatch(75, TimeSpan.FromMinutes(-1)));

    [Fact]
    public void An_open_promise_first_waits_for_its_warning() =>
        Assert.Equal(new PromiseAlarm(PromiseAlarmKind.Warning, At(15)), Watch.NextAlarm(Callback(), At(0)));

    [Fact]
    public void An_overdue_warning_fires_at_once() =>
        Assert.Equal(new PromiseAlarm(PromiseAlarmKind.Warning, At(15)), Watch.NextAlarm(Callback(), At(17)));

    [Fact]
    public void After_the_warning_the_breach_is_next()
    {
        Assert.True(Callback().TryRecordWarning(At(15), out var warned, out _));

        Assert.Equal(new PromiseAlarm(PromiseAlarmKind.Breach, At(20)), Watch.NextAlarm(warned, At(15)));
    }

    [Fact]
    public void A_warning_missed_until_due_is_skipped_for_the_breach() =>
        Assert.Equal(new PromiseAlarm(PromiseAlarmKind.Breach, At(20)), Watch.NextAlarm(Callback(), At(20)));

    [Fact]
    public void Nothing_fires_for_a_promise_that_is_no_longer_open()
    {
        Assert.True(Callback().TryKeep(Call(12), out var kept, out _));
        Assert.True(Callback().TryBreak(At(20), out var broken, out _));

        Assert.Null(Watch.NextAlarm(kept, At(13)));
        Assert.Null(Watch.NextAlarm(broken, At(21)));
    }
}
