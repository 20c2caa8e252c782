using Npgsql;
using Touchpoint.Hosting;

namespace Touchpoint.Data;

/// <summary>
/// Lets one node at a time migrate and seed a PostgreSQL database: several nodes started together would otherwise
/// each create the same tables and demo rows. A session advisory lock, held on a connection of its own for the start
/// and released with it (also when the node dies), so a node that crashed mid-start never blocks the next.
/// SQLite has one process per file, so it needs none. The session is opened from
/// <see cref="DatabaseSettings.ForSessions"/>: a pooler in transaction mode would hand it to other clients.
/// </summary>
internal sealed partial class StartLock : IAsyncDisposable
{
    // Any fixed number works; this one is "Touchpoint" in ASCII, so it is recognisable in pg_locks.
    private const long Key = 0x546F_7563_6870_6F69;

    private readonly NpgsqlConnection? connection;

    private StartLock(NpgsqlConnection? connection) => this.connection = connection;

    public static async Task<StartLock> TakeAsync(DatabaseSettings settings, ILogger logger, CancellationToken cancellationToken)
    {
        if (settings.Provider != DatabaseProvider.Postgres)
        {
            return new StartLock(null);
        }

        // Unpooled: the lock belongs to this session, which must end with the start instead of waiting in a pool.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(settings.ForSessions) { Pooling = false }.ConnectionString);
        try
        {
            try
            {
                await connection.OpenAsync(cancellationToken);
            }
            catch (Exception e) when (settings.SessionConnectionString is not null && e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
            {
                throw new StartupException(
                    $"PostgreSQL at {DatabaseSettings.DescribePostgres(settings.SessionConnectionString)} is unreachable ({e.Message.Split('\n', 2)[0].Trim().TrimEnd('.')}); check {DatabaseSettings.SessionConnectionStringKey}.", e);
            }

            if (!await ExecuteAsync(connection, "SELECT pg_try_advisory_lock(@key)", cancellationToken))
            {
                LogWaiting(logger);
                await ExecuteAsync(connection, "SELECT pg_advisory_lock(@key) IS NULL", cancellationToken);
            }

            return new StartLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (connection is null)
        {
            return;
        }

        // Ending the session releases the lock as well, so a failed unlock (the server went away) changes nothing.
        try
        {
            await ExecuteAsync(connection, "SELECT pg_advisory_unlock(@key)", CancellationToken.None);
        }
        catch (NpgsqlException)
        {
        }

        await connection.DisposeAsync();
    }

    private static async Task<bool> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        command.Parameters.AddWithValue("key", Key);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Another node is migrating or seeding this database; waiting for it to finish")]
    private static partial void LogWaiting(ILogger logger);
}
