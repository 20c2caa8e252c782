using Touchpoint.Features.Work;
using Touchpoint.Tests.Api;

namespace Touchpoint.Tests.Scenarios;

/// <summary>
/// S2-3 through /api/queues and /api/cases: work owned by a team queue waits for one of its members to pick it up, its
/// lead answers for it meanwhile, and only queues that are set up can be named.
/// </summary>
public abstract class QueueScenarios(TouchpointApp app) : ApiTestBase(app)
{
    [Fact]
    public async Task S2_3_a_case_in_a_queue_is_listed_to_its_members_and_picked_up_by_one_of_them_who_owns_it_from_then_on()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        using var store = await App.CreateClientAsAsync("store");
        using var lead = await App.CreateClientAsAsync("lead");
        var agentId = await UserIdAsync("agent");
        var customerId = await CreateCustomerAsync(store);

        using var created = await store.PostAsJsonAsync("/api/cases",
            new { customerId, type = "complaint", channel = "store", need = "Cancel my line; the store cannot", queue = "Customer-Service" }, Cancel);
        var queued = await HttpAssert.JsonAsync(created, HttpStatusCode.Created);
        var id = queued.GetProperty("id").GetString()!;
        var owner = queued.GetProperty("owner");
        Assert.Equal(("queue", "customer-service", "Customer service"), (owner.GetProperty("kind").GetString(), owner.GetProperty("id").GetString(), owner.GetProperty("name").GetString()));

        var waiting = await App.WithDbContextAsync(db => WorkViews.MyWorkAsync(db, agentId, Cancel));
        Assert.Equal("Customer service", Assert.Single(waiting.Waiting, i => i.Id.ToString() == id).WaitingIn);
        var storeWork = await App.WithDbContextAsync(db => WorkViews.MyWorkAsync(db, db.Users.Single(u => u.UserName == "store").Id, Cancel));
        Assert.DoesNotContain(storeWork.Waiting, i => i.Id.ToString() == id);

        using (var notMember = await store.PostAsync($"/api/cases/{id}/claim", null, Cancel))
        {
            await HttpAssert.ProblemAsync(notMember, HttpStatusCode.Forbidden);
        }

        using (var claimed = await agent.PostAsync($"/api/cases/{id}/claim", null, Cancel))
        {
            var mine = await HttpAssert.JsonAsync(claimed);
            Assert.Equal(("user", agentId), (mine.GetProperty("owner").GetProperty("kind").GetString(), mine.GetProperty("owner").GetProperty("id").GetString()));
            // Picking a case up from a queue is its first real owner, not a customer passed on.
            Assert.Equal(0, mine.GetProperty("handoffs").GetInt32());
        }

