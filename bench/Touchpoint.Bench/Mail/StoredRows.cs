using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Touchpoint.Data;

namespace Touchpoint.Bench.Mail;

/// <summary>
/// The rows a run added, in every table of Touchpoint's model, taken out after the run and put back by the baseline:
/// so the baseline writes exactly the rows Touchpoint stored (the messages, their contacts and timeline entries, the
/// cases and contacts they opened with their history, the notifications and the audit), and nothing else.
/// </summary>
/// <remarks>
/// Before the run, each table's keys are copied to a table of their own; afterwards, the rows whose keys are not
/// among them are the run's. Rows the run only changed (a bounced reply marked failed) stay as they are.
/// </remarks>
internal sealed class StoredRows
{
    private const string SnapshotPrefix = "bench_before_";

    private readonly List<TableRows> tables;

    private StoredRows(List<TableRows> tables) => this.tables = tables;

    /// <summary>How many rows, over all tables.</summary>
    public long Count => tables.Sum(t => (long)t.Rows.Count);

    /// <summary>The tables Touchpoint added rows to, with how many each.</summary>
    public IEnumerable<(string Table, int Rows)> Tables => tables.Where(t => t.Rows.Count > 0).Select(t => (t.Name, t.Rows.Count));

    private sealed record Table(string Name, IReadOnlyList<string> Key);

    private sealed record TableRows(string Name, IReadOnlyList<string> Columns, List<object?[]> Rows);

    /// <summary>Copies every table's keys aside, before the run.</summary>
    public static async Task SnapshotKeysAsync(IServiceProvider services, RawDb raw, CancellationToken cancellationToken)
    {
        await using var connection = await raw.OpenAsync(cancellationToken);
        foreach (var table in TablesInInsertOrder(services))
        {
            var keys = string.Join(", ", table.Key.Select(Quote));
            await ExecuteAsync(connection, null, $"DROP TABLE IF EXISTS {Quote(SnapshotPrefix + table.Name)}", cancellationToken);
            await ExecuteAsync(connection, null, $"CREATE TABLE {Quote(SnapshotPrefix + table.Name)} AS SELECT {keys} FROM {Quote(table.Name)}", cancellationToken);
            await ExecuteAsync(connection, null, $"CREATE INDEX {Quote(SnapshotPrefix + table.Name + "_key")} ON {Quote(SnapshotPrefix + table.Name)} ({keys})", cancellationToken);
        }
    }

    /// <summary>Reads the rows the run added and deletes them, leaving the tables as they were before it (but for rows it changed).</summary>
    public static async Task<StoredRows> TakeOutAsync(IServiceProvider services, RawDb raw, CancellationToken cancellationToken)
    {
        var order = TablesInInsertOrder(services);
        var taken = new List<TableRows>(order.Count);
        await using var connection = await raw.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var table in order)
        {
            await using var select = connection.CreateCommand();
            select.Transaction = transaction;
            select.CommandText = $"SELECT * FROM {Quote(table.Name)} t WHERE {Added(table, "t")}";
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
            var rows = new List<object?[]>();
            while (await reader.ReadAsync(cancellationToken))
            {
                var values = new object?[reader.FieldCount];
                reader.GetValues(values!);
                rows.Add(values);
            }

            taken.Add(new TableRows(table.Name, columns, rows));
        }

        // The audit log refuses deletes (a trigger), whatever writes to the database: the benchmark lifts that for the
        // moment it takes the run's entries out, in the same transaction.
        var triggers = await DeleteGuardsAsync(connection, transaction, raw, cancellationToken);
        foreach (var (_, drop, _) in triggers)
        {
            await ExecuteAsync(connection, transaction, drop, cancellationToken);
        }

        // Dependents first, so no foreign key is ever left pointing at a row gone.
        foreach (var table in Enumerable.Reverse(order))
        {
            await ExecuteAsync(connection, transaction, $"DELETE FROM {Quote(table.Name)} WHERE {Added(table, Quote(table.Name))}", cancellationToken);
        }

