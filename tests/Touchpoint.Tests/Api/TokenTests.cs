using Microsoft.EntityFrameworkCore;

namespace Touchpoint.Tests.Api;

/// <summary>POST /api/auth/token: tokens, refusals, input errors and the back-off after failures.</summary>
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
    public async Task A_user_name_longer_than_any_account_can_have_is_refused_like_any_other_and_audited_cut_to_fit()
    {
        var tooLong = $"{Guid.NewGuid():N}{new string('x', 1000)}";
        using var client = App.CreateAnonymousClient();

        using var response = await TouchpointApp.RequestTokenAsync(client, tooLong, "wrong-password");

        await AssertRefusedAsync(response);
        var audited = await App.WithDbContextAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.UserName.StartsWith(tooLong.Substring(0, 32)))
            .Select(e => e.UserName)
            .SingleAsync(Cancel));
        Assert.Equal(256, audited.Length);
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
    public async Task Five_wrong_passwords_make_the_account_wait_answered_like_a_wrong_password_until_an_admin_unlocks_it()
    {
        var user = await CreateUserAsync();
        using var client = App.CreateAnonymousClient();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var wrong = await TouchpointApp.RequestTokenAsync(client, user.UserName, "wrong-password");
            await AssertRefusedAsync(wrong);
        }

        // The right password while the account waits: refused in the same words, with no hint that the account exists.
        using var waiting = await TouchpointApp.RequestTokenAsync(client, user.UserName, user.Password);
        var refused = await AssertRefusedAsync(waiting);
        Assert.False(refused.TryGetProperty("lockedUntil", out _));

        using var admin = await App.CreateAdminClientAsync();
        using var view = await admin.GetAsync($"/api/users/{user.Id}", Cancel);
        Assert.True((await HttpAssert.JsonAsync(view)).GetProperty("lockedOut").GetBoolean());
        var failures = await AuditAsync($"userName={user.UserName}&action=SignInFailed");
        Assert.Contains(failures, e => e.GetProperty("details").GetString()!.StartsWith("bearer token: wrong password, locked out until ", StringComparison.Ordinal));
        Assert.StartsWith("bearer token: locked out until ", failures[0].GetProperty("details").GetString(), StringComparison.Ordinal);

        using var unlock = await admin.PostAsync($"/api/users/{user.Id}/unlock", null, Cancel);
        Assert.Equal(HttpStatusCode.NoContent, unlock.StatusCode);

        using var afterUnlock = await TouchpointApp.RequestTokenAsync(client, user.UserName, user.Password);
        await HttpAssert.JsonAsync(afterUnlock);
        using var viewAfter = await admin.GetAsync($"/api/users/{user.Id}", Cancel);
        Assert.False((await HttpAssert.JsonAsync(viewAfter)).GetProperty("lockedOut").GetBoolean());
    }

    [Fact]
    public async Task An_unknown_user_name_costs_the_same_password_hashing_as_a_wrong_password()
    {
        var user = await CreateUserAsync();
        using var client = App.CreateAnonymousClient();

        // The fastest of a few tries of each: the machine's noise only ever adds time. Without the hashing an unknown
        // name answers in a few milliseconds against the tens a password check takes.
        var wrongPassword = await FastestAsync(() => TouchpointApp.RequestTokenAsync(client, user.UserName, "wrong-password"));
        var unknownUser = await FastestAsync(() => TouchpointApp.RequestTokenAsync(client, UniqueUserName("ghost"), "wrong-password"));

        Assert.True(unknownUser >= wrongPassword / 2, $"An unknown user name took {unknownUser.TotalMilliseconds} ms, a wrong password {wrongPassword.TotalMilliseconds} ms.");
    }

    private static async Task<JsonElement> AssertRefusedAsync(HttpResponseMessage response)
    {
        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Wrong user name or password.", problem.GetProperty("detail").GetString());
        return problem;
    }

    private static async Task<TimeSpan> FastestAsync(Func<Task<HttpResponseMessage>> request)
    {
        var fastest = TimeSpan.MaxValue;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            using var response = await request();
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            var took = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            fastest = took < fastest ? took : fastest;
        }

        return fastest;
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
