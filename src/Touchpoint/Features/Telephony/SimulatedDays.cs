using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Spectre.Console;
using Touchpoint.Data;
using Touchpoint.Domain.ContactCentre;
using Touchpoint.Features.Identity;
using Touchpoint.Features.Import;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Telephony;

/// <summary>
/// The days <c>simulate queue</c> reports: without and with callbacks, and the plain day (nobody hangs up, exponential
/// handling) set against Erlang C; played through the queue API, or in the model alone.
/// </summary>
public sealed record SimulatedDays(SimulationResult Without, SimulationResult With, SimulationResult Plain, bool ThroughApi)
{
    /// <summary>A Monday: the first simulated day starts at its midnight, each next one at the midnight after the last event.</summary>
    private static readonly DateTimeOffset FirstDay = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    public static SimulatedDays OfModel(SimulationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var without = QueueSimulation.Run(settings with { Callbacks = null });
        var with = QueueSimulation.Run(settings);
        var plain = IsPlain(settings) ? without : QueueSimulation.Run(PlainDay(settings));
        return new SimulatedDays(without, with, plain, ThroughApi: false);
    }

    /// <summary>
    /// Each day played by <see cref="ApiQueueSimulation"/> against Touchpoint's own services, started as the import starts
    /// them, on an SQLite database of its own in a temporary folder, deleted afterwards.
    /// </summary>
    public static async Task<SimulatedDays> ThroughApiAsync(SimulationSettings settings, IAnsiConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(console);
        var folder = Directory.CreateTempSubdirectory("touchpoint-simulation-");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder.FullName, "simulation.db"), Pooling = true }.ToString();
        try
        {
            var clock = new SimulatedClock(FirstDay);
            using var host = CommandHost.Build(Settings(connectionString), services => services.AddSingleton<TimeProvider>(clock));
            await host.StartAsync(cancellationToken);
            try
            {
                var simulation = new ApiQueueSimulation(host.Services, clock);
                return await ImportProgressDisplay.Bar(console).StartAsync(async context =>
                {
                    async Task<SimulationResult> PlayAsync(SimulationSettings day, string run, string label)
                    {
                        var task = context.AddTask(Markup.Escape($"Through the queue API: {label}"), maxValue: 1);
                        clock.Now = clock.Now.Date.AddDays(1);
                        var result = await simulation.RunAsync(day, run, new Share(task), cancellationToken);
                        task.Value = 1;
                        task.StopTask();
                        return result;
                    }

                    var without = await PlayAsync(settings with { Callbacks = null }, "without", "without callbacks");
                    var with = await PlayAsync(settings, "with", "with callbacks");
                    var plain = IsPlain(settings) ? without : await PlayAsync(PlainDay(settings), "plain", "nobody hanging up, for Erlang C");
                    return new SimulatedDays(without, with, plain, ThroughApi: true);
                });
            }
            finally
            {
                await host.StopAsync(CancellationToken.None);
            }
        }
        finally
        {
            // The pool keeps the file open; only this database's pool is let go, as other databases in the process may be in use.
            using (var pooled = new SqliteConnection(connectionString))
            {
                SqliteConnection.ClearPool(pooled);
            }

            folder.Delete(recursive: true);
        }
    }

    private static bool IsPlain(SimulationSettings settings) => settings.Handling == HandlingDistribution.Exponential && settings.Patience is null;

    private static SimulationSettings PlainDay(SimulationSettings settings) =>
        settings with { Callbacks = null, Patience = null, Handling = HandlingDistribution.Exponential };

    private static string[] Settings(string connectionString) =>
    [
        $"--{DatabaseSettings.ProviderKey}=sqlite",
        $"--{DatabaseSettings.ConnectionStringKey}={connectionString}",
        "--Touchpoint:DemoData=false",
        // Nobody signs in to a simulation; the admin account every start makes gets a password no one is shown.
        $"--{AdminAccount.PasswordKey}={RandomNumberGenerator.GetHexString(32)}",
        "--Logging:LogLevel:Default=Warning",
    ];

    private sealed class Share(ProgressTask task) : IProgress<double>
    {
        public void Report(double value) => task.Value = Math.Clamp(value, 0, 1);
    }
}
