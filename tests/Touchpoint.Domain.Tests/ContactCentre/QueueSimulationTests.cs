using Touchpoint.Domain.ContactCentre;

namespace Touchpoint.Domain.Tests.ContactCentre;

/// <summary>
/// Issue 21: the simulator and Erlang C check each other. Without patience and with exponential handling the simulated
/// queue is Erlang C's, so over a year of calls (1.8 to 2.5 million) its waiting probability is within 0.015 of Erlang C's
/// and its mean wait within 10 %, at occupancies 0.7, 0.85 and 0.95 on ten agents. The mean wait converges slowly near
/// full load (one long wait follows another), which is what the wider bound allows for.
/// </summary>
public sealed class QueueSimulationTests
{
    private const int Agents = 10;
    private static readonly TimeSpan Handling = TimeSpan.FromMinutes(2);

    [Theory]
    [InlineData(0.70)]
    [InlineData(0.85)]
    [InlineData(0.95)]
    public void Without_abandonment_the_simulated_queue_waits_as_Erlang_C_says(double occupancy)
    {
        var perHour = occupancy * Agents * 3600 / Handling.TotalSeconds;
        var erlang = ErlangC.Compute(perHour, Handling, Agents);

        var simulated = QueueSimulation.Run(new SimulationSettings(perHour, Agents, Handling, TimeSpan.FromDays(365)));

        Assert.Equal(0, simulated.Abandoned);
        Assert.Equal(erlang.WaitProbability, simulated.WaitProbability, 0.015);
        Assert.InRange(simulated.MeanWait.TotalSeconds / erlang.MeanWait!.Value.TotalSeconds, 0.90, 1.10);
        Assert.Equal(occupancy, simulated.Occupancy, 0.01);
    }

    [Fact]
    public void Impatient_callers_give_up_and_the_ones_left_wait_less()
    {
        var settings = new SimulationSettings(285, Agents, Handling, TimeSpan.FromDays(7));
        var patient = QueueSimulation.Run(settings);
        var impatient = QueueSimulation.Run(settings with { Patience = TimeSpan.FromSeconds(30) });

        Assert.Equal(patient.Calls, impatient.Calls);
        Assert.True(impatient.Abandoned > 0);
        Assert.Equal(impatient.Calls, impatient.Answered + impatient.Abandoned);
        Assert.True(impatient.MeanWait < patient.MeanWait);
    }

    [Fact]
    public void The_same_seed_meets_the_same_day_and_log_normal_handling_runs_too()
    {
        var settings = new SimulationSettings(600, 40, TimeSpan.FromMinutes(5), TimeSpan.FromHours(8), Handling: HandlingDistribution.LogNormal);

        Assert.Equal(QueueSimulation.Run(settings), QueueSimulation.Run(settings));
        Assert.InRange(QueueSimulation.Run(settings).Calls, 4400, 5200);
    }

    [Fact]
    public void Absurd_settings_are_refused_naming_each_option()
    {
        var problems = new SimulationSettings(-5, 0, TimeSpan.Zero, TimeSpan.FromDays(4000), Patience: TimeSpan.FromSeconds(-1)).Problems();

        Assert.Equal(5, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("arrivals-per-hour", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("agents", StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => QueueSimulation.Run(new SimulationSettings(600, 0, Handling, TimeSpan.FromHours(8))));
    }

    [Fact]
    public void Callbacks_that_keep_the_place_spare_callers_the_hold_and_the_hang_ups_for_a_little_agent_time()
    {
        var day = new SimulationSettings(460, 40, TimeSpan.FromMinutes(5), TimeSpan.FromHours(8), Patience: TimeSpan.FromMinutes(3), Handling: HandlingDistribution.LogNormal);
        var without = QueueSimulation.Run(day);
        var with = QueueSimulation.Run(day with { Callbacks = SimulatedCallbacks.Default });

        Assert.Equal(without.Calls, with.Calls);
        Assert.Equal(0, without.CallbacksOffered);
        Assert.True(with.CallbacksOffered > 0 && with.CallbacksAccepted > 0, $"{with.CallbacksOffered} offered, {with.CallbacksAccepted} taken.");
        Assert.InRange(with.CallbacksAccepted, with.CallbacksOffered * 0.4, with.CallbacksOffered * 0.6);
        Assert.True(with.CallbacksKept <= with.CallbacksAccepted);
        Assert.True(with.Abandoned < without.Abandoned, $"{with.Abandoned} hung up with callbacks, {without.Abandoned} without.");
        Assert.True(with.HoldMinutes < without.HoldMinutes);
        Assert.True(with.Answered > without.Answered);
    }

    [Fact]
    public void Each_caller_is_told_an_estimate_from_the_queue_as_it_is_and_the_day_says_how_close_they_came()
    {
        var day = QueueSimulation.Run(new SimulationSettings(440, 40, TimeSpan.FromMinutes(5), TimeSpan.FromHours(8)));

        var accuracy = Assert.IsType<EstimateAccuracy>(day.Accuracy);
        Assert.InRange(accuracy.Estimates, day.Answered * 0.9, day.Answered);
        Assert.NotNull(accuracy.MeanAbsoluteError);
        Assert.True(accuracy.WithinAMinute > 0.5, $"{accuracy.WithinAMinute:P0} within a minute, mean error {accuracy.MeanAbsoluteError}.");
    }
}
