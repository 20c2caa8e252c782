using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Features.Work;
using Touchpoint.Tests.Api;

namespace Touchpoint.Tests.Scenarios;

/// <summary>
/// Reopened cases count (S1-3): Henrik's renewal was "solved", then another port-in form came. The resolved case is
/// reopened, not replaced: it keeps its owner and history, counts the reopening, and the effort figures show it —
/// on the case, in its list, and in the team's first-contact resolution, which a reopened case never counts for.
/// </summary>
public abstract class CaseReopenScenarios(TouchpointApp app) : ApiTestBase(app)
{
    private const string NotSolved = "Another power of attorney to port his number arrived today";

    [Fact]
    public async Task S1_3_a_reopened_case_keeps_its_owner_and_history_counts_the_reopening_and_is_no_first_contact_resolution()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        using var store = await App.CreateClientAsAsync("store");
        var agentId = await UserIdAsync("agent");
        var customerId = await CreateCustomerAsync(agent);
        var created = await CreateCaseAsync(agent, customerId, "Renew on the offer he was sent, without leaving");
        var (id, reference) = (created.GetProperty("id").GetString()!, created.GetProperty("reference").GetString()!);
        await CallAsync(agent, customerId, reference);
        var resolved = await ResolveAsync(agent, id);
        Assert.Equal(0, resolved.GetProperty("reopenCount").GetInt32());
        Assert.True(resolved.GetProperty("effort").GetProperty("firstContactResolution").GetBoolean());

        using (var noReason = await PostAsync(store, $"/api/cases/{id}/reopen", new { reason = " " }))
        {
            await HttpAssert.ValidationProblemAsync(noReason, "reason");
        }

        // Henrik calls the store: the case is Anna's, so the clerk may not reopen it and is told whose it is (issue 26);
        // Anna's team lead reopens it for her, it stays Anna's, and Anna is told.
        using (var byTheClerk = await PostAsync(store, $"/api/cases/{id}/reopen", new { reason = NotSolved }))
        {
            Assert.Equal($"Case {reference} is owned by Anna Agent; ask for a handoff.",
                (await HttpAssert.ProblemAsync(byTheClerk, HttpStatusCode.Forbidden)).GetProperty("detail").GetString());
        }

        using var lead = await App.CreateClientAsAsync("lead");
        using var reopened = await PostAsync(lead, $"/api/cases/{id}/reopen", new { reason = NotSolved });
        var again = await HttpAssert.JsonAsync(reopened);
        Assert.Equal("inProgress", again.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, again.GetProperty("resolvedAt").ValueKind);
        Assert.Equal(agentId, again.GetProperty("owner").GetProperty("id").GetString());
        Assert.Single(again.GetProperty("ownerHistory").EnumerateArray());
        Assert.Equal(1, again.GetProperty("reopenCount").GetInt32());
        var effort = again.GetProperty("effort");
        Assert.Equal((1, false), (effort.GetProperty("reopenings").GetInt32(), effort.GetProperty("firstContactResolution").GetBoolean()));
        Assert.Equal(1, effort.GetProperty("contacts").GetInt32());

