namespace Touchpoint.Tests.Api;

/// <summary>POST /api/auth/token: tokens, refusals, input errors and lockout.</summary>
public abstract class TokenTests(TouchpointApp app) : ApiTestBase(app)
{
    [Fact]
    public async Task A_correct_password_gets_a_bearer_token_that_works()
    {
        using var anonymous = App.CreateAnonymousClient();

        using var response = await TouchpointApp.RequestTokenAsync(anonymous, "agent", "touchpoint-demo");

        var token = await HttpAssert.JsonAsync(response);
        var accessToken = token.GetProperty("accessToken").GetString();
        Assert.False(string.IsNullOrEmpty(accessToken));
        Assert.Equal(3600, token.GetProperty("expiresIn").GetInt32());
        using var client = App.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", accessToken);
        using var me = await client.GetAsync("/api/me", Cancel);
        Assert.Equal("agent", (await HttpAssert.JsonAsync(me)).GetProperty("userName").GetString());
    }

    [Theory]
    [InlineData("agent", "not-the-password")]
    [InlineData("nobody-by-this-name", "touchpoint-demo")]
    public async Task A_wrong_password_or_unknown_user_is_401_with_the_same_message(string userName, string password)
    {
        using var client = App.CreateAnonymousClient();

        using var response = await TouchpointApp.RequestTokenAsync(client, userName, password);

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Wrong user name or password.", problem.GetProperty("detail").GetString());
        Assert.False(problem.TryGetProperty("accessToken", out _));
    }

    [Fact]
    public async Task A_missing_user_name_is_400_naming_userName()
    {
        using var client = App.CreateAnonymousClient();

        using var response = await client.PostAsJsonAsync("/api/auth/token", new { password = "touchpoint-demo" }, Cancel);

        await HttpAssert.ValidationProblemAsync(response, "userName");
    }

    [Fact]
    public async Task A_missing_password_is_400_naming_password()
    {
        using var client = App.CreateAnonymousClient();

        using var response = await client.PostAsJsonAsync("/api/auth/token", new { userName = "agent" }, Cancel);

        await HttpAssert.ValidationProblemAsync(response, "password");
    }

    [Theory]
    [InlineData("{\"userName\": \"agent\", \"password\": ")]
    [InlineData("not json at all")]
    public async Task Malformed_JSON_is_400_problem_details(string body)
    {
        using var client = App.CreateAnonymousClient();
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        using var response = await client.PostAsync("/api/auth/token", content, Cancel);

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("JSON", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_field_of_the_wrong_type_is_400_naming_the_field()
    {
        using var client = App.CreateAnonymousClient();
        using var content = new StringContent("{\"userName\": 42, \"password\": \"x\"}", System.Text.Encoding.UTF8, "application/json");

        using var response = await client.PostAsync("/api/auth/token", content, Cancel);

        await HttpAssert.ValidationProblemAsync(response, "userName");
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_until_an_admin_unlocks_it()
    {
        var user = await CreateUserAsync();
        using var client = App.CreateAnonymousClient();

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            using var wrong = await TouchpointApp.RequestTokenAsync(client, user.UserName, "wrong-password");
            var problem = await HttpAssert.ProblemAsync(wrong, HttpStatusCode.Unauthorized);
            Assert.Equal("Wrong user name or password.", problem.GetProperty("detail").GetString());
        }

        using var fifth = await TouchpointApp.RequestTokenAsync(client, user.UserName, "wrong-password");
        Assert.Contains("locked", (await HttpAssert.ProblemAsync(fifth, HttpStatusCode.Unauthorized)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        var beforeSixth = new DateTimeOffset(App.UtcNow);
        using var sixth = await TouchpointApp.RequestTokenAsync(client, user.UserName, user.Password);
        var locked = await HttpAssert.ProblemAsync(sixth, HttpStatusCode.Unauthorized);
        Assert.Contains("locked", locked.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var lockedUntil = locked.GetProperty("lockedUntil").GetString()!;
        Assert.EndsWith("Z", lockedUntil, StringComparison.Ordinal);
        var until = DateTimeOffset.Parse(lockedUntil, CultureInfo.InvariantCulture);
        Assert.InRange(until, beforeSixth.AddMinutes(14), beforeSixth.AddMinutes(15).AddSeconds(5));

        using var admin = await App.CreateAdminClientAsync();
        using var view = await admin.GetAsync($"/api/users/{user.Id}", Cancel);
        Assert.True((await HttpAssert.JsonAsync(view)).GetProperty("lockedOut").GetBoolean());

        using var unlock = await admin.PostAsync($"/api/users/{user.Id}/unlock", null, Cancel);
        Assert.Equal(HttpStatusCode.NoContent, unlock.StatusCode);

        using var afterUnlock = await TouchpointApp.RequestTokenAsync(client, user.UserName, user.Password);
        await HttpAssert.JsonAsync(afterUnlock);
        using var viewAfter = await admin.GetAsync($"/api/users/{user.Id}", Cancel);
        Assert.False((await HttpAssert.JsonAsync(viewAfter)).GetProperty("lockedOut").GetBoolean());
    }

    [Fact]
    public async Task Unlock_resets_the_failure_count_so_one_more_wrong_password_does_not_lock_again()
    {
        var user = await CreateUserAsync();
        using var client = App.CreateAnonymousClient();
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            using var wrong = await TouchpointApp.RequestTokenAsync(client, user.UserName, "wrong-password");
            await HttpAssert.ProblemAsync(wrong, HttpStatusCode.Unauthorized);
        }

        using var admin = await App.CreateAdminClientAsync();
        using var unlock = await admin.PostAsync($"/api/users/{user.Id}/unlock", null, Cancel);
        Assert.Equal(HttpStatusCode.NoContent, unlock.StatusCode);

        using var oneMore = await TouchpointApp.RequestTokenAsync(client, user.UserName, "wrong-password");
        Assert.Equal("Wrong user name or password.", (await HttpAssert.ProblemAsync(oneMore, HttpStatusCode.Unauthorized)).GetProperty("detail").GetString());
        using var right = await TouchpointApp.RequestTokenAsync(client, user.UserName, user.Password);
        await HttpAssert.JsonAsync(right);
    }

    [Fact]
    public async Task Unlocking_an_unknown_user_is_404_problem_details()
    {
        using var admin = await App.CreateAdminClientAsync();

        using var response = await admin.PostAsync("/api/users/no-such-id/unlock", null, Cancel);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound);
    }
}

[Trait("Provider", "Sqlite")]
public sealed class TokenTestsOnSqlite(SqliteApp app) : TokenTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class TokenTestsOnPostgres(PostgresApp app) : TokenTests(app), IClassFixture<PostgresApp>;
