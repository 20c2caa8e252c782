using Microsoft.Extensions.Time.Testing;

namespace Touchpoint.Tests.Telephony;

/// <summary>
/// S4-3 replayed through the queue API on a fake clock: Magnus Ek calls customer service and is 8th in line with about
/// 14 minutes to wait. He is offered a callback, takes it, and it keeps his place: it is handed to the agent when his
/// turn comes (after the seven who called before him, before the one who called after), the agent's call keeps the
/// promise. When nobody calls back, the promise breaks at its due time and goes to the lead.
/// </summary>
public abstract class CallbackScenarios(PostgresServer postgres, Provider provider)
{
    /// <summary>Magnus Ek, the S4 customer in the demo data.</summary>
    private const string Magnus = "+46707770404";

    /// <summary>How long each call lasts: with one agent and seven ahead, 8 × 105 s is Magnus's 14 minutes.</summary>
    private static readonly TimeSpan CallLength = TimeSpan.FromSeconds(105);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task S4_3_eighth_in_line_with_14_minutes_to_wait_is_offered_a_callback_that_keeps_his_place_and_the_agents_call_keeps_the_promise()
    {
        await using var story = await Story.StartAsync(postgres, provider);
        var magnus = await story.EighthInLineAsync();
        Assert.Equal(8, magnus.GetProperty("position").GetInt32());
        Assert.Equal(840, magnus.GetProperty("estimate").GetProperty("seconds").GetDouble());
        Assert.Equal("queue", magnus.GetProperty("estimate").GetProperty("basis").GetString());
        // Erlang C for the hour's ten calls on one agent is given beside it: a staffing view, not his place in line.
        Assert.InRange(magnus.GetProperty("estimate").GetProperty("erlangCSeconds").GetDouble(), 1, 120);
        Assert.True(magnus.GetProperty("offerCallback").GetBoolean());
        Assert.Equal("Magnus Ek", magnus.GetProperty("customerName").GetString());

        var accepted = await story.Switch.AcceptCallbackAsync("magnus");
        Assert.Equal("callback", accepted.GetProperty("state").GetString());
        var promiseId = accepted.GetProperty("promiseId").GetString()!;
        var promise = await story.PromiseAsync(promiseId);
        Assert.Equal(("callback", "open"), (promise.GetProperty("kind").GetString(), promise.GetProperty("state").GetString()));
        // Due when his turn should come, with room for the call before it to run long.
        Assert.Equal(story.Switch.Now.UtcDateTime.AddMinutes(14 + 15), promise.GetProperty("dueAt").GetDateTime().ToUniversalTime());

        // Someone calls after him: the callback is still ahead of them, in the place his call had.
        story.Tick(TimeSpan.FromSeconds(20));
        var later = await story.Switch.EnterAsync("after-magnus", "+46701112299");
        Assert.Equal(9, later.GetProperty("position").GetInt32());

        // The agent takes the seven who called before him, one by one; each time they are free, a line caller is first.
        for (var caller = 1; caller <= 7; caller++)
        {
            await story.FinishCurrentCallAsync();
            var free = await story.Switch.AgentStateAsync(story.AgentId, "available");
            Assert.Equal(JsonValueKind.Null, free.GetProperty("dispatch").ValueKind);
            Assert.Equal("callback", (await story.Switch.StatusAsync("magnus")).GetProperty("state").GetString());
            await story.ConnectAsync($"caller-{caller}");
        }

        // His turn: the agent's next free moment goes to his callback, not to the caller who came after him.
        await story.FinishCurrentCallAsync();
        var turn = await story.Switch.AgentStateAsync(story.AgentId, "available");
        var dispatch = turn.GetProperty("dispatch");
        Assert.Equal(("magnus", Magnus), (dispatch.GetProperty("callId").GetString(), dispatch.GetProperty("number").GetString()));
        Assert.Equal("callbackDialing", (await story.Switch.StatusAsync("magnus")).GetProperty("state").GetString());
        Assert.Equal(1, (await story.Switch.StatusAsync("after-magnus")).GetProperty("position").GetInt32());

        // The agent's screen opens his 360 page with why he called.
        var notice = Assert.Single(await story.InboxAsync("callbackDispatched"));
        Assert.Equal($"/customers/{story.CustomerId}", notice.GetProperty("link").GetString());
        Assert.Contains("cancel my subscription", notice.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // He answers; the agent logs the call, which keeps the promise.
        Assert.Equal("connected", (await story.Switch.AttemptAsync("magnus", "answered")).GetProperty("state").GetString());
        await story.RecordOutboundCallAsync();
        Assert.Equal("kept", (await story.PromiseAsync(promiseId)).GetProperty("state").GetString());
        Assert.Equal("ended", (await story.Switch.EndAsync("magnus")).GetProperty("state").GetString());

        // Nothing breaks later, and the lead hears of no broken promise.
        await story.AtAsync(TimeSpan.FromMinutes(20));
        Assert.Equal("kept", (await story.PromiseAsync(promiseId)).GetProperty("state").GetString());
        Assert.Empty(await story.InboxAsync("promiseBroken", story.Lead));
    }

    [Fact]
    public async Task S4_3_a_callback_nobody_makes_breaks_its_promise_at_the_due_time_and_the_lead_is_alerted()
    {
        await using var story = await Story.StartAsync(postgres, provider);
        await story.EighthInLineAsync();
        var promiseId = (await story.Switch.AcceptCallbackAsync("magnus")).GetProperty("promiseId").GetString()!;
        var dueAt = (await story.PromiseAsync(promiseId)).GetProperty("dueAt").GetDateTime().ToUniversalTime();

        // The agent goes away and nobody else works the queue.
        await story.FinishCurrentCallAsync();
        await story.Switch.AgentStateAsync(story.AgentId, "away");
        await story.AtAsync(dueAt - story.Switch.Now.UtcDateTime - TimeSpan.FromSeconds(1));
        Assert.Equal("open", (await story.PromiseAsync(promiseId)).GetProperty("state").GetString());

        await story.AtAsync(TimeSpan.FromSeconds(2));
        var broken = await story.PromiseAsync(promiseId);
        Assert.Equal(("broken", true), (broken.GetProperty("state").GetString(), broken.GetProperty("owed").GetBoolean()));
        var alert = Assert.Single(await story.InboxAsync("promiseBroken", story.Lead));
        Assert.Contains("Magnus Ek", alert.GetProperty("title").GetString(), StringComparison.Ordinal);
        // Still in line at his place: owed, not forgotten.
        Assert.Equal("callback", (await story.Switch.StatusAsync("magnus")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_callback_nobody_answers_is_retried_at_its_place_and_after_the_last_attempt_the_customer_is_told_in_his_language_and_it_stays_owed()
    {
        await using var story = await Story.StartAsync(postgres, provider);
        await story.Switch.AgentStateAsync(story.AgentId, "busy");
        await story.Switch.EnterAsync("magnus", Magnus, reason: "Invoice question");
        var promiseId = (await story.Switch.AcceptCallbackAsync("magnus")).GetProperty("promiseId").GetString()!;

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var free = await story.Switch.AgentStateAsync(story.AgentId, "available");
            Assert.Equal("magnus", free.GetProperty("dispatch").GetProperty("callId").GetString());
            Assert.Equal(attempt, free.GetProperty("dispatch").GetProperty("attempt").GetInt32());
            var missed = await story.Switch.AttemptAsync("magnus", "noAnswer");
            Assert.Equal(attempt, missed.GetProperty("callbackAttempts").GetInt32());
            if (attempt < 3)
            {
                Assert.Equal("callback", missed.GetProperty("state").GetString());
                // Not again before the retry delay: the agent stays free and nothing is handed to them.
                Assert.Equal(JsonValueKind.Null, (await story.Switch.AgentStateAsync(story.AgentId, "available")).GetProperty("dispatch").ValueKind);
                await story.Switch.AgentStateAsync(story.AgentId, "busy");
                story.Tick(TimeSpan.FromMinutes(10));
            }
            else
            {
                Assert.Equal("callbackFailed", missed.GetProperty("state").GetString());
            }
        }

        var attempts = (await story.PromiseTimelineAsync()).Where(e => e.GetProperty("title").GetString()!.StartsWith("Callback attempt", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, attempts.Count);
        Assert.All(attempts, a => Assert.Equal("Anna Agent", a.GetProperty("actorName").GetString()));
        // A Swedish agent reads the attempts in Swedish, with the outcome in words.
        var inSwedish = (await story.PromiseTimelineAsync("sv")).Select(e => e.GetProperty("text").GetString()!).ToList();
        Assert.Contains(inSwedish, text => text.StartsWith("Återuppringning, försök 3 av 3 till +46", StringComparison.Ordinal) && text.EndsWith(": inget svar", StringComparison.Ordinal));
        await story.AtAsync(TimeSpan.FromSeconds(1));
        var told = Assert.Single(await story.MessagesAsync("callbackMissed"));
        Assert.Contains("Vi ringde upp dig 3 gånger som utlovat", told.GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Contains("(svensk tid)", told.GetProperty("content").GetString(), StringComparison.Ordinal);
        var promise = await story.PromiseAsync(promiseId);
        Assert.True(promise.GetProperty("owed").GetBoolean());
        Assert.Equal("open", promise.GetProperty("state").GetString());
    }

    private sealed class Story : IAsyncDisposable
    {
        private string? currentCall;

        private Story(TouchpointApp app, FakeTimeProvider clock, SwitchDriver @switch, HttpClient agent, HttpClient lead, string agentId, string customerId)
        {
            App = app;
            Clock = clock;
            Switch = @switch;
            Agent = agent;
            Lead = lead;
            AgentId = agentId;
            CustomerId = customerId;
        }

        public TouchpointApp App { get; }
        public FakeTimeProvider Clock { get; }
        public SwitchDriver Switch { get; }
        public HttpClient Agent { get; }
        public HttpClient Lead { get; }
        public string AgentId { get; }
        public string CustomerId { get; }

        public static async Task<Story> StartAsync(PostgresServer postgres, Provider provider)
        {
            var clock = TestClocks.StartingNow();
            var app = await TouchpointApp.StartAsync(provider, postgres, clock: clock);
            var agent = await app.CreateClientAsAsync("agent");
            using var me = await agent.GetAsync("/api/me", Cancel);
            var agentId = (await HttpAssert.JsonAsync(me)).GetProperty("id").GetString()!;
            using var found = await agent.GetAsync($"/api/customers?q={Uri.EscapeDataString(Magnus)}", Cancel);
            var customerId = Assert.Single((await HttpAssert.JsonAsync(found)).EnumerateArray(), h => h.GetProperty("exactIdentityMatch").GetBoolean())
                .GetProperty("id").GetString()!;
            return new Story(app, clock, await SwitchDriver.StartAsync(app, clock), agent, await app.CreateClientAsAsync("lead"), agentId, customerId);
        }

        /// <summary>
        /// One agent, Anna, who lately handles a call in 105 s, is on a call; seven callers wait; Magnus calls:
        /// 8th in line, 8 × 105 s = 14 minutes.
        /// </summary>
        public async Task<JsonElement> EighthInLineAsync()
        {
            await Switch.AgentStateAsync(AgentId, "available");
            await Switch.EnterAsync("warm-up", "+46701112200");
            await ConnectAsync("warm-up");
            await FinishCurrentCallAsync();
            await Switch.AgentStateAsync(AgentId, "available");
            await Switch.EnterAsync("caller-0", "+46701112201");
            await ConnectAsync("caller-0");
            for (var caller = 1; caller <= 7; caller++)
            {
                Tick(TimeSpan.FromSeconds(5));
                await Switch.EnterAsync($"caller-{caller}", $"+4670111221{caller}");
            }

            Tick(TimeSpan.FromSeconds(5));
            return await Switch.EnterAsync("magnus", Magnus, reason: "I want to cancel my subscription");
        }

        public async Task ConnectAsync(string callId)
        {
            Assert.Equal("connected", (await Switch.ConnectAsync(callId, AgentId)).GetProperty("state").GetString());
            currentCall = callId;
        }

        /// <summary>The agent's call runs its 105 s and ends.</summary>
        public async Task FinishCurrentCallAsync()
        {
            Tick(CallLength);
            Assert.Equal("ended", (await Switch.EndAsync(currentCall!)).GetProperty("state").GetString());
        }

        public void Tick(TimeSpan by) => Clock.Advance(by);

        public async Task AtAsync(TimeSpan later)
        {
            Clock.Advance(later);
            await App.RunDueWorkAsync();
        }

        public async Task RecordOutboundCallAsync()
        {
            using var response = await Agent.PostAsJsonAsync("/api/interactions",
                new { customerId = CustomerId, channel = "phone", direction = "outbound", reason = "Callback: cancellation" }, Cancel);
            await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
        }

        public async Task<JsonElement> PromiseAsync(string id)
        {
            using var response = await Agent.GetAsync($"/api/promises/{id}", Cancel);
            return await HttpAssert.JsonAsync(response);
        }

        public async Task<List<JsonElement>> InboxAsync(string kind, HttpClient? client = null)
        {
            using var response = await (client ?? Agent).GetAsync("/api/inbox?limit=500", Cancel);
            return (await HttpAssert.JsonAsync(response)).GetProperty("items").EnumerateArray()
                .Where(n => n.GetProperty("kind").GetString() == kind && n.GetProperty("customerId").GetString() == CustomerId).ToList();
        }

        public async Task<List<JsonElement>> PromiseTimelineAsync(string language = "en")
        {
            using var response = await Agent.GetAsync($"/api/customers/{CustomerId}/timeline?kind=promise&language={language}", Cancel);
            return (await HttpAssert.JsonAsync(response)).GetProperty("items").EnumerateArray().ToList();
        }

        public async Task<List<JsonElement>> MessagesAsync(string purpose)
        {
            using var response = await Agent.GetAsync($"/tmf-api/communicationManagement/v4/communicationMessage?receiver.id={CustomerId}&limit=100", Cancel);
            return (await HttpAssert.JsonAsync(response)).EnumerateArray()
                .Where(m => m.GetProperty("characteristic").EnumerateArray().Any(c => c.GetProperty("name").GetString() == "purpose" && c.GetProperty("value").GetString() == purpose))
                .ToList();
        }

        public async ValueTask DisposeAsync()
        {
            Switch.Dispose();
            Agent.Dispose();
            Lead.Dispose();
            await App.DisposeAsync();
        }
    }
}

[Trait("Provider", "Sqlite")]
public sealed class CallbackScenariosOnSqlite(PostgresServer postgres) : CallbackScenarios(postgres, Provider.Sqlite);

[Trait("Provider", "Postgres")]
public sealed class CallbackScenariosOnPostgres : CallbackScenarios
{
    public CallbackScenariosOnPostgres(PostgresServer postgres)
        : base(postgres, Provider.Postgres) => postgres.SkipUnlessRunning();
}
