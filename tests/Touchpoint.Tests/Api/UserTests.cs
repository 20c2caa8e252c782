using Microsoft.EntityFrameworkCore;

namespace Touchpoint.Tests.Api;

/// <summary>POST/GET /api/users: creation, its checks, and lookups.</summary>
public abstract class UserTests(TouchpointApp app) : ApiTestBase(app)
{
    private const string GoodPassword = "long-enough-password";

    [Fact]
    public async Task Admin_creates_a_user_who_can_then_sign_in()
    {
        using var admin = await App.CreateAdminClientAsync();
        var userName = UniqueUserName("anna");

        using var response = await admin.PostAsJsonAsync("/api/users", new { userName, displayName = "Anna Second", password = GoodPassword, role = "TeamLead" }, Cancel);

        var created = await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString();
        Assert.Equal($"/api/users/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(userName, created.GetProperty("userName").GetString());
        Assert.Equal("Anna Second", created.GetProperty("displayName").GetString());
        Assert.Equal(["TeamLead"], created.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.False(created.GetProperty("lockedOut").GetBoolean());

        using var client = await App.CreateClientAsAsync(userName, GoodPassword);
        using var me = await client.GetAsync("/api/me", Cancel);
        var self = await HttpAssert.JsonAsync(me);
        Assert.Equal(id, self.GetProperty("id").GetString());
        Assert.Equal(["TeamLead"], self.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task A_partner_agent_is_created_with_their_agency()
    {
        using var admin = await App.CreateAdminClientAsync();
        using var agencies = await admin.GetAsync("/api/partner-agencies", Cancel);
        var vendator = (await HttpAssert.JsonAsync(agencies)).EnumerateArray().Single(a => a.GetProperty("name").GetString() == "Vendator");
        var agencyId = vendator.GetProperty("id").GetGuid();

        using var response = await admin.PostAsJsonAsync("/api/users", new { userName = UniqueUserName("pa"), password = GoodPassword, role = "PartnerAgent", partnerAgencyId = agencyId }, Cancel);

        var created = await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
        Assert.Equal(agencyId, created.GetProperty("partnerAgencyId").GetGuid());
        Assert.Equal("Vendator", created.GetProperty("partnerAgency").GetString());
        Assert.Equal(["PartnerAgent"], created.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Theory]
    [InlineData("agent")]
    [InlineData("AGENT")]
    public async Task A_taken_user_name_is_409_problem_details_whatever_its_case(string userName)
    {
        using var admin = await App.CreateAdminClientAsync();

        using var response = await admin.PostAsJsonAsync("/api/users", new { userName, password = GoodPassword, role = "Agent" }, Cancel);

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Contains(userName, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("existingId").GetString()));
    }

    [Theory]
    [InlineData("Root")]
    [InlineData("agent")]
    public async Task An_unknown_role_is_400_naming_role(string role)
    {
        using var admin = await App.CreateAdminClientAsync();

        using var response = await admin.PostAsJsonAsync("/api/users", new { userName = UniqueUserName(), password = GoodPassword, role }, Cancel);

        await HttpAssert.ValidationProblemAsync(response, "role");
    }

    [Fact]
    public async Task Names_longer_than_their_columns_are_400_on_every_provider()
    {
        using var admin = await App.CreateAdminClientAsync();

        using var longDisplay = await admin.PostAsJsonAsync("/api/users",
            new { userName = UniqueUserName(), displayName = new string('d', 201), password = GoodPassword, role = "Agent" }, Cancel);
        await HttpAssert.ValidationProblemAsync(longDisplay, "displayName");
        using var longUser = await admin.PostAsJsonAsync("/api/users",
            new { userName = new string('u', 257), password = GoodPassword, role = "Agent" }, Cancel);
        await HttpAssert.ValidationProblemAsync(longUser, "userName");
    }

    [Fact]
    public async Task A_partner_agent_without_an_agency_is_400_naming_partnerAgencyId()
    {
        using var admin = await App.CreateAdminClientAsync();

        using var response = await admin.PostAsJsonAsync("/api/users", new { userName = UniqueUserName(), password = GoodPassword, role = "PartnerAgent" }, Cancel);

        await HttpAssert.ValidationProblemAsync(response, "partnerAgencyId");
    }

    [Fact]
    public async Task A_partner_agent_of_an_unknown_agency_is_400_naming_partnerAgencyId()
    {
        using var admin = await App.CreateAdminClientAsync();

        using var response = await admin.PostAsJsonAsync("/api/users", new { userName = UniqueUserName(), password = GoodPassword, role = "PartnerAgent", partnerAgencyId = Guid.NewGuid() }, Cancel);

        await HttpAssert.ValidationProblemAsync(response, "partnerAgencyId");
    }

    [Fact]
    public async Task A_short_password_is_400_naming_password_and_leaves_no_user_behind()
    {
        using var admin = await App.CreateAdminClientAsync();
        var userName = UniqueUserName();

        using var response = await admin.PostAsJsonAsync("/api/users", new { userName, password = "short", role = "Agent" }, Cancel);

        await HttpAssert.ValidationProblemAsync(response, "password");
        await AssertNoUserNamedAsync(admin, userName);
        // The name is still free: the same request with a good password succeeds.
        using var retry = await admin.PostAsJsonAsync("/api/users", new { userName, password = GoodPassword, role = "Agent" }, Cancel);
        await HttpAssert.JsonAsync(retry, HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_user_name_Identity_rejects_is_400_naming_userName_and_leaves_no_user_behind()
    {
        using var admin = await App.CreateAdminClientAsync();
        var userName = $"has space {Guid.NewGuid():N}";

        using var response = await admin.PostAsJsonAsync("/api/users", new { userName, password = GoodPassword, role = "Agent" }, Cancel);

        await HttpAssert.ValidationProblemAsync(response, "userName");
        await AssertNoUserNamedAsync(admin, userName);
    }

    [Fact]
    public async Task A_missing_user_name_is_400_naming_userName()
    {
        using var admin = await App.CreateAdminClientAsync();

        using var response = await admin.PostAsJsonAsync("/api/users", new { password = GoodPassword, role = "Agent" }, Cancel);

        await HttpAssert.ValidationProblemAsync(response, "userName");
    }

    [Fact]
    public async Task An_unknown_user_id_is_404_problem_details()
    {
        using var admin = await App.CreateAdminClientAsync();

        using var response = await admin.GetAsync("/api/users/no-such-user", Cancel);

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("no-such-user", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_finds_users_by_user_name_or_display_name_and_pages()
    {
        using var admin = await App.CreateAdminClientAsync();

        using var byDisplayName = await admin.GetAsync("/api/users?search=lars", Cancel);
        using var firstPage = await admin.GetAsync("/api/users?limit=1", Cancel);

        var found = await HttpAssert.JsonAsync(byDisplayName);
        Assert.Equal(["lead"], found.EnumerateArray().Select(u => u.GetProperty("userName").GetString()));
        var page = await HttpAssert.JsonAsync(firstPage);
        Assert.Single(page.EnumerateArray());
        Assert.True(int.Parse(firstPage.Headers.GetValues("X-Total-Count").Single(), CultureInfo.InvariantCulture) >= 4);
    }

    [Fact]
    public async Task An_admin_says_where_a_user_meets_customers_and_their_promises_are_made_there_unless_they_say_otherwise()
    {
        using var admin = await App.CreateAdminClientAsync();
        var clerk = await CreateUserAsync();
        using (var unknown = await admin.PutAsJsonAsync($"/api/users/{clerk.Id}/channel", new { channel = "pigeon" }, Cancel))
        {
            await HttpAssert.ValidationProblemAsync(unknown, "channel");
        }

        using (var set = await admin.PutAsJsonAsync($"/api/users/{clerk.Id}/channel", new { channel = "store" }, Cancel))
        {
            Assert.Equal("store", (await HttpAssert.JsonAsync(set)).GetProperty("channel").GetString());
        }

        using var client = await App.CreateClientAsAsync(clerk.UserName, clerk.Password);
        using var customer = await client.PostAsJsonAsync("/api/customers",
            new { name = "Walk In", jurisdiction = "SE", identities = new[] { new { kind = "email", value = $"walk.{Guid.NewGuid():N}@example.com" } } }, Cancel);
        var customerId = (await HttpAssert.JsonAsync(customer, HttpStatusCode.Created)).GetProperty("id").GetString();
        using (var promised = await client.PostAsJsonAsync("/api/promises",
                   new { customerId, kind = "callback", dueAt = App.UtcNow.AddHours(1), description = "We call you back about the router" }, Cancel))
        {
            Assert.Equal("store", (await HttpAssert.JsonAsync(promised, HttpStatusCode.Created)).GetProperty("madeVia").GetString());
        }

        using (var cleared = await admin.PutAsJsonAsync($"/api/users/{clerk.Id}/channel", new { channel = (string?)null }, Cancel))
        {
            Assert.Equal(JsonValueKind.Null, (await HttpAssert.JsonAsync(cleared)).GetProperty("channel").ValueKind);
        }

        using var byPhone = await client.PostAsJsonAsync("/api/promises",
            new { customerId, kind = "callback", dueAt = App.UtcNow.AddHours(2), description = "We call you back about the invoice" }, Cancel);
        Assert.Equal("phone", (await HttpAssert.JsonAsync(byPhone, HttpStatusCode.Created)).GetProperty("madeVia").GetString());
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("offset=-1", "offset")]
    public async Task Out_of_range_paging_is_400_naming_the_parameter(string query, string field)
    {
        using var admin = await App.CreateAdminClientAsync();

        using var response = await admin.GetAsync($"/api/users?{query}", Cancel);

        await HttpAssert.ValidationProblemAsync(response, field);
    }

    private async Task AssertNoUserNamedAsync(HttpClient admin, string userName)
    {
        Assert.False(await App.WithDbContextAsync(db => db.Users.AnyAsync(u => u.UserName == userName, Cancel)), $"User {userName} was left in the database.");
        using var search = await admin.GetAsync($"/api/users?search={Uri.EscapeDataString(userName)}", Cancel);
        var users = await HttpAssert.JsonAsync(search);
        Assert.Empty(users.EnumerateArray());
        Assert.Equal("0", search.Headers.GetValues("X-Total-Count").Single());
    }
}

[Trait("Provider", "Sqlite")]
public sealed class UserTestsOnSqlite(SqliteApp app) : UserTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class UserTestsOnPostgres(PostgresApp app) : UserTests(app), IClassFixture<PostgresApp>;
