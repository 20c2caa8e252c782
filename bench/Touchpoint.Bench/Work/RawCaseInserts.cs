using System.Data.Common;
using System.Globalization;
using Touchpoint.Domain.Customers;

namespace Touchpoint.Bench.Work;

/// <summary>
/// The raw baseline of opening a case: per case, in one transaction, take the next reference, insert the case row (a
/// copy of the seeded template with a new id, reference and time) and its timeline entry. No audit, no history, no
/// answer to compose.
/// </summary>
internal static class RawCaseInserts
{
    // References stay unique over every run of the process: "R-1", "R-2", …
    private static int taken;

    public static async Task<LoadRun> RunAsync(
        RawDb raw, SeededWork seeded, int concurrency, LoadGenerator loadGenerator, CancellationToken cancellationToken)
    {
        var connections = new DbConnection[concurrency];
        var commands = new DbCommand[concurrency];
        var ids = new DbParameter[concurrency];
        var references = new DbParameter[concurrency];
        var times = new DbParameter[concurrency];
        try
        {
            for (var w = 0; w < concurrency; w++)
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

            return await loadGenerator.RunAsync(async worker =>
            {
                await using var transaction = await connections[worker].BeginTransactionAsync(cancellationToken);
                commands[worker].Transaction = transaction;
                ids[worker].Value = raw.Id(Guid.CreateVersion7());
                references[worker].Value = string.Create(CultureInfo.InvariantCulture, $"R-{Interlocked.Increment(ref taken)}");
                times[worker].Value = raw.Timestamp(TimeProvider.System.GetUtcNow().UtcDateTime);
                _ = await RawDb.DrainAsync(commands[worker], cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return true;
            }, () => true, cancellationToken);
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
