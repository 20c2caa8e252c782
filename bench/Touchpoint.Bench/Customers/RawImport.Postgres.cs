using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using Touchpoint.Domain.Customers;

namespace Touchpoint.Bench.Customers;

/// <summary>The PostgreSQL baseline: binary COPY, as Touchpoint's import writes, into copies of its tables in a schema of their own.</summary>
internal static partial class RawImport
{
    private const string Schema = "bench_raw";

    private const int CopyBatch = 5000;

    /// <summary>Batches of rows, each batch COPYed into the interactions and then the timeline table, in one transaction.</summary>
    private static async Task<double> CopyIntoPostgresAsync(
        RawDb raw, string interactions, string timeline, string interactionsCsv, Guid agencyId, string agencyName, CancellationToken cancellationToken)
    {
        await using var connection = (NpgsqlConnection)await raw.OpenAsync(cancellationToken);
        var watch = Stopwatch.StartNew();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var kind = TimelineEntryKind.Interaction.ToWireName();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var rows = 0L;
        var batch = new List<RawRow>(CopyBatch);
        using (var reader = new StreamReader(interactionsCsv))
        {
            _ = await reader.ReadLineAsync(cancellationToken); // the header
            while (true)
            {
                var line = await reader.ReadLineAsync(cancellationToken);
                if (line is not null)
                {
                    batch.Add(Parse(line, agencyName));
                }

                if (batch.Count == CopyBatch || (line is null && batch.Count > 0))
                {
                    await CopyBatchAsync(batch);
                    rows += batch.Count;
                    batch.Clear();
                }

                if (line is null)
                {
                    break;
                }
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return rows / watch.Elapsed.TotalSeconds;

        async Task CopyBatchAsync(List<RawRow> rows)
        {
            await using (var copy = await connection.BeginBinaryImportAsync($"""
                COPY {interactions} ("Id", "CustomerId", "OccurredAt", "Channel", "Direction", "PartnerAgencyId", "PartnerAgencyName",
                  "AgentName", "DurationSeconds", "Reason", "Summary", "RecordedAt") FROM STDIN (FORMAT BINARY)
                """, cancellationToken))
            {
                foreach (var r in rows)
                {
                    await copy.StartRowAsync(cancellationToken);
                    await copy.WriteAsync(r.Id, NpgsqlDbType.Uuid, cancellationToken);
                    await copy.WriteAsync(r.Customer, NpgsqlDbType.Uuid, cancellationToken);
                    await copy.WriteAsync(r.At, NpgsqlDbType.TimestampTz, cancellationToken);
                    await copy.WriteAsync(r.Channel, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(r.Direction, NpgsqlDbType.Text, cancellationToken);
                    await WriteOrNullAsync(copy, r.AgencyName is null ? null : agencyId, NpgsqlDbType.Uuid);
                    await WriteOrNullAsync(copy, r.AgencyName, NpgsqlDbType.Text);
                    await copy.WriteAsync(r.Agent, NpgsqlDbType.Text, cancellationToken);
                    await WriteOrNullAsync(copy, r.Duration, NpgsqlDbType.Integer);
                    await copy.WriteAsync(r.Reason, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(r.Summary, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
                }

                await copy.CompleteAsync(cancellationToken);
            }

            await using (var copy = await connection.BeginBinaryImportAsync($"""
                COPY {timeline} ("CustomerId", "At", "Kind", "Channel", "Direction", "Title", "Detail", "ActorName", "PartnerAgencyName", "SourceId")
                FROM STDIN (FORMAT BINARY)
                """, cancellationToken))
            {
                foreach (var r in rows)
                {
                    await copy.StartRowAsync(cancellationToken);
                    await copy.WriteAsync(r.Customer, NpgsqlDbType.Uuid, cancellationToken);
                    await copy.WriteAsync(r.At, NpgsqlDbType.TimestampTz, cancellationToken);
                    await copy.WriteAsync(kind, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(r.Channel, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(r.Direction, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync($"{char.ToUpperInvariant(r.Direction[0])}{r.Direction.AsSpan(1)} {r.Channel}: {r.Reason}", NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(r.Summary, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(r.Agent, NpgsqlDbType.Text, cancellationToken);
                    await WriteOrNullAsync(copy, r.AgencyName, NpgsqlDbType.Text);
                    await copy.WriteAsync(r.Id.ToString(), NpgsqlDbType.Text, cancellationToken);
                }

                await copy.CompleteAsync(cancellationToken);
            }

            async Task WriteOrNullAsync(NpgsqlBinaryImporter copy, object? value, NpgsqlDbType type)
            {
                if (value is null)
                {
                    await copy.WriteNullAsync(cancellationToken);
                }
                else
                {
                    await copy.WriteAsync(value, type, cancellationToken);
                }
            }
        }
    }

    /// <summary>Copies of Touchpoint's two tables in their own schema, with its indexes, identity and foreign keys.</summary>
    private static async Task CreatePostgresTablesAsync(RawDb raw, CancellationToken cancellationToken)
    {
        await using var connection = await raw.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null, $"""
            DROP SCHEMA IF EXISTS {Schema} CASCADE;
            CREATE SCHEMA {Schema};
            CREATE TABLE {Schema}."Interactions" (LIKE "Interactions" INCLUDING ALL);
            CREATE TABLE {Schema}."TimelineEntries" (LIKE "TimelineEntries" INCLUDING ALL);
            ALTER TABLE {Schema}."Interactions" ADD FOREIGN KEY ("CustomerId") REFERENCES "Customers" ("Id");
            ALTER TABLE {Schema}."Interactions" ADD FOREIGN KEY ("PartnerAgencyId") REFERENCES "PartnerAgencies" ("Id");
            ALTER TABLE {Schema}."TimelineEntries" ADD FOREIGN KEY ("CustomerId") REFERENCES "Customers" ("Id");
            """, cancellationToken);
    }

    /// <summary>Removes the PostgreSQL copies; SQLite's live in their own files.</summary>
    private static async Task DropPostgresTablesAsync(RawDb raw, CancellationToken cancellationToken)
    {
        await using var connection = await raw.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null, $"DROP SCHEMA IF EXISTS {Schema} CASCADE", cancellationToken);
    }
}
