using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Data;
using Touchpoint.Demo;
using Touchpoint.Domain.Contracts;
using Touchpoint.Features.Catalogue;
using Touchpoint.Features.Identity;
using Touchpoint.Features.Import;

namespace Touchpoint.Bench.Customers;

/// <summary>The generated operator imported through Touchpoint's Importer, file by file, beside the raw import baseline.</summary>
internal static class CustomersImport
{
    /// <summary>Generates the operator, imports it through Touchpoint and measures the raw import baseline; returns the customer ids in generation order.</summary>
    public static async Task<Guid[]> RunAsync(
        IServiceProvider services, DatabaseProvider provider, string connectionString, string folder, int customers, double average, BenchReport report,
        CancellationToken cancellationToken)
    {
        var (plans, agency) = await SeedCatalogueAsync(services, cancellationToken);
        var data = CustomerDataWriter.Write(folder, customers, average, plans, (agency.Id, agency.Name), TimeProvider.System.GetUtcNow().UtcDateTime);
        report.Figures["interactionsGenerated"] = data.Interactions;

        await ImportAsync(services, report, ImportKind.Customers, data.CustomersCsv, "import customers (rows/s)", cancellationToken);
        await ImportAsync(services, report, ImportKind.Subscriptions, data.SubscriptionsCsv, "import subscriptions (rows/s)", cancellationToken);
        var imported = await ImportAsync(services, report, ImportKind.Interactions, data.InteractionsCsv, null, cancellationToken);

        Console.WriteLine("raw import baseline …");
        var raw = await RawImport.RunAsync(provider, connectionString, folder, data.InteractionsCsv, data.CustomerIds, agency.Id, agency.Name, cancellationToken);
        var importRatio = imported / raw.Baseline;
        report.Add("import interactions (rows/s)", imported, raw.Baseline, "≥ 100,000/s, ≥ 0.5× raw", imported >= 100_000 && importRatio >= 0.5);
        report.Figures["importInteractionsRowsPerSecond"] = Format.Json(imported, 0);
        report.Figures["rawImportInteractionsRowsPerSecond"] = Format.Json(raw.Baseline, 0);
        report.Figures["importInteractionsRatio"] = Format.Json(importRatio, 3);
        if (raw.EngineAlone is { } engine)
        {
            // What SQLite itself needs for the same rows with no importer at all: a ceiling, not a target.
            report.Add("import, SQLite engine alone (rows/s)", imported, engine, "", null);
            report.Figures["engineImportInteractionsRowsPerSecond"] = Format.Json(engine, 0);
        }

        return data.CustomerIds;
    }

    /// <summary>
    /// The customer ids in generation order (search picks a customer's msisdn by its index) from the customers file
    /// the earlier run left. (The admin password of this run is set at start from Touchpoint:AdminPassword.)
    /// </summary>
    public static Guid[] ReadCustomerIds(string folder)
    {
        var file = Path.Combine(folder, "customers.csv");
        if (!File.Exists(file))
        {
            throw new InvalidOperationException($"{file} is missing: run once without --reuse and with --folder first.");
        }

        return [.. File.ReadLines(file).Skip(1).Select(line => Guid.Parse(line.AsSpan(0, line.IndexOf(',', StringComparison.Ordinal))))];
    }

    /// <summary>The demo catalogue (the generator picks mobile plans from it) and the partner agency some contacts name.</summary>
    private static async Task<(List<Plan> Plans, PartnerAgency Agency)> SeedCatalogueAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
        if (await db.Customers.AnyAsync(cancellationToken))
        {
            throw new InvalidOperationException("The database already holds customers; the benchmark needs an empty one.");
        }

        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        foreach (var plan in StoryCustomers.Plans)
        {
            var outcome = await CatalogueEndpoints.CreateAsync(db, clock, ContractRuleBook.Law, plan, cancellationToken);
            if (outcome.Failure is { } failure)
            {
                throw new InvalidOperationException($"Plan {plan.Code}: {failure.Message}");
            }
        }

        var agency = new PartnerAgency { Name = DemoData.PartnerAgencyName, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.PartnerAgencies.Add(agency);
        await db.SaveChangesAsync(cancellationToken);
        return (await db.Plans.AsNoTracking().ToListAsync(cancellationToken), agency);
    }

    /// <summary>One file through the Importer, timed from the first row read to the commit; returns rows/s.</summary>
    private static async Task<double> ImportAsync(IServiceProvider services, BenchReport report, ImportKind kind, string path, string? metric, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<Importer>();
        var progress = new ImportProgress(new FileInfo(path).Length);
        var label = kind.ToString().ToLowerInvariant();
        var watch = Stopwatch.StartNew();
        var result = await ImportProgressDisplay.ShowAsync(BenchConsole.Output, $"import {label}", progress, TimeProvider.System,
            () => importer.RunAsync(new ImportRequest(kind, path), progress, cancellationToken));
        var elapsed = watch.Elapsed;
        if (!result.Committed || result.FileError is not null)
        {
            var errors = string.Join(Environment.NewLine, result.Errors.Take(10));
            throw new InvalidOperationException($"Importing {label} failed: {result.FileError} {result.Rejected:N0} bad rows.{Environment.NewLine}{errors}");
        }

        var rate = result.Imported / elapsed.TotalSeconds;
        report.Figures[$"import{kind}Rows"] = result.Imported;
        report.Figures[$"import{kind}Seconds"] = Format.Json(elapsed.TotalSeconds, 2);
        if (metric is not null)
        {
            report.Add(metric, rate, double.NaN, "", null);
            report.Figures[$"import{kind}RowsPerSecond"] = Format.Json(rate, 0);
        }

        return rate;
    }
}
