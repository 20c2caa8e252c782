using System.Globalization;
using Npgsql;

[assembly: AssemblyFixture(typeof(Touchpoint.Tests.Infrastructure.PostgresServer))]

namespace Touchpoint.Tests.Infrastructure;

/// <summary>
/// One throwaway PostgreSQL cluster for the whole test assembly, built with Debian's binaries
/// (/usr/lib/postgresql/VERSION/bin, highest version wins) in a temp folder and listening on a
/// free loopback port. Tests get their own database from <see cref="CreateDatabaseAsync"/>.
/// Without the binaries (or without runuser when running as root) PostgreSQL tests are skipped
/// with the reason; if the binaries are there but the cluster does not start, they fail.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    /// <summary>Where Debian installs PostgreSQL; TOUCHPOINT_TEST_POSTGRES_ROOT overrides it (e.g. to check the skip path).</summary>
    private static readonly string BinariesRoot =
        Environment.GetEnvironmentVariable("TOUCHPOINT_TEST_POSTGRES_ROOT") is { Length: > 0 } root ? root : "/usr/lib/postgresql";
    private const string ServiceUser = "postgres";
    private static readonly string[] RunUserLocations = ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser", "/bin/runuser"];
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);

    private readonly SemaphoreSlim createDatabase = new(1, 1);
    private string? binDirectory;
    private string? runUser;
    private string? rootDirectory;
    private string? dataDirectory;
    private string? startOptions;
    private Exception? startFailure;
    private bool started;

    /// <summary>Why PostgreSQL tests cannot run here, or null when they can.</summary>
    public string? SkipReason { get; private set; }

    public int Port { get; private set; }

    /// <summary>
    /// Whether a commit is on disk before it is acknowledged, as in production. Off for the shared cluster, whose data is
    /// thrown away; on for a test that stops its own cluster at once and counts what survived the crash.
    /// </summary>
    public bool Durable { get; init; }

    public string Version => binDirectory is null ? "none" : Path.GetFileName(Path.GetDirectoryName(binDirectory)!);

    public async ValueTask InitializeAsync()
    {
        binDirectory = FindBinaries();
        if (binDirectory is null)
        {
            SkipReason = $"PostgreSQL binaries not found: no {BinariesRoot}/*/bin with initdb and pg_ctl (apt-get install postgresql).";
            return;
        }

        var runningAsRoot = string.Equals(Environment.UserName, "root", StringComparison.Ordinal);
        if (runningAsRoot)
        {
            runUser = RunUserLocations.FirstOrDefault(File.Exists);
            if (runUser is null)
            {
                SkipReason = "PostgreSQL refuses to run as root and runuser was not found to run it as the postgres user.";
                return;
            }
        }

        try
        {
            await StartClusterAsync(runningAsRoot);
            started = true;
        }
        catch (Exception e)
        {
            startFailure = e;
        }
    }

    /// <summary>Skips the current test (with the reason) when PostgreSQL is not installed; fails it when the cluster did not start.</summary>
    public void SkipUnlessRunning()
    {
        if (SkipReason is not null)
        {
            Assert.Skip(SkipReason);
        }

        if (startFailure is not null)
        {
            throw new InvalidOperationException($"The PostgreSQL {Version} test cluster did not start: {startFailure.Message}", startFailure);
        }
    }

    public bool IsRunning => started;

    /// <summary>Creates an empty database with a unique name and returns the connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        SkipUnlessRunning();
        var name = $"tp_{Guid.NewGuid():N}";
        // CREATE DATABASE copies template1; one at a time keeps concurrent copies from tripping over each other.
        await createDatabase.WaitAsync();
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        finally
        {
            createDatabase.Release();
        }

        return ConnectionString(name);
    }

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = ServiceUser,
        Database = database,
        Timeout = 15,
    }.ConnectionString;

    public async ValueTask DisposeAsync()
    {
        try
        {
            NpgsqlConnection.ClearAllPools();
            if (started && dataDirectory is not null)
            {
                await RunAsync("pg_ctl", ["-D", dataDirectory, "-m", "immediate", "-w", "stop"]);
            }
        }
        finally
        {
            if (rootDirectory is not null)
            {
                try
                {
                    Directory.Delete(rootDirectory, recursive: true);
                }
                catch (IOException)
                {
                    // A leftover temp folder is not worth failing the run for.
                }
            }

            createDatabase.Dispose();
        }
    }

    private async Task StartClusterAsync(bool runningAsRoot)
    {
        rootDirectory = Directory.CreateTempSubdirectory("touchpoint-pg-").FullName;
        dataDirectory = Path.Combine(rootDirectory, "data");
        if (runningAsRoot)
        {
            var chown = await ProcessRunner.RunAsync("chown", ["-R", $"{ServiceUser}:{ServiceUser}", rootDirectory], CommandTimeout);
            Check(chown, "chown");
        }

        // --no-locale (C collation) goes with any encoding, whatever locales the machine has; --no-sync: it is thrown away anyway.
        Check(await RunAsync("initdb", ["-D", dataDirectory, "-U", ServiceUser, "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"]), "initdb");

        Port = LoopbackPort.Free();
        // Test classes run in parallel, each with its own app, connection pool and background watchers; with the default
        // of 100 connections, app starts late in the full run failed once the suite grew (they pass when run alone).
        var options = string.Create(CultureInfo.InvariantCulture,
            $"-p {Port} -k {dataDirectory} -c listen_addresses=127.0.0.1 -c max_connections=1000{(Durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off")}");
        startOptions = options;
        await StartServerAsync();
    }

    /// <summary>Stops the server at once, as a crash or a failover would (a test's own cluster only: others share this one).</summary>
    public async Task StopAsync()
    {
        var stop = await RunAsync("pg_ctl", ["-D", dataDirectory!, "-m", "immediate", "-w", "stop"]);
        Check(stop, "pg_ctl stop");
    }

    /// <summary>Starts a server stopped by <see cref="StopAsync"/> again, on the same port.</summary>
    public Task StartAgainAsync() => StartServerAsync();

    private async Task StartServerAsync()
    {
        var log = Path.Combine(rootDirectory!, "postgres.log");
        var start = await RunAsync("pg_ctl", ["-D", dataDirectory!, "-l", log, "-o", startOptions!, "-w", "start"]);
        if (start.ExitCode != 0)
        {
            var serverLog = File.Exists(log) ? await File.ReadAllTextAsync(log) : "";
            throw new InvalidOperationException($"pg_ctl start exited with {start.ExitCode}: {start.StandardError}{start.StandardOutput}{serverLog}");
        }
    }

    private Task<ProcessResult> RunAsync(string tool, IEnumerable<string> arguments)
    {
        var binary = Path.Combine(binDirectory!, tool);
        return runUser is null
            ? ProcessRunner.RunAsync(binary, arguments, CommandTimeout, rootDirectory)
            : ProcessRunner.RunAsync(runUser, ["-u", ServiceUser, "--", binary, .. arguments], CommandTimeout, rootDirectory);
    }

    private static void Check(ProcessResult result, string what)
    {
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{what} exited with {result.ExitCode}: {result.StandardError}{result.StandardOutput}");
        }
    }

    private static string? FindBinaries()
    {
        if (!Directory.Exists(BinariesRoot))
        {
            return null;
        }

        return Directory.GetDirectories(BinariesRoot)
            .Select(directory => (Directory: directory, Version: System.Version.TryParse(VersionText(Path.GetFileName(directory)), out var version) ? version : null))
            .Where(candidate => candidate.Version is not null)
            .Select(candidate => (Bin: Path.Combine(candidate.Directory, "bin"), candidate.Version))
            .Where(candidate => File.Exists(Path.Combine(candidate.Bin, "initdb")) && File.Exists(Path.Combine(candidate.Bin, "pg_ctl")))
            .OrderByDescending(candidate => candidate.Version)
            .Select(candidate => candidate.Bin)
            .FirstOrDefault();
    }

    // "15" is not a System.Version; "15.0" is.
    private static string VersionText(string name) => name.Contains('.', StringComparison.Ordinal) ? name : $"{name}.0";
}
