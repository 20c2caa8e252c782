using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Touchpoint.Data;
using Touchpoint.Hosting;

namespace Touchpoint.Bench.Work;

/// <summary>
/// "work": open promises and open cases spread over some hundred owners, then the watcher's lag (due time to breach
/// committed), "my work" for one owner, and case creation over HTTP, each beside raw SQL doing the same work.
/// </summary>
internal static class WorkBenchmark
{
    public static Command Command()
    {
        var promises = BenchOptions.Count("--promises", 1_000_000, "open promises seeded");
        var cases = BenchOptions.Count("--cases", 500_000, "open cases seeded");
        var customers = BenchOptions.Count("--customers", 5_000, "customers the promises and cases are spread over");
        var owners = BenchOptions.Count("--owners", 200, "owners the promises and cases are spread over");
        var lagPromises = BenchOptions.Count("--lag-promises", 2_000, "promises falling due while the watcher's lag is measured");
        var lagWindow = BenchOptions.Seconds("--lag-window-seconds", 4, "seconds over which those promises fall due");
        var samples = BenchOptions.Count("--samples", 2000, "\"my work\" queries measured");
        var concurrency = BenchOptions.Count("--concurrency", 4, "HTTP workers");
        var duration = BenchOptions.Seconds("--duration-seconds", 10, "seconds case creation is measured");
        var warmUp = BenchOptions.Seconds("--warmup-seconds", 20, "seconds of case creation before measuring (the JIT tiers up meanwhile)", minimum: 0);
        var database = BenchOptions.Database();
        var connection = BenchOptions.Connection();
        var folder = BenchOptions.Folder();
        var command = new Command("work",
            "Open promises and cases over some hundred owners, then the DueWatcher's lag, \"my work\" for one owner and POST /api/cases over HTTP.")
        {
            promises, cases, customers, owners, lagPromises, lagWindow, samples, concurrency, duration, warmUp, database, connection, folder,
        };
        BenchOptions.RequireConnectionForPostgres(command, database, connection);
        command.SetAction((parsed, _) =>
        {
            var settings = new WorkSettings(
                parsed.GetValue(promises), parsed.GetValue(cases), parsed.GetValue(customers), parsed.GetValue(owners), parsed.GetValue(lagPromises),
                parsed.GetValue(lagWindow), parsed.GetValue(samples), parsed.GetValue(concurrency), parsed.GetValue(duration), parsed.GetValue(warmUp));
            return BenchHost.RunInFolderAsync(parsed.GetValue(folder), (path, cancellationToken) =>
                new WorkRun(parsed.GetValue(database), path, parsed.GetValue(connection), settings).ExecuteAsync(cancellationToken));
        });
        return command;
    }
}

internal sealed record WorkSettings(
    int Promises, int Cases, int Customers, int Owners, int LagPromises, TimeSpan LagWindow, int Samples, int Concurrency,
    TimeSpan Duration, TimeSpan WarmUp);

/// <summary>One run of "work": seeding, the measurements in turn, then the report.</summary>
internal sealed class WorkRun(DatabaseProvider provider, string folder, string? postgresConnection, WorkSettings s)
{
    private readonly string adminPassword = RandomNumberGenerator.GetHexString(32);
    private readonly BenchReport report = new(metricWidth: 32);

    private string ConnectionString => BenchHost.ConnectionString(provider, folder, postgresConnection);

    private Dictionary<string, string> Settings
    {
        get
        {
            var settings = BenchHost.Settings(provider, ConnectionString, adminPassword);
            // The bench measures its own watcher loop; the server's must not fire the seeded work meanwhile (nothing is due anyway).
            settings[DueWatcher.IntervalKey] = "0.2";
            return settings;
        }
    }

    public async Task ExecuteAsync(CancellationToken cancellationToken)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"work benchmark: {s.Promises:N0} open promises, {s.Cases:N0} open cases, {s.Customers:N0} customers, {s.Owners} owners, {provider} in {folder}"));
        BenchHost.DeleteSqliteFiles(provider, folder);

        var raw = new RawDb(provider, ConnectionString);
        SeededWork seeded;
        using (var host = BuildHost())
        {
            await host.StartAsync(cancellationToken);
            try
            {
                var seed = Stopwatch.StartNew();
                seeded = await new WorkSeeder(raw, s).SeedAsync(host.Services, cancellationToken);
                report.Figures["seedSeconds"] = Format.Json(seed.Elapsed.TotalSeconds, 1);
                Console.WriteLine($"seeded in {seed.Elapsed.TotalSeconds:0.0} s");
                await WatcherLagMeasurement.RunAsync(host.Services, raw, s, seeded, report, cancellationToken);
                await MyWorkMeasurement.RunAsync(host.Services, raw, s.Samples, seeded.Owners, report, cancellationToken);
            }
            finally
            {
                await host.StopAsync(CancellationToken.None);
            }
        }

        await CaseCreationMeasurement.RunAsync(Settings, folder, raw, s, seeded, report, cancellationToken);
        report.Print(new()
        {
            ["benchmark"] = "work",
            ["database"] = provider == DatabaseProvider.Sqlite ? "sqlite" : "postgres",
            ["promises"] = s.Promises,
            ["cases"] = s.Cases,
            ["customers"] = s.Customers,
            ["owners"] = s.Owners,
            ["lagPromises"] = s.LagPromises,
            ["lagWindowSeconds"] = s.LagWindow.TotalSeconds,
            ["samples"] = s.Samples,
            ["concurrency"] = s.Concurrency,
            ["warmUpSeconds"] = s.WarmUp.TotalSeconds,
            ["durationSeconds"] = s.Duration.TotalSeconds,
            ["processors"] = Environment.ProcessorCount,
        });
    }

    /// <summary>Touchpoint's core services with the watcher as the server registers it, but run by the benchmark's loop.</summary>
    private IHost BuildHost()
    {
        var builder = BenchHost.CreateBuilder(Settings);
        builder.Services.AddSingleton<DueWatcher>();
        return builder.Build();
    }
}
