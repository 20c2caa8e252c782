using Touchpoint.Tests.Api;

namespace Touchpoint.Tests.Scenarios;

/// <summary>
/// One owner means one owner (issue 26): only whoever owns a case, their team lead or an admin moves its status,
/// answers its questions, sets its need or calls off its promises. Anyone else is told whose it is (403) and may
/// still add to it: a question the customer asked, a contact.
/// </summary>
public abstract class OneOwnerScenarios(TouchpointApp app) : ApiTestBase(app)
{
    [Fact]
    public async Task Another_agent_cannot_resolve_a_case_they_do_not_own()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        using var store = await App.CreateClientAsAsync("store");
        var created = await CreateCaseAsync(agent, "My invoice charges a plan I never ordered", questions: ["Who ordered the plan?"]);
        var id = created.GetProperty("id").GetString()!;
        var questionId = created.GetProperty("questions")[0].GetProperty("id").GetString()!;
        var owned = $"Case {created.GetProperty("reference").GetString()} is owned by Anna Agent; ask for a handoff.";

        // A store clerk whom the customer happens to meet.
        using var resolve = await PostAsync(store, $"/api/cases/{id}/status", new { status = "resolved" });
        using var answer = await PostAsync(store, $"/api/cases/{id}/questions/{questionId}/answer", new { answer = "Nobody; a mistake." });
        using var need = await store.PutAsJsonAsync($"/api/cases/{id}/need", new { resolved = true }, Cancel);
        using var pending = await PostAsync(store, $"/api/cases/{id}/status", new { status = "pending", reason = "Waiting for the customer" });

        foreach (var refused in new[] { resolve, answer, need, pending })
        {
            Assert.Equal(owned, (await HttpAssert.ProblemAsync(refused, HttpStatusCode.Forbidden)).GetProperty("detail").GetString());
        }

        // The clerk may still record what the customer asked them.
        using var asked = await PostAsync(store, $"/api/cases/{id}/questions", new { text = "Will the charge be refunded?" });
        await HttpAssert.JsonAsync(asked, HttpStatusCode.Created);

        var unchanged = await GetCaseAsync(agent, id);
        Assert.Equal("acknowledged", unchanged.GetProperty("status").GetString());
        Assert.False(unchanged.GetProperty("need").GetProperty("resolved").GetBoolean());
        Assert.All(unchanged.GetProperty("questions").EnumerateArray(), q => Assert.Equal(JsonValueKind.Null, q.GetProperty("answer").ValueKind));
    }

    [Fact]
    public async Task The_owners_team_lead_and_an_admin_may_decide_for_the_owner()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        using var lead = await App.CreateClientAsAsync("lead");
        using var admin = await App.CreateAdminClientAsync();
        var id = (await CreateCaseAsync(agent, "The router keeps restarting")).GetProperty("id").GetString()!;

        using (var needMet = await lead.PutAsJsonAsync($"/api/cases/{id}/need", new { resolved = true }, Cancel))
        {
            await HttpAssert.JsonAsync(needMet);
        }

        using var resolved = await PostAsync(admin, $"/api/cases/{id}/status", new { status = "resolved" });
        Assert.Equal("resolved", (await HttpAssert.JsonAsync(resolved)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Work_waiting_in_a_queue_is_the_queue_leads_until_a_member_picks_it_up()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        using var lead = await App.CreateClientAsAsync("lead");
        var queued = await CreateCaseAsync(agent, "Internet down at home", queue: "network-faults");
        var id = queued.GetProperty("id").GetString()!;

        using var memberBeforeClaiming = await PostAsync(agent, $"/api/cases/{id}/status", new { status = "inProgress" });
        Assert.Equal(
            $"Case {queued.GetProperty("reference").GetString()} is owned by the Network faults queue; ask for a handoff.",
            (await HttpAssert.ProblemAsync(memberBeforeClaiming, HttpStatusCode.Forbidden)).GetProperty("detail").GetString());
        using (var byTheQueuesLead = await PostAsync(lead, $"/api/cases/{id}/status", new { status = "inProgress" }))
        {
            await HttpAssert.JsonAsync(byTheQueuesLead);
        }

        using (var claimed = await PostAsync(agent, $"/api/cases/{id}/claim", new { }))
        {
            await HttpAssert.JsonAsync(claimed);
        }

        using var byTheNewOwner = await agent.PutAsJsonAsync($"/api/cases/{id}/need", new { resolved = true }, Cancel);
        await HttpAssert.JsonAsync(byTheNewOwner);
    }

    [Fact]
    public async Task Only_whoever_must_keep_a_promise_calls_it_off()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        using var store = await App.CreateClientAsAsync("store");
        var customerId = await CreateCustomerAsync(agent);
        using var made = await PostAsync(agent, "/api/promises",
            new { customerId, kind = "callback", dueAt = App.UtcNow.AddHours(2), madeVia = "phone", description = "a call back about the invoice" });
        var promiseId = (await HttpAssert.JsonAsync(made, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var withdrawal = new { toldVia = "sms", text = "We cannot call today; we will write instead." };

        using var byAnother = await PostAsync(store, $"/api/promises/{promiseId}/withdraw", withdrawal);
        Assert.Equal("The promise is owned by Anna Agent; ask for a handoff.",
            (await HttpAssert.ProblemAsync(byAnother, HttpStatusCode.Forbidden)).GetProperty("detail").GetString());

        using var byTheOwner = await PostAsync(agent, $"/api/promises/{promiseId}/withdraw", withdrawal);
        Assert.Equal("withdrawn", (await HttpAssert.JsonAsync(byTheOwner)).GetProperty("state").GetString());
    }

    private static async Task<JsonElement> CreateCaseAsync(HttpClient owner, string need, string[]? questions = null, string? queue = null)
    {
        var customerId = await CreateCustomerAsync(owner);
        using var response = await PostAsync(owner, "/api/cases", new { customerId, type = "complaint", channel = "phone", need, questions, queue });
        return await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
    }

    private static async Task<string> CreateCustomerAsync(HttpClient client)
    {
        using var response = await PostAsync(client, "/api/customers", new
        {
            name = "One Owner Customer",
            jurisdiction = "SE",
            identities = new[] { new { kind = "email", value = $"owner.{Guid.NewGuid():N}@example.com" } },
        });
        return (await HttpAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement> GetCaseAsync(HttpClient client, string id)
    {
        using var response = await client.GetAsync($"/api/cases/{id}", Cancel);
        return await HttpAssert.JsonAsync(response);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body) => client.PostAsJsonAsync(path, body, Cancel);
}

[Trait("Provider", "Sqlite")]
public sealed class OneOwnerScenariosOnSqlite(SqliteApp app) : OneOwnerScenarios(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class OneOwnerScenariosOnPostgres(PostgresApp app) : OneOwnerScenarios(app), IClassFixture<PostgresApp>;
