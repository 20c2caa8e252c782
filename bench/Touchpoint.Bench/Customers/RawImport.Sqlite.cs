using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Touchpoint.Data;
using Touchpoint.Domain.Customers;

namespace Touchpoint.Bench.Customers;

/// <summary>The SQLite baselines: prepared inserts into copies of Touchpoint's tables, and the engine alone copying staged rows.</summary>
internal static partial class RawImport
{
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
}
