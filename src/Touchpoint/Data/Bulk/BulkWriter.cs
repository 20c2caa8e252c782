using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Touchpoint.Features.Audit;
using Touchpoint.Features.Coverage;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Interactions;
using Touchpoint.Features.Subscriptions;

namespace Touchpoint.Data.Bulk;

/// <summary>
/// Inserts many rows fast, bypassing EF change tracking, inside the transaction the caller opened with
/// <c>db.Database.BeginTransactionAsync</c>: on SQLite with one prepared INSERT per table whose values are bound
/// through SQLite's C functions (<see cref="SqliteInsertStatement"/>), on PostgreSQL with binary COPY. Tables,
/// columns and value conversions come from the EF model, so rows are stored exactly as EF stores them and a new
/// column is written without touching this class.
/// Writes no audit entries: the caller records one event for the whole batch (<c>db.RecordEvent</c>).
/// </summary>
public sealed class BulkWriter : IAsyncDisposable
{
    // Page cache while bulk writing (KiB, as SQLite's negative cache_size): index inserts of random customer ids touch
    // pages all over the indexes, and SQLite's 2 MB default made the writer 2-4x slower. Restored on dispose.
    private const int SqliteCacheKib = 128 * 1024;

    private readonly TouchpointDbContext db;
    private readonly BulkTable customers;
    private readonly BulkTable identities;
    private readonly BulkTable nameTokens;
    private readonly BulkTable subscriptions;
    private readonly BulkTable interactions;
    private readonly BulkTable timeline;
    private readonly BulkTable coverageAreas;
    private readonly BulkTable auditEntries;
    private readonly Dictionary<BulkTable, SqliteInsertStatement> sqliteInserts = [];

    private BulkWriter(TouchpointDbContext db)
    {
        this.db = db;
        // A writer is made for every batch of arrived mail or outbox work; the model, and so its tables, never change.
        (customers, identities, nameTokens, subscriptions, interactions, timeline, coverageAreas, auditEntries) = TablesByModel.GetValue(db.Model, static model => new Tables(
            BulkTable.For<Customer>(model, handledCollections: [nameof(Customer.Identities)]),
            BulkTable.For<CustomerIdentity>(model),
            BulkTable.For<CustomerNameToken>(model),
            BulkTable.For<Subscription>(model),
            BulkTable.For<Interaction>(model),
            BulkTable.For<TimelineEntry>(model),
            BulkTable.For<CoverageArea>(model),
            BulkTable.For<AuditEntry>(model)));
    }

    private static readonly ConditionalWeakTable<IModel, Tables> TablesByModel = new();

    private sealed record Tables(
        BulkTable Customers, BulkTable Identities, BulkTable NameTokens, BulkTable Subscriptions, BulkTable Interactions, BulkTable Timeline,
        BulkTable CoverageAreas, BulkTable AuditEntries);

    /// <summary>Rows inserted so far, over all tables.</summary>
    public long RowsWritten { get; private set; }

    /// <summary>
    /// A writer on <paramref name="db"/>'s connection. The caller owns the transaction (it must be open)
    /// and commits or rolls back; nothing written is visible to others before the commit.
    /// </summary>
    public static BulkWriter Create(TouchpointDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("BulkWriter writes inside a transaction: call db.Database.BeginTransactionAsync() first and commit it afterwards.");
        }

