using Microsoft.Extensions.Time.Testing;
using Touchpoint.Features.Work;

namespace Touchpoint.Tests.Scenarios;

/// <summary>
/// S4-2 replayed through the public API on a fake clock: a store clerk promises a callback from customer service
/// within 20 minutes. The app's watcher does the rest; the test moves time, runs the watcher as its timer would, and
/// reads what users see. Each test moves time, so each has an app of its own.
/// </summary>
public abstract class PromiseScenarios(PostgresServer postgres, Provider provider)
{
    /// <summary>Magnus Ek, the S4 customer in the demo data.</summary>
    private const string S4Msisdn = "+46707770404";

    private const string Callback = "callback from customer service within 20 minutes";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task S4_2_an_unkept_callback_warns_the_owner_at_15_minutes_and_at_20_alerts_the_lead_and_shows_broken_on_the_timeline()
    {
        await using var story = await Story.StartAsync(postgres, provider);
        var promiseId = await story.StorePromisesCallbackAsync();

        await story.AtAsync(15);
        var warning = Assert.NotNull(await story.InboxItemAsync(story.Agent, "promiseDueSoon"));
        Assert.Contains("Magnus Ek", warning.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Contains("due in 5 minutes", warning.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal($"/customers/{story.CustomerId}", warning.GetProperty("link").GetString());
        Assert.Null(await story.InboxItemAsync(story.Lead, "promiseBroken"));

        await story.AtAsync(20);
        var alert = Assert.NotNull(await story.InboxItemAsync(story.Lead, "promiseBroken"));
        Assert.Contains("Broken promise: callback for Magnus Ek", alert.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Contains(Callback, alert.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.NotNull(await story.InboxItemAsync(story.Agent, "promiseBroken"));

        var broken = Assert.Single(await story.PromiseTimelineAsync(), e => e.GetProperty("title").GetString()!.StartsWith("Promise broken", StringComparison.Ordinal));
        Assert.Equal($"Promise broken: {Callback}", broken.GetProperty("title").GetString());
        Assert.Equal(story.Start.AddMinutes(20), broken.GetProperty("at").GetDateTime().ToUniversalTime());
        Assert.Equal("broken", (await story.PromiseAsync(promiseId)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task S4_2_a_callback_logged_at_12_minutes_keeps_the_promise_and_nothing_breaks_at_20_but_the_customers_own_call_keeps_nothing()
    {
        await using var story = await Story.StartAsync(postgres, provider);
        var promiseId = await story.StorePromisesCallbackAsync();

        await story.AtAsync(8);
        await story.RecordCallAsync(story.Agent, "inbound", "Customer calls: where is my callback?");
        Assert.Equal("open", (await story.PromiseAsync(promiseId)).GetProperty("state").GetString());
        Assert.Equal(1, await story.OpenPromisesOnTheCustomerPageAsync());

        await story.AtAsync(12);
        var callback = await story.RecordCallAsync(story.Agent, "outbound", "Callback: cancellation done");
        var kept = await story.PromiseAsync(promiseId);
        Assert.Equal("kept", kept.GetProperty("state").GetString());
        Assert.Equal(callback, kept.GetProperty("fulfilledByInteractionId").GetString());
        Assert.Equal(story.Start.AddMinutes(12), kept.GetProperty("fulfilledAt").GetDateTime().ToUniversalTime());
        var timeline = await story.PromiseTimelineAsync();
        var keptEntry = Assert.Single(timeline, e => e.GetProperty("title").GetString() == $"Promise kept: {Callback}");
        Assert.Equal("Anna Agent", keptEntry.GetProperty("actorName").GetString());
        Assert.Equal(0, await story.OpenPromisesOnTheCustomerPageAsync());

        await story.AtAsync(20);
        Assert.Null(await story.InboxItemAsync(story.Lead, "promiseBroken"));
        Assert.Null(await story.InboxItemAsync(story.Agent, "promiseDueSoon"));
        Assert.DoesNotContain(await story.PromiseTimelineAsync(), e => e.GetProperty("title").GetString()!.StartsWith("Promise broken", StringComparison.Ordinal));
        Assert.Equal("kept", (await story.PromiseAsync(promiseId)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task S4_2_a_broken_callback_stays_owed_on_the_customer_page_the_customer_is_told_and_it_is_owed_until_made_good()
    {
        await using var story = await Story.StartAsync(postgres, provider);
        var promiseId = await story.StorePromisesCallbackAsync();

        await story.AtAsync(20);
        var broken = await story.PromiseAsync(promiseId);
        Assert.Equal(("broken", true), (broken.GetProperty("state").GetString(), broken.GetProperty("owed").GetBoolean()));
        Assert.Equal(1, await story.OpenPromisesOnTheCustomerPageAsync());

        // He hears it from us, at his own clock, not from his own waiting; the delivered notice keeps nothing.
        await story.AtAsync(21);
        var notice = Assert.Single(await story.MessagesAsync("promiseBroken"));
        Assert.Equal("completed", notice.GetProperty("state").GetString());
        var content = notice.GetProperty("content").GetString()!;
        // In his language: he is Swedish.
        Assert.Contains($"Vi lovade dig {Callback} senast ", content, StringComparison.Ordinal);
        Assert.Contains("(svensk tid)", content, StringComparison.Ordinal);
        Assert.Contains("Vi ringer dig så snart vi kan.", content, StringComparison.Ordinal);
        Assert.True((await story.PromiseAsync(promiseId)).GetProperty("owed").GetBoolean());

        // Later still owed; the callback finally made is what makes it good (kept late, still broken).
        await story.AtAsync(50);
        Assert.Equal(1, await story.OpenPromisesOnTheCustomerPageAsync());
        await story.RecordCallAsync(story.Agent, "outbound", "Callback at last: cancellation done");
        var madeGood = await story.PromiseAsync(promiseId);
        Assert.Equal(("broken", true, false), (madeGood.GetProperty("state").GetString(), madeGood.GetProperty("keptLate").GetBoolean(), madeGood.GetProperty("owed").GetBoolean()));
        Assert.Equal(0, await story.OpenPromisesOnTheCustomerPageAsync());
    }

    [Fact]
    public async Task S4_2_a_broken_promise_the_customer_agreed_to_let_go_is_settled_and_no_longer_owed_but_stays_broken()
    {
        await using var story = await Story.StartAsync(postgres, provider);
        var promiseId = await story.StorePromisesCallbackAsync();
        using (var early = await story.Agent.PostAsJsonAsync($"/api/promises/{promiseId}/settle", new { toldVia = "phone", text = "Call tomorrow instead." }, Cancel))
        {
            Assert.Contains("still open", (await HttpAssert.ProblemAsync(early, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        await story.AtAsync(30);
        using (var untold = await story.Agent.PostAsJsonAsync($"/api/promises/{promiseId}/settle", new { toldVia = "phone", text = " " }, Cancel))
        {
            await HttpAssert.ValidationProblemAsync(untold, "text");
        }

        using (var settled = await story.Agent.PostAsJsonAsync($"/api/promises/{promiseId}/settle",
                   new { toldVia = "phone", text = "He cancelled in the store after all and needs no call." }, Cancel))
        {
            var view = await HttpAssert.JsonAsync(settled);
            Assert.Equal(("broken", false, true), (view.GetProperty("state").GetString(), view.GetProperty("owed").GetBoolean(), view.GetProperty("settled").GetBoolean()));
        }

        Assert.Equal(0, await story.OpenPromisesOnTheCustomerPageAsync());
        Assert.Contains(await story.PromiseTimelineAsync(), e => e.GetProperty("title").GetString() == $"Broken promise settled: {Callback}");
        using var rates = await story.Lead.GetAsync($"/api/promises/kept-rates?from={story.Start.AddDays(-1):yyyy-MM-ddTHH:mm:ssZ}&to={story.Start.AddDays(1):yyyy-MM-ddTHH:mm:ssZ}", Cancel);
        Assert.True((await HttpAssert.JsonAsync(rates)).GetProperty("team").GetProperty("broken").GetInt32() >= 1);
    }

    [Fact]
    public async Task A_callback_about_a_line_the_customer_then_cancels_is_flagged_to_its_owner_to_keep_or_settle()
    {
        await using var story = await Story.StartAsync(postgres, provider);
        using var customer = await story.Agent.GetAsync($"/api/customers/{story.CustomerId}", Cancel);
        var line = (await HttpAssert.JsonAsync(customer)).GetProperty("subscriptions")[0].GetProperty("id").GetString();
        using (var made = await story.Agent.PostAsJsonAsync("/api/promises",
                   new { customerId = story.CustomerId, kind = "callback", dueAt = story.Start.AddHours(1), madeVia = "phone", description = "a call about the new mobile plan", subscriptionId = line }, Cancel))
        {
            await HttpAssert.JsonAsync(made, HttpStatusCode.Created);
        }

        Assert.Null(await story.InboxItemAsync(story.Agent, "promiseFlagged"));
        using (var cancelled = await story.Agent.PostAsJsonAsync($"/api/subscriptions/{line}/cancellation", new { channel = "phone" }, Cancel))
        {
            await HttpAssert.JsonAsync(cancelled, HttpStatusCode.Created);
        }

        var flag = Assert.NotNull(await story.InboxItemAsync(story.Agent, "promiseFlagged"));
        Assert.StartsWith("Check your promise: its subscription ends on ", flag.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Contains("a call about the new mobile plan", flag.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task S2_3_a_store_clerks_callback_owned_by_the_customer_service_queue_warns_its_lead_until_an_agent_picks_it_up()
    {
        await using var story = await Story.StartAsync(postgres, provider);
        var leadId = await Story.UserIdAsync(story.Lead);

        // The clerk names the queue, not a person, and says nothing of the channel: she promises in store.
        using var made = await story.Store.PostAsJsonAsync("/api/promises",
            new { customerId = story.CustomerId, kind = "callback", dueAt = story.Start.AddMinutes(20), ownerQueue = "customer-service", description = Callback }, Cancel);
        var promise = await HttpAssert.JsonAsync(made, HttpStatusCode.Created);
        var id = promise.GetProperty("id").GetString()!;
        Assert.Equal(("store", leadId), (promise.GetProperty("madeVia").GetString(), promise.GetProperty("ownerUserId").GetString()));
        Assert.Equal(("customer-service", "Customer service"),
            (promise.GetProperty("waitingIn").GetProperty("id").GetString(), promise.GetProperty("waitingIn").GetProperty("name").GetString()));
        var entry = Assert.Single(await story.PromiseTimelineAsync());
        Assert.Contains("the Customer service queue must keep it", entry.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Every member sees it waiting; the store clerk, who is no member, cannot take it.
        var waiting = await story.App.WithDbContextAsync(db => WorkViews.MyWorkAsync(db, story.AgentId, Cancel));
        Assert.Equal("Customer service", Assert.Single(waiting.Waiting, i => i.Id.ToString() == id).WaitingIn);
        Assert.DoesNotContain(waiting.Items, i => i.Id.ToString() == id);
        using (var notMember = await story.Store.PostAsync($"/api/promises/{id}/claim", null, Cancel))
        {
            await HttpAssert.ProblemAsync(notMember, HttpStatusCode.Forbidden);
        }

        // Unclaimed at 15 minutes: the queue's lead is warned, nobody else.
        await story.AtAsync(15);
        Assert.NotNull(await story.InboxItemAsync(story.Lead, "promiseDueSoon"));
        Assert.Null(await story.InboxItemAsync(story.Agent, "promiseDueSoon"));

        using (var claimed = await story.Agent.PostAsync($"/api/promises/{id}/claim", null, Cancel))
        {
            var mine = await HttpAssert.JsonAsync(claimed);
            Assert.Equal((story.AgentId, "Anna Agent"), (mine.GetProperty("ownerUserId").GetString(), mine.GetProperty("ownerName").GetString()));
            Assert.Equal(JsonValueKind.Null, mine.GetProperty("waitingIn").ValueKind);
        }

        using (var again = await story.Lead.PostAsync($"/api/promises/{id}/claim", null, Cancel))
        {
            await HttpAssert.ProblemAsync(again, HttpStatusCode.Conflict);
        }

        Assert.Contains(await story.PromiseTimelineAsync(),
            e => e.GetProperty("title").GetString() == $"Anna Agent picked up the promise from the Customer service queue: {Callback}");
        var afterClaim = await story.App.WithDbContextAsync(db => WorkViews.MyWorkAsync(db, story.AgentId, Cancel));
        Assert.Contains(afterClaim.Items, i => i.Id.ToString() == id);
        Assert.DoesNotContain(afterClaim.Waiting, i => i.Id.ToString() == id);

        // Once someone has it, a call from them keeps it.
        await story.AtAsync(18);
        await story.RecordCallAsync(story.Agent, "outbound", "Callback: cancellation done");
        Assert.Equal("kept", (await story.PromiseAsync(id)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task S2_3_a_callback_nobody_picked_up_from_its_queue_breaks_there_and_its_lead_is_alerted()
    {
        await using var story = await Story.StartAsync(postgres, provider);
        using var made = await story.Store.PostAsJsonAsync("/api/promises",
            new { customerId = story.CustomerId, kind = "callback", dueAt = story.Start.AddMinutes(20), ownerQueue = "customer-service", description = Callback }, Cancel);
        var id = (await HttpAssert.JsonAsync(made, HttpStatusCode.Created)).GetProperty("id").GetString()!;

        await story.AtAsync(20);

        Assert.NotNull(await story.InboxItemAsync(story.Lead, "promiseBroken"));
        Assert.Null(await story.InboxItemAsync(story.Agent, "promiseBroken"));
        var broken = Assert.Single(await story.PromiseTimelineAsync(), e => e.GetProperty("title").GetString()!.StartsWith("Promise broken", StringComparison.Ordinal));
        Assert.Contains("the Customer service queue was to keep it", broken.GetProperty("detail").GetString(), StringComparison.Ordinal);
        // Still owed, and still waiting for someone of the queue to make it good.
        var promise = await story.PromiseAsync(id);
        Assert.Equal(("broken", true, "customer-service"),
            (promise.GetProperty("state").GetString(), promise.GetProperty("owed").GetBoolean(), promise.GetProperty("waitingIn").GetProperty("id").GetString()));
    }

    [Fact]
    public async Task A_promise_names_a_queue_that_is_set_up_and_either_a_queue_or_a_person_as_owner()
    {
        await using var story = await Story.StartAsync(postgres, provider);
        using (var unknown = await story.Store.PostAsJsonAsync("/api/promises",
                   new { customerId = story.CustomerId, kind = "callback", dueAt = story.Start.AddMinutes(20), ownerQueue = "complaints", description = Callback }, Cancel))
        {
            var problem = await HttpAssert.ValidationProblemAsync(unknown, "ownerQueue");
            Assert.Contains("customer-service", problem.GetProperty("errors").GetProperty("ownerQueue")[0].GetString(), StringComparison.Ordinal);
        }

        using var both = await story.Store.PostAsJsonAsync("/api/promises",
            new { customerId = story.CustomerId, kind = "callback", dueAt = story.Start.AddMinutes(20), ownerQueue = "customer-service", ownerUserId = story.AgentId, description = Callback }, Cancel);
        await HttpAssert.ValidationProblemAsync(both, "ownerQueue");
        Assert.Equal(0, await story.OpenPromisesOnTheCustomerPageAsync());
    }

    /// <summary>One replay of S4-2: its own app on a fake clock, the three demo staff, and the S4 customer.</summary>
    private sealed class Story : IAsyncDisposable
    {
        private Story(TouchpointApp app, FakeTimeProvider clock, HttpClient store, HttpClient agent, HttpClient lead, string customerId, string agentId)
        {
            App = app;
            Clock = clock;
            Start = clock.GetUtcNow().UtcDateTime;
            Store = store;
            Agent = agent;
            Lead = lead;
            CustomerId = customerId;
            AgentId = agentId;
        }

        public TouchpointApp App { get; }
        public FakeTimeProvider Clock { get; }
        public DateTime Start { get; }
        public HttpClient Store { get; }
        public HttpClient Agent { get; }
        public HttpClient Lead { get; }
        public string CustomerId { get; }
        public string AgentId { get; }

        public static async Task<Story> StartAsync(PostgresServer postgres, Provider provider)
        {
            // Whole seconds, so times come back from either database exactly as sent.
            var clock = TestClocks.StartingNow();
            var app = await TouchpointApp.StartAsync(provider, postgres, clock: clock);
            var store = await app.CreateClientAsAsync("store");
            var agent = await app.CreateClientAsAsync("agent");
            var lead = await app.CreateClientAsAsync("lead");

            using var found = await store.GetAsync($"/api/customers?q={Uri.EscapeDataString(S4Msisdn)}", Cancel);
            var customerId = Assert.Single((await HttpAssert.JsonAsync(found)).EnumerateArray(), h => h.GetProperty("exactIdentityMatch").GetBoolean())
                .GetProperty("id").GetString()!;
            return new Story(app, clock, store, agent, lead, customerId, await UserIdAsync(agent));
        }

        public static async Task<string> UserIdAsync(HttpClient client)
        {
            using var me = await client.GetAsync("/api/me", Cancel);
            return (await HttpAssert.JsonAsync(me)).GetProperty("id").GetString()!;
        }

        /// <summary>At the store: the visit is recorded and the clerk promises a callback that customer service (Anna) owns.</summary>
        public async Task<string> StorePromisesCallbackAsync()
        {
            using (var visit = await Store.PostAsJsonAsync("/api/interactions",
                       new { customerId = CustomerId, channel = "store", direction = "inbound", reason = "Cancellation attempt", summary = "The store cannot cancel." }, Cancel))
            {
                await HttpAssert.JsonAsync(visit, HttpStatusCode.Created);
            }

            using var made = await Store.PostAsJsonAsync("/api/promises", new
            {
                customerId = CustomerId, kind = "callback", dueAt = Start.AddMinutes(20), ownerUserId = AgentId, madeVia = "store", description = Callback,
            }, Cancel);
            var promise = await HttpAssert.JsonAsync(made, HttpStatusCode.Created);
            Assert.Equal("open", promise.GetProperty("state").GetString());
            Assert.Equal("Sara Store", promise.GetProperty("madeByName").GetString());
            Assert.Equal("Anna Agent", promise.GetProperty("ownerName").GetString());

            var entry = Assert.Single(await PromiseTimelineAsync());
            Assert.Equal($"Sara Store promised in store: {Callback}", entry.GetProperty("title").GetString());
            return promise.GetProperty("id").GetString()!;
        }

        /// <summary>Moves the clock to <paramref name="minutes"/> after the promise was made (never backwards) and runs the watcher.</summary>
        public async Task AtAsync(int minutes)
        {
            var target = new DateTimeOffset(Start.AddMinutes(minutes));
            if (target > Clock.GetUtcNow())
            {
                Clock.SetUtcNow(target);
            }

            await App.RunDueWorkAsync();
        }

        /// <returns>The interaction's id.</returns>
        public async Task<string> RecordCallAsync(HttpClient client, string direction, string reason)
        {
            using var response = await client.PostAsJsonAsync("/api/interactions", new { customerId = CustomerId, channel = "phone", direction, reason }, Cancel);
            return (await HttpAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        }

        /// <summary>The open-promise count of the customer's 360 view.</summary>
        public async Task<int> OpenPromisesOnTheCustomerPageAsync()
        {
            using var response = await Agent.GetAsync($"/api/customers/{CustomerId}", Cancel);
            return (await HttpAssert.JsonAsync(response)).GetProperty("openItems").GetProperty("promises").GetInt32();
        }

        /// <summary>The customer's messages of one purpose in the outbox (TMF681).</summary>
        public async Task<List<JsonElement>> MessagesAsync(string purpose)
        {
            using var response = await Agent.GetAsync($"/tmf-api/communicationManagement/v4/communicationMessage?receiver.id={CustomerId}&limit=100", Cancel);
            return (await HttpAssert.JsonAsync(response)).EnumerateArray()
                .Where(m => m.GetProperty("characteristic").EnumerateArray().Any(c => c.GetProperty("name").GetString() == "purpose" && c.GetProperty("value").GetString() == purpose))
                .ToList();
        }

        public async Task<JsonElement> PromiseAsync(string id)
        {
            using var response = await Agent.GetAsync($"/api/promises/{id}", Cancel);
            return await HttpAssert.JsonAsync(response);
        }

        public async Task<List<JsonElement>> PromiseTimelineAsync()
        {
            using var response = await Agent.GetAsync($"/api/customers/{CustomerId}/timeline?kind=promise", Cancel);
            return (await HttpAssert.JsonAsync(response)).GetProperty("items").EnumerateArray().ToList();
        }

        /// <summary>The first notification of <paramref name="kind"/> about this story's customer in the client's inbox, if any.</summary>
        public async Task<JsonElement?> InboxItemAsync(HttpClient client, string kind)
        {
            using var response = await client.GetAsync("/api/inbox?limit=500", Cancel);
            var items = (await HttpAssert.JsonAsync(response)).GetProperty("items").EnumerateArray();
            return items.Where(n => n.GetProperty("kind").GetString() == kind && n.GetProperty("customerId").GetString() == CustomerId)
                .Select(n => (JsonElement?)n).FirstOrDefault();
        }

        public async ValueTask DisposeAsync()
        {
            Store.Dispose();
            Agent.Dispose();
            Lead.Dispose();
            await App.DisposeAsync();
        }
    }
}

[Trait("Provider", "Sqlite")]
public sealed class PromiseScenariosOnSqlite(PostgresServer postgres) : PromiseScenarios(postgres, Provider.Sqlite);

[Trait("Provider", "Postgres")]
public sealed class PromiseScenariosOnPostgres : PromiseScenarios
{
    public PromiseScenariosOnPostgres(PostgresServer postgres)
        : base(postgres, Provider.Postgres) => postgres.SkipUnlessRunning();
}
