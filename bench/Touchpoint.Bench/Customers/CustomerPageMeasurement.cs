using System.Data.Common;

namespace Touchpoint.Bench.Customers;

/// <summary>
/// GET /api/customers/{id} on Touchpoint in its own process (auth, three queries, its read in the audit journal, JSON) against
/// the view's four queries in raw ADO.NET in-process, each with the same number of workers for the same time.
/// </summary>
internal static class CustomerPageMeasurement
{
    /// <summary>Each phase adds audit entries, so it stops here even on a fast machine.</summary>
    private const int MaxHttpRequests = 5_000_000;

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
        TimelineMeasurement.FirstPageSql,
    ];

    public static async Task RunAsync(
        IReadOnlyDictionary<string, string> settings, string folder, string adminPassword, RawDb raw, Guid[] ids, CustomersSettings s, BenchReport report,
        CancellationToken cancellationToken)
    {
        var (concurrency, warmUp, duration) = (s.Concurrency, s.WarmUp, s.Duration);
        var loadGenerator = new LoadGenerator(concurrency, warmUp, duration, MaxHttpRequests);
        Console.WriteLine($"360 page: starting Touchpoint on Kestrel, then {concurrency} workers, {warmUp.TotalSeconds:0} s warm-up and {duration.TotalSeconds:0} s measured …");
        LoadRun http;
        await using (var server = await TouchpointServer.StartAsync(settings, folder, cancellationToken))
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

            report.Figures["httpErrors"] = load.Errors;
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
            report.Add("360 page (requests/s)", tpRate, rawRate, "≥ 2,000/s", tpRate >= 2000);
            report.Add("360 page p50 (ms)", http.Latencies.Percentile(50), direct.Latencies.Percentile(50), "", null);
            report.Add("360 page p99 (ms)", http.Latencies.Percentile(99), direct.Latencies.Percentile(99), "", null);
            report.Figures["customerPageRequestsPerSecond"] = Format.Json(tpRate, 0);
            report.Figures["rawCustomerPageRequestsPerSecond"] = Format.Json(rawRate, 0);
            report.Figures["customerPageP50Ms"] = Format.Json(http.Latencies.Percentile(50), 3);
            report.Figures["customerPageP99Ms"] = Format.Json(http.Latencies.Percentile(99), 3);
            report.Figures["rawCustomerPageP50Ms"] = Format.Json(direct.Latencies.Percentile(50), 3);
            report.Figures["rawCustomerPageP99Ms"] = Format.Json(direct.Latencies.Percentile(99), 3);
            report.Figures["customerPageRequests"] = http.Requests;
            report.Figures["rawCustomerPageRequests"] = direct.Requests;
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
}