        var history = again.GetProperty("timeline").EnumerateArray().Select(e => (Title: e.GetProperty("title").GetString()!, Detail: e.GetProperty("detail").GetString())).ToList();
        Assert.Contains(history, e => e.Title == $"Case {reference}: reopened (resolved → inProgress), reopening 1" && e.Detail == NotSolved);
        Assert.Contains(history, e => e.Title.StartsWith($"Case {reference}: opened", StringComparison.Ordinal));
        Assert.Contains(history, e => e.Title == $"Case {reference}: acknowledged → resolved");
        var told = Assert.Single(await InboxAsync(agent), n => n.GetProperty("kind").GetString() == "caseReopened" && n.GetProperty("title").GetString()!.Contains(reference, StringComparison.Ordinal));
        Assert.Equal($"{reference} reopened by Lars Lead", told.GetProperty("title").GetString());
        Assert.Contains(NotSolved, told.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Resolved again and reopened as a plain status change by the owner: counted the same, nobody else to tell.
        await ResolveAsync(agent, id);
        using (var moved = await PostAsync(agent, $"/api/cases/{id}/status", new { status = "inProgress", reason = "Still a port-in form" }))
        {
            Assert.Equal(2, (await HttpAssert.JsonAsync(moved)).GetProperty("reopenCount").GetInt32());
        }

        Assert.Single(await InboxAsync(agent), n => n.GetProperty("kind").GetString() == "caseReopened" && n.GetProperty("title").GetString()!.Contains(reference, StringComparison.Ordinal));
        using var listed = await agent.GetAsync($"/api/cases?customerId={customerId}", Cancel);
        Assert.Equal(2, Assert.Single((await HttpAssert.JsonAsync(listed)).EnumerateArray()).GetProperty("reopenCount").GetInt32());

        // Once closed, it is final: a new problem is a new case.
        await ResolveAsync(agent, id);
        using (var close = await PostAsync(agent, $"/api/cases/{id}/status", new { status = "closed" }))
        {
            var closed = await HttpAssert.JsonAsync(close);
            Assert.NotEqual(JsonValueKind.Null, closed.GetProperty("resolvedAt").ValueKind);
            Assert.False(closed.GetProperty("effort").GetProperty("firstContactResolution").GetBoolean());
        }

        using var final = await PostAsync(agent, $"/api/cases/{id}/reopen", new { reason = NotSolved });
        var problem = await HttpAssert.ProblemAsync(final, HttpStatusCode.Conflict);
        Assert.Equal("A case that is closed cannot be reopened: closed is final, so a new problem is a new case.", problem.GetProperty("detail").GetString());
        Assert.Equal(2, (await GetCaseAsync(agent, id)).GetProperty("reopenCount").GetInt32());
    }

    [Fact]
    public async Task Only_a_resolved_case_is_reopened_and_an_unknown_case_is_a_404()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var id = (await CreateCaseAsync(agent, await CreateCustomerAsync(agent), "A paper invoice")).GetProperty("id").GetString()!;

        using var open = await PostAsync(agent, $"/api/cases/{id}/reopen", new { reason = NotSolved });
        var problem = await HttpAssert.ProblemAsync(open, HttpStatusCode.Conflict);
        Assert.Equal("A case that is acknowledged is not resolved, so there is nothing to reopen: it is still being worked on.", problem.GetProperty("detail").GetString());
        Assert.Equal("acknowledged", problem.GetProperty("caseStatus").GetString());
        Assert.Equal(0, (await GetCaseAsync(agent, id)).GetProperty("reopenCount").GetInt32());

