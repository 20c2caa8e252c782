using System.CommandLine;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Touchpoint.Data;
using Touchpoint.Data.Bulk;
using Touchpoint.Demo;
using Touchpoint.Domain.Cases;
using Touchpoint.Domain.Contracts;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Interactions;
using Touchpoint.Domain.Platform;
using Touchpoint.Domain.Promises;
using Touchpoint.Features.Cases;
using Touchpoint.Features.Catalogue;
using Touchpoint.Features.Identity;
using Touchpoint.Features.Import;
using Touchpoint.Features.Promises;
using Touchpoint.Features.Work;
using Touchpoint.Hosting;

namespace Touchpoint.Bench;

/// <summary>
/// "work": open promises and open cases spread over some hundred owners, then the watcher's lag (due time to breach
/// committed), "my work" for one owner, and case creation over HTTP, each beside raw SQL doing the same work.
/// </summary>
internal static class WorkBenchmark
{
    private const int WarmUpQueries = 50;

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
        var warmUp = BenchOptions.Seconds("--warmup-seconds", 5, "seconds of case creation before measuring", minimum: 0);
        var database = BenchOptions.Database();
        var connection = BenchOptions.Connection();
        var folder = BenchOptions.Folder();
        var command = new Command("work",
            "Open promises and cases over some hundred owners, then the DueWatcher's lag, \"my work\" for one owner and POST /api/cases over HTTP.")
        {
            promises, cases, customers, owners, lagPromises, lagWindow, samples, concurrency, duration, warmUp, database, connection, folder,
        };
        BenchOptions.RequireConnectionForPostgres(command, database, connection);
        command.SetAction((parsed, _) => RunAsync(
            new WorkSettings(
                parsed.GetValue(promises), parsed.GetValue(cases), parsed.GetValue(customers), parsed.GetValue(owners), parsed.GetValue(lagPromises),
                parsed.GetValue(lagWindow), parsed.GetValue(samples), parsed.GetValue(concurrency), parsed.GetValue(duration), parsed.GetValue(warmUp)),
            parsed.GetValue(database), parsed.GetValue(connection), parsed.GetValue(folder)));
        return command;
    }

    private static async Task<int> RunAsync(WorkSettings settings, DatabaseProvider provider, string? connection, string? folderPath)
    {
        var keepFolder = folderPath is not null;
        var folder = keepFolder ? Directory.CreateDirectory(Path.GetFullPath(folderPath!)) : Directory.CreateTempSubdirectory("touchpoint-bench-");
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        try
        {
            await new Run(provider, folder.FullName, connection, settings).ExecuteAsync(cancel.Token);
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

    private sealed record WorkSettings(
        int Promises, int Cases, int Customers, int Owners, int LagPromises, TimeSpan LagWindow, int Samples, int Concurrency,
        TimeSpan Duration, TimeSpan WarmUp);

    private sealed class Run(DatabaseProvider provider, string folder, string? postgresConnection, WorkSettings s)
    {
        private static readonly TimeSpan WatcherInterval = TimeSpan.FromMilliseconds(200);

        private readonly string adminPassword = RandomNumberGenerator.GetHexString(32);
        private readonly string agentPassword = "Bench-" + RandomNumberGenerator.GetHexString(24) + "-a1";
        private readonly List<(string Metric, double Touchpoint, double Raw, string Target, bool? Met)> rows = [];
        private readonly Dictionary<string, object?> figures = [];
        private readonly LoadGenerator loadGenerator = new(s.Concurrency, s.WarmUp, s.Duration);
        private readonly List<string> owners = [];
        private readonly List<Guid> customerIds = [];
        private string agentUserName = "";
        private string lagOwner = "";
        private string rawLagOwner = "";
        private Guid templateCase;

        private bool Sqlite => provider == DatabaseProvider.Sqlite;

        private string ConnectionString => Sqlite
            ? new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "touchpoint.db"), Pooling = true, DefaultTimeout = 30 }.ToString()
            : postgresConnection!;

        private Dictionary<string, string> Settings => new()
        {
            [DatabaseSettings.ProviderKey] = Sqlite ? "sqlite" : "postgres",
            [DatabaseSettings.ConnectionStringKey] = ConnectionString,
            ["Touchpoint:DemoData"] = "false",
            [AdminAccount.PasswordKey] = adminPassword,
            // The bench measures its own watcher loop; the server's must not fire the seeded work meanwhile (nothing is due anyway).
            [DueWatcher.IntervalKey] = "0.2",
        };

        public async Task ExecuteAsync(CancellationToken cancellationToken)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"work benchmark: {s.Promises:N0} open promises, {s.Cases:N0} open cases, {s.Customers:N0} customers, {s.Owners} owners, {provider} in {folder}"));
            if (Sqlite)
            {
                foreach (var file in Directory.EnumerateFiles(folder, "*.db*"))
                {
                    File.Delete(file);
                }
            }

            var raw = new RawDb(provider, ConnectionString);
            using (var host = BuildHost())
            {
                await host.StartAsync(cancellationToken);
                try
                {
                    var seed = Stopwatch.StartNew();
                    await SeedAsync(host.Services, raw, cancellationToken);
                    figures["seedSeconds"] = Format.Json(seed.Elapsed.TotalSeconds, 1);
                    Console.WriteLine($"seeded in {seed.Elapsed.TotalSeconds:0.0} s");
                    await MeasureWatcherAsync(host.Services, raw, cancellationToken);
                    await MeasureMyWorkAsync(host.Services, raw, cancellationToken);
                }
                finally
                {
                    await host.StopAsync(CancellationToken.None);
                }
            }

            await MeasureCaseCreationAsync(raw, cancellationToken);
            Print();
        }

        /// <summary>Touchpoint's core services with the watcher as the server registers it, but run by the benchmark's loop.</summary>
        private IHost BuildHost()
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
            builder.Configuration.AddInMemoryCollection(Settings.Select(x => KeyValuePair.Create(x.Key, (string?)x.Value)));
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.AddTouchpointCore(builder.Configuration);
            builder.Services.AddSingleton<DueWatcher>();
            return builder.Build();
        }

        // ---------------------------------------------------------------- seeding

        private async Task SeedAsync(IServiceProvider services, RawDb raw, CancellationToken cancellationToken)
        {
            var now = TimeProvider.System.GetUtcNow().UtcDateTime;
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
            if (await db.Customers.AnyAsync(cancellationToken))
            {
                throw new InvalidOperationException("The database already holds customers; the benchmark needs an empty one.");
            }

            Console.WriteLine($"seeding {s.Customers:N0} customers and {s.Owners} owners …");
            var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
            foreach (var plan in StoryCustomers.Plans)
            {
                var outcome = await CatalogueEndpoints.CreateAsync(db, clock, ContractRuleBook.Law, plan, cancellationToken);
                if (outcome.Failure is { } failure)
                {
                    throw new InvalidOperationException($"Plan {plan.Code}: {failure.Message}");
                }
            }

            var agency = new PartnerAgency { Name = DemoData.PartnerAgencyName, CreatedAt = now };
            db.PartnerAgencies.Add(agency);
            await db.SaveChangesAsync(cancellationToken);
            var plans = await db.Plans.AsNoTracking().ToListAsync(cancellationToken);
            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                await using var writer = BulkWriter.Create(db);
                foreach (var batch in new GeneratedOperator(7, now, plans, (agency.Id, agency.Name)).Generate(s.Customers, 0).Chunk(1000))
                {
                    var customers = batch.Select(g => g.Customer).ToList();
                    await writer.WriteCustomersAsync(customers, cancellationToken);
                    customerIds.AddRange(customers.Select(c => c.Id));
                }

                await transaction.CommitAsync(cancellationToken);
            }

            var users = scope.ServiceProvider.GetRequiredService<UserManager<TouchpointUser>>();
            var lead = await CreateUserAsync(users, "bench-lead", "Bench Lead", Roles.TeamLead, null, null, now);
            for (var i = 0; i < s.Owners; i++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"bench-agent-{i:D4}");
                owners.Add(await CreateUserAsync(users, name, $"Agent {i}", Roles.Agent, lead, i == 0 ? agentPassword : null, now));
            }

            agentUserName = "bench-agent-0000";
            lagOwner = await CreateUserAsync(users, "bench-lag-touchpoint", "Lag Touchpoint", Roles.Agent, lead, null, now);
            rawLagOwner = await CreateUserAsync(users, "bench-lag-raw", "Lag Raw", Roles.Agent, lead, null, now);

            // One promise and one case made as entities; the rest are copies of them made by the database.
            var customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == customerIds[0], cancellationToken);
            var promise = new PromiseRecord
            {
                CustomerId = customer.Id,
                Kind = PromiseKind.Callback,
                State = PromiseState.Open,
                Description = "Callback from customer service about the invoice",
                OwnerUserId = owners[0],
                MadeByUserId = owners[0],
                MadeByName = "Agent 0",
                MadeVia = InteractionChannel.Phone,
                MadeAt = now,
                DueAt = now.AddHours(3),
                NextAlarmAt = now.AddHours(3),
            };
            var @case = new Case
            {
                Reference = "B-0",
                CustomerId = customer.Id,
                Jurisdiction = customer.Jurisdiction,
                Type = CaseType.Complaint,
                Priority = CasePriority.Medium,
                Status = CaseStatus.InProgress,
                Channel = InteractionChannel.Phone,
                NeedStatement = "The customer wants the double charge on the last invoice refunded.",
                OwnerKind = OwnerKind.User.ToWireName(),
                OwnerId = owners[0],
                OwnerName = "Agent 0",
                AccountableUserId = owners[0],
                OpenedAt = now,
                OpenedById = owners[0],
                OpenedByName = "Agent 0",
                NextDueAt = now.AddHours(3),
                NextSlaAlarmAt = now.AddHours(3),
            };
            db.Promises.Add(promise);
            db.Cases.Add(@case);
            await db.SaveChangesAsync(cancellationToken);
            templateCase = @case.Id;

            Console.WriteLine($"seeding {s.Promises:N0} promises and {s.Cases:N0} cases …");
            var promiseColumns = Columns(db, typeof(PromiseRecord));
            var caseColumns = Columns(db, typeof(Case));
            caseColumnNames = caseColumns;
            await using var connection = await raw.OpenAsync(cancellationToken);
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                await FillLookupAsync(connection, transaction, raw, "bench_owners", owners.Cast<object>().ToList(), cancellationToken);
                await FillLookupAsync(connection, transaction, raw, "bench_customers", customerIds.Select(raw.Id).ToList(), cancellationToken);
                // Due in 2 to 8 hours: nothing seeded falls due while the benchmark runs.
                var due = TimeExpression("(7200 + (s.i * 7919) % 21600)");
                var owner = $"(SELECT o.id FROM bench_owners AS o WHERE o.n = s.i % {s.Owners})";
                var customerOf = $"(SELECT c.id FROM bench_customers AS c WHERE c.n = s.i % {s.Customers})";
                await CopyAsync(connection, transaction, "Promises", promiseColumns, promise.Id, s.Promises - 1, now, new()
                {
                    ["CustomerId"] = customerOf, ["OwnerUserId"] = owner, ["MadeByUserId"] = owner, ["DueAt"] = due, ["NextAlarmAt"] = due,
                }, cancellationToken);
                await CopyAsync(connection, transaction, "Cases", caseColumns, @case.Id, s.Cases - 1, now, new()
                {
                    ["CustomerId"] = customerOf, ["OwnerId"] = owner, ["AccountableUserId"] = owner, ["OpenedById"] = owner,
                    ["Reference"] = Sqlite ? "'B-' || s.i" : "'B-' || s.i::text", ["NextDueAt"] = due, ["NextSlaAlarmAt"] = due,
                }, cancellationToken);

                // The promises whose lag is measured, one set for Touchpoint's watcher and one for the raw loop, due later for now.
                foreach (var lag in new[] { lagOwner, rawLagOwner })
                {
                    await CopyAsync(connection, transaction, "Promises", promiseColumns, promise.Id, s.LagPromises, now, new()
                    {
                        ["CustomerId"] = customerOf, ["OwnerUserId"] = Quote(lag), ["MadeByUserId"] = Quote(lag), ["DueAt"] = due, ["NextAlarmAt"] = due,
                    }, cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
            }

            if (!Sqlite)
            {
                await using var analyze = connection.CreateCommand();
                analyze.CommandText = """ANALYZE "Promises"; ANALYZE "Cases";""";
                analyze.CommandTimeout = 0;
                await analyze.ExecuteNonQueryAsync(cancellationToken);
            }
            else
            {
                await using var analyze = connection.CreateCommand();
                analyze.CommandText = "PRAGMA optimize;";
                analyze.CommandTimeout = 0;
                await analyze.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        private static async Task<string> CreateUserAsync(
            UserManager<TouchpointUser> users, string userName, string displayName, string role, string? teamLeadId, string? password, DateTime now)
        {
            var user = new TouchpointUser { UserName = userName, DisplayName = displayName, CreatedAt = now, TeamLeadId = teamLeadId };
            Ensure(password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password));
            Ensure(await users.AddToRoleAsync(user, role));
            return user.Id;
        }

        private static void Ensure(IdentityResult result)
        {
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"A benchmark user could not be created: {string.Join(" ", result.Errors.Select(e => e.Description))}");
            }
        }

        private static List<string> Columns(TouchpointDbContext db, Type type)
        {
            var entity = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not mapped.");
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            return [.. entity.GetProperties().Select(p => p.GetColumnName(table)!)];
        }

        private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

        /// <summary>@base plus <paramref name="seconds"/> (an SQL expression), stored as EF Core stores a DateTime.</summary>
        private string TimeExpression(string seconds) => Sqlite
            ? $"strftime('%Y-%m-%d %H:%M:%f', @base, '+' || {seconds} || ' seconds')"
            : $"(@base + {seconds} * interval '1 second')";

        private string NewId => Sqlite
            ? "upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6)))"
            : "gen_random_uuid()";

        private object Time(DateTime at) => Sqlite ? at.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) : DateTime.SpecifyKind(at, DateTimeKind.Utc);

        private async Task FillLookupAsync(DbConnection connection, DbTransaction transaction, RawDb raw, string table, List<object> ids, CancellationToken cancellationToken)
        {
            await using (var create = connection.CreateCommand())
            {
                create.Transaction = transaction;
                create.CommandText = $"CREATE TEMP TABLE {table} (n integer PRIMARY KEY, id {(Sqlite ? "text" : ids[0] is Guid ? "uuid" : "text")} NOT NULL)";
                await create.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO {table} (n, id) VALUES (@n, @id)";
            var n = raw.Add(insert, "@n", RawType.Integer);
            var id = raw.Add(insert, "@id", ids[0] is Guid && !Sqlite ? RawType.Id : RawType.Text);
            await insert.PrepareAsync(cancellationToken);
            for (var i = 0; i < ids.Count; i++)
            {
                n.Value = i;
                id.Value = ids[i];
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        /// <summary>Inserts <paramref name="count"/> copies of one row in one statement, with some columns computed from the copy's number s.i.</summary>
        private async Task CopyAsync(
            DbConnection connection, DbTransaction transaction, string table, List<string> columns, Guid template, int count, DateTime now,
            Dictionary<string, string> overrides, CancellationToken cancellationToken)
        {
            if (count <= 0)
            {
                return;
            }

            overrides["Id"] = NewId;
            overrides["Version"] = "0";
            var list = string.Join(", ", columns.Select(c => $"\"{c}\""));
            var values = string.Join(", ", columns.Select(c => overrides.TryGetValue(c, out var expression) ? expression : $"t.\"{c}\""));
            var series = Sqlite
                ? "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < @count) "
                : "";
            var from = Sqlite ? "s CROSS JOIN" : "generate_series(1, @count) AS s(i) CROSS JOIN";
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandTimeout = 0;
            command.CommandText = $"""
                INSERT INTO "{table}" ({list})
                {series}SELECT {values} FROM {from} "{table}" AS t WHERE t."Id" = @template
                """;
            var raw = new RawDb(provider, ConnectionString);
            raw.Add(command, "@count", RawType.Integer).Value = count;
            raw.Add(command, "@template", RawType.Id).Value = raw.Id(template);
            raw.Add(command, "@base", RawType.Timestamp).Value = Time(now);
            var watch = Stopwatch.StartNew();
            var inserted = await command.ExecuteNonQueryAsync(cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {table}: {inserted:N0} rows in {watch.Elapsed.TotalSeconds:0.0} s"));
        }

        // ---------------------------------------------------------------- watcher lag

        /// <summary>
        /// K promises fall due over a short window; Touchpoint's DueWatcher (RunOnceAsync every 0.2 s, as its hosted loop does)
        /// breaks them. A poller on its own connection notes when each breach is committed: lag = seen − due time.
        /// The raw baseline breaks another K promises with one UPDATE … RETURNING per batch of 200 on the same index.
        /// </summary>
        private async Task MeasureWatcherAsync(IServiceProvider services, RawDb raw, CancellationToken cancellationToken)
        {
            Console.WriteLine($"watcher lag: {s.LagPromises:N0} promises due over {s.LagWindow.TotalSeconds:0} s, Touchpoint's DueWatcher …");
            var watcher = services.GetRequiredService<DueWatcher>();
            _ = await watcher.RunOnceAsync(cancellationToken); // JIT and EF's query compilation, on nothing due.
            var touchpoint = await MeasureLagAsync(raw, lagOwner, async stop =>
            {
                while (!stop.IsCancellationRequested)
                {
                    _ = await watcher.RunOnceAsync(cancellationToken);
                    await Task.Delay(WatcherInterval, CancellationToken.None);
                }
            }, cancellationToken);

            Console.WriteLine("watcher lag: raw UPDATE … RETURNING loop …");
            var baseline = await MeasureLagAsync(raw, rawLagOwner, async stop =>
            {
                await using var connection = await raw.OpenAsync(cancellationToken);
                await using var command = connection.CreateCommand();
                command.CommandText = $"""
                    UPDATE "Promises" SET "State" = @broken, "NextAlarmAt" = NULL, "Version" = "Version" + 1
                    WHERE "Id" IN (SELECT "Id" FROM "Promises" WHERE "NextAlarmAt" IS NOT NULL AND "NextAlarmAt" <= @now
                                   ORDER BY "NextAlarmAt" LIMIT {DueWatcher.BatchSize}{(Sqlite ? "" : " FOR UPDATE SKIP LOCKED")})
                    RETURNING "Id"
                    """;
                raw.Add(command, "@broken", RawType.Text).Value = PromiseState.Broken.ToWireName();
                var nowParameter = raw.Add(command, "@now", RawType.Timestamp);
                while (!stop.IsCancellationRequested)
                {
                    int done;
                    do
                    {
                        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                        command.Transaction = transaction;
                        nowParameter.Value = Time(TimeProvider.System.GetUtcNow().UtcDateTime);
                        done = await RawDb.DrainAsync(command, cancellationToken);
                        await transaction.CommitAsync(cancellationToken);
                    }
                    while (done >= DueWatcher.BatchSize);

                    await Task.Delay(WatcherInterval, CancellationToken.None);
                }
            }, cancellationToken);

            var (p50, p99) = (touchpoint.Percentile(50), touchpoint.Percentile(99));
            Add("watcher lag p50 (ms)", p50, baseline.Percentile(50), "", null);
            Add("watcher lag p99 (ms)", p99, baseline.Percentile(99), "≤ 1,000 ms", p99 <= 1000);
            figures["watcherLagP50Ms"] = Format.Json(p50, 1);
            figures["watcherLagP99Ms"] = Format.Json(p99, 1);
            figures["rawWatcherLagP50Ms"] = Format.Json(baseline.Percentile(50), 1);
            figures["rawWatcherLagP99Ms"] = Format.Json(baseline.Percentile(99), 1);
            figures["watcherLagPromises"] = touchpoint.Count;
            figures["rawWatcherLagPromises"] = baseline.Count;
        }

        private async Task<Latencies> MeasureLagAsync(RawDb raw, string owner, Func<CancellationToken, Task> watch, CancellationToken cancellationToken)
        {
            await using var connection = await raw.OpenAsync(cancellationToken);
            var due = new Dictionary<Guid, DateTime>();
            await using (var select = connection.CreateCommand())
            {
                select.CommandText = """SELECT "Id" FROM "Promises" WHERE "OwnerUserId" = @o""";
                raw.Add(select, "@o", RawType.Text).Value = owner;
                await using var reader = await select.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    due[ReadId(reader)] = default;
                }
            }

            // Due from 2 s from now, evenly over the window; already warned, so what falls due is the breach.
            var start = TimeProvider.System.GetUtcNow().UtcDateTime.AddSeconds(2);
            var step = s.LagWindow.Ticks / Math.Max(1, due.Count);
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            await using (var update = connection.CreateCommand())
            {
                update.Transaction = transaction;
                update.CommandText = """UPDATE "Promises" SET "DueAt" = @at, "NextAlarmAt" = @at, "WarnedAt" = "MadeAt" WHERE "Id" = @id""";
                var at = raw.Add(update, "@at", RawType.Timestamp);
                var id = raw.Add(update, "@id", RawType.Id);
                var n = 0;
                foreach (var key in due.Keys.ToList())
                {
                    due[key] = start.AddTicks(step * n++);
                    at.Value = Time(due[key]);
                    id.Value = raw.Id(key);
                    await update.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
            }

            var seen = new Dictionary<Guid, DateTime>();
            using var stop = new CancellationTokenSource();
            var worker = Task.Run(() => watch(stop.Token), cancellationToken);
            try
            {
                await using var poll = connection.CreateCommand();
                poll.CommandText = """SELECT "Id" FROM "Promises" WHERE "OwnerUserId" = @o AND "State" = @broken""";
                raw.Add(poll, "@o", RawType.Text).Value = owner;
                raw.Add(poll, "@broken", RawType.Text).Value = PromiseState.Broken.ToWireName();
                await poll.PrepareAsync(cancellationToken);
                var limit = start + s.LagWindow + TimeSpan.FromSeconds(60);
                while (seen.Count < due.Count && TimeProvider.System.GetUtcNow().UtcDateTime < limit && !worker.IsCompleted)
                {
                    await using (var reader = await poll.ExecuteReaderAsync(cancellationToken))
                    {
                        var at = TimeProvider.System.GetUtcNow().UtcDateTime;
                        while (await reader.ReadAsync(cancellationToken))
                        {
                            seen.TryAdd(ReadId(reader), at);
                        }
                    }

                    await Task.Delay(5, cancellationToken);
                }
            }
            finally
            {
                await stop.CancelAsync();
                await worker;
            }

            if (seen.Count < due.Count)
            {
                Console.Error.WriteLine($"warning: only {seen.Count:N0} of {due.Count:N0} promises were broken within a minute of the window.");
            }

            var lags = new Latencies();
            foreach (var (id, at) in seen)
            {
                lags.Add((long)((at - due[id]).TotalSeconds * Stopwatch.Frequency));
            }

            return lags;
        }

        private static Guid ReadId(DbDataReader reader) => reader.GetValue(0) switch
        {
            Guid id => id,
            string text => Guid.Parse(text),
            var other => throw new InvalidOperationException($"Unexpected id {other}."),
        };

        // ---------------------------------------------------------------- my work

        /// <summary>WorkViews.MyWorkAsync on a fresh DbContext per call against the same reads in raw SQL, interleaved.</summary>
        private async Task MeasureMyWorkAsync(IServiceProvider services, RawDb raw, CancellationToken cancellationToken)
        {
            Console.WriteLine($"my work: {s.Samples:N0} random owners …");
            await using var connection = await raw.OpenAsync(cancellationToken);
            var statuses = string.Join(", ", CaseViews.OpenStatuses.Select(s => Quote(s.ToWireName())));
            var limit = WorkViews.MyWorkFirstPage + 1;
            string[] sql =
            [
                $"""
                SELECT c.*, cu."Name" FROM "Cases" AS c LEFT JOIN "Customers" AS cu ON cu."Id" = c."CustomerId"
                WHERE c."OwnerId" = @u AND c."OwnerKind" = 'user' AND c."Status" IN ({statuses})
                ORDER BY c."NextDueAt", c."Id" LIMIT {limit}
                """,
                $"""
                SELECT p.*, cu."Name" FROM "Promises" AS p LEFT JOIN "Customers" AS cu ON cu."Id" = p."CustomerId"
                WHERE p."OwnerUserId" = @u AND p."State" = 'open'
                ORDER BY p."DueAt", p."Id" LIMIT {limit}
                """,
                """
                SELECT c.*, cu."Name" FROM "Cases" AS c LEFT JOIN "Customers" AS cu ON cu."Id" = c."CustomerId"
                WHERE c."HandoffToId" = @u AND c."HandoffToKind" = 'user'
                ORDER BY c."HandoffRequestedAt" LIMIT 50
                """,
            ];
            var commands = new List<DbCommand>();
            var parameters = new List<DbParameter>();
            foreach (var text in sql)
            {
                var command = connection.CreateCommand();
                command.CommandText = text;
                parameters.Add(raw.Add(command, "@u", RawType.Text));
                await command.PrepareAsync(cancellationToken);
                commands.Add(command);
            }

            try
            {
                var random = new Random(3);
                var (touchpoint, baseline) = (new Latencies(), new Latencies());
                var items = 0L;
                for (var n = -WarmUpQueries; n < s.Samples; n++)
                {
                    var owner = owners[random.Next(owners.Count)];
                    for (var turn = 0; turn < 2; turn++)
                    {
                        var started = Stopwatch.GetTimestamp();
                        if ((turn + n) % 2 == 0)
                        {
                            await using var scope = services.CreateAsyncScope();
                            var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
                            var view = await WorkViews.MyWorkAsync(db, owner, cancellationToken);
                            items += n >= 0 ? view.Items.Count : 0;
                            Record(n, touchpoint, started);
                        }
                        else
                        {
                            for (var q = 0; q < commands.Count; q++)
                            {
                                parameters[q].Value = owner;
                                _ = await RawDb.DrainAsync(commands[q], cancellationToken);
                            }

                            Record(n, baseline, started);
                        }
                    }
                }

                figures["myWorkAverageItems"] = Format.Json((double)items / s.Samples, 1);
                var (p50, p99) = (touchpoint.Percentile(50), touchpoint.Percentile(99));
                Add("my work p50 (ms)", p50, baseline.Percentile(50), "", null);
                Add("my work p99 (ms)", p99, baseline.Percentile(99), "≤ 10 ms", p99 <= 10);
                figures["myWorkP50Ms"] = Format.Json(p50, 3);
                figures["myWorkP99Ms"] = Format.Json(p99, 3);
                figures["rawMyWorkP50Ms"] = Format.Json(baseline.Percentile(50), 3);
                figures["rawMyWorkP99Ms"] = Format.Json(baseline.Percentile(99), 3);
            }
            finally
            {
                foreach (var command in commands)
                {
                    await command.DisposeAsync();
                }
            }
        }

        private static void Record(int n, Latencies latencies, long started)
        {
            if (n >= 0)
            {
                latencies.Add(Stopwatch.GetTimestamp() - started);
            }
        }

        // ---------------------------------------------------------------- case creation

        /// <summary>
        /// POST /api/cases on Touchpoint in its own process as an own-staff agent, against raw SQL doing the core of it
        /// per case in one transaction: take the next reference, insert the case row and its timeline entry.
        /// </summary>
        private async Task MeasureCaseCreationAsync(RawDb raw, CancellationToken cancellationToken)
        {
            Console.WriteLine($"case creation: starting Touchpoint on Kestrel, then {s.Concurrency} workers, {s.WarmUp.TotalSeconds:0} s warm-up and {s.Duration.TotalSeconds:0} s measured …");
            LoadRun http;
            await using (var server = await TouchpointServer.StartAsync(Settings, folder, cancellationToken))
            {
                using var load = await HttpLoadClient.SignInAsync(server, s.Concurrency, agentUserName, agentPassword, cancellationToken);
                http = await loadGenerator.RunAsync(async _ =>
                {
                    var body = new
                    {
                        customerId = customerIds[Random.Shared.Next(customerIds.Count)],
                        type = "complaint",
                        priority = "medium",
                        channel = "phone",
                        need = "The customer wants the double charge on the last invoice refunded.",
                    };
                    using var response = await load.Client.PostAsJsonAsync(new Uri("/api/cases", UriKind.Relative), body, cancellationToken);
                    var text = await response.Content.ReadAsStringAsync(cancellationToken);
                    return load.Succeeded(response, "POST /api/cases", text);
                }, load.KeepGoing, cancellationToken);
                figures["httpErrors"] = load.Errors;
            }

            Console.WriteLine($"case creation raw baseline: {s.Concurrency} workers …");
            var counter = 0;
            var connections = new DbConnection[s.Concurrency];
            var commands = new DbCommand[s.Concurrency];
            var ids = new DbParameter[s.Concurrency];
            var references = new DbParameter[s.Concurrency];
            var times = new DbParameter[s.Concurrency];
            try
            {
                for (var w = 0; w < s.Concurrency; w++)
                {
                    connections[w] = await raw.OpenAsync(cancellationToken);
                    var command = connections[w].CreateCommand();
                    command.CommandText = $"""
                        UPDATE "CaseReferenceCounters" SET "Last" = "Last" + 1 RETURNING "Last";
                        INSERT INTO "Cases" ({CaseColumnList})
                        SELECT {CaseColumnValues} FROM "Cases" AS t WHERE t."Id" = @template;
                        INSERT INTO "TimelineEntries" ("CustomerId", "At", "Kind", "Title", "Detail", "ActorName", "SourceId")
                        SELECT t."CustomerId", @at, {Quote(TimelineEntryKind.Case.ToWireName())}, 'Case opened', t."NeedStatement", t."OpenedByName", @ref FROM "Cases" AS t WHERE t."Id" = @id;
                        """;
                    ids[w] = raw.Add(command, "@id", RawType.Id);
                    references[w] = raw.Add(command, "@ref", RawType.Text);
                    times[w] = raw.Add(command, "@at", RawType.Timestamp);
                    raw.Add(command, "@template", RawType.Id).Value = raw.Id(templateCase);
                    commands[w] = command;
                }

                var direct = await loadGenerator.RunAsync(async worker =>
                {
                    await using var transaction = await connections[worker].BeginTransactionAsync(cancellationToken);
                    commands[worker].Transaction = transaction;
                    ids[worker].Value = raw.Id(Guid.CreateVersion7());
                    references[worker].Value = string.Create(CultureInfo.InvariantCulture, $"R-{Interlocked.Increment(ref counter)}");
                    times[worker].Value = Time(TimeProvider.System.GetUtcNow().UtcDateTime);
                    _ = await RawDb.DrainAsync(commands[worker], cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    return true;
                }, () => true, cancellationToken);

                var (tpRate, rawRate) = (http.Requests / http.Seconds, direct.Requests / direct.Seconds);
                Add("case creation (cases/s)", tpRate, rawRate, "", null);
                Add("case creation p50 (ms)", http.Latencies.Percentile(50), direct.Latencies.Percentile(50), "", null);
                Add("case creation p99 (ms)", http.Latencies.Percentile(99), direct.Latencies.Percentile(99), "", null);
                figures["caseCreationPerSecond"] = Format.Json(tpRate, 0);
                figures["rawCaseCreationPerSecond"] = Format.Json(rawRate, 0);
                figures["caseCreationP50Ms"] = Format.Json(http.Latencies.Percentile(50), 3);
                figures["caseCreationP99Ms"] = Format.Json(http.Latencies.Percentile(99), 3);
                figures["rawCaseCreationP50Ms"] = Format.Json(direct.Latencies.Percentile(50), 3);
                figures["rawCaseCreationP99Ms"] = Format.Json(direct.Latencies.Percentile(99), 3);
            }
            finally
            {
                foreach (var command in commands.Where(c => c is not null))
                {
                    await command.DisposeAsync();
                }

                foreach (var connection in connections.Where(c => c is not null))
                {
                    await connection.DisposeAsync();
                }
            }
        }

        private string CaseColumnList => string.Join(", ", caseColumnNames.Select(c => $"\"{c}\""));

        private string CaseColumnValues => string.Join(", ", caseColumnNames.Select(c => c switch
        {
            "Id" => "@id",
            "Reference" => "@ref",
            "OpenedAt" => "@at",
            "Version" => "0",
            _ => $"t.\"{c}\"",
        }));

        private List<string> caseColumnNames = [];

        private void Add(string metric, double touchpoint, double raw, string target, bool? met) => rows.Add((metric, touchpoint, raw, target, met));

        private void Print()
        {
            Console.WriteLine();
            Console.WriteLine($"{"metric",-32} {"touchpoint",12} {"raw baseline",13} {"ratio",7}  {"target",-26} {"met",-4}");
            foreach (var (metric, touchpoint, raw, target, met) in rows)
            {
                var format = metric.Contains("(ms)", StringComparison.Ordinal) ? "0.000" : "N0";
                Console.WriteLine($"{metric,-32} {Format.Number(touchpoint, format),12} {Format.Number(raw, format),13} {Format.Number(touchpoint / raw, "0.00"),7}  {target,-26} {(met is null ? "" : met.Value ? "yes" : "NO"),-4}");
            }

            Console.WriteLine("ratio = touchpoint ÷ raw: above 1 is better for rates, below 1 is better for latencies.");
            var json = new Dictionary<string, object?>
            {
                ["benchmark"] = "work",
                ["database"] = Sqlite ? "sqlite" : "postgres",
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
