using Microsoft.EntityFrameworkCore;
using Touchpoint.Tests.Api;

namespace Touchpoint.Tests.Telephony;

/// <summary>
/// The queue API's answers to what a switch really sends: repeated and late events, calls it never announced, agents
/// in two calls, withheld and unknown numbers, hours outside opening. Each test works in a queue and with agents of
/// its own, so tests sharing the app do not meet.
/// </summary>
public abstract class QueueApiTests(TouchpointApp app) : ApiTestBase(app)
{
    [Fact]
    public async Task A_repeated_event_is_answered_as_before_and_counted_once()
    {
        var (queue, agents) = await QueueAsync(1);
        using var @switch = await SwitchAsync();
        var enter = new { eventId = Id("enter"), callId = Id("call"), callerNumber = "+46701234567", at = Now };
        using (var first = await @switch.PostAsJsonAsync($"/api/telephony/queues/{queue}/calls", enter, Cancel))
        {
            Assert.False((await HttpAssert.JsonAsync(first, HttpStatusCode.Created)).GetProperty("duplicate").GetBoolean());
        }

        using (var again = await @switch.PostAsJsonAsync($"/api/telephony/queues/{queue}/calls", enter, Cancel))
        {
            var repeated = await HttpAssert.JsonAsync(again);
            Assert.True(repeated.GetProperty("duplicate").GetBoolean());
            Assert.Equal(1, repeated.GetProperty("position").GetInt32());
        }

        // The same call announced again under another event id is a conflict, not a second caller.
        using (var twice = await @switch.PostAsJsonAsync($"/api/telephony/queues/{queue}/calls", enter with { eventId = Id("enter") }, Cancel))
        {
            Assert.Contains("already", (await HttpAssert.ProblemAsync(twice, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        var connect = new { eventId = Id("connect"), agentUserId = agents[0], at = Now };
        for (var i = 0; i < 2; i++)
        {
            using var connected = await @switch.PostAsJsonAsync($"/api/telephony/calls/{enter.callId}/connect", connect, Cancel);
            Assert.Equal(i == 1, (await HttpAssert.JsonAsync(connected)).GetProperty("duplicate").GetBoolean());
        }

        Assert.Equal(1, await App.WithDbContextAsync(db => db.QueueCalls.CountAsync(c => c.CallId == enter.callId, Cancel)));
        Assert.Equal(2, await App.WithDbContextAsync(db => db.TelephonyEvents.CountAsync(e => e.EventId == enter.eventId || e.EventId == connect.eventId, Cancel)));
    }

    [Fact]
    public async Task Events_for_calls_never_announced_late_events_and_events_that_do_not_fit_the_call_are_refused_and_change_nothing()
    {
        var (queue, _) = await QueueAsync(1);
        using var @switch = await SwitchAsync();
        var now = Now;
        using (var unknown = await @switch.PostAsJsonAsync("/api/telephony/calls/never-entered/end", new { eventId = Id("end") }, Cancel))
        {
            await HttpAssert.ProblemAsync(unknown, HttpStatusCode.NotFound);
        }

        using (var noQueue = await @switch.PostAsJsonAsync("/api/telephony/queues/no-such-queue/calls", new { eventId = Id("enter"), callId = Id("call") }, Cancel))
        {
            await HttpAssert.ProblemAsync(noQueue, HttpStatusCode.NotFound);
        }

        var call = Id("call");
        await EnterAsync(@switch, queue, call, "+46701234567", now);
        // Ended before it was connected: a waiting caller who hangs up abandons.
        using (var early = await @switch.PostAsJsonAsync($"/api/telephony/calls/{call}/end", new { eventId = Id("end"), at = now }, Cancel))
        {
            Assert.Contains("waiting", (await HttpAssert.ProblemAsync(early, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        // An event that happened before the last one applied arrived out of order.
        using (var late = await @switch.PostAsJsonAsync($"/api/telephony/calls/{call}/abandon", new { eventId = Id("abandon"), at = now.AddSeconds(-30) }, Cancel))
        {
            Assert.Contains("out of order", (await HttpAssert.ProblemAsync(late, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using (var future = await @switch.PostAsJsonAsync($"/api/telephony/calls/{call}/abandon", new { eventId = Id("abandon"), at = now.AddHours(1) }, Cancel))
        {
            await HttpAssert.ValidationProblemAsync(future, "at");
        }

        using (var noEvent = await @switch.PostAsJsonAsync($"/api/telephony/calls/{call}/abandon", new { at = now }, Cancel))
        {
            await HttpAssert.ValidationProblemAsync(noEvent, "eventId");
        }

        using (var stranger = await @switch.PostAsJsonAsync($"/api/telephony/calls/{call}/connect", new { eventId = Id("connect"), agentUserId = "nobody", at = now }, Cancel))
        {
            await HttpAssert.ValidationProblemAsync(stranger, "agentUserId");
        }

        var status = await StatusAsync(@switch, call);
        Assert.Equal(("waiting", 1), (status.GetProperty("state").GetString(), status.GetProperty("position").GetInt32()));
    }

    [Fact]
    public async Task An_agent_is_never_in_two_calls()
    {
        var (queue, agents) = await QueueAsync(1);
        using var @switch = await SwitchAsync();
        var now = Now;
        var (first, second) = (Id("call"), Id("call"));
        await EnterAsync(@switch, queue, first, "+46701234567", now);
        await EnterAsync(@switch, queue, second, "+46701234568", now);
        using (var connected = await @switch.PostAsJsonAsync($"/api/telephony/calls/{first}/connect", new { eventId = Id("connect"), agentUserId = agents[0], at = now }, Cancel))
        {
            await HttpAssert.JsonAsync(connected);
        }

        using (var again = await @switch.PostAsJsonAsync($"/api/telephony/calls/{second}/connect", new { eventId = Id("connect"), agentUserId = agents[0], at = now }, Cancel))
        {
            Assert.Contains(first, (await HttpAssert.ProblemAsync(again, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using (var away = await @switch.PutAsJsonAsync($"/api/telephony/agents/{agents[0]}/state", new { eventId = Id("state"), state = "away", at = now }, Cancel))
        {
            await HttpAssert.ProblemAsync(away, HttpStatusCode.Conflict);
        }

        using (var badState = await @switch.PutAsJsonAsync($"/api/telephony/agents/{agents[0]}/state", new { eventId = Id("state"), state = "lunch", at = now }, Cancel))
        {
            await HttpAssert.ValidationProblemAsync(badState, "state");
        }

        Assert.Equal("waiting", (await StatusAsync(@switch, second)).GetProperty("state").GetString());
        using var agent = await @switch.GetAsync($"/api/telephony/agents/{agents[0]}", Cancel);
        var status = await HttpAssert.JsonAsync(agent);
        Assert.Equal(("busy", first), (status.GetProperty("state").GetString(), status.GetProperty("callId").GetString()));
    }

    [Fact]
    public async Task Unknown_and_withheld_numbers_stay_anonymous_a_number_that_is_none_is_refused_and_a_withheld_caller_needs_a_number_for_a_callback()
    {
        var (queue, _) = await QueueAsync(0);
        using var @switch = await SwitchAsync();
        var now = Now;
        var stranger = await EnterAsync(@switch, queue, Id("call"), "+46709999871", now);
        Assert.Equal(JsonValueKind.Null, stranger.GetProperty("customerId").ValueKind);
        // Nobody takes calls in this queue: no number is made up, and the caller is offered a callback.
        Assert.Equal(("none", JsonValueKind.Null), (stranger.GetProperty("estimate").GetProperty("basis").GetString(), stranger.GetProperty("estimate").GetProperty("seconds").ValueKind));
        Assert.True(stranger.GetProperty("offerCallback").GetBoolean());

        var withheld = Id("call");
        var hidden = await EnterAsync(@switch, queue, withheld, "anonymous", now);
        Assert.False(hidden.GetProperty("offerCallback").GetBoolean());
        using (var noNumber = await @switch.PostAsJsonAsync($"/api/telephony/calls/{withheld}/callback", new { eventId = Id("cb"), at = now }, Cancel))
        {
            await HttpAssert.ValidationProblemAsync(noNumber, "number");
        }

        using (var given = await @switch.PostAsJsonAsync($"/api/telephony/calls/{withheld}/callback", new { eventId = Id("cb"), at = now, number = "+46709999872" }, Cancel))
        {
            var callback = await HttpAssert.JsonAsync(given);
            // No customer, so no promise: the callback still keeps its place.
            Assert.Equal(("callback", JsonValueKind.Null), (callback.GetProperty("state").GetString(), callback.GetProperty("promiseId").ValueKind));
        }

        using (var garbage = await @switch.PostAsJsonAsync($"/api/telephony/queues/{queue}/calls", new { eventId = Id("enter"), callId = Id("call"), callerNumber = "hello" }, Cancel))
        {
            await HttpAssert.ValidationProblemAsync(garbage, "callerNumber");
        }

        using (var noCall = await @switch.PostAsJsonAsync($"/api/telephony/queues/{queue}/calls", new { eventId = Id("enter"), callerNumber = "+46709999873" }, Cancel))
        {
            await HttpAssert.ValidationProblemAsync(noCall, "callId");
        }
    }

    [Fact]
    public async Task Outside_a_countrys_opening_hours_the_caller_is_not_queued_nor_called_back_and_hears_when_the_queue_opens_in_their_time()
    {
        var (queue, _) = await QueueAsync(0);
        using var lead = await App.CreateClientAsAsync("lead");
        using (var set = await lead.PutAsJsonAsync($"/api/telephony/queues/{queue}/settings", new { openingHours = "se mon-fri 08:00-20:00, sat 10:00-16:00" }, Cancel))
        {
            Assert.Equal("SE Mon-Fri 08:00-20:00, Sat 10:00-16:00", (await HttpAssert.JsonAsync(set)).GetProperty("openingHours").GetString());
        }

        using (var bad = await lead.PutAsJsonAsync($"/api/telephony/queues/{queue}/settings", new { openingHours = "SE Mon-Fri 20:00-08:00" }, Cancel))
        {
            await HttpAssert.ValidationProblemAsync(bad, "openingHours");
        }

        using (var badThreshold = await lead.PutAsJsonAsync($"/api/telephony/queues/{queue}/settings", new { callbackThresholdSeconds = -1 }, Cancel))
        {
            await HttpAssert.ValidationProblemAsync(badThreshold, "callbackThresholdSeconds");
        }

        using var @switch = await SwitchAsync();
        // Sunday 29 November 2026, 13:00 in Stockholm: closed until Monday 08:00 there (07:00 UTC).
        var sunday = new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
        var closed = await EnterAsync(@switch, queue, Id("call"), "+46701230001", sunday);
        Assert.Equal(("closed", false), (closed.GetProperty("state").GetString(), closed.GetProperty("open").GetBoolean()));
        Assert.Equal(new DateTime(2026, 11, 30, 7, 0, 0, DateTimeKind.Utc), closed.GetProperty("opensAt").GetDateTime().ToUniversalTime());

        // A Danish number: Denmark has no hours of its own here, so it is served at any hour.
        var danish = await EnterAsync(@switch, queue, Id("call"), "+4520123456", sunday);
        Assert.Equal(("waiting", true), (danish.GetProperty("state").GetString(), danish.GetProperty("open").GetBoolean()));

        // A callback at a time of the caller's choosing: not at 21:30 in Stockholm, when nobody is there to make it.
        var monday = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
        var evening = Id("call");
        await EnterAsync(@switch, queue, evening, "+46701230002", monday);
        using (var late = await @switch.PostAsJsonAsync($"/api/telephony/calls/{evening}/callback",
            new { eventId = Id("cb"), at = monday.AddMinutes(1), callAt = new DateTimeOffset(2026, 11, 30, 20, 30, 0, TimeSpan.Zero) }, Cancel))
        {
            var problem = await HttpAssert.ValidationProblemAsync(late, "callAt");
            Assert.Contains("opens again at 2026-12-01", problem.GetRawText(), StringComparison.Ordinal);
        }

        using var morning = await @switch.PostAsJsonAsync($"/api/telephony/calls/{evening}/callback",
            new { eventId = Id("cb"), at = monday.AddMinutes(1), callAt = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero) }, Cancel);
        Assert.Equal("callback", (await HttpAssert.JsonAsync(morning)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task The_estimate_follows_the_queue_the_callers_ahead_and_the_handling_time_and_the_wait_they_had_is_recorded_beside_it()
    {
        var (queue, agents) = await QueueAsync(2);
        using var @switch = await SwitchAsync();
        var start = Now.AddMinutes(-30);
        foreach (var agent in agents)
        {
            using var available = await @switch.PutAsJsonAsync($"/api/telephony/agents/{agent}/state", new { eventId = Id("state"), state = "available", at = start }, Cancel);
            await HttpAssert.JsonAsync(available);
        }

        // Both agents free: no wait.
        var first = Id("call");
        Assert.Equal("agentFree", (await EnterAsync(@switch, queue, first, "+46701230011", start)).GetProperty("estimate").GetProperty("basis").GetString());
        await SendAsync(@switch, first, "connect", new { eventId = Id("c"), agentUserId = agents[0], at = start.AddSeconds(10) });
        await SendAsync(@switch, first, "end", new { eventId = Id("e"), at = start.AddSeconds(250) });

        // Both on calls and three waiting: the fourth is freed for when the 3rd call ahead is over, at 240 s a call on 2 agents.
        var calls = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            calls.Add(Id("call"));
            await EnterAsync(@switch, queue, calls[^1], $"+4670123002{i}", start.AddSeconds(300));
            await SendAsync(@switch, calls[^1], "connect", new { eventId = Id("c"), agentUserId = agents[i], at = start.AddSeconds(301) });
        }

        for (var i = 0; i < 3; i++)
        {
            calls.Add(Id("call"));
            await EnterAsync(@switch, queue, calls[^1], $"+4670123003{i}", start.AddSeconds(310 + i));
        }

        var fourth = Id("call");
        var told = await EnterAsync(@switch, queue, fourth, "+46701230040", start.AddSeconds(320));
        Assert.Equal(4, told.GetProperty("position").GetInt32());
        Assert.Equal(("queue", 480.0), (told.GetProperty("estimate").GetProperty("basis").GetString(), told.GetProperty("estimate").GetProperty("seconds").GetDouble()));
        Assert.True(told.GetProperty("offerCallback").GetBoolean());
        Assert.Contains("3 call(s) ahead", told.GetProperty("estimate").GetProperty("explanation").GetString(), StringComparison.Ordinal);

        // Asked again it is recomputed, and each estimate given is set beside the wait the caller then had.
        Assert.Equal(4, (await StatusAsync(@switch, fourth)).GetProperty("position").GetInt32());
        await SendAsync(@switch, calls[0], "end", new { eventId = Id("e"), at = start.AddSeconds(400) });
        await SendAsync(@switch, fourth, "connect", new { eventId = Id("c"), agentUserId = agents[0], at = start.AddSeconds(500) });
        var recorded = await App.WithDbContextAsync(db => db.QueueCallEstimates
            .Where(e => db.QueueCalls.Any(c => c.Id == e.QueueCallId && c.CallId == fourth)).OrderBy(e => e.Id).ToListAsync(Cancel));
        Assert.Equal(2, recorded.Count);
        Assert.Equal(480, recorded[0].EstimatedSeconds);
        Assert.Equal(180, recorded[0].ActualSeconds);
    }

    /// <summary>Whole seconds, so times come back from either database exactly as sent.</summary>
    private DateTimeOffset Now
    {
        get
        {
            var ticks = App.UtcNow.Ticks;
            return new(ticks - (ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        }
    }

    private static string Id(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    private Task<HttpClient> SwitchAsync() => App.CreateClientAsAsync("switch");

    /// <summary>A queue of its own, led by the demo lead, with <paramref name="agents"/> new agents.</summary>
    private async Task<(string Queue, List<string> Agents)> QueueAsync(int agents)
    {
        var members = new List<string>();
        for (var i = 0; i < agents; i++)
        {
            members.Add((await CreateUserAsync()).Id);
        }

        using var lead = await App.CreateClientAsAsync("lead");
        using var me = await lead.GetAsync("/api/me", Cancel);
        var leadId = (await HttpAssert.JsonAsync(me)).GetProperty("id").GetString();
        var id = $"q-{Guid.NewGuid():N}"[..20];
        using var created = await lead.PostAsJsonAsync("/api/queues", new { id, name = $"Phones {id}", leadUserId = leadId, memberIds = members }, Cancel);
        await HttpAssert.JsonAsync(created, HttpStatusCode.Created);
        return (id, members);
    }

    private static async Task<JsonElement> EnterAsync(HttpClient @switch, string queue, string callId, string number, DateTimeOffset at)
    {
        using var response = await @switch.PostAsJsonAsync($"/api/telephony/queues/{queue}/calls", new { eventId = Id("enter"), callId, callerNumber = number, at }, Cancel);
        return await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
    }

    private static async Task<JsonElement> SendAsync(HttpClient @switch, string callId, string step, object body)
    {
        using var response = await @switch.PostAsJsonAsync($"/api/telephony/calls/{callId}/{step}", body, Cancel);
        return await HttpAssert.JsonAsync(response);
    }

    private static async Task<JsonElement> StatusAsync(HttpClient @switch, string callId)
    {
        using var response = await @switch.GetAsync($"/api/telephony/calls/{callId}", Cancel);
        return await HttpAssert.JsonAsync(response);
    }
}

[Trait("Provider", "Sqlite")]
public sealed class QueueApiTestsOnSqlite(SqliteApp app) : QueueApiTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class QueueApiTestsOnPostgres(PostgresApp app) : QueueApiTests(app), IClassFixture<PostgresApp>;