        using (var again = await lead.PostAsync($"/api/cases/{id}/claim", null, Cancel))
        {
            Assert.Contains("not waiting in a queue", (await HttpAssert.ProblemAsync(again, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        var afterClaim = await App.WithDbContextAsync(db => WorkViews.MyWorkAsync(db, agentId, Cancel));
        Assert.Contains(afterClaim.Items, i => i.Id.ToString() == id);
        Assert.DoesNotContain(afterClaim.Waiting, i => i.Id.ToString() == id);
    }

    [Fact]
    public async Task A_case_goes_only_to_a_queue_that_is_set_up_and_the_error_names_the_queues_there_are()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var customerId = await CreateCustomerAsync(agent);
        using var unknown = await agent.PostAsJsonAsync("/api/cases", new { customerId, type = "complaint", channel = "phone", need = "x", queue = "complaints" }, Cancel);
        var problem = await HttpAssert.ValidationProblemAsync(unknown, "queue");
        Assert.Contains("There is no queue 'complaints'", problem.GetProperty("errors").GetProperty("queue")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("customer-service", problem.GetProperty("errors").GetProperty("queue")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_team_lead_sets_up_a_queue_with_a_lead_and_members_and_every_mistake_is_named_on_its_field()
    {
        using var lead = await App.CreateClientAsAsync("lead");
        using var agent = await App.CreateClientAsAsync("agent");
        var (leadId, agentId, partnerId) = (await UserIdAsync("lead"), await UserIdAsync("agent"), await UserIdAsync("partner"));
        var id = $"retention-{Guid.NewGuid():N}"[..20];

        using (var notLead = await agent.PostAsJsonAsync("/api/queues", new { id, name = "Retention", leadUserId = leadId }, Cancel))
        {
            Assert.Equal(HttpStatusCode.Forbidden, notLead.StatusCode);
        }

        foreach (var (body, field) in new (object Body, string Field)[]
                 {
                     (new { id = "no spaces here", name = "Retention", leadUserId = leadId }, "id"),
                     (new { id, name = " ", leadUserId = leadId }, "name"),
                     (new { id, name = "Customer service", leadUserId = leadId }, "name"),
                     (new { id, name = $"Retention {id}", leadUserId = agentId }, "leadUserId"),
                     (new { id, name = $"Retention {id}", leadUserId = leadId, memberIds = new[] { agentId, partnerId } }, "memberIds[1]"),
                 })
        {
            using var refused = await lead.PostAsJsonAsync("/api/queues", body, Cancel);
            await HttpAssert.ValidationProblemAsync(refused, field);
        }

        using var created = await lead.PostAsJsonAsync("/api/queues", new { id, name = $"Retention {id}", leadUserId = leadId, memberIds = new[] { agentId, agentId } }, Cancel);
        var queue = await HttpAssert.JsonAsync(created, HttpStatusCode.Created);
        Assert.Equal(("Lars Lead", agentId), (queue.GetProperty("lead").GetProperty("name").GetString(), Assert.Single(queue.GetProperty("members").EnumerateArray()).GetProperty("id").GetString()));

        using (var twice = await lead.PostAsJsonAsync("/api/queues", new { id, name = "Another name", leadUserId = leadId }, Cancel))
        {
            await HttpAssert.ProblemAsync(twice, HttpStatusCode.Conflict);
        }

        // Work waiting in the queue follows it: renamed, it is owned under the new name; led by someone else, they answer for it.
        var customerId = await CreateCustomerAsync(agent);
        using var queuedCase = await agent.PostAsJsonAsync("/api/cases", new { customerId, type = "request", channel = "phone", need = "Keep me as a customer", queue = id }, Cancel);
        var caseId = (await HttpAssert.JsonAsync(queuedCase, HttpStatusCode.Created)).GetProperty("id").GetString();
        using var queuedPromise = await agent.PostAsJsonAsync("/api/promises",
            new { customerId, kind = "callback", dueAt = App.UtcNow.AddHours(2), ownerQueue = id, description = "Retention calls back with an offer" }, Cancel);
        var promiseId = (await HttpAssert.JsonAsync(queuedPromise, HttpStatusCode.Created)).GetProperty("id").GetString();
        var adminId = await UserIdAsync("admin");
        using (var renamed = await lead.PutAsJsonAsync($"/api/queues/{id}", new { name = $"Keep customers {id}", leadUserId = adminId, memberIds = Array.Empty<string>() }, Cancel))
        {
            var view = await HttpAssert.JsonAsync(renamed);
            Assert.Equal(($"Keep customers {id}", 0), (view.GetProperty("name").GetString(), view.GetProperty("members").GetArrayLength()));
        }

        using (var movedCase = await agent.GetAsync($"/api/cases/{caseId}", Cancel))
        {
            Assert.Equal($"Keep customers {id}", (await HttpAssert.JsonAsync(movedCase)).GetProperty("owner").GetProperty("name").GetString());
        }

        using (var movedPromise = await agent.GetAsync($"/api/promises/{promiseId}", Cancel))
        {
            Assert.Equal(adminId, (await HttpAssert.JsonAsync(movedPromise)).GetProperty("ownerUserId").GetString());
        }

        Assert.Equal(adminId, await App.WithDbContextAsync(db => Task.FromResult(db.Cases.Single(c => c.Id == Guid.Parse(caseId!)).AccountableUserId)));

        using (var newId = await lead.PutAsJsonAsync($"/api/queues/{id}", new { id = "other", name = "Keep customers", leadUserId = adminId }, Cancel))
        {
            await HttpAssert.ValidationProblemAsync(newId, "id");
        }

        using var list = await agent.GetAsync("/api/queues", Cancel);
        Assert.Contains((await HttpAssert.JsonAsync(list)).EnumerateArray(), q => q.GetProperty("id").GetString() == id);
        using var missing = await agent.GetAsync("/api/queues/no-such-queue", Cancel);
        await HttpAssert.ProblemAsync(missing, HttpStatusCode.NotFound);
    }

    private async Task<string> UserIdAsync(string userName) =>
        await App.WithDbContextAsync(db => Task.FromResult(db.Users.Single(u => u.UserName == userName).Id));

    private static async Task<string> CreateCustomerAsync(HttpClient client)
    {
        using var response = await client.PostAsJsonAsync("/api/customers",
            new { name = "Queue Customer", jurisdiction = "SE", identities = new[] { new { kind = "email", value = $"queue.{Guid.NewGuid():N}@example.com" } } }, Cancel);
        return (await HttpAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }
}

[Trait("Provider", "Sqlite")]
public sealed class QueueScenariosOnSqlite(SqliteApp app) : QueueScenarios(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class QueueScenariosOnPostgres(PostgresApp app) : QueueScenarios(app), IClassFixture<PostgresApp>;
