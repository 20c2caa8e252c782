using Touchpoint.Domain.ContactCentre;

namespace Touchpoint.Domain.Tests.ContactCentre;

/// <summary>Issue 21: Erlang C as the textbook writes it, for loads from a small queue to a large centre.</summary>
public sealed class ErlangCTests
{
    [Theory]
    // Arrivals an hour, handling seconds, agents; the waiting probability and mean wait from the closed formula
    // A^N/N! · N/(N−A) ÷ (Σ A^k/k! + A^N/N! · N/(N−A)), computed apart with exact factorials.
    [InlineData(7200, 1, 3, 0.4444444444, 0.444444)]
    [InlineData(360, 180, 20, 0.5507690048, 49.569210)]
    [InlineData(600, 300, 60, 0.1173020561, 3.519062)]
    [InlineData(600, 300, 55, 0.3845473179, 23.072839)]
    [InlineData(600, 300, 52, 0.6996140172, 104.942103)]
    [InlineData(1000, 240, 70, 0.5892100396, 42.423123)]
    public void The_waiting_probability_and_mean_wait_are_Erlang_Cs(double perHour, int handlingSeconds, int agents, double waiting, double meanWaitSeconds)
    {
        var result = ErlangC.Compute(perHour, TimeSpan.FromSeconds(handlingSeconds), agents);

        Assert.True(result.Stable);
        Assert.Equal(waiting, result.WaitProbability, 1e-9);
        Assert.Equal(meanWaitSeconds, result.MeanWait!.Value.TotalSeconds, 1e-5);
        Assert.Equal(perHour / 3600 * handlingSeconds / agents, result.Occupancy, 1e-12);
    }

    [Fact]
    public void The_service_level_is_the_share_answered_within_the_target()
    {
        var result = ErlangC.Compute(360, TimeSpan.FromSeconds(180), 20);

        Assert.Equal(0.5589786575, result.AnsweredWithin(TimeSpan.FromSeconds(20)), 1e-9);
        Assert.Equal(1 - result.WaitProbability, result.AnsweredWithin(TimeSpan.Zero), 1e-12);
    }

    [Fact]
    public void Work_beyond_what_the_agents_can_do_is_a_queue_without_end_not_a_number()
    {
        var overloaded = ErlangC.Compute(600, TimeSpan.FromSeconds(300), 50);

        Assert.False(overloaded.Stable);
        Assert.Null(overloaded.MeanWait);
        Assert.Equal(1, overloaded.WaitProbability);
        Assert.Equal(0, overloaded.AnsweredWithin(TimeSpan.FromMinutes(10)));
    }

    [Fact]
    public void A_large_centre_is_computed_without_overflow_and_each_agent_more_shortens_the_wait()
    {
        var previous = double.PositiveInfinity;
        foreach (var agents in new[] { 1910, 1920, 1950, 2000 })
        {
            var result = ErlangC.Compute(1900 * 3600 / 300.0, TimeSpan.FromSeconds(300), agents);
            Assert.InRange(result.WaitProbability, 0, 1);
            Assert.True(result.MeanWait!.Value.TotalSeconds < previous);
            previous = result.MeanWait.Value.TotalSeconds;
        }
    }

    [Fact]
    public void No_calls_means_no_wait_and_bad_input_is_refused()
    {
        Assert.Equal(TimeSpan.Zero, ErlangC.Compute(0, TimeSpan.FromMinutes(5), 3).MeanWait);
        Assert.Throws<ArgumentOutOfRangeException>(() => ErlangC.Compute(-1, TimeSpan.FromMinutes(5), 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => ErlangC.Compute(double.NaN, TimeSpan.FromMinutes(5), 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => ErlangC.Compute(100, TimeSpan.Zero, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => ErlangC.Compute(100, TimeSpan.FromMinutes(5), -1));
    }
}