        foreach (var (_, _, restore) in triggers)
        {
            await ExecuteAsync(connection, transaction, restore, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        foreach (var table in order)
        {
            await ExecuteAsync(connection, null, $"DROP TABLE {Quote(SnapshotPrefix + table.Name)}", cancellationToken);
        }

        return new StoredRows(taken);
    }

    /// <summary>
    /// The baseline's writes: the rows go back with one prepared insert per table, a commit for each
    /// <paramref name="messagesPerCommit"/> of the run's <paramref name="messages"/>, each commit with its share of every
    /// table's rows (principals first), as the run wrote them; <paramref name="alongside"/> does the rest of the
    /// baseline's work for those messages (first, last) before their commit. Connection settings as Touchpoint's own;
    /// foreign keys are not checked. Returns the time taken.
    /// </summary>
    public async Task<TimeSpan> PutBackAsync(
        RawDb raw, int messages, int messagesPerCommit, Func<int, int, Task> alongside, Action<int> progress, CancellationToken cancellationToken)
    {
        await using var connection = await raw.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null, raw.IsSqlite
            ? "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -32768; PRAGMA foreign_keys = OFF"
            : "SET session_replication_role = replica", cancellationToken);
        var inserts = new List<(TableRows Table, DbCommand Insert)>();
        try
        {
            foreach (var table in tables.Where(t => t.Rows.Count > 0))
            {
                var insert = connection.CreateCommand();
                insert.CommandText = $"INSERT INTO {Quote(table.Name)} ({string.Join(", ", table.Columns.Select(Quote))}) VALUES ({string.Join(", ", table.Columns.Select((_, c) => $"@p{c}"))})";
                for (var c = 0; c < table.Columns.Count; c++)
                {
                    var parameter = insert.CreateParameter();
                    parameter.ParameterName = $"@p{c}";
                    insert.Parameters.Add(parameter);
                }

                inserts.Add((table, insert));
            }

            var commits = Math.Max(1, (messages + messagesPerCommit - 1) / messagesPerCommit);
            var watch = Stopwatch.StartNew();
            for (var commit = 0; commit < commits; commit++)
            {
                var (first, last) = (commit * messagesPerCommit, Math.Min(messages, (commit + 1) * messagesPerCommit));
                await alongside(first, last);

                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                foreach (var (table, insert) in inserts)
                {
                    insert.Transaction = transaction;
                    if (commit == 0)
                    {
                        await insert.PrepareAsync(cancellationToken);
                    }

                    var rows = table.Rows.Count;
                    for (var r = (int)((long)rows * commit / commits); r < (int)((long)rows * (commit + 1) / commits); r++)
                    {
                        var row = table.Rows[r];
                        for (var c = 0; c < row.Length; c++)
                        {
                            insert.Parameters[c].Value = row[c] ?? DBNull.Value;
                        }

                        await insert.ExecuteNonQueryAsync(cancellationToken);
                    }
                }

                await transaction.CommitAsync(cancellationToken);
                progress(last);
            }

            return watch.Elapsed;
        }
        finally
        {
            foreach (var (_, insert) in inserts)
            {
                await insert.DisposeAsync();
            }
        }
    }

    /// <summary>The triggers that refuse deletes, each with how to lift it and how to put it back.</summary>
    private static async Task<List<(string Name, string Lift, string Restore)>> DeleteGuardsAsync(
        DbConnection connection, DbTransaction transaction, RawDb raw, CancellationToken cancellationToken)
    {
        var guards = new List<(string, string, string)>();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = raw.IsSqlite
            ? "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%BEFORE DELETE%'"
            : "SELECT t.tgname, c.relname, '' FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var (name, table, sql) = (reader.GetString(0), reader.GetString(1), reader.GetString(2));
            guards.Add(raw.IsSqlite
                ? (name, $"DROP TRIGGER {Quote(name)}", sql)
                : (name, $"ALTER TABLE {Quote(table)} DISABLE TRIGGER {Quote(name)}", $"ALTER TABLE {Quote(table)} ENABLE TRIGGER {Quote(name)}"));
        }

        return guards;
    }

    /// <summary>Every table of the model with its key, principals before the tables that refer to them.</summary>
    private static List<Table> TablesInInsertOrder(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var model = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>().Model;
        var byTable = model.GetEntityTypes()
            .Where(e => e.GetTableName() is not null && !e.IsOwned() && e.FindPrimaryKey() is not null)
            .GroupBy(e => e.GetTableName()!)
            .ToDictionary(g => g.Key, g => g.ToList());
        var ordered = new List<Table>();
        var placed = new HashSet<string>();
        while (placed.Count < byTable.Count)
        {
            var next = byTable.Keys.Order(StringComparer.Ordinal).FirstOrDefault(name => !placed.Contains(name)
                && byTable[name].SelectMany(e => e.GetForeignKeys()).Select(fk => fk.PrincipalEntityType.GetTableName()).All(p => p is null || p == name || placed.Contains(p) || !byTable.ContainsKey(p)))
                ?? throw new InvalidOperationException("Touchpoint's tables refer to each other in a circle; the benchmark cannot order their rows.");
            var entityType = byTable[next][0];
            ordered.Add(new Table(next, [.. entityType.FindPrimaryKey()!.Properties.Select(p => p.GetColumnName(StoreObjectIdentifier.Table(next, entityType.GetSchema()))!)]));
            placed.Add(next);
        }

        return ordered;
    }

    /// <summary>The condition that a row of <paramref name="table"/> (named <paramref name="row"/> in the statement) was added by the run.</summary>
    private static string Added(Table table, string row) =>
        $"NOT EXISTS (SELECT 1 FROM {Quote(SnapshotPrefix + table.Name)} b WHERE {string.Join(" AND ", table.Key.Select(k => $"b.{Quote(k)} = {row}.{Quote(k)}"))})";

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
