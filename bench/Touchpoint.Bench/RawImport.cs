using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using Touchpoint.Data;
using Touchpoint.Domain.Customers;

namespace Touchpoint.Bench;

/// <summary>
/// The import baseline: reads the interactions CSV with a plain split and inserts each interaction and its
/// timeline entry in one transaction — on SQLite with prepared commands, on PostgreSQL with binary COPY as
/// Touchpoint does —, into tables identical to Touchpoint's
/// (DDL copied from the migrated database, so columns, indexes and foreign keys match). Like Touchpoint's import it
/// checks references itself, so on SQLite it turns off the database's foreign-key checks for the load.
/// On SQLite a second figure bounds every importer: the engine alone copying already staged rows.
/// </summary>
internal static class RawImport
{
    private const string Schema = "bench_raw";

    // What BulkWriter gives SQLite for the length of an import; without it index maintenance on a large
    // file thrashes the default 2 MB cache and the baseline would be unfairly slow.
    private const int SqliteCacheKib = 128 * 1024;

    // The columns both SQLite baselines write, in the order of the prepared INSERTs' values.
    private const string InteractionColumns = """
        "Id", "CustomerId", "OccurredAt", "Channel", "Direction", "PartnerAgencyId", "PartnerAgencyName", "AgentUserId", "AgentName",
        "DurationSeconds", "Reason", "Summary", "SubscriptionId", "OfferRef", "CaseRef", "OrderRef", "RecordedAt"
        """;

    private const string TimelineColumns = """
        "CustomerId", "At", "Kind", "Channel", "Direction", "Title", "Detail", "ActorName", "PartnerAgencyName", "SourceId"
        """;

