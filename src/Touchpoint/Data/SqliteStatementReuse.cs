using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Touchpoint.Data;

/// <summary>
/// Lets a SQLite connection keep its compiled statements from one request to the next.
/// </summary>
/// <remarks>
/// Microsoft.Data.Sqlite compiles a command's SQL when the command first runs and throws the compiled statement
/// away when the command is disposed or its connection closed; EF Core makes a new command for every query and
/// closes the connection when a context goes back to the pool. So every 360 page compiled its statements again
/// (at the full-size benchmark, parsing and planning were about a tenth of the server's time), and every open
/// registered EF's SQL functions again and every close unregistered them.
/// <list type="bullet">
/// <item>A pooled context keeps its connection open while it waits in the pool (<see cref="KeepOpenSqliteConnection"/>).</item>
/// <item>Each connection keeps one command per distinct SQL text, up to <see cref="MaxStatementsPerConnection"/>; a new
/// text then replaces the idle one used longest ago, so one-off statements (migrations, seeding at start) never crowd
/// out the queries a running server repeats.
/// When EF has built a command whose text is cached and idle, the cached command gets the new parameters and
/// runs instead; when its reader is done, EF's disposal of the command is suppressed. EF has closed the reader by
/// then, which resets the statements, so an idle connection holds no snapshot and no lock. A text whose cached
/// command is still running (a nested query) runs on EF's own command, as without the cache. A command EF
/// disposes itself (one run without a reader, or one that failed) leaves the cache as it runs: kept, it would
/// hold its place as if still running, and enough such texts (a start's migrations) would fill the cache for good.</item>
/// </list>
/// </remarks>
internal sealed class SqliteStatementReuse : IDbCommandInterceptor
{
    public const int MaxStatementsPerConnection = 256;

    private static readonly ConditionalWeakTable<SqliteConnection, StatementCache> Caches = [];

    public DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result) =>
        result is SqliteCommand { Connection: { State: ConnectionState.Open } connection } command
            ? Caches.GetValue(connection, c => new StatementCache(c)).Take(command)
            : result;

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Forget(command);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Forget(command);
        return ValueTask.FromResult(result);
    }

    public object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        Forget(command);
        return result;
    }

    public ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Forget(command);
        return ValueTask.FromResult(result);
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Forget(command);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(command);
        return Task.CompletedTask;
    }

    /// <summary>EF disposes a command it ran without a reader, or that failed: the cache lets go of it.</summary>
    private static void Forget(DbCommand command)
    {
        if (command is SqliteCommand { Connection: { } connection } sqlite && Caches.TryGetValue(connection, out var cache))
        {
            cache.Forget(sqlite);
        }
    }

    public InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        if (command is not SqliteCommand { Connection: { } connection } sqlite
            || !Caches.TryGetValue(connection, out var cache)
            || !cache.IsCached(sqlite))
        {
            return result;
        }

        // Suppressing skips EF's disposal of the reader too; closed already, it has nothing left but to be disposed.
        eventData.DataReader.Dispose();
        cache.Return(sqlite);
        return InterceptionResult.Suppress();
    }

    /// <summary>The cached commands of one connection; a connection is used by one context, one thread at a time.</summary>
    private sealed class StatementCache
    {
        private readonly Dictionary<string, Entry> entries = new(StringComparer.Ordinal);
        private long uses;

        public StatementCache(SqliteConnection connection) =>
            // Closing the connection disposes its commands (Microsoft.Data.Sqlite finalizes their statements).
            connection.StateChange += (_, change) =>
            {
                if (change.CurrentState == ConnectionState.Closed)
                {
                    entries.Clear();
                }
            };

        public SqliteCommand Take(SqliteCommand built)
        {
            if (entries.TryGetValue(built.CommandText, out var entry))
            {
                if (entry.InUse)
                {
                    return built;
                }

                var cached = entry.Command;
                var parameters = new SqliteParameter[built.Parameters.Count];
                built.Parameters.CopyTo(parameters, 0);
                built.Parameters.Clear();
                cached.Parameters.Clear();
                cached.Parameters.AddRange(parameters);
                cached.Transaction = built.Transaction;
                cached.CommandTimeout = built.CommandTimeout;
                built.Dispose();
                // Compiles every statement of the text once and keeps them; a no-op once done. (A command that
                // only ran compiles lazily, statement by statement, and keeps them only if its reader read past
                // the last one.)
                cached.Prepare();
                entry.InUse = true;
                entry.LastUsed = ++uses;
                return cached;
            }

            if (entries.Count >= MaxStatementsPerConnection && !EvictLeastRecentlyUsed())
            {
                return built;
            }

            entries.Add(built.CommandText, new Entry(built) { InUse = true, LastUsed = ++uses });
            return built;
        }

        /// <summary>Drops the idle command used longest ago; false when every cached command is running.</summary>
        private bool EvictLeastRecentlyUsed()
        {
            KeyValuePair<string, Entry>? oldest = null;
            foreach (var candidate in entries)
            {
                if (!candidate.Value.InUse && (oldest is null || candidate.Value.LastUsed < oldest.Value.Value.LastUsed))
                {
                    oldest = candidate;
                }
            }

            if (oldest is not { } evicted)
            {
                return false;
            }

            entries.Remove(evicted.Key);
            evicted.Value.Command.Dispose();
            return true;
        }

        public void Forget(SqliteCommand command)
        {
            if (IsCached(command))
            {
                entries.Remove(command.CommandText);
            }
        }

        public bool IsCached(SqliteCommand command) =>
            entries.TryGetValue(command.CommandText, out var entry) && ReferenceEquals(entry.Command, command);

        public void Return(SqliteCommand command)
        {
            entries[command.CommandText].InUse = false;
            // Parameter values (strings, blobs) are not kept alive until the statement's next use.
            command.Parameters.Clear();
        }
    }

    private sealed class Entry(SqliteCommand command)
    {
        public SqliteCommand Command { get; } = command;

        public bool InUse { get; set; }

        /// <summary>When it last ran, on the cache's own counter.</summary>
        public long LastUsed { get; set; }
    }
}
