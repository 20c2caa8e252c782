using Touchpoint.Features.Telephony;

namespace Touchpoint.Tests.Telephony;

/// <summary>Issue 21: <c>simulate queue</c> prints a day without and with callbacks and checks itself against Erlang C; absurd loads are refused by name.</summary>
public sealed class SimulateQueueCommandTests
{
    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await SimulateQueueCommand.RunAsync(args, output, error, TestContext.Current.CancellationToken);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task A_day_is_printed_without_and_with_callbacks_beside_Erlang_C()
    {
        var (exit, output, error) = await RunAsync("simulate", "queue", "--arrivals-per-hour", "450", "--agents", "40", "--handle-time", "300", "--hours", "8", "--callback-threshold", "60", "--patience", "180", "--model-only");

        Assert.Equal((SimulateQueueCommand.Done, ""), (exit, error));
        foreach (var expected in new[]
        {
            "Played in the model alone", "450 calls an hour, 40 agents, 300 s per call", "Without callbacks", "Callbacks from 60 s, 50 % take them", "Hung up while waiting",
            "Wait on hold: p50 / p90 / p99", "Callbacks offered / taken / kept", "Agent occupancy", "Estimates within ±1 min",
            "Cost: agents' minutes", "Cost: customers' minutes on hold", "Check against Erlang C", "Waiting probability", "59.3 %",
        })
        {
            Assert.Contains(expected, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task By_default_the_day_is_played_through_the_queue_API()
    {
        var (exit, output, error) = await RunAsync("simulate", "queue", "--arrivals-per-hour", "120", "--agents", "6", "--handle-time", "150", "--hours", "0.5", "--patience", "120");

        Assert.Equal((SimulateQueueCommand.Done, ""), (exit, error));
        // The progress bar's lines are left out: where the output is not a terminal, which of them are printed depends on timing.
        foreach (var expected in new[] { "Played through the queue API in-process", "120 calls an hour, 6 agents", "Without callbacks", "Check against Erlang C", "Simulated in" })
        {
            Assert.Contains(expected, output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("arrivals-per-hour", "simulate", "queue", "--arrivals-per-hour", "-5", "--agents", "40", "--handle-time", "300", "--hours", "8")]
    [InlineData("agents", "simulate", "queue", "--arrivals-per-hour", "600", "--agents", "0", "--handle-time", "300", "--hours", "8")]
    [InlineData("handle-time", "simulate", "queue", "--arrivals-per-hour", "600", "--agents", "40", "--handle-time", "1e300", "--hours", "8")]
    [InlineData("patience", "simulate", "queue", "--arrivals-per-hour", "600", "--agents", "40", "--handle-time", "300", "--hours", "8", "--patience", "0")]
    [InlineData("callback-acceptance", "simulate", "queue", "--arrivals-per-hour", "600", "--agents", "40", "--handle-time", "300", "--hours", "8", "--callback-acceptance", "2")]
    [InlineData("--hours", "simulate", "queue", "--arrivals-per-hour", "600", "--agents", "40", "--handle-time", "300")]
    [InlineData("handling", "simulate", "queue", "--arrivals-per-hour", "600", "--agents", "40", "--handle-time", "300", "--hours", "8", "--handling", "gamma")]
    [InlineData("'boat'", "simulate", "boat")]
    public async Task Absurd_or_missing_input_is_refused_naming_the_option(string named, params string[] args)
    {
        var (exit, output, error) = await RunAsync(args);

        Assert.Equal(SimulateQueueCommand.UsageError, exit);
        Assert.Contains(named, error, StringComparison.Ordinal);
        Assert.Contains("Usage: simulate queue", error, StringComparison.Ordinal);
        Assert.Equal("", output);
    }
}
