using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Touchpoint.Data;
using Touchpoint.Features.Audit;
using Touchpoint.Features.Identity;
using Touchpoint.Hosting;

namespace Touchpoint.Bench;

/// <summary>The work folder, database and in-process Touchpoint services every database benchmark runs on.</summary>
internal static class BenchHost
{
    /// <summary>
    /// Runs <paramref name="benchmark"/> in <paramref name="folderPath"/> (or a temporary folder, deleted afterwards) and
    /// stops it on Ctrl+C; 0 when it finished, 1 when cancelled.
    /// </summary>
    public static async Task<int> RunInFolderAsync(string? folderPath, Func<string, CancellationToken, Task> benchmark)
    {
        ArgumentNullException.ThrowIfNull(benchmark);
        var keepFolder = folderPath is not null;
        var folder = keepFolder ? Directory.CreateDirectory(Path.GetFullPath(folderPath!)) : Directory.CreateTempSubdirectory("touchpoint-bench-");
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        try
        {
            await benchmark(folder.FullName, cancel.Token);
            return 0;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Console.Error.WriteLine("Cancelled.");
            return 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (!keepFolder)
            {
                folder.Delete(recursive: true);
            }
        }
    }

    /// <summary>Deletes a SQLite database left in <paramref name="folder"/> by an earlier run kept with <c>--folder</c>: every run starts empty.</summary>
    public static void DeleteSqliteFiles(DatabaseProvider provider, string folder)
    {
        if (provider != DatabaseProvider.Sqlite)
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.db*"))
        {
            File.Delete(file);
        }
    }

    /// <summary>SQLite in the work folder, or the PostgreSQL database the user named.</summary>
    public static string ConnectionString(DatabaseProvider provider, string folder, string? postgresConnection) => provider == DatabaseProvider.Sqlite
        ? new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "touchpoint.db"), Pooling = true, DefaultTimeout = 30 }.ToString()
        : postgresConnection!;

    /// <summary>Touchpoint's settings for the benchmark's database, without demo data, with the admin's password.</summary>
    public static Dictionary<string, string> Settings(DatabaseProvider provider, string connectionString, string adminPassword) => new()
    {
        [DatabaseSettings.ProviderKey] = provider == DatabaseProvider.Sqlite ? "sqlite" : "postgres",
        [DatabaseSettings.ConnectionStringKey] = connectionString,
        ["Touchpoint:DemoData"] = "false",
        [AdminAccount.PasswordKey] = adminPassword,
        // One user reads every customer here, as no person may: the read limit would stop the measurement, not a sweep.
        [ReadVolumeGuard.UnusualKey] = int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [ReadVolumeGuard.LimitKey] = int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Touchpoint's core services as the CLI import builds them, without the web server: migrations and the admin account run at start.</summary>
    public static HostApplicationBuilder CreateBuilder(IReadOnlyDictionary<string, string> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddTouchpointCore(builder.Configuration);
        return builder;
    }
}
