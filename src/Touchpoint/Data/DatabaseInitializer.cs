using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Touchpoint.Demo;
using Touchpoint.Features.Identity;
using Touchpoint.Hosting;

namespace Touchpoint.Data;

/// <summary>
/// Runs before the web server listens: checks the database can be used, applies migrations,
/// ensures the admin account and, on first start, seeds demo data.
/// </summary>
internal sealed partial class DatabaseInitializer(
    IServiceProvider services,
    DatabaseSettings settings,
    IConfiguration configuration,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await EnsureReachableAsync(cancellationToken);
        await using var startLock = await StartLock.TakeAsync(settings, logger, cancellationToken);

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets the web UI read while a write is in progress; the mode is stored in the file.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            await db.Database.CloseConnectionAsync();
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            var database = settings.Describe();
            LogMigrating(pending.Count, database);
            await db.Database.MigrateAsync(cancellationToken);
        }

        await scope.ServiceProvider.GetRequiredService<AdminAccount>().EnsureAsync(cancellationToken);
        if (configuration.GetValue("Touchpoint:DemoData", true))
        {
            await scope.ServiceProvider.GetRequiredService<DemoData>().SeedAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task EnsureReachableAsync(CancellationToken cancellationToken)
    {
        // Also on PostgreSQL: the audit journal is written there.
        EnsureWritable(settings.DataDirectory);
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            return;
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
            if (builder.Timeout > 10)
            {
                builder.Timeout = 10;
            }

            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException or ArgumentException)
        {
            throw new StartupException(
                $"PostgreSQL at {DatabaseSettings.DescribePostgres(settings.ConnectionString)} is unreachable ({FirstLine(e.Message)}); check {DatabaseSettings.ConnectionStringKey}.", e);
        }
    }

    private static void EnsureWritable(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var probe = Path.Combine(directory, $".write-check-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SqliteException)
        {
            throw new StartupException(
                $"The data folder {directory} is not writable ({FirstLine(e.Message)}); set {DatabaseSettings.DataDirectoryKey} to a folder Touchpoint may write.", e);
        }
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim().TrimEnd('.');

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} migration(s) to {Database}")]
    private partial void LogMigrating(int count, string database);
}
