using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Touchpoint.Data;
using Touchpoint.Tests.Hosting;

namespace Touchpoint.Tests.ScaleOut;

/// <summary>
/// Behind PgBouncer in transaction mode the start lock and the live feed's LISTEN need a session the pooler does not
/// give: <c>ConnectionStrings:TouchpointSession</c> names a direct connection for them, and a wrong one stops the start
/// with one sentence naming it.
/// </summary>
[Trait("Provider", "Postgres")]
public sealed class SessionConnectionTests(PostgresServer postgres)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_node_takes_its_start_lock_over_the_session_connection_and_serves()
    {
        postgres.SkipUnlessRunning();
        var database = await postgres.CreateDatabaseAsync();
        // The session connection is told apart by its application name, which pg_stat_activity shows while it waits.
        var session = new NpgsqlConnectionStringBuilder(database) { ApplicationName = "touchpoint-session" }.ConnectionString;

        await using var node = new TouchpointApp(Provider.Postgres, postgres,
            new Dictionary<string, string?> { [DatabaseSettings.SessionConnectionStringKey] = session }, sharedDatabase: database);
        await node.InitializeAsync();

        Assert.Equal(session, node.Services.GetRequiredService<DatabaseSettings>().ForSessions);
        using var admin = await node.CreateAdminClientAsync();
        using var response = await admin.GetAsync("/api/customers?q=Magnus", Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_unreachable_session_connection_stops_the_start_naming_the_setting()
    {
        postgres.SkipUnlessRunning();
        var database = await postgres.CreateDatabaseAsync();
        var nowhere = new NpgsqlConnectionStringBuilder(database) { Port = LoopbackPort.Free(), Timeout = 2 }.ConnectionString;

        var result = await TouchpointProcess.RunToExitAsync(
            ["--Touchpoint:Database:Provider=postgres", $"--{DatabaseSettings.ConnectionStringKey}={database}", $"--{DatabaseSettings.SessionConnectionStringKey}={nowhere}"],
            Deadline);

        var sentence = StartupFailureTests.AssertOneSentenceFailure(result);
        Assert.Contains(DatabaseSettings.SessionConnectionStringKey, sentence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_connection_on_SQLite_stops_the_start_naming_the_setting()
    {
        var result = await TouchpointProcess.RunToExitAsync([$"--{DatabaseSettings.SessionConnectionStringKey}=Host=127.0.0.1;Database=touchpoint"], Deadline);

        var sentence = StartupFailureTests.AssertOneSentenceFailure(result);
        Assert.Contains(DatabaseSettings.SessionConnectionStringKey, sentence, StringComparison.Ordinal);
    }
}
