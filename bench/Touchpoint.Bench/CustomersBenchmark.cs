using System.CommandLine;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Touchpoint.Data;
using Touchpoint.Demo;
using Touchpoint.Domain.Contracts;
using Touchpoint.Domain.Customers;
using Touchpoint.Features.Catalogue;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Identity;
using Touchpoint.Features.Import;
using Touchpoint.Features.Interactions;
using Touchpoint.Hosting;

namespace Touchpoint.Bench;

/// <summary>
/// "customers": a generated operator (customers, subscriptions, a year of contacts) written as CSV and imported
/// through Touchpoint's Importer, then identity search, the first timeline page and the 360 page over HTTP,
/// each beside raw ADO.NET doing the same work on the same data.
/// </summary>
internal static class CustomersBenchmark
{
    private const int MaxHttpRequests = 5_000_000;
    private const int WarmUpQueries = 50;

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
        command.SetAction((parsed, _) => RunAsync(new CustomersSettings(
            parsed.GetValue(customers), parsed.GetValue(interactions), parsed.GetValue(database), parsed.GetValue(connection), parsed.GetValue(folder),
            parsed.GetValue(duration), parsed.GetValue(warmUp), parsed.GetValue(concurrency), parsed.GetValue(samples), parsed.GetValue(reuse))));
        return command;
    }

    private sealed record CustomersSettings(
        int Customers, long Interactions, DatabaseProvider Provider, string? Connection, string? Folder, TimeSpan Duration, TimeSpan WarmUp,
        int Concurrency, int Samples, bool Reuse);

    private static async Task<int> RunAsync(CustomersSettings s)
    {
        var keepFolder = s.Folder is not null;
        var folder = keepFolder ? Directory.CreateDirectory(Path.GetFullPath(s.Folder!)) : Directory.CreateTempSubdirectory("touchpoint-bench-");
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        try
        {
            var run = new Run(s.Provider, folder.FullName, s.Connection, s.Customers, s.Interactions, s.Duration, s.WarmUp, s.Concurrency, s.Samples, s.Reuse);
            await run.ExecuteAsync(cancel.Token);
            return 0;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Console.Error.WriteLine("Cancelled.");
            return 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (!keepFolder)
            {
                folder.Delete(recursive: true);
            }
        }
    }

    private sealed class Run(
        DatabaseProvider provider, string folder, string? postgresConnection, int customers, long interactions,
        TimeSpan duration, TimeSpan warmUp, int concurrency, int samples, bool reuse)
    {
        private readonly string adminPassword = RandomNumberGenerator.GetHexString(32);
        private readonly List<(string Metric, double Touchpoint, double Raw, string Target, bool? Met)> rows = [];
        private readonly Dictionary<string, object?> figures = [];
        private readonly LoadGenerator loadGenerator = new(concurrency, warmUp, duration, MaxHttpRequests);

        private string ConnectionString => provider == DatabaseProvider.Sqlite
            ? new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "touchpoint.db"), Pooling = true, DefaultTimeout = 30 }.ToString()
            : postgresConnection!;

        private Dictionary<string, string> Settings => new()
        {
            [DatabaseSettings.ProviderKey] = provider == DatabaseProvider.Sqlite ? "sqlite" : "postgres",
            [DatabaseSettings.ConnectionStringKey] = ConnectionString,
            ["Touchpoint:DemoData"] = "false",
            [AdminAccount.PasswordKey] = adminPassword,
        };

        public async Task ExecuteAsync(CancellationToken cancellationToken)
        {
            var average = (double)interactions / customers;
            Console.WriteLine(reuse
                ? $"customers benchmark: measuring again on the data in {folder} ({provider})"
                : string.Create(CultureInfo.InvariantCulture,
                    $"customers benchmark: {customers:N0} customers, ~{interactions:N0} interactions ({average:0.##} each), {provider} in {folder}"));
            if (provider == DatabaseProvider.Sqlite && !reuse)
            {
                foreach (var file in Directory.EnumerateFiles(folder, "*.db*"))
                {
                    File.Delete(file);
                }
            }

            using var host = BuildHost();
            await host.StartAsync(cancellationToken);
            try
            {
                var customerIds = reuse ? ReadCustomerIds() : await ImportAllAsync(host.Services, average, cancellationToken);
                figures["customersFound"] = customerIds.Length;
                var raw = new RawDb(provider, ConnectionString);
                await MeasureSearchAsync(host.Services, raw, customerIds, cancellationToken);
                await MeasureTimelineAsync(host.Services, raw, customerIds, cancellationToken);
                await MeasureCustomerPageAsync(raw, customerIds, cancellationToken);
            }
            finally
            {
                await host.StopAsync(CancellationToken.None);
            }

            Print();
        }

        /// <summary>Generates the operator, imports it through Touchpoint and measures the raw import baseline.</summary>
        private async Task<Guid[]> ImportAllAsync(IServiceProvider services, double average, CancellationToken cancellationToken)
        {
            var (plans, agency) = await SeedCatalogueAsync(services, cancellationToken);
            var data = CustomerDataWriter.Write(folder, customers, average, plans, (agency.Id, agency.Name), TimeProvider.System.GetUtcNow().UtcDateTime);
            figures["interactionsGenerated"] = data.Interactions;

            await ImportAsync(services, ImportKind.Customers, data.CustomersCsv, "import customers (rows/s)", cancellationToken);
            await ImportAsync(services, ImportKind.Subscriptions, data.SubscriptionsCsv, "import subscriptions (rows/s)", cancellationToken);
            var imported = await ImportAsync(services, ImportKind.Interactions, data.InteractionsCsv, null, cancellationToken);

            Console.WriteLine("raw import baseline …");
            var raw = await RawImport.RunAsync(provider, ConnectionString, folder, data.InteractionsCsv, data.CustomerIds, agency.Id, agency.Name, cancellationToken);
            var importRatio = imported / raw.Baseline;
            Add("import interactions (rows/s)", imported, raw.Baseline, "≥ 100,000/s, ≥ 0.5× raw", imported >= 100_000 && importRatio >= 0.5);
            figures["importInteractionsRowsPerSecond"] = Format.Json(imported, 0);
            figures["rawImportInteractionsRowsPerSecond"] = Format.Json(raw.Baseline, 0);
            figures["importInteractionsRatio"] = Format.Json(importRatio, 3);
            if (raw.EngineAlone is { } engine)
            {
                // What SQLite itself needs for the same rows with no importer at all: a ceiling, not a target.
                Add("import, SQLite engine alone (rows/s)", imported, engine, "", null);
                figures["engineImportInteractionsRowsPerSecond"] = Format.Json(engine, 0);
            }

            return data.CustomerIds;
        }

        /// <summary>
        /// The customer ids in generation order (search picks a customer's msisdn by its index) from the customers file
        /// the earlier run left. (The admin password of this run is set at start from Touchpoint:AdminPassword.)
        /// </summary>
        private Guid[] ReadCustomerIds()
        {
            var file = Path.Combine(folder, "customers.csv");
            if (!File.Exists(file))
            {
                throw new InvalidOperationException($"{file} is missing: run once without --reuse and with --folder first.");
            }

            return [.. File.ReadLines(file).Skip(1).Select(line => Guid.Parse(line.AsSpan(0, line.IndexOf(',', StringComparison.Ordinal))))];
        }

        /// <summary>Touchpoint's core services as the CLI import builds them: migrations and the admin account run at start.</summary>
        private IHost BuildHost()
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
            builder.Configuration.AddInMemoryCollection(Settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.AddTouchpointCore(builder.Configuration);
            return builder.Build();
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
        private async Task<double> ImportAsync(IServiceProvider services, ImportKind kind, string path, string? metric, CancellationToken cancellationToken)
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
            figures[$"import{kind}Rows"] = result.Imported;
            figures[$"import{kind}Seconds"] = Format.Json(elapsed.TotalSeconds, 2);
            if (metric is not null)
            {
                Add(metric, rate, double.NaN, "", null);
                figures[$"import{kind}RowsPerSecond"] = Format.Json(rate, 0);
            }

            return rate;
        }

        /// <summary>
        /// CustomerSearch on a fresh DbContext per query (as a request gets one) against one raw prepared join,
        /// interleaved and alternating which goes first so neither always finds the pages the other just read.
        /// </summary>
        private async Task MeasureSearchAsync(IServiceProvider services, RawDb raw, Guid[] ids, CancellationToken cancellationToken)
        {
            Console.WriteLine($"identity search: {samples:N0} random msisdns …");
            await using var connection = await raw.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT c."Id", c."Name", c."Jurisdiction", i."Kind", i."Value"
                FROM "CustomerIdentities" AS i INNER JOIN "Customers" AS c ON c."Id" = i."CustomerId"
                WHERE i."Value" = @v AND c."Status" = 'Active'
                LIMIT 20
                """;
            var value = raw.Add(command, "@v", RawType.Text);
            await command.PrepareAsync(cancellationToken);

            var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
            var random = new Random(1);
            var (touchpoint, baseline) = (new Latencies(), new Latencies());
            var misses = 0;
            for (var n = -WarmUpQueries; n < samples; n++)
            {
                var index = random.Next(ids.Length);
                var msisdn = CustomerDataWriter.Msisdn(index);
                for (var turn = 0; turn < 2; turn++)
                {
                    var watch = Stopwatch.StartNew();
                    if ((turn + n) % 2 == 0)
                    {
                        await using var scope = services.CreateAsyncScope();
                        var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
                        var hits = await CustomerSearch.SearchAsync(db, msisdn, 20, today, cancellationToken);
                        Record(n, touchpoint, watch);
                        misses += hits.Any(h => h.Id == ids[index]) ? 0 : 1;
                    }
                    else
                    {
                        value.Value = msisdn;
                        var found = await RawDb.DrainAsync(command, cancellationToken);
                        Record(n, baseline, watch);
                        misses += found == 1 ? 0 : 1;
                    }
                }
            }

            if (misses > 0)
            {
                Console.Error.WriteLine($"warning: {misses} identity searches did not find exactly the generated customer.");
            }

            AddLatency("identity search", "search", touchpoint, baseline, 5);
        }

        /// <summary>Timeline.PageAsync's first page against the same keyset query in raw SQL, interleaved as for search.</summary>
        private async Task MeasureTimelineAsync(IServiceProvider services, RawDb raw, Guid[] ids, CancellationToken cancellationToken)
        {
            Console.WriteLine($"timeline first page: {samples:N0} random customers …");
            await using var connection = await raw.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = TimelineSql;
            var customer = raw.Add(command, "@c", RawType.Id);
            await command.PrepareAsync(cancellationToken);

            var random = new Random(2);
            var (touchpoint, baseline) = (new Latencies(), new Latencies());
            for (var n = -WarmUpQueries; n < samples; n++)
            {
                var id = ids[random.Next(ids.Length)];
                for (var turn = 0; turn < 2; turn++)
                {
                    var watch = Stopwatch.StartNew();
                    if ((turn + n) % 2 == 0)
                    {
                        await using var scope = services.CreateAsyncScope();
                        var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
                        _ = await Timeline.PageAsync(db, id, new TimelineFilter(), null, Timeline.DefaultLimit, cancellationToken);
                        Record(n, touchpoint, watch);
                    }
                    else
                    {
                        customer.Value = raw.Id(id);
                        _ = await RawDb.DrainAsync(command, cancellationToken);
                        Record(n, baseline, watch);
                    }
                }
            }

            AddLatency("timeline first page", "timeline", touchpoint, baseline, 10);
        }

        private static readonly string TimelineSql = string.Create(CultureInfo.InvariantCulture, $"""
            SELECT "Id", "At", "Kind", "Channel", "Direction", "Title", "Detail", "ActorName", "PartnerAgencyName", "SourceId"
            FROM "TimelineEntries" WHERE "CustomerId" = @c
            ORDER BY "At" DESC, "Id" DESC
            LIMIT {Timeline.DefaultLimit + 1}
            """);

        /// <summary>
        /// GET /api/customers/{id} on Touchpoint in its own process (auth, three queries, its read in the audit journal, JSON) against
        /// the view's four queries in raw ADO.NET in-process, each with the same number of workers for the same time.
        /// </summary>
        private async Task MeasureCustomerPageAsync(RawDb raw, Guid[] ids, CancellationToken cancellationToken)
        {
            Console.WriteLine($"360 page: starting Touchpoint on Kestrel, then {concurrency} workers, {warmUp.TotalSeconds:0} s warm-up and {duration.TotalSeconds:0} s measured …");
            LoadRun http;
            await using (var server = await TouchpointServer.StartAsync(Settings, folder, cancellationToken))
            {
                using var load = await HttpLoadClient.SignInAsync(server, concurrency, "admin", adminPassword, cancellationToken);
                async Task<bool> GetAsync(Guid id)
                {
                    using var response = await load.Client.GetAsync(new Uri($"/api/customers/{id}", UriKind.Relative), cancellationToken);
                    _ = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                    return load.Succeeded(response, $"GET /api/customers/{id}");
                }

                http = await loadGenerator.RunAsync(async _ => await GetAsync(ids[Random.Shared.Next(ids.Length)]), load.KeepGoing, cancellationToken);
                if (load.Errors > 0)
                {
                    Console.Error.WriteLine($"warning: {load.Errors} requests failed; Touchpoint said:{Environment.NewLine}{server.RecentOutput()}");
                }

                figures["httpErrors"] = load.Errors;
            }

            Console.WriteLine($"360 page raw baseline: {concurrency} workers, {warmUp.TotalSeconds:0} s warm-up and {duration.TotalSeconds:0} s measured …");
            var connections = new DbConnection[concurrency];
            var commands = new DbCommand[concurrency][];
            var parameters = new DbParameter[concurrency][];
            try
            {
                for (var w = 0; w < concurrency; w++)
                {
                    connections[w] = await raw.OpenAsync(cancellationToken);
                    commands[w] = [.. CustomerPageSql.Select(sql =>
                    {
                        var command = connections[w].CreateCommand();
                        command.CommandText = sql;
                        return command;
                    })];
                    parameters[w] = [.. commands[w].Select(c => raw.Add(c, "@c", RawType.Id))];
                    foreach (var command in commands[w])
                    {
                        await command.PrepareAsync(cancellationToken);
                    }
                }

                var direct = await loadGenerator.RunAsync(async worker =>
                {
                    var id = raw.Id(ids[Random.Shared.Next(ids.Length)]);
                    for (var q = 0; q < commands[worker].Length; q++)
                    {
                        parameters[worker][q].Value = id;
                        _ = await RawDb.DrainAsync(commands[worker][q], cancellationToken);
                    }

                    return true;
                }, () => true, cancellationToken);

                var (tpRate, rawRate) = (http.Requests / http.Seconds, direct.Requests / direct.Seconds);
                Add("360 page (requests/s)", tpRate, rawRate, "≥ 2,000/s", tpRate >= 2000);
                Add("360 page p50 (ms)", http.Latencies.Percentile(50), direct.Latencies.Percentile(50), "", null);
                Add("360 page p99 (ms)", http.Latencies.Percentile(99), direct.Latencies.Percentile(99), "", null);
                figures["customerPageRequestsPerSecond"] = Format.Json(tpRate, 0);
                figures["rawCustomerPageRequestsPerSecond"] = Format.Json(rawRate, 0);
                figures["customerPageP50Ms"] = Format.Json(http.Latencies.Percentile(50), 3);
                figures["customerPageP99Ms"] = Format.Json(http.Latencies.Percentile(99), 3);
                figures["rawCustomerPageP50Ms"] = Format.Json(direct.Latencies.Percentile(50), 3);
                figures["rawCustomerPageP99Ms"] = Format.Json(direct.Latencies.Percentile(99), 3);
                figures["customerPageRequests"] = http.Requests;
                figures["rawCustomerPageRequests"] = direct.Requests;
            }
            finally
            {
                foreach (var command in commands.Where(c => c is not null).SelectMany(c => c))
                {
                    await command.DisposeAsync();
                }

                foreach (var connection in connections.Where(c => c is not null))
                {
                    await connection.DisposeAsync();
                }
            }
        }

        /// <summary>The four queries of CustomerViews.Load360Async: customer, identities, subscriptions with their plan, first timeline page.</summary>
        private static readonly string[] CustomerPageSql =
        [
            """SELECT * FROM "Customers" WHERE "Id" = @c LIMIT 1""",
            """SELECT "Id", "AddedAt", "CustomerId", "Kind", "Value" FROM "CustomerIdentities" WHERE "CustomerId" = @c""",
            """
            SELECT s.*, p."Code", p."Name", p."Technology"
            FROM "Subscriptions" AS s INNER JOIN "Plans" AS p ON p."Id" = s."PlanId"
            WHERE s."CustomerId" = @c ORDER BY s."StartDate"
            """,
            TimelineSql,
        ];

        private static void Record(int n, Latencies latencies, Stopwatch watch)
        {
            if (n >= 0)
            {
                latencies.Add(watch.ElapsedTicks);
            }
        }

        private void AddLatency(string name, string key, Latencies touchpoint, Latencies baseline, double targetP99)
        {
            var (p50, p99) = (touchpoint.Percentile(50), touchpoint.Percentile(99));
            Add($"{name} p50 (ms)", p50, baseline.Percentile(50), "", null);
            Add($"{name} p99 (ms)", p99, baseline.Percentile(99), string.Create(CultureInfo.InvariantCulture, $"≤ {targetP99} ms"), p99 <= targetP99);
            figures[$"{key}P50Ms"] = Format.Json(p50, 3);
            figures[$"{key}P99Ms"] = Format.Json(p99, 3);
            figures[$"raw{char.ToUpperInvariant(key[0])}{key[1..]}P50Ms"] = Format.Json(baseline.Percentile(50), 3);
            figures[$"raw{char.ToUpperInvariant(key[0])}{key[1..]}P99Ms"] = Format.Json(baseline.Percentile(99), 3);
        }

        private void Add(string metric, double touchpoint, double raw, string target, bool? met) => rows.Add((metric, touchpoint, raw, target, met));

        private void Print()
        {
            Console.WriteLine();
            Console.WriteLine($"{"metric",-36} {"touchpoint",12} {"raw baseline",13} {"ratio",7}  {"target",-26} {"met",-4}");
            foreach (var (metric, touchpoint, raw, target, met) in rows)
            {
                var format = metric.Contains("(ms)", StringComparison.Ordinal) ? "0.000" : "N0";
                Console.WriteLine($"{metric,-36} {Format.Number(touchpoint, format),12} {Format.Number(raw, format),13} {Format.Number(touchpoint / raw, "0.00"),7}  {target,-26} {(met is null ? "" : met.Value ? "yes" : "NO"),-4}");
            }

            Console.WriteLine("ratio = touchpoint ÷ raw: above 1 is better for rates, below 1 is better for latencies.");
            var json = new Dictionary<string, object?>
            {
                ["benchmark"] = "customers",
                ["database"] = provider == DatabaseProvider.Sqlite ? "sqlite" : "postgres",
                ["customers"] = reuse ? figures["customersFound"] : customers,
                ["interactionsRequested"] = reuse ? null : interactions,
                ["reused"] = reuse,
                ["samples"] = samples,
                ["concurrency"] = concurrency,
                ["warmUpSeconds"] = warmUp.TotalSeconds,
                ["durationSeconds"] = duration.TotalSeconds,
                ["processors"] = Environment.ProcessorCount,
            };
            foreach (var (key, value) in figures)
            {
                json[key] = value;
            }

            json["targetsMet"] = rows.Where(r => r.Met is not null).All(r => r.Met == true);
            Console.WriteLine(JsonSerializer.Serialize(json));
        }
    }
}
