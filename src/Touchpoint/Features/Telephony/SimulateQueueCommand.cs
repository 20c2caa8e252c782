using System.CommandLine;
using System.CommandLine.Help;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Touchpoint.Domain.ContactCentre;
using Touchpoint.Features.Import;

namespace Touchpoint.Features.Telephony;

/// <summary>
/// <c>touchpoint simulate queue --arrivals-per-hour 600 --agents 40 --handle-time 300 --hours 8 [--callback-threshold 120]
/// [--patience 180] [--model-only]</c>: one queue's day on a simulated clock, played against the queue API in-process
/// (<see cref="ApiQueueSimulation"/>) or in the model alone (<see cref="QueueSimulation"/>), without and with callbacks
/// side by side, then checked against Erlang C for the same load.
/// Exit codes: 0 done, 1 the queue API refused the simulated switch, 2 usage error.
/// </summary>
public static class SimulateQueueCommand
{
    public const int Done = 0;
    public const int Failed = 1;
    public const int UsageError = 2;

    public const string Usage = "Usage: simulate queue --arrivals-per-hour N --agents N --handle-time SECONDS --hours N [--callback-threshold SECONDS] [--patience SECONDS] (--help for more)";

    public static bool Matches(string[] args) => args is ["simulate", ..];

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        var arrivals = new Option<double?>("--arrivals-per-hour") { Description = "Calls arriving per hour (Poisson)." };
        var agents = new Option<int?>("--agents") { Description = "Agents taking calls." };
        var handleTime = new Option<double?>("--handle-time") { Description = "Mean handling time in seconds (talk and wrap-up)." };
        var hours = new Option<double?>("--hours") { Description = "How long the day is, in hours." };
        var threshold = new Option<double>("--callback-threshold") { Description = "Offer a callback to callers told to wait this many seconds or more.", DefaultValueFactory = _ => CallbackSettings.Default.Threshold.TotalSeconds };
        var acceptance = new Option<double>("--callback-acceptance") { Description = "The share of callers offered a callback who take it.", DefaultValueFactory = _ => SimulatedCallbacks.Default.Acceptance };
        var patience = new Option<double?>("--patience") { Description = "Callers' mean patience in seconds; left out, nobody hangs up." };
        var handling = new Option<string>("--handling") { Description = "exponential or lognormal handling times.", DefaultValueFactory = _ => "exponential" };
        var seed = new Option<int>("--seed") { Description = "The same seed gives the same callers.", DefaultValueFactory = _ => 1 };
        var modelOnly = new Option<bool>("--model-only") { Description = "Play the day in the model alone, without the queue API: a fraction of a second instead of the API's events one by one." };
        var queue = new Command("queue", "One queue's day: wait percentiles, abandon rate, callbacks offered, taken and kept, occupancy and estimate accuracy, without and with callbacks, checked against Erlang C.")
        {
            arrivals, agents, handleTime, hours, threshold, acceptance, patience, handling, seed, modelOnly,
        };
        var root = new RootCommand("Touchpoint: customer care for telecom operators.") { new Command("simulate", "Simulations on a simulated clock.") { queue } };
        var parsed = root.Parse(args);
        if (parsed.Action is HelpAction)
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
        }

        if (parsed.UnmatchedTokens is [var unmatched, ..] || parsed.Errors is [_, ..] || parsed.CommandResult.Command != queue)
        {
            var problem = parsed.UnmatchedTokens is [var token, ..]
                ? token.StartsWith('-') ? $"Unknown option '{token}'." : $"Unexpected argument '{token}'."
                : parsed.Errors is [var first, ..] ? first.Message : "Say what to simulate: queue.";
            await error.WriteLineAsync($"{problem}\n{Usage}");
            return UsageError;
        }

        var missing = new[] { (arrivals.Name, parsed.GetValue(arrivals) is null), (agents.Name, parsed.GetValue(agents) is null), (handleTime.Name, parsed.GetValue(handleTime) is null), (hours.Name, parsed.GetValue(hours) is null) }
            .Where(m => m.Item2).Select(m => m.Name).ToList();
        if (missing.Count > 0)
        {
            await error.WriteLineAsync($"{string.Join(", ", missing)} {(missing.Count == 1 ? "is" : "are")} required.\n{Usage}");
            return UsageError;
        }

        if (!TryDistribution(parsed.GetValue(handling), out var distribution))
        {
            await error.WriteLineAsync($"handling is exponential or lognormal, not '{parsed.GetValue(handling)}'.\n{Usage}");
            return UsageError;
        }

        var patienceSeconds = parsed.GetValue(patience);
        var settings = new SimulationSettings(
            parsed.GetValue(arrivals)!.Value, parsed.GetValue(agents)!.Value, Seconds(parsed.GetValue(handleTime)!.Value), Hours(parsed.GetValue(hours)!.Value),
            patienceSeconds is { } p ? Seconds(p) : null, distribution, parsed.GetValue(seed),
            SimulatedCallbacks.Default with { Settings = CallbackSettings.Default with { Threshold = Seconds(parsed.GetValue(threshold)) }, Acceptance = parsed.GetValue(acceptance) });
        if (settings.Problems() is [_, ..] problems)
        {
            await error.WriteLineAsync($"{string.Join(" ", problems)}\n{Usage}");
            return UsageError;
        }

        var console = ImportProgressDisplay.Console(output, interactive: ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected);
        var clock = Stopwatch.StartNew();
        SimulatedDays days;
        try
        {
            days = parsed.GetValue(modelOnly) ? SimulatedDays.OfModel(settings) : await SimulatedDays.ThroughApiAsync(settings, console, cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            await error.WriteLineAsync($"The simulation stopped: {e.Message}");
            return Failed;
        }

        clock.Stop();
        Report(settings, days, clock.Elapsed, console);
        return Done;
    }

    private static void Report(SimulationSettings settings, SimulatedDays days, TimeSpan elapsed, IAnsiConsole console)
    {
        var (without, with, plain) = (days.Without, days.With, days.Plain);
        var erlang = ErlangC.Compute(settings.ArrivalsPerHour, settings.MeanHandlingTime, settings.Agents);

        console.WriteLine(days.ThroughApi
            ? "Played through the queue API in-process, on a simulated clock: every position, estimate, offer and callback dispatch is the API's."
            : "Played in the model alone (--model-only): the queue API's rules, without its records.");
        console.WriteLine(Invariant($"One queue, {settings.Duration.TotalHours:0.##} h: {settings.ArrivalsPerHour:N0} calls an hour, {settings.Agents:N0} agents, {settings.MeanHandlingTime.TotalSeconds:N0} s per call ({Name(settings.Handling)}), ") + Invariant(
            $"{(settings.Patience is { } patience ? $"callers' patience {patience.TotalSeconds:N0} s" : "nobody hangs up")}; offered load {erlang.TrafficErlangs:0.#} erlangs ({erlang.Occupancy:P0} of the agents)."));
        var table = new Table().AddColumn("").AddColumn(new TableColumn("Without callbacks").RightAligned())
            .AddColumn(new TableColumn(Invariant($"Callbacks from {settings.Callbacks!.Settings.Threshold.TotalSeconds:N0} s, {settings.Callbacks.Acceptance:P0} take them")).RightAligned());
        void Row(string label, Func<SimulationResult, string> value) => table.AddRow(Markup.Escape(label), Markup.Escape(value(without)), Markup.Escape(value(with)));
        Row("Calls", r => Invariant($"{r.Calls:N0}"));
        Row("Answered", r => Invariant($"{r.Answered:N0}"));
        Row("Hung up while waiting", r => Invariant($"{r.Abandoned:N0} ({r.AbandonRate:P1})"));
        Row("Waited on hold at all", r => Invariant($"{r.WaitProbability:P1}"));
        Row("Wait on hold: mean", r => Duration(r.MeanWait));
        Row("Wait on hold: p50 / p90 / p99", r => $"{Duration(r.WaitP50)} / {Duration(r.WaitP90)} / {Duration(r.WaitP99)}");
        Row("Callbacks offered / taken / kept", r => Invariant($"{r.CallbacksOffered:N0} / {r.CallbacksAccepted:N0} / {r.CallbacksKept:N0}"));
        Row("Time to the callback: mean", r => r.CallbacksAccepted == 0 ? "-" : Duration(r.CallbackMeanWait));
        Row("Agent occupancy", r => Invariant($"{r.Occupancy:P1}"));
        Row("Estimates within ±1 min", r => r.Accuracy is { WithinAMinute: { } within } ? Invariant($"{within:P1}") : "-");
        Row("Estimate error: mean absolute / bias", r => r.Accuracy is { MeanAbsoluteError: { } error, MeanBias: { } bias } ? $"{Duration(error)} / {Signed(bias)}" : "-");
        Row("Cost: agents' minutes", r => Invariant($"{r.AgentMinutes:N0}"));
        Row("Cost: customers' minutes on hold", r => Invariant($"{r.HoldMinutes:N0}"));
        console.Write(table);

        console.WriteLine("Check against Erlang C, same load, nobody hanging up, exponential handling:");
        var check = new Table().AddColumn("").AddColumn(new TableColumn("Simulated").RightAligned()).AddColumn(new TableColumn("Erlang C").RightAligned());
        check.AddRow("Waiting probability", Invariant($"{plain.WaitProbability:P1}"), erlang.Stable ? Invariant($"{erlang.WaitProbability:P1}") : "100 %");
        check.AddRow("Mean wait", Duration(plain.MeanWait), erlang.MeanWait is { } mean ? Duration(mean) : "grows without end");
        console.Write(check);
        if (!erlang.Stable)
        {
            console.WriteLine("The calls offered are more work than the agents can do: the line grows all day, and Erlang C has no steady state to compare.");
        }
        else if (settings.Duration < TimeSpan.FromDays(7))
        {
            console.WriteLine("One day is a small sample: expect the simulated figures to come within a few points of Erlang C's, closer with --hours 8760.");
        }

        console.WriteLine(Invariant($"Simulated in {elapsed.TotalSeconds:0.00} s."));
    }

    private static bool TryDistribution(string? text, out HandlingDistribution distribution)
    {
        distribution = HandlingDistribution.Exponential;
        switch (text?.Trim().ToUpperInvariant())
        {
            case "EXPONENTIAL":
                return true;
            case "LOGNORMAL" or "LOG-NORMAL":
                distribution = HandlingDistribution.LogNormal;
                return true;
            default:
                return false;
        }
    }

    private static string Name(HandlingDistribution distribution) => distribution == HandlingDistribution.LogNormal ? "log-normal" : "exponential";

    /// <summary>Seconds to a span, with NaN, infinities and absurd sizes left for <see cref="SimulationSettings.Problems"/> to name.</summary>
    private static TimeSpan Seconds(double seconds) => double.IsFinite(seconds) && Math.Abs(seconds) < 1e9 ? TimeSpan.FromSeconds(seconds) : TimeSpan.MaxValue;

    private static TimeSpan Hours(double hours) => double.IsFinite(hours) && Math.Abs(hours) < 1e7 ? TimeSpan.FromHours(hours) : TimeSpan.MaxValue;

    private static string Duration(TimeSpan span) => span.TotalMinutes >= 1 ? Invariant($"{(int)span.TotalMinutes} min {span.Seconds:00} s") : Invariant($"{span.TotalSeconds:0} s");

    private static string Signed(TimeSpan span) => (span < TimeSpan.Zero ? "-" : "+") + Duration(span.Duration());

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
