using System.Net.Http.Headers;

namespace Touchpoint.Tests.Api;

/// <summary>
/// The language a user reads the agent UI in: chosen with PUT /api/account/language (en or sv; anything else is a 400
/// naming language), stored on the user, audited, and written to the culture cookie on choice and at each web sign-in.
/// </summary>
public abstract class LanguageSettingTests(TouchpointApp app) : ApiTestBase(app)
{
    private const string CultureCookie = ".AspNetCore.Culture";

    [Fact]
    public async Task A_user_who_chose_nothing_reads_their_browsers_language_until_they_choose_Swedish()
    {
        var user = await CreateUserAsync();
        using var client = await App.CreateClientAsAsync(user.UserName, user.Password);

        var before = await LanguageAsync(client);
        Assert.Equal(JsonValueKind.Null, before.GetProperty("language").ValueKind);
        Assert.Equal("en", before.GetProperty("shownIn").GetString());
        Assert.Equal(["en", "sv"], before.GetProperty("choices").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("sv", (await LanguageAsync(client, acceptLanguage: "sv-SE")).GetProperty("shownIn").GetString());

        using var chosen = await client.PutAsJsonAsync("/api/account/language", new { language = "SV" }, Cancel);

        Assert.Contains(CultureCookieOf(chosen), c => c.Contains("uic%3Dsv", StringComparison.Ordinal));
        var after = await HttpAssert.JsonAsync(chosen);
        Assert.Equal("sv", after.GetProperty("language").GetString());
        Assert.Equal("sv", after.GetProperty("shownIn").GetString());
        Assert.Equal("sv", (await LanguageAsync(client)).GetProperty("language").GetString());
        var change = Assert.Single((await AuditAsync($"entityType=TouchpointUser&entityId={user.Id}&action=Updated"))
            .SelectMany(e => e.GetProperty("changes").EnumerateArray()), c => c.GetProperty("field").GetString() == "Language");
        Assert.Equal("sv", change.GetProperty("new").GetString());
    }

    [Theory]
    [InlineData("da")]
    [InlineData("sv-SE")]
    [InlineData("")]
    [InlineData("klingon")]
    [InlineData(null)]
    public async Task A_language_the_agent_UI_is_not_written_in_is_a_400_naming_language_and_changes_nothing(string? language)
    {
        var user = await CreateUserAsync();
        using var client = await App.CreateClientAsAsync(user.UserName, user.Password);

        using var response = await client.PutAsJsonAsync("/api/account/language", new { language }, Cancel);

        await HttpAssert.ValidationProblemAsync(response, "language");
        Assert.Empty(CultureCookieOf(response));
        Assert.Equal(JsonValueKind.Null, (await LanguageAsync(client)).GetProperty("language").ValueKind);
    }

    [Fact]
    public async Task Signing_in_on_the_web_sets_the_culture_cookie_to_the_stored_language_and_only_when_one_is_stored()
    {
        var chooser = await CreateUserAsync();
        var other = await CreateUserAsync();
        using (var client = await App.CreateClientAsAsync(chooser.UserName, chooser.Password))
        using (var chosen = await client.PutAsJsonAsync("/api/account/language", new { language = "sv" }, Cancel))
        {
            await HttpAssert.JsonAsync(chosen);
        }

        using var browser = App.CreateAnonymousClient();
        using var signedIn = await SignInForm.PostAsync(browser, chooser.UserName, chooser.Password);
        using var otherBrowser = App.CreateAnonymousClient();
        using var otherSignedIn = await SignInForm.PostAsync(otherBrowser, other.UserName, other.Password);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Contains(CultureCookieOf(signedIn), c => c.Contains("uic%3Dsv", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, otherSignedIn.StatusCode);
        Assert.Empty(CultureCookieOf(otherSignedIn));
    }

    private static async Task<JsonElement> LanguageAsync(HttpClient client, string? acceptLanguage = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/account/language");
        if (acceptLanguage is not null)
        {
            request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(acceptLanguage));
        }

        using var response = await client.SendAsync(request, Cancel);
        return await HttpAssert.JsonAsync(response);
    }

    private static List<string> CultureCookieOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? [.. cookies.Where(c => c.StartsWith(CultureCookie + "=", StringComparison.Ordinal))]
            : [];
}

[Trait("Provider", "Sqlite")]
public sealed class LanguageSettingTestsOnSqlite(SqliteApp app) : LanguageSettingTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class LanguageSettingTestsOnPostgres(PostgresApp app) : LanguageSettingTests(app), IClassFixture<PostgresApp>;