    /// <summary>
    /// The baseline's rate, and on SQLite also the engine's own: the same rows staged in a scratch file beforehand
    /// (untimed), then copied into fresh tables by two INSERT … SELECT statements and a commit (timed). No row crosses
    /// ADO.NET or is parsed while the clock runs, so no importer on this machine and SQLite build can go faster.
    /// </summary>
    public static async Task<RawImportRates> RunAsync(
        DatabaseProvider provider, string touchpointConnection, string folder, string interactionsCsv,
        IReadOnlyList<Guid> customerIds, Guid agencyId, string agencyName, CancellationToken cancellationToken)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            // Touchpoint's import writes PostgreSQL with binary COPY; so does its baseline, and COPY is the engine's own fastest path.
            var raw = new RawDb(provider, touchpointConnection);
            await CreatePostgresTablesAsync(raw, cancellationToken);
            try
            {
                return new RawImportRates(await CopyIntoPostgresAsync(raw, $"{Schema}.\"Interactions\"", $"{Schema}.\"TimelineEntries\"",
                    interactionsCsv, agencyId, agencyName, cancellationToken), null);
            }
            finally
            {
                // Also after a cancelled run: the copies would otherwise stay in the operator's database.
                await DropPostgresTablesAsync(raw, CancellationToken.None);
            }
        }

        var prepared = await PreparedInsertsIntoSqliteAsync(touchpointConnection, Path.Combine(folder, "raw-import.db"), interactionsCsv,
            customerIds, agencyId, agencyName, cancellationToken);
        Console.WriteLine("raw import baseline, SQLite engine alone (INSERT … SELECT of staged rows) …");
        var engine = await InsertSelectIntoSqliteAsync(touchpointConnection, Path.Combine(folder, "raw-engine.db"), Path.Combine(folder, "raw-staged.db"),
            interactionsCsv, customerIds, agencyId, agencyName, cancellationToken);
        return new RawImportRates(prepared, engine);
    }

    private static RawDb SqliteFile(string file)
    {
        DeleteSqliteFile(file);
        return new RawDb(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
    }

    private static void DeleteSqliteFile(string file)
    {
        foreach (var suffix in (string[])["", "-wal", "-shm"])
        {
            File.Delete(file + suffix);
        }
    }

    private static async Task<double> PreparedInsertsIntoSqliteAsync(
        string touchpointConnection, string file, string interactionsCsv, IReadOnlyList<Guid> customerIds, Guid agencyId, string agencyName,
        CancellationToken cancellationToken)
    {
        var raw = SqliteFile(file);
        try
        {
            await CreateSqliteTablesAsync(touchpointConnection, raw, customerIds, agencyId, cancellationToken);
            await using var connection = await raw.OpenAsync(cancellationToken);
            await ExecuteAsync(connection, null, "PRAGMA foreign_keys = OFF", cancellationToken);

            var watch = Stopwatch.StartNew();
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await ExecuteAsync(connection, transaction, string.Create(CultureInfo.InvariantCulture, $"PRAGMA cache_size = -{SqliteCacheKib}"), cancellationToken);
            var rows = await InsertRowsAsync(raw, connection, transaction, "\"Interactions\"", "\"TimelineEntries\"", interactionsCsv, agencyId, agencyName, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return rows / watch.Elapsed.TotalSeconds;
        }
        finally
        {
            DeleteSqliteFile(file);
        }
    }

    private static async Task<double> InsertSelectIntoSqliteAsync(
        string touchpointConnection, string file, string stagedFile, string interactionsCsv, IReadOnlyList<Guid> customerIds, Guid agencyId,
        string agencyName, CancellationToken cancellationToken)
    {
        var raw = SqliteFile(file);
        DeleteSqliteFile(stagedFile);
        try
        {
            await CreateSqliteTablesAsync(touchpointConnection, raw, customerIds, agencyId, cancellationToken);
            await using var connection = await raw.OpenAsync(cancellationToken);
            await ExecuteAsync(connection, null, $"""
                PRAGMA foreign_keys = OFF;
                ATTACH DATABASE '{stagedFile.Replace("'", "''", StringComparison.Ordinal)}' AS staged;
                PRAGMA staged.journal_mode = OFF;
                PRAGMA staged.synchronous = OFF;
                CREATE TABLE staged."Interactions" AS SELECT * FROM main."Interactions" WHERE 0;
                CREATE TABLE staged."TimelineEntries" AS SELECT * FROM main."TimelineEntries" WHERE 0;
                """, cancellationToken);
            long rows;
            await using (var staging = await connection.BeginTransactionAsync(cancellationToken))
            {
                rows = await InsertRowsAsync(raw, connection, staging, "staged.\"Interactions\"", "staged.\"TimelineEntries\"", interactionsCsv,
                    agencyId, agencyName, cancellationToken);
                await staging.CommitAsync(cancellationToken);
            }

            var watch = Stopwatch.StartNew();
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await ExecuteAsync(connection, transaction, $"""
                PRAGMA main.cache_size = -{SqliteCacheKib};
                INSERT INTO main."Interactions" ({InteractionColumns}) SELECT {InteractionColumns} FROM staged."Interactions" ORDER BY rowid;
                INSERT INTO main."TimelineEntries" ({TimelineColumns}) SELECT {TimelineColumns} FROM staged."TimelineEntries" ORDER BY rowid;
                """, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return rows / watch.Elapsed.TotalSeconds;
        }
        finally
        {
            DeleteSqliteFile(file);
            DeleteSqliteFile(stagedFile);
        }
    }

    /// <summary>Each line of the file as an interaction and its timeline entry, through two prepared INSERTs; returns the lines.</summary>
    private static async Task<long> InsertRowsAsync(
        RawDb raw, DbConnection connection, DbTransaction transaction, string interactions, string timeline, string interactionsCsv,
        Guid agencyId, string agencyName, CancellationToken cancellationToken)
    {
        await using var insertInteraction = connection.CreateCommand();
        insertInteraction.Transaction = transaction;
        insertInteraction.CommandText = $"""
            INSERT INTO {interactions} ({InteractionColumns})
            VALUES (@id, @customer, @at, @channel, @direction, @agencyId, @agencyName, NULL, @agent, @duration, @reason, @summary, NULL, NULL, NULL, NULL, @recorded)
            """;
        var iId = raw.Add(insertInteraction, "@id", RawType.Id);
        var iCustomer = raw.Add(insertInteraction, "@customer", RawType.Id);
        var iAt = raw.Add(insertInteraction, "@at", RawType.Timestamp);
        var iChannel = raw.Add(insertInteraction, "@channel", RawType.Text);
        var iDirection = raw.Add(insertInteraction, "@direction", RawType.Text);
        var iAgencyId = raw.Add(insertInteraction, "@agencyId", RawType.Id);
        var iAgencyName = raw.Add(insertInteraction, "@agencyName", RawType.Text);
        var iAgent = raw.Add(insertInteraction, "@agent", RawType.Text);
        var iDuration = raw.Add(insertInteraction, "@duration", RawType.Integer);
        var iReason = raw.Add(insertInteraction, "@reason", RawType.Text);
        var iSummary = raw.Add(insertInteraction, "@summary", RawType.Text);
        var iRecorded = raw.Add(insertInteraction, "@recorded", RawType.Timestamp);
        await insertInteraction.PrepareAsync(cancellationToken);

        await using var insertTimeline = connection.CreateCommand();
        insertTimeline.Transaction = transaction;
        insertTimeline.CommandText = $"""
            INSERT INTO {timeline} ({TimelineColumns})
            VALUES (@customer, @at, @kind, @channel, @direction, @title, @detail, @actor, @agencyName, @source)
            """;
        var tCustomer = raw.Add(insertTimeline, "@customer", RawType.Id);
        var tAt = raw.Add(insertTimeline, "@at", RawType.Timestamp);
        var tKind = raw.Add(insertTimeline, "@kind", RawType.Text);
        var tChannel = raw.Add(insertTimeline, "@channel", RawType.Text);
        var tDirection = raw.Add(insertTimeline, "@direction", RawType.Text);
        var tTitle = raw.Add(insertTimeline, "@title", RawType.Text);
        var tDetail = raw.Add(insertTimeline, "@detail", RawType.Text);
        var tActor = raw.Add(insertTimeline, "@actor", RawType.Text);
        var tAgencyName = raw.Add(insertTimeline, "@agencyName", RawType.Text);
        var tSource = raw.Add(insertTimeline, "@source", RawType.Text);
        await insertTimeline.PrepareAsync(cancellationToken);

        var kind = TimelineEntryKind.Interaction.ToWireName();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var rows = 0L;
        using (var reader = new StreamReader(interactionsCsv))
        {
            _ = await reader.ReadLineAsync(cancellationToken); // the header
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                // customerId,occurredAt,channel,direction,partnerAgency,agentName,durationSeconds,reason,summary
                var r = Parse(line, agencyName);
                var customer = raw.Id(r.Customer);
                object agencyNameValue = r.AgencyName is null ? DBNull.Value : r.AgencyName;

                iId.Value = raw.Id(r.Id);
                iCustomer.Value = customer;
                iAt.Value = r.At;
                iChannel.Value = r.Channel;
                iDirection.Value = r.Direction;
                iAgencyId.Value = r.AgencyName is null ? DBNull.Value : raw.Id(agencyId);
                iAgencyName.Value = agencyNameValue;
                iAgent.Value = r.Agent;
                iDuration.Value = r.Duration is { } duration ? duration : DBNull.Value;
                iReason.Value = r.Reason;
                iSummary.Value = r.Summary;
                iRecorded.Value = now;
                await insertInteraction.ExecuteNonQueryAsync(cancellationToken);

                tCustomer.Value = customer;
                tAt.Value = r.At;
                tKind.Value = kind;
                tChannel.Value = r.Channel;
                tDirection.Value = r.Direction;
                tTitle.Value = $"{char.ToUpperInvariant(r.Direction[0])}{r.Direction.AsSpan(1)} {r.Channel}: {r.Reason}";
                tDetail.Value = r.Summary;
                tActor.Value = r.Agent;
                tAgencyName.Value = agencyNameValue;
                tSource.Value = r.Id.ToString();
                await insertTimeline.ExecuteNonQueryAsync(cancellationToken);
                rows++;
            }
        }

        return rows;
    }

    private const int CopyBatch = 5000;

    private readonly record struct RawRow(
        Guid Id, Guid Customer, DateTime At, string Channel, string Direction, string? AgencyName, string Agent, int? Duration, string Reason, string Summary);

    private static RawRow Parse(string line, string agencyName)
    {
        if (line.Contains('"', StringComparison.Ordinal))
        {
            throw new InvalidDataException("The raw baseline splits on commas; the generated file now has quoted fields.");
        }

        var f = line.Split(',');
        var agency = f[4].Length == 0 ? null : string.Equals(f[4], agencyName, StringComparison.OrdinalIgnoreCase)
            ? agencyName
            : throw new InvalidDataException($"Unknown partner agency '{f[4]}'.");
        return new RawRow(
            Guid.CreateVersion7(), Guid.Parse(f[0]),
            DateTime.Parse(f[1], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
            f[2], f[3], agency, f[5], f[6].Length == 0 ? null : int.Parse(f[6], CultureInfo.InvariantCulture), f[7], f[8]);
    }

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

    /// <summary>
    /// Interactions and TimelineEntries as the migration created them, plus the two tables their foreign keys name,
    /// reduced to the key and filled (untimed), so the tables are created exactly as Touchpoint's are.
    /// </summary>
    private static async Task CreateSqliteTablesAsync(string touchpointConnection, RawDb raw, IReadOnlyList<Guid> customerIds, Guid agencyId, CancellationToken cancellationToken)
    {
        var ddl = new List<string>();
        await using (var source = new SqliteConnection(touchpointConnection))
        {
            await source.OpenAsync(cancellationToken);
            await using var query = source.CreateCommand();
            // 'table' sorts after 'index': descending creates each table before its indexes.
            query.CommandText = "SELECT sql FROM sqlite_master WHERE tbl_name IN ('Interactions', 'TimelineEntries') AND sql IS NOT NULL ORDER BY type DESC, name";
            await using var reader = await query.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                ddl.Add(reader.GetString(0));
            }
        }

        await using var connection = await raw.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null, """
            PRAGMA journal_mode=WAL;
            CREATE TABLE "Customers" ("Id" TEXT NOT NULL CONSTRAINT "PK_Customers" PRIMARY KEY);
            CREATE TABLE "PartnerAgencies" ("Id" TEXT NOT NULL CONSTRAINT "PK_PartnerAgencies" PRIMARY KEY);
            """, cancellationToken);
        foreach (var statement in ddl)
        {
            await ExecuteAsync(connection, null, statement, cancellationToken);
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO \"Customers\" (\"Id\") VALUES (@id)";
        var id = raw.Add(insert, "@id", RawType.Id);
        await insert.PrepareAsync(cancellationToken);
        foreach (var customerId in customerIds)
        {
            id.Value = raw.Id(customerId);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        insert.CommandText = "INSERT INTO \"PartnerAgencies\" (\"Id\") VALUES (@id)";
        id.Value = raw.Id(agencyId);
        await insert.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
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

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>Interactions per second: the prepared-insert (SQLite) or COPY (PostgreSQL) baseline, and SQLite's engine alone.</summary>
internal sealed record RawImportRates(double Baseline, double? EngineAlone);
