namespace Touchpoint.Tests.Api;

/// <summary>
/// The time zone a user reads and enters times in: chosen by the user (PUT /api/account/time-zone) or an admin
/// (PUT /api/users/{id}/time-zone), else their team lead's, else the home country's; an unknown zone is a 400 naming
/// timeZone, and every change is audited.
/// </summary>
public abstract class TimeZoneSettingTests(TouchpointApp app) : ApiTestBase(app)
{
    [Fact]
    public async Task A_user_who_chose_nothing_reads_times_in_the_home_countrys_zone_and_then_in_the_one_they_choose()
    {
        var user = await CreateUserAsync();
        using var client = await App.CreateClientAsAsync(user.UserName, user.Password);

        using (var before = await client.GetAsync("/api/account/time-zone", Cancel))
        {
            var zone = await HttpAssert.JsonAsync(before);
            Assert.Equal(JsonValueKind.Null, zone.GetProperty("timeZone").ValueKind);
            Assert.Equal("Europe/Stockholm", zone.GetProperty("shownIn").GetString());
            Assert.Equal("Stockholm time", zone.GetProperty("shownAs").GetString());
        }

        using var chosen = await client.PutAsJsonAsync("/api/account/time-zone", new { timeZone = "Europe/Helsinki" }, Cancel);

        var after = await HttpAssert.JsonAsync(chosen);
        Assert.Equal("Europe/Helsinki", after.GetProperty("timeZone").GetString());
        Assert.Equal("Helsinki time", after.GetProperty("shownAs").GetString());
        using var me = await client.GetAsync("/api/me", Cancel);
        Assert.Equal("Europe/Helsinki", (await HttpAssert.JsonAsync(me)).GetProperty("timeZone").GetString());
        var change = Assert.Single((await AuditAsync($"entityType=TouchpointUser&entityId={user.Id}&action=Updated"))
            .SelectMany(e => e.GetProperty("changes").EnumerateArray()), c => c.GetProperty("field").GetString() == "TimeZone");
        Assert.Equal("Europe/Helsinki", change.GetProperty("new").GetString());
    }

    [Fact]
    public async Task A_user_who_chose_nothing_follows_their_team_lead_until_they_choose_and_null_follows_again()
    {
        var lead = await CreateUserAsync("TeamLead");
        var member = await CreateUserAsync();
        using var admin = await App.CreateAdminClientAsync();
        using (var team = await admin.PutAsJsonAsync($"/api/users/{member.Id}/team-lead", new { teamLeadId = lead.Id }, Cancel))
        {
            await HttpAssert.JsonAsync(team);
        }

        using (var leads = await admin.PutAsJsonAsync($"/api/users/{lead.Id}/time-zone", new { timeZone = "Europe/Oslo" }, Cancel))
        {
            Assert.Equal("Europe/Oslo", (await HttpAssert.JsonAsync(leads)).GetProperty("timeZone").GetString());
        }

        using var client = await App.CreateClientAsAsync(member.UserName, member.Password);
        Assert.Equal("Europe/Oslo", await ShownInAsync(client));

        using (var own = await client.PutAsJsonAsync("/api/account/time-zone", new { timeZone = "America/New_York" }, Cancel))
        {
            Assert.Equal("America/New_York", (await HttpAssert.JsonAsync(own)).GetProperty("shownIn").GetString());
        }

        using var cleared = await client.PutAsJsonAsync("/api/account/time-zone", new { timeZone = (string?)null }, Cancel);
        var followsAgain = await HttpAssert.JsonAsync(cleared);
        Assert.Equal(JsonValueKind.Null, followsAgain.GetProperty("timeZone").ValueKind);
        Assert.Equal("Europe/Oslo", followsAgain.GetProperty("shownIn").GetString());
    }

    [Theory]
    [InlineData("Europe/Atlantis")]
    [InlineData("W. Europe Standard Time")]
    [InlineData("")]
    [InlineData("europe/stockholm")]
    public async Task An_unknown_zone_is_a_400_naming_timeZone_and_changes_nothing(string zone)
    {
        var user = await CreateUserAsync();
        using var client = await App.CreateClientAsAsync(user.UserName, user.Password);
        using var admin = await App.CreateAdminClientAsync();

        using var own = await client.PutAsJsonAsync("/api/account/time-zone", new { timeZone = zone }, Cancel);
        using var byAdmin = await admin.PutAsJsonAsync($"/api/users/{user.Id}/time-zone", new { timeZone = zone }, Cancel);

        await HttpAssert.ValidationProblemAsync(own, "timeZone");
        await HttpAssert.ValidationProblemAsync(byAdmin, "timeZone");
        Assert.Equal("Europe/Stockholm", await ShownInAsync(client));
    }

    [Fact]
    public async Task Only_an_admin_sets_another_users_zone_and_an_unknown_user_is_404()
    {
        var user = await CreateUserAsync();
        using var agent = await App.CreateClientAsAsync("agent");
        using var admin = await App.CreateAdminClientAsync();

        using var forbidden = await agent.PutAsJsonAsync($"/api/users/{user.Id}/time-zone", new { timeZone = "Europe/Oslo" }, Cancel);
        using var missing = await admin.PutAsJsonAsync("/api/users/no-such-user/time-zone", new { timeZone = "Europe/Oslo" }, Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        await HttpAssert.ProblemAsync(missing, HttpStatusCode.NotFound);
    }

    private static async Task<string?> ShownInAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/account/time-zone", Cancel);
        return (await HttpAssert.JsonAsync(response)).GetProperty("shownIn").GetString();
    }
}

[Trait("Provider", "Sqlite")]
public sealed class TimeZoneSettingTestsOnSqlite(SqliteApp app) : TimeZoneSettingTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class TimeZoneSettingTestsOnPostgres(PostgresApp app) : TimeZoneSettingTests(app), IClassFixture<PostgresApp>;
