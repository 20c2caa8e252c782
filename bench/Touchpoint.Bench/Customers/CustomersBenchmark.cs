using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using Touchpoint.Data;

namespace Touchpoint.Bench.Customers;

/// <summary>
/// "customers": a generated operator (customers, subscriptions, a year of contacts) written as CSV and imported
/// through Touchpoint's Importer, then identity search, the first timeline page and the 360 page over HTTP,
/// each beside raw ADO.NET doing the same work on the same data.
/// </summary>
internal static class CustomersBenchmark
{
    public static Command Command()
    {
        var customers = BenchOptions.Count("--customers", 1_000_000, "customers generated", maximum: CustomerDataWriter.MaxCustomers);
        var interactions = BenchOptions.LongCount("--interactions", 20_000_000, "interactions generated, spread over the customers", minimum: 0);
        var database = BenchOptions.Database();
        var connection = BenchOptions.Connection();
        var folder = BenchOptions.Folder();
        var duration = BenchOptions.Seconds("--duration-seconds", 10, "seconds the 360 page is measured");
        var warmUp = BenchOptions.Seconds("--warmup-seconds", 30, "seconds of 360 page requests before measuring", minimum: 0);
        var concurrency = BenchOptions.Count("--concurrency", 4, "HTTP workers");
        var samples = BenchOptions.Count("--samples", 2000, "searches and timeline pages measured");
        var reuse = new Option<bool>("--reuse") { Description = "measure again on the data an earlier run left in --folder, without importing" };
        var command = new Command("customers",
            "A generated operator imported through Touchpoint's import, then identity search, the first timeline page and the 360 page over HTTP.")
        {
            customers, interactions, database, connection, folder, duration, warmUp, concurrency, samples, reuse,
        };
        BenchOptions.RequireConnectionForPostgres(command, database, connection);
        command.Validators.Add(result =>
        {
            if (result.GetValue(reuse) && result.GetValue(folder) is null)
            {
                result.AddError("--reuse measures again on the data a previous run left in --folder; give the --folder.");
            }
        });
        command.SetAction((parsed, _) =>
        {
            var settings = new CustomersSettings(
                parsed.GetValue(customers), parsed.GetValue(interactions), parsed.GetValue(database), parsed.GetValue(connection),
                parsed.GetValue(duration), parsed.GetValue(warmUp), parsed.GetValue(concurrency), parsed.GetValue(samples), parsed.GetValue(reuse));
            return BenchHost.RunInFolderAsync(parsed.GetValue(folder), (path, cancellationToken) => new CustomersRun(settings, path).ExecuteAsync(cancellationToken));
        });
        return command;
    }
}

internal sealed record CustomersSettings(
    int Customers, long Interactions, DatabaseProvider Provider, string? Connection, TimeSpan Duration, TimeSpan WarmUp,
    int Concurrency, int Samples, bool Reuse);

/// <summary>One run of "customers": the import (or the data an earlier run left), the measurements in turn, then the report.</summary>
internal sealed class CustomersRun(CustomersSettings s, string folder)
{
    private readonly string adminPassword = RandomNumberGenerator.GetHexString(32);
    private readonly BenchReport report = new(metricWidth: 36);

    private string ConnectionString => BenchHost.ConnectionString(s.Provider, folder, s.Connection);

    private Dictionary<string, string> Settings => BenchHost.Settings(s.Provider, ConnectionString, adminPassword);

    public async Task ExecuteAsync(CancellationToken cancellationToken)
    {
        var average = (double)s.Interactions / s.Customers;
        Console.WriteLine(s.Reuse
            ? $"customers benchmark: measuring again on the data in {folder} ({s.Provider})"
            : string.Create(CultureInfo.InvariantCulture,
                $"customers benchmark: {s.Customers:N0} customers, ~{s.Interactions:N0} interactions ({average:0.##} each), {s.Provider} in {folder}"));
        if (!s.Reuse)
        {
            BenchHost.DeleteSqliteFiles(s.Provider, folder);
        }

        using var host = BenchHost.CreateBuilder(Settings).Build();
        await host.StartAsync(cancellationToken);
        try
        {
            var customerIds = s.Reuse
                ? CustomersImport.ReadCustomerIds(folder)
                : await CustomersImport.RunAsync(host.Services, s.Provider, ConnectionString, folder, s.Customers, average, report, cancellationToken);
            report.Figures["customersFound"] = customerIds.Length;
            var raw = new RawDb(s.Provider, ConnectionString);
            await IdentitySearchMeasurement.RunAsync(host.Services, raw, customerIds, s.Samples, report, cancellationToken);
            await TimelineMeasurement.RunAsync(host.Services, raw, customerIds, s.Samples, report, cancellationToken);
            await CustomerPageMeasurement.RunAsync(Settings, folder, adminPassword, raw, customerIds, s, report, cancellationToken);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }

        report.Print(new()
        {
            ["benchmark"] = "customers",
            ["database"] = s.Provider == DatabaseProvider.Sqlite ? "sqlite" : "postgres",
            ["customers"] = s.Reuse ? report.Figures["customersFound"] : s.Customers,
            ["interactionsRequested"] = s.Reuse ? null : s.Interactions,
            ["reused"] = s.Reuse,
            ["samples"] = s.Samples,
            ["concurrency"] = s.Concurrency,
            ["warmUpSeconds"] = s.WarmUp.TotalSeconds,
            ["durationSeconds"] = s.Duration.TotalSeconds,
            ["processors"] = Environment.ProcessorCount,
        });
    }
}
