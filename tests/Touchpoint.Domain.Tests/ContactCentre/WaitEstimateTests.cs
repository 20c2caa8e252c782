using Touchpoint.Domain.ContactCentre;

namespace Touchpoint.Domain.Tests.ContactCentre;

/// <summary>Issue 21 (S4-3): an estimate from what the queue is doing now, with its basis, or none at all.</summary>
public sealed class WaitEstimateTests
{
    private static readonly HandlingTime FourMinutes = new(TimeSpan.FromMinutes(4), 40);

    [Fact]
    public void The_eighth_caller_with_two_agents_busy_at_four_minutes_a_call_waits_about_sixteen_minutes()
    {
        var estimate = WaitEstimates.For(new QueueNow(CallsAhead: 7, AgentsAvailable: 0, AgentsBusy: 2, FourMinutes));

        Assert.Equal(EstimateBasis.Queue, estimate.Basis);
        Assert.Equal(TimeSpan.FromMinutes(16), estimate.Wait);
        Assert.Equal("7 call(s) ahead, 2 agent(s) taking calls, 240 s per call lately.", estimate.Explanation);
    }

    [Fact]
    public void A_free_agent_for_this_caller_means_no_wait_and_free_agents_count_against_the_calls_ahead()
    {
        Assert.Equal(new WaitEstimate(TimeSpan.Zero, EstimateBasis.AgentFree, "3 agent(s) free, 2 call(s) ahead."),
            WaitEstimates.For(new QueueNow(2, 3, 5, FourMinutes)));
        // Two free agents take two of the five ahead; this caller is the fourth to be freed for, among seven agents.
        Assert.Equal(TimeSpan.FromMinutes(4) * 4 / 7, WaitEstimates.For(new QueueNow(5, 2, 5, FourMinutes)).Wait);
    }

    [Fact]
    public void With_nobody_ahead_and_everyone_busy_Erlang_C_gives_the_mean_wait_of_a_caller_arriving_now()
    {
        var estimate = WaitEstimates.For(new QueueNow(0, 0, 20, new HandlingTime(TimeSpan.FromSeconds(180), 100), ArrivalsPerHour: 360));

        Assert.Equal(EstimateBasis.ErlangC, estimate.Basis);
        Assert.Equal(ErlangC.Compute(360, TimeSpan.FromSeconds(180), 20).MeanWait, estimate.Wait);
        Assert.StartsWith("Erlang C: 360 calls an hour at 180 s each on 20 agent(s)", estimate.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_agents_or_any_call_handled_it_says_it_cannot_estimate_rather_than_guess()
    {
        var noAgents = WaitEstimates.For(new QueueNow(3, 0, 0, FourMinutes));
        var noHistory = WaitEstimates.For(new QueueNow(3, 0, 4, HandlingTime.None));

        Assert.Equal((null, EstimateBasis.None), (noAgents.Wait, noAgents.Basis));
        Assert.Equal((null, EstimateBasis.None), (noHistory.Wait, noHistory.Basis));
        Assert.Contains("no handling time", noHistory.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void The_handling_time_moves_a_quarter_of_the_way_towards_each_call()
    {
        var observed = HandlingTime.None.Observe(TimeSpan.FromSeconds(300)).Observe(TimeSpan.FromSeconds(100));

        Assert.Equal(new HandlingTime(TimeSpan.FromSeconds(250), 2), observed);
        Assert.Throws<ArgumentOutOfRangeException>(() => observed.Observe(TimeSpan.FromSeconds(-1)));
    }

    [Fact]
    public void Erlang_C_is_given_beside_the_estimate_used_whenever_the_recent_load_allows_it()
    {
        var handling = new HandlingTime(TimeSpan.FromMinutes(2), 30);
        var ahead = WaitEstimates.For(new QueueNow(7, 0, 10, handling, ArrivalsPerHour: 240));
        Assert.Equal(EstimateBasis.Queue, ahead.Basis);
        Assert.Equal(ErlangC.Compute(240, TimeSpan.FromMinutes(2), 10).MeanWait, ahead.ErlangCWait);

        Assert.Null(WaitEstimates.For(new QueueNow(7, 0, 10, handling)).ErlangCWait);
        Assert.Null(WaitEstimates.For(new QueueNow(7, 0, 10, HandlingTime.None, ArrivalsPerHour: 240)).ErlangCWait);
        // More work than agents: Erlang C has no steady state, so no figure.
        Assert.Null(WaitEstimates.For(new QueueNow(7, 0, 2, handling, ArrivalsPerHour: 240)).ErlangCWait);
    }
}
