namespace Touchpoint.Tests.Api;

/// <summary>Who may call what: anonymous health, authentication everywhere else, roles checked on the server.</summary>
public abstract class AccessTests(TouchpointApp app) : ApiTestBase(app)
{
    [Fact]
    public async Task Health_is_anonymous_and_reports_a_reachable_database_and_the_provider()
    {
        using var client = App.CreateAnonymousClient();

        using var response = await client.GetAsync("/health", Cancel);

        var health = await HttpAssert.JsonAsync(response);
        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.Equal("reachable", health.GetProperty("database").GetString());
        Assert.Equal(App.Provider == Provider.Postgres ? "postgres" : "sqlite", health.GetProperty("provider").GetString());
    }

    [Theory]
    [InlineData("/api/me")]
    [InlineData("/api/users")]
    [InlineData("/api/audit")]
    [InlineData("/api/partner-agencies")]
    [InlineData("/openapi/v1.json")]
    public async Task Endpoints_other_than_health_answer_401_problem_details_without_credentials_never_a_redirect(string path)
    {
        using var client = App.CreateAnonymousClient();

        using var response = await client.GetAsync(path, Cancel);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task An_invalid_bearer_token_is_401_problem_details()
    {
        using var client = App.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "not-a-token");

        using var response = await client.GetAsync("/api/me", Cancel);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("agent", "/api/users")]
    [InlineData("lead", "/api/users")]
    [InlineData("partner", "/api/users")]
    [InlineData("agent", "/api/audit")]
    [InlineData("lead", "/api/partner-agencies")]
    public async Task Admin_endpoints_answer_403_problem_details_to_other_roles(string userName, string path)
    {
        using var client = await App.CreateClientAsAsync(userName);

        using var response = await client.GetAsync(path, Cancel);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Non_admins_cannot_create_or_unlock_users()
    {
        using var client = await App.CreateClientAsAsync("lead");

        using var create = await client.PostAsJsonAsync("/api/users", new { userName = UniqueUserName(), password = "long-enough-password", role = "Admin" }, Cancel);
        using var unlock = await client.PostAsync("/api/users/any-id/unlock", null, Cancel);

        await HttpAssert.ProblemAsync(create, HttpStatusCode.Forbidden);
        await HttpAssert.ProblemAsync(unlock, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Admin_lists_users_with_the_total_count_header()
    {
        using var client = await App.CreateAdminClientAsync();

        using var response = await client.GetAsync("/api/users", Cancel);

        var users = await HttpAssert.JsonAsync(response);
        var names = users.EnumerateArray().Select(u => u.GetProperty("userName").GetString()).ToList();
        Assert.Contains("admin", names);
        Assert.Contains("agent", names);
        Assert.Contains("lead", names);
        Assert.Contains("partner", names);
        Assert.True(response.Headers.TryGetValues("X-Total-Count", out var total), "X-Total-Count is missing.");
        Assert.True(int.Parse(total.Single(), CultureInfo.InvariantCulture) >= names.Count);
        Assert.Equal(names.Count.ToString(CultureInfo.InvariantCulture), response.Headers.GetValues("X-Result-Count").Single());
    }

    [Fact]
    public async Task Me_returns_the_signed_in_user_and_their_roles()
    {
        using var client = await App.CreateClientAsAsync("partner");

        using var response = await client.GetAsync("/api/me", Cancel);

        var me = await HttpAssert.JsonAsync(response);
        Assert.Equal("partner", me.GetProperty("userName").GetString());
        Assert.Equal(["PartnerAgent"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("Vendator", me.GetProperty("partnerAgency").GetString());
    }

    [Fact]
    public async Task The_OpenAPI_document_is_served_to_signed_in_users_and_lists_the_token_endpoint()
    {
        using var client = await App.CreateClientAsAsync("agent");

        using var response = await client.GetAsync("/openapi/v1.json", Cancel);

        var document = await HttpAssert.JsonAsync(response);
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/auth/token", paths);
        Assert.Contains("/api/users", paths);
    }
}

[Trait("Provider", "Sqlite")]
public sealed class AccessTestsOnSqlite(SqliteApp app) : AccessTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class AccessTestsOnPostgres(PostgresApp app) : AccessTests(app), IClassFixture<PostgresApp>;
