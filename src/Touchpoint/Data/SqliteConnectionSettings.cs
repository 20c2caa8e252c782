using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Touchpoint.Data;

/// <summary>
/// Per-connection SQLite settings. In WAL mode, synchronous=NORMAL syncs at checkpoints instead of at every
/// commit: the database cannot be corrupted by a crash, and only the last commits before a power loss can be
/// lost — SQLite's own recommendation for WAL, and what lets every request record its audit entry cheaply.
/// The write-ahead log grows to the size of the largest transaction (a 20-million-row import: 16 GB) and SQLite
/// keeps the file that large afterwards unless told to cut it back after checkpoints; 64 MB is plenty for
/// everyday work. Each connection keeps up to 32 MB of pages (SQLite's default is 2 MB): the 360 page walks the
/// same upper B-tree levels on every request, and at the full-size benchmark 2 MB kept too few of them.
/// </summary>
/// <remarks>
/// The settings belong to the native connection and survive its trips through Microsoft.Data.Sqlite's pool, so
/// they are applied once per native connection, not at every open (a request opens a pooled connection one or
/// more times, and three PRAGMAs at each open were a measurable part of a 360 view).
/// </remarks>
internal sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA journal_size_limit=67108864; PRAGMA cache_size=-32768;";

    // Native connections already set up; weak, so a native connection closed by the pool is forgotten with it.
    private static readonly ConditionalWeakTable<object, object> Configured = [];
    private static readonly object Done = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (NeedsSettings(connection, out var handle))
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
            Remember(handle);
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (NeedsSettings(connection, out var handle))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            Remember(handle);
        }
    }

    private static bool NeedsSettings(DbConnection connection, out object? handle)
    {
        handle = (connection as SqliteConnection)?.Handle;
        return handle is null || !Configured.TryGetValue(handle, out _);
    }

    private static void Remember(object? handle)
    {
        if (handle is not null)
        {
            Configured.AddOrUpdate(handle, Done);
        }
    }
}
