using Touchpoint.Domain.ContactCentre;
using Touchpoint.Features.Import;
using Touchpoint.Features.Telephony;

namespace Touchpoint.Tests.Telephony;

/// <summary>
/// Issue 21: <c>simulate queue</c> drives the queue API itself. Played by the simulated switch, the API gives a day that
/// the model (<see cref="QueueSimulation"/>, checked against Erlang C in the domain tests) can be held to: with nobody
/// hanging up and no callbacks, the model's queue is exact, and the API's positions, estimates and dispatch must not
/// change a single wait or estimate; with callbacks, the API offers, takes and keeps them as the model does.
/// </summary>
public sealed class ApiQueueSimulationTests
{
    /// <summary>22.5 erlangs on 25 agents: occupancy 0.9, two hours, callbacks offered from a minute's estimate.</summary>
    private static readonly SimulationSettings Day = new(
        ArrivalsPerHour: 300, Agents: 25, MeanHandlingTime: TimeSpan.FromSeconds(270), Duration: TimeSpan.FromHours(2),
        Callbacks: SimulatedCallbacks.Default with { Settings = CallbackSettings.Default with { Threshold = TimeSpan.FromMinutes(1) } });

    [Fact]
    public async Task The_queue_API_played_by_a_simulated_switch_gives_the_models_day()
    {
        using var log = new StringWriter();
        var api = await SimulatedDays.ThroughApiAsync(Day, ImportProgressDisplay.Console(log, interactive: false), TestContext.Current.CancellationToken);
        var model = SimulatedDays.OfModel(Day);

        Assert.True(api.ThroughApi);
        var (played, modelled) = (api.Without, model.Without);
        Assert.True(played.Calls > 500, $"{played.Calls} calls");
        Assert.Equal((modelled.Calls, modelled.Answered, modelled.Abandoned), (played.Calls, played.Answered, played.Abandoned));
        Assert.Equal(modelled.WaitProbability, played.WaitProbability, 9);
        Assert.True(modelled.WaitProbability > 0.2, $"A day where {modelled.WaitProbability:P0} wait tests no queue.");
        Assert.Equal(modelled.MeanWait.TotalSeconds, played.MeanWait.TotalSeconds, 3);
        Assert.Equal(modelled.WaitP99.TotalSeconds, played.WaitP99.TotalSeconds, 3);
        Assert.Equal(modelled.Occupancy, played.Occupancy, 6);
        // Each caller was told, from the API's records, what the model works out from its own: the same estimates, as right and as
        // wrong (to a fraction of a second: the API learns handling times from stored times, whole ticks).
        Assert.Equal(modelled.Accuracy!.Estimates, played.Accuracy!.Estimates);
        Assert.Equal(modelled.Accuracy.WithinAMinute!.Value, played.Accuracy.WithinAMinute!.Value, 9);
        Assert.Equal(modelled.Accuracy.MeanAbsoluteError!.Value.TotalSeconds, played.Accuracy.MeanAbsoluteError!.Value.TotalSeconds, tolerance: 0.5);

        var withCallbacks = api.With;
        Assert.Equal(model.With.Calls, withCallbacks.Calls);
        Assert.True(withCallbacks.CallbacksOffered > 0 && withCallbacks.CallbacksAccepted > 0, $"{withCallbacks.CallbacksOffered} offered, {withCallbacks.CallbacksAccepted} taken");
        Assert.Equal(withCallbacks.CallbacksAccepted, withCallbacks.CallbacksKept);
        Assert.Equal(withCallbacks.Calls, withCallbacks.Answered + withCallbacks.Abandoned);
        Assert.InRange(withCallbacks.CallbacksAccepted, model.With.CallbacksAccepted / 2, model.With.CallbacksAccepted * 2);
        Assert.True(withCallbacks.MeanWait < played.MeanWait, $"Callbacks take callers off the line: {withCallbacks.MeanWait} on hold with them, {played.MeanWait} without.");
    }
}
