using System.Net.Http.Headers;
using System.Text;

namespace Touchpoint.Tests.Hosting;

/// <summary>
/// What only the real server shows: Kestrel's request body limit (TestServer does not enforce
/// KestrelServerOptions.Limits.MaxRequestBodySize) and the client's real address in the audit log.
/// </summary>
/// <summary>
/// The built host running on Kestrel for one test class: admin password known, a small request body
/// limit (<see cref="BodyLimit"/> bytes), no demo data, and its own database.
/// </summary>
public abstract class KestrelServer(PostgresServer postgres, Provider provider) : IAsyncLifetime
{
    public const string AdminPassword = "admin-password-for-kestrel";
    public const int BodyLimit = 2048;
    private string? dataDirectory;
    private TouchpointProcess? process;

    public Provider Provider => provider;

    public TouchpointProcess Process => process ?? throw new InvalidOperationException("The server did not start.");

    public async ValueTask InitializeAsync()
    {
        if (provider == Provider.Postgres && !postgres.IsRunning)
        {
            return;
        }

        List<string> arguments = [$"--Touchpoint:AdminPassword={AdminPassword}", $"--Touchpoint:Http:MaxRequestBodyBytes={BodyLimit}", "--Touchpoint:DemoData=false"];
        if (provider == Provider.Postgres)
        {
            arguments.AddRange(["--Touchpoint:Database:Provider=postgres", $"--ConnectionStrings:Touchpoint={await postgres.CreateDatabaseAsync()}"]);
        }

        // The SQLite database and, on both providers, the audit journal.
        dataDirectory = Directory.CreateTempSubdirectory("touchpoint-kestrel-").FullName;
        arguments.Add($"--Touchpoint:DataDirectory={dataDirectory}");

        process = await TouchpointProcess.StartAsync(arguments);
    }

    public async ValueTask DisposeAsync()
    {
        if (process is not null)
        {
            await process.DisposeAsync();
        }

        if (dataDirectory is not null)
        {
            Directory.Delete(dataDirectory, recursive: true);
        }

        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteKestrelServer(PostgresServer postgres) : KestrelServer(postgres, Provider.Sqlite);

public sealed class PostgresKestrelServer(PostgresServer postgres) : KestrelServer(postgres, Provider.Postgres);

/// <summary>
/// What only the real server shows: Kestrel's request body limit (TestServer does not enforce
/// KestrelServerOptions.Limits.MaxRequestBodySize) and the client's real address in the audit log.
/// </summary>
public abstract class KestrelTests(KestrelServer server)
{
    private const int BodyLimit = KestrelServer.BodyLimit;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private TouchpointProcess Server => server.Process;

    [Fact]
    public async Task A_body_over_the_configured_limit_is_413_problem_details_and_one_under_it_is_accepted()
    {
        using var client = await CreateAdminClientAsync();
        var userName = $"big-{Guid.NewGuid():N}"[..16];

        using var tooLarge = await client.PostAsync("/api/users", Json(new { userName, displayName = new string('x', BodyLimit * 2), password = "long-enough-password", role = "Agent" }), Cancel);
        using var tooLargeChunked = await client.PostAsJsonAsync("/api/users", new { userName, displayName = new string('x', BodyLimit * 2), password = "long-enough-password", role = "Agent" }, Cancel);
        using var small = await client.PostAsync("/api/users", Json(new { userName, password = "long-enough-password", role = "Agent" }), Cancel);

        await HttpAssert.ProblemAsync(tooLarge, HttpStatusCode.RequestEntityTooLarge);
        await HttpAssert.ProblemAsync(tooLargeChunked, HttpStatusCode.RequestEntityTooLarge);
        // The refused requests created nothing: the same user name is still free.
        await HttpAssert.JsonAsync(small, HttpStatusCode.Created);
    }

    [Fact]
    public async Task The_audit_log_records_the_client_address_Kestrel_saw()
    {
        using var client = await CreateAdminClientAsync();

        using var response = await client.GetAsync("/api/audit?userName=admin&action=SignedIn", Cancel);

        var entries = (await HttpAssert.JsonAsync(response)).EnumerateArray().ToList();
        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.Equal("127.0.0.1", e.GetProperty("ipAddress").GetString()));
        Assert.All(entries, e => Assert.Equal("api", e.GetProperty("channel").GetString()));
    }

    [Fact]
    public void The_first_start_migrates_the_new_database_without_a_warning()
    {
        // The server of this class started on an empty database, so its output holds the whole first migration.
        var output = Server.Output;

        Assert.Contains("Applying", output, StringComparison.Ordinal);
        var warnings = output.Split('\n').Where(line => line.StartsWith("warn: Microsoft.EntityFrameworkCore", StringComparison.Ordinal)).ToList();
        Assert.True(warnings.Count == 0, "The first start warned:\n" + string.Join("\n", warnings));
    }

    [Fact]
    public async Task Health_reports_the_provider_on_the_real_server()
    {
        using var client = Server.CreateClient();

        using var response = await client.GetAsync("/health", Cancel);

        var health = await HttpAssert.JsonAsync(response);
        Assert.Equal(server.Provider == Provider.Postgres ? "postgres" : "sqlite", health.GetProperty("provider").GetString());
        Assert.Equal("reachable", health.GetProperty("database").GetString());
    }

    private async Task<HttpClient> CreateAdminClientAsync()
    {
        var client = Server.CreateClient();
        using var token = await TouchpointApp.RequestTokenAsync(client, "admin", KestrelServer.AdminPassword);
        var accessToken = (await HttpAssert.JsonAsync(token)).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    private static StringContent Json(object value) => new(JsonSerializer.Serialize(value, JsonSerializerOptions.Web), Encoding.UTF8, "application/json");
}

[Trait("Provider", "Sqlite")]
public sealed class KestrelTestsOnSqlite(SqliteKestrelServer server) : KestrelTests(server), IClassFixture<SqliteKestrelServer>;

[Trait("Provider", "Postgres")]
public sealed class KestrelTestsOnPostgres : KestrelTests, IClassFixture<PostgresKestrelServer>
{
    public KestrelTestsOnPostgres(PostgresKestrelServer server, PostgresServer postgres)
        : base(server) => postgres.SkipUnlessRunning();
}
