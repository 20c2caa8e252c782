using Touchpoint.Features.Work;

namespace Touchpoint.Tests.Work;

/// <summary>The words the pages use for how long is left, checked here on fixed times rather than in the browser on a moving clock.</summary>
public sealed class TimeLeftTests
{
    private static readonly DateTime Now = new(2026, 12, 7, 14, 15, 40, DateTimeKind.Utc);

    [Fact]
    public void A_callback_promised_for_20_minutes_reads_20_min_left_until_a_whole_minute_has_passed()
    {
        Assert.Equal("20 min left", TimeLeft.Describe(Now.AddMinutes(20), Now));
        Assert.Equal("20 min left", TimeLeft.Describe(Now.AddMinutes(20), Now.AddSeconds(59)));
        Assert.Equal("19 min left", TimeLeft.Describe(Now.AddMinutes(20), Now.AddMinutes(1)));
    }

    [Fact]
    public void Hours_and_days_are_named_and_an_overdue_item_says_by_how_much()
    {
        Assert.Equal("3 h 5 min left", TimeLeft.Describe(TimeSpan.FromMinutes(185)));
        Assert.Equal("2 d 4 h left", TimeLeft.Describe(new TimeSpan(2, 4, 30, 0)));
        Assert.Equal("0 min left", TimeLeft.Describe(TimeSpan.Zero));
        Assert.Equal("overdue by 1 min", TimeLeft.Describe(Now, Now.AddSeconds(119)));
        Assert.True(TimeLeft.IsOverdue(Now, Now.AddSeconds(1)));
        Assert.False(TimeLeft.IsOverdue(Now, Now));
    }
}