        return new BulkWriter(db);
    }

    /// <summary>
    /// On SQLite, turns off foreign-key enforcement on <paramref name="db"/>'s connection until the returned handle is
    /// disposed; call it before the transaction begins (SQLite ignores the setting inside one). Only for writers that
    /// have resolved every row's references themselves in the same transaction, as the import does: the checks
    /// then only repeat lookups already made, and they cost a third of the insert rate. PostgreSQL keeps its checks.
    /// </summary>
    public static async Task<IAsyncDisposable> SuspendForeignKeyChecksAsync(TouchpointDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.CurrentTransaction is not null)
        {
            throw new InvalidOperationException("Foreign-key checks can only be suspended before the transaction begins.");
        }

        if (db.Database.GetDbConnection() is not SqliteConnection)
        {
            return NothingToRestore.Instance;
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = OFF", cancellationToken);
        return new ForeignKeysRestored(db);
    }

    private sealed class NothingToRestore : IAsyncDisposable
    {
        public static readonly NothingToRestore Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class ForeignKeysRestored(TouchpointDbContext db) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            // The connection goes back to the pool with the checks on, whatever happened to the import.
            await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = ON");
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Customers, numbered with one block of customer numbers, with their identities (given the customer's id) and the name tokens search uses.</summary>
    public async Task WriteCustomersAsync(IReadOnlyCollection<Customer> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await CustomerNumbers.AssignAsync(db, rows, cancellationToken);
        await WriteAsync(customers, rows, cancellationToken);
        await WriteAsync(identities, rows.SelectMany(c =>
        {
            foreach (var identity in c.Identities)
            {
                identity.CustomerId = c.Id;
            }

            return c.Identities;
        }), cancellationToken);
        await WriteAsync(nameTokens, rows.SelectMany(CustomerCommands.NameTokens), cancellationToken);
    }

    /// <summary>Subscriptions only; their timeline entries, if any, go through <see cref="WriteTimelineEntriesAsync"/>.</summary>
    public Task WriteSubscriptionsAsync(IReadOnlyCollection<Subscription> rows, CancellationToken cancellationToken) =>
        WriteAsync(subscriptions, rows, cancellationToken);

    /// <summary>Interactions, each with its timeline entry (<see cref="InteractionCommands.TimelineEntryFor"/>).</summary>
    public async Task WriteInteractionsAsync(IReadOnlyCollection<Interaction> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await WriteAsync(interactions, rows, cancellationToken);
        await WriteAsync(timeline, rows.Select(InteractionCommands.TimelineEntryFor), cancellationToken);
    }

    /// <summary>Timeline entries; their ids are generated by the database.</summary>
    public Task WriteTimelineEntriesAsync(IEnumerable<TimelineEntry> rows, CancellationToken cancellationToken) =>
        WriteAsync(timeline, rows, cancellationToken);

    /// <summary>Coverage rows; the caller removes rows of the same postcodes first (a re-import replaces them).</summary>
    public Task WriteCoverageAreasAsync(IReadOnlyCollection<CoverageArea> rows, CancellationToken cancellationToken) =>
        WriteAsync(coverageAreas, rows, cancellationToken);

    /// <summary>
    /// Audit entries, their ids generated by the database: the reads moved in from the audit journal (<see cref="AuditJournal"/>),
    /// one transaction per journal file.
    /// </summary>
    public Task WriteAuditEntriesAsync(IReadOnlyCollection<AuditEntry> rows, CancellationToken cancellationToken) =>
        WriteAsync(auditEntries, rows, cancellationToken);

    /// <summary>Whether every column of <paramref name="table"/> has a type this writer binds on <paramref name="db"/>'s database.</summary>
    internal static bool CanWrite(BulkTable table, TouchpointDbContext db) =>
        !db.Database.IsSqlite() || table.Columns.All(c => SqliteInsertStatement.SupportedTypes.Contains(c.ProviderClrType));

    /// <summary>Rows of the table <paramref name="table"/> maps, whatever its entity type (<see cref="TrackedRowsWriter"/>).</summary>
    internal Task WriteRowsAsync(BulkTable table, IEnumerable<object> rows, CancellationToken cancellationToken) =>
        WriteAsync(table, rows, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        foreach (var insert in sqliteInserts.Values)
        {
            insert.Dispose();
        }

        sqliteInserts.Clear();
        if (previousCacheSize is { } size && cachedConnection is { State: System.Data.ConnectionState.Open } connection)
        {
            // The connection goes back to the pool; other work on it gets SQLite's usual cache again.
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction() as SqliteTransaction;
            command.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA cache_size = {size}");
            await command.ExecuteNonQueryAsync();
        }

        previousCacheSize = null;
    }

    private async Task WriteAsync(BulkTable table, IEnumerable<object> rows, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("The transaction of the bulk write has ended; open a new one and a new BulkWriter.");
        switch (transaction.Connection)
        {
            case SqliteConnection:
                WriteSqlite(table, rows, (SqliteTransaction)transaction, cancellationToken);
                break;
            case NpgsqlConnection connection:
                await WritePostgresAsync(table, rows, connection, cancellationToken);
                break;
            default:
                throw new NotSupportedException($"BulkWriter supports SQLite and PostgreSQL, not {transaction.Connection?.GetType().Name}.");
        }
    }

    private void WriteSqlite(BulkTable table, IEnumerable<object> rows, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        EnsureSqliteCache(transaction);
        var insert = SqliteInsertFor(table, transaction.Connection!);
        var columns = table.Columns;
        var values = new object?[columns.Count];
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var c = 0; c < columns.Count; c++)
            {
                values[c] = columns[c].ProviderValue(row);
            }

            insert.Execute(values);
            RowsWritten++;
        }
    }

    private long? previousCacheSize;
    private SqliteConnection? cachedConnection;

    private void EnsureSqliteCache(SqliteTransaction transaction)
    {
        if (previousCacheSize is not null)
        {
            return;
        }

        cachedConnection = transaction.Connection;

        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA cache_size";
        previousCacheSize = (long)command.ExecuteScalar()!;
        command.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA cache_size = -{SqliteCacheKib}");
        command.ExecuteNonQuery();
    }

    private SqliteInsertStatement SqliteInsertFor(BulkTable table, SqliteConnection connection)
    {
        if (!sqliteInserts.TryGetValue(table, out var insert))
        {
            var sql = db.GetService<ISqlGenerationHelper>();
            var text = new StringBuilder()
                .Append("INSERT INTO ").Append(sql.DelimitIdentifier(table.Name, table.Schema))
                .Append(" (").AppendJoin(", ", table.Columns.Select(c => sql.DelimitIdentifier(c.Name)))
                .Append(") VALUES (").AppendJoin(", ", table.Columns.Select((_, i) => $"?{i + 1}")).Append(')');
            insert = new SqliteInsertStatement(connection, text.ToString(), [.. table.Columns.Select(c => c.ProviderClrType)]);
            sqliteInserts[table] = insert;
        }

        return insert;
    }

    private async Task WritePostgresAsync(BulkTable table, IEnumerable<object> rows, NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var copy = $"COPY {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", table.Columns.Select(c => sql.DelimitIdentifier(c.Name)))}) FROM STDIN (FORMAT BINARY)";
        var columns = table.Columns;
        var written = 0L;
        await using (var importer = await connection.BeginBinaryImportAsync(copy, cancellationToken))
        {
            foreach (var row in rows)
            {
                await importer.StartRowAsync(cancellationToken);
                foreach (var column in columns)
                {
                    if (column.ProviderValue(row) is { } value)
                    {
                        await importer.WriteAsync(value, column.PostgresType, cancellationToken);
                    }
                    else
                    {
                        await importer.WriteNullAsync(cancellationToken);
                    }
                }

                written++;
            }

            await importer.CompleteAsync(cancellationToken);
        }

        RowsWritten += written;
    }
}
