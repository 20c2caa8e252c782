using System.Data.Common;
using System.Globalization;
using System.Net.Http.Json;
using Touchpoint.Domain.Customers;

namespace Touchpoint.Bench.Work;

/// <summary>
/// POST /api/cases on Touchpoint in its own process as an own-staff agent, against raw SQL doing the core of it
/// per case in one transaction: take the next reference, insert the case row and its timeline entry.
/// </summary>
internal static class CaseCreationMeasurement
{
    public static async Task RunAsync(
        IReadOnlyDictionary<string, string> settings, string folder, RawDb raw, WorkSettings s, SeededWork seeded, BenchReport report,
        CancellationToken cancellationToken)
    {
        var loadGenerator = new LoadGenerator(s.Concurrency, s.WarmUp, s.Duration);
        Console.WriteLine($"case creation: starting Touchpoint on Kestrel, then {s.Concurrency} workers, {s.WarmUp.TotalSeconds:0} s warm-up and {s.Duration.TotalSeconds:0} s measured …");
        LoadRun http;
        await using (var server = await TouchpointServer.StartAsync(settings, folder, cancellationToken))
        {
            using var load = await HttpLoadClient.SignInAsync(server, s.Concurrency, seeded.AgentUserName, seeded.AgentPassword, cancellationToken);
            http = await loadGenerator.RunAsync(async _ =>
            {
                var body = new
                {
                    customerId = seeded.CustomerIds[Random.Shared.Next(seeded.CustomerIds.Count)],
                    type = "complaint",
                    priority = "medium",
                    channel = "phone",
                    need = "The customer wants the double charge on the last invoice refunded.",
                };
                using var response = await load.Client.PostAsJsonAsync(new Uri("/api/cases", UriKind.Relative), body, cancellationToken);
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                return load.Succeeded(response, "POST /api/cases", text);
            }, load.KeepGoing, cancellationToken);
            report.Figures["httpErrors"] = load.Errors;
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
                    INSERT INTO "Cases" ({ColumnList(seeded.CaseColumns)})
                    SELECT {CopiedValues(seeded.CaseColumns)} FROM "Cases" AS t WHERE t."Id" = @template;
                    INSERT INTO "TimelineEntries" ("CustomerId", "At", "Kind", "Title", "Detail", "ActorName", "SourceId")
                    SELECT t."CustomerId", @at, {RawDb.Quote(TimelineEntryKind.Case.ToWireName())}, 'Case opened', t."NeedStatement", t."OpenedByName", @ref FROM "Cases" AS t WHERE t."Id" = @id;
                    """;
                ids[w] = raw.Add(command, "@id", RawType.Id);
                references[w] = raw.Add(command, "@ref", RawType.Text);
                times[w] = raw.Add(command, "@at", RawType.Timestamp);
                raw.Add(command, "@template", RawType.Id).Value = raw.Id(seeded.TemplateCase);
                commands[w] = command;
            }

            var direct = await loadGenerator.RunAsync(async worker =>
            {
                await using var transaction = await connections[worker].BeginTransactionAsync(cancellationToken);
                commands[worker].Transaction = transaction;
                ids[worker].Value = raw.Id(Guid.CreateVersion7());
                references[worker].Value = string.Create(CultureInfo.InvariantCulture, $"R-{Interlocked.Increment(ref counter)}");
                times[worker].Value = raw.Timestamp(TimeProvider.System.GetUtcNow().UtcDateTime);
                _ = await RawDb.DrainAsync(commands[worker], cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return true;
            }, () => true, cancellationToken);

            var (tpRate, rawRate) = (http.Requests / http.Seconds, direct.Requests / direct.Seconds);
            report.Add("case creation (cases/s)", tpRate, rawRate, "", null);
            report.Add("case creation p50 (ms)", http.Latencies.Percentile(50), direct.Latencies.Percentile(50), "", null);
            report.Add("case creation p99 (ms)", http.Latencies.Percentile(99), direct.Latencies.Percentile(99), "", null);
            report.Figures["caseCreationPerSecond"] = Format.Json(tpRate, 0);
            report.Figures["rawCaseCreationPerSecond"] = Format.Json(rawRate, 0);
            report.Figures["caseCreationP50Ms"] = Format.Json(http.Latencies.Percentile(50), 3);
            report.Figures["caseCreationP99Ms"] = Format.Json(http.Latencies.Percentile(99), 3);
            report.Figures["rawCaseCreationP50Ms"] = Format.Json(direct.Latencies.Percentile(50), 3);
            report.Figures["rawCaseCreationP99Ms"] = Format.Json(direct.Latencies.Percentile(99), 3);
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

    private static string ColumnList(IEnumerable<string> columns) => string.Join(", ", columns.Select(c => $"\"{c}\""));

    /// <summary>The template case's values (t) with a new id, reference and time, as a new case.</summary>
    private static string CopiedValues(IEnumerable<string> columns) => string.Join(", ", columns.Select(c => c switch
    {
        "Id" => "@id",
        "Reference" => "@ref",
        "OpenedAt" => "@at",
        "Version" => "0",
        _ => $"t.\"{c}\"",
    }));
}