        using var unknown = await PostAsync(agent, $"/api/cases/{Guid.NewGuid()}/reopen", new { reason = NotSolved });
        await HttpAssert.ProblemAsync(unknown, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_TMF621_move_from_resolved_back_to_in_progress_is_counted_as_a_reopening()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var id = (await CreateCaseAsync(agent, await CreateCustomerAsync(agent), "Roaming charged at home")).GetProperty("id").GetString()!;
        await ResolveAsync(agent, id);

        using var content = new StringContent("""{"status":"inProgress","statusChangeReason":"Charged again this month"}""", Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/merge-patch+json");
        using var patched = await agent.PatchAsync($"/tmf-api/troubleTicket/v4/troubleTicket/{id}", content, Cancel);
        Assert.Equal("inProgress", (await HttpAssert.JsonAsync(patched)).GetProperty("status").GetString());

        Assert.Equal(1, (await GetCaseAsync(agent, id)).GetProperty("reopenCount").GetInt32());
    }

    [Fact]
    public async Task The_team_leads_effort_figures_show_reopened_cases_and_first_contact_resolution_excludes_them()
    {
        var lead = await CreateUserAsync("TeamLead");
        var member = await CreateUserAsync();
        using (var admin = await App.CreateAdminClientAsync())
        using (var set = await admin.PutAsJsonAsync($"/api/users/{member.Id}/team-lead", new { teamLeadId = lead.Id }, Cancel))
        {
            await HttpAssert.JsonAsync(set);
        }

        using var client = await App.CreateClientAsAsync(member.UserName, member.Password);
        var customerId = await CreateCustomerAsync(client);
        var once = await CreateCaseAsync(client, customerId, "Unlock the SIM");
        await CallAsync(client, customerId, once.GetProperty("reference").GetString()!);
        await ResolveAsync(client, once.GetProperty("id").GetString()!);

        var twice = (await CreateCaseAsync(client, customerId, "Stop the port-in forms")).GetProperty("id").GetString()!;
        await ResolveAsync(client, twice);
        using (var reopened = await PostAsync(client, $"/api/cases/{twice}/reopen", new { reason = NotSolved }))
        {
            await HttpAssert.JsonAsync(reopened);
        }

        await ResolveAsync(client, twice);
        await CreateCaseAsync(client, customerId, "Still open");

        var now = App.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var effort = (await App.WithDbContextAsync(db => WorkViews.TeamAsync(db, lead.Id, everyone: false, now, todayStartedAt: now.Date, Cancel))).Effort.Summary;

        Assert.Equal((3, 1, 1), (effort.Cases, effort.Reopened, effort.Reopenings));
        Assert.Equal((2, 1), (effort.Solved, effort.FirstContactResolutions));
        Assert.Equal(0.5, effort.FirstContactResolutionRate);
    }

    // ---- helpers ----

    private static async Task<JsonElement> ResolveAsync(HttpClient client, string id)
    {
        using (var need = await client.PutAsJsonAsync($"/api/cases/{id}/need", new { resolved = true }, Cancel))
        {
            await HttpAssert.JsonAsync(need);
        }

        using var resolved = await PostAsync(client, $"/api/cases/{id}/status", new { status = "resolved", rootCause = "processLimitation" });
        return await HttpAssert.JsonAsync(resolved);
    }

    private static async Task CallAsync(HttpClient client, string customerId, string caseRef)
    {
        using var call = await PostAsync(client, "/api/interactions",
            new { customerId, channel = "phone", direction = "inbound", reason = "About the renewal", caseRef });
        await HttpAssert.JsonAsync(call, HttpStatusCode.Created);
    }

    private static async Task<List<JsonElement>> InboxAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/inbox?limit=500", Cancel);
        return (await HttpAssert.JsonAsync(response)).GetProperty("items").EnumerateArray().ToList();
    }

    private static async Task<JsonElement> GetCaseAsync(HttpClient client, string id)
    {
        using var response = await client.GetAsync($"/api/cases/{id}", Cancel);
        return await HttpAssert.JsonAsync(response);
    }

    private static async Task<JsonElement> CreateCaseAsync(HttpClient client, string customerId, string need)
    {
        using var response = await PostAsync(client, "/api/cases", new { customerId, type = "complaint", channel = "phone", need });
        return await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
    }

    private static async Task<string> CreateCustomerAsync(HttpClient client)
    {
        using var response = await PostAsync(client, "/api/customers",
            new { name = "Henrik Genåbnet", jurisdiction = "DK", identities = new[] { new { kind = "email", value = $"reopen.{Guid.NewGuid():N}@example.com" } } });
        return (await HttpAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }

    private async Task<string> UserIdAsync(string userName) =>
        await App.WithDbContextAsync(db => Task.FromResult(db.Users.Single(u => u.UserName == userName).Id));

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body) => client.PostAsJsonAsync(path, body, Cancel);
}

[Trait("Provider", "Sqlite")]
public sealed class CaseReopenScenariosOnSqlite(SqliteApp app) : CaseReopenScenarios(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class CaseReopenScenariosOnPostgres(PostgresApp app) : CaseReopenScenarios(app), IClassFixture<PostgresApp>;
