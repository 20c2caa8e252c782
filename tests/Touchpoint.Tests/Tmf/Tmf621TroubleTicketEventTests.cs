using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Touchpoint.Hosting;
using Touchpoint.Tmf;

namespace Touchpoint.Tests.Tmf;

/// <summary>
/// TMF621 events from the outbox to a listener the test runs on a loopback port, on a fake clock: events of a case
/// arrive once each and in order, a listener that is down or failing gets them later with growing delays, a hub's
/// query selects what it gets, and one refused event holds back only its own case. Only the watcher runs the test makes
/// deliver anything.
/// </summary>
public abstract class Tmf621TroubleTicketEventTests(PostgresServer postgres, Provider provider)
{
    /// <summary>The migration after which event bodies are rendered when sent.</summary>
    private const string RenderedWhenSent = "_TroubleTicketEventsRenderedWhenSent";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_listener_that_is_down_and_then_failing_gets_each_event_once_in_order_after_retries_with_backoff()
    {
        await using var setup = await Setup.StartAsync(postgres, provider);
        var port = LoopbackPort.Free();
        var hubId = await setup.RegisterHubAsync($"http://127.0.0.1:{port}/tmf621/listener");
        var id = await setup.OpenTicketAsync(await setup.CreateCustomerAsync());
        await setup.MoveAsync(id, "inProgress");
        await setup.NeedMetAsync(id);
        await setup.MoveAsync(id, "resolved", "Refunded the difference");
        var t0 = setup.Clock.GetUtcNow().UtcDateTime;

        var queued = await setup.DeliveriesAsync(id);
        Assert.Equal(
            [TroubleTicketEventTypes.Create, TroubleTicketEventTypes.StatusChange, TroubleTicketEventTypes.StatusChange, TroubleTicketEventTypes.Resolved],
            queued.Select(d => d.EventType).ToArray());
        Assert.Equal([1L, 2L, 3L, 4L], queued.Select(d => d.Sequence).ToArray());
        Assert.All(queued, d => Assert.Equal(t0, d.NextAttemptAt));

        // Nobody listens: the first event fails, and the hub's whole queue waits 5 s.
        await setup.RunWatcherAsync();
        var down = await setup.DeliveriesAsync(id);
        Assert.Equal([1, 0, 0, 0], down.Select(d => d.Attempts).ToArray());
        Assert.All(down, d => Assert.Equal(t0.AddSeconds(5), d.NextAttemptAt));
        Assert.All(down, d => Assert.Null(d.DeliveredAt));
        Assert.NotNull(down[0].LastError);

        setup.Clock.Advance(TimeSpan.FromSeconds(4));
        await setup.RunWatcherAsync();
        var waiting = await setup.DeliveriesAsync(id);
        Assert.Equal([1, 0, 0, 0], waiting.Select(d => d.Attempts).ToArray());

        // The listener is up but failing: the retry at 5 s gets a 500, and the next one waits 10 s more.
        await using var listener = await TestHubListener.StartAsync(port);
        listener.Answer = _ => 500;
        setup.Clock.Advance(TimeSpan.FromSeconds(1));
        await setup.RunWatcherAsync();
        var failed = Assert.Single(listener.Received);
        Assert.Equal(500, failed.Status);
        var failing = await setup.DeliveriesAsync(id);
        Assert.Equal([2, 0, 0, 0], failing.Select(d => d.Attempts).ToArray());
        Assert.All(failing, d => Assert.Equal(t0.AddSeconds(15), d.NextAttemptAt));
        Assert.Equal("HTTP 500 Internal Server Error", failing[0].LastError);

        listener.Answer = _ => 200;
        setup.Clock.Advance(TimeSpan.FromSeconds(9));
        await setup.RunWatcherAsync();
        Assert.Single(listener.Received);

        setup.Clock.Advance(TimeSpan.FromSeconds(1));
        await setup.RunWatcherAsync();
        var received = listener.Received.Skip(1).ToList();
        Assert.All(received, r => Assert.Equal(200, r.Status));
        var events = received.Select(r => JsonNode.Parse(r.Body)!.AsObject()).ToList();
        Assert.Equal(
            [TroubleTicketEventTypes.Create, TroubleTicketEventTypes.StatusChange, TroubleTicketEventTypes.StatusChange, TroubleTicketEventTypes.Resolved],
            events.Select(e => e["eventType"]!.GetValue<string>()).ToArray());
        foreach (var (body, type) in received.Select(r => r.Body).Zip(events.Select(e => e["eventType"]!.GetValue<string>())))
        {
            TmfSchema.For("TMF621-TroubleTicket", type).AssertValid(body);
        }

        var tickets = events.Select(e => e["event"]!["troubleTicket"]!.AsObject()).ToList();
        Assert.All(tickets, t => Assert.Equal(id, t["id"]!.GetValue<string>()));
        Assert.Equal(["acknowledged", "inProgress", "resolved", "resolved"], tickets.Select(t => t["status"]!.GetValue<string>()).ToArray());
        Assert.Equal("Refunded the difference", tickets[3]["statusChangeReason"]!.GetValue<string>());
        var delivered = await setup.DeliveriesAsync(id);
        Assert.Equal(delivered.Select(d => d.EventId.ToString()).ToArray(), events.Select(e => e["eventId"]!.GetValue<string>()).ToArray());
        Assert.Equal(delivered[0].EventId.ToString(), JsonNode.Parse(failed.Body)!["eventId"]!.GetValue<string>());
        Assert.Equal([3, 1, 1, 1], delivered.Select(d => d.Attempts).ToArray());
        Assert.All(delivered, d => Assert.Equal(t0.AddSeconds(15), d.DeliveredAt));
        Assert.All(delivered, d => Assert.Null(d.NextAttemptAt));

        // Delivered once: nothing is sent again later.
        setup.Clock.Advance(TimeSpan.FromSeconds(30));
        await setup.RunWatcherAsync();
        Assert.Equal(5, listener.Received.Count);
        var hub = await setup.HubAsync(hubId);
        Assert.Equal(0, hub["pendingEvents"]!.GetValue<int>());
        Assert.Equal(0, hub["consecutiveFailures"]!.GetValue<int>());
        Assert.Null(hub["lastError"]);
    }

    [Fact]
    public async Task A_delivery_that_gets_through_ends_the_hubs_run_of_failures_so_one_error_a_round_keeps_the_first_delay()
    {
        await using var setup = await Setup.StartAsync(postgres, provider);
        var port = LoopbackPort.Free();
        await using var listener = await TestHubListener.StartAsync(port);
        var hubId = await setup.RegisterHubAsync($"http://127.0.0.1:{port}/tmf621/listener");
        var id = await setup.OpenTicketAsync(await setup.CreateCustomerAsync());
        await setup.MoveAsync(id, "inProgress");
        await setup.NeedMetAsync(id);
        await setup.MoveAsync(id, "resolved", "Refunded the difference");
        // Every other request fails: each round after the first delivers one event and then meets one transient error.
        var requests = 0;
        listener.Answer = _ => Interlocked.Increment(ref requests) % 2 == 1 ? 503 : 200;

        await setup.RunWatcherAsync();
        for (var round = 1; round <= 3; round++)
        {
            setup.Clock.Advance(OutboxDelivery.FirstRetry);
            var now = setup.Clock.GetUtcNow().UtcDateTime;
            await setup.RunWatcherAsync();

            var deliveries = await setup.DeliveriesAsync(id);
            Assert.Equal(round, deliveries.Count(d => d.DeliveredAt is not null));
            // The listener was healthy a moment ago: the wait stays at the first retry instead of doubling each round.
            Assert.All(deliveries.Where(d => d.DeliveredAt is null), d => Assert.Equal(now + OutboxDelivery.FirstRetry, d.NextAttemptAt));
            Assert.Equal(1, (await setup.HubAsync(hubId))["consecutiveFailures"]!.GetValue<int>());
        }
    }

    [Fact]
    public async Task A_hubs_query_selects_its_events_and_an_unregistered_hub_gets_nothing()
    {
        await using var setup = await Setup.StartAsync(postgres, provider);
        var port = LoopbackPort.Free();
        await using var listener = await TestHubListener.StartAsync(port);
        await setup.RegisterHubAsync($"http://127.0.0.1:{port}/all");
        await setup.RegisterHubAsync($"http://127.0.0.1:{port}/resolved-complaints",
            "eventType=TroubleTicketResolvedEvent&event.troubleTicket.ticketType=complaint");
        var gone = await setup.RegisterHubAsync($"http://127.0.0.1:{port}/gone");
        var customerId = await setup.CreateCustomerAsync();
        // Notes are added after the case in the same transaction; the create event still carries them.
        var complaint = await setup.OpenTicketAsync(customerId, notes: new JsonArray(new JsonObject { ["text"] = "Called from abroad." }));
        var request = await setup.OpenTicketAsync(customerId, "request");
        foreach (var id in new[] { complaint, request })
        {
            await setup.NeedMetAsync(id);
            await setup.MoveAsync(id, "resolved", "Solved on the first call");
        }

        using (var deleted = await setup.Admin.DeleteAsync($"{Tmf621TroubleTicketApiTests.Hub}/{gone}", Cancel))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        Assert.DoesNotContain(await setup.DeliveriesAsync(complaint), d => d.HubId == Guid.Parse(gone));
        await setup.RunWatcherAsync();

        var all = listener.Received.Where(r => r.Path == "/all").Select(r => JsonNode.Parse(r.Body)!).ToList();
        Assert.Equal(6, all.Count);
        foreach (var id in new[] { complaint, request })
        {
            Assert.Equal(
                [TroubleTicketEventTypes.Create, TroubleTicketEventTypes.StatusChange, TroubleTicketEventTypes.Resolved],
                all.Where(e => e["event"]!["troubleTicket"]!["id"]!.GetValue<string>() == id).Select(e => e["eventType"]!.GetValue<string>()).ToArray());
        }

        var created = all.First(e => e["event"]!["troubleTicket"]!["id"]!.GetValue<string>() == complaint);
        Assert.Equal("Called from abroad.", created["event"]!["troubleTicket"]!["note"]![0]!["text"]!.GetValue<string>());
        TmfSchema.For("TMF621-TroubleTicket", TroubleTicketEventTypes.Create).AssertValid(created.ToJsonString());

        var selected = Assert.Single(listener.Received, r => r.Path == "/resolved-complaints");
        var resolved = JsonNode.Parse(selected.Body)!;
        Assert.Equal(TroubleTicketEventTypes.Resolved, resolved["eventType"]!.GetValue<string>());
        Assert.Equal(complaint, resolved["event"]!["troubleTicket"]!["id"]!.GetValue<string>());
        Assert.DoesNotContain(listener.Received, r => r.Path == "/gone");
    }

    [Fact]
    public async Task A_listener_refusing_one_cases_event_holds_back_only_that_case()
    {
        await using var setup = await Setup.StartAsync(postgres, provider);
        var port = LoopbackPort.Free();
        await using var listener = await TestHubListener.StartAsync(port);
        var hubId = await setup.RegisterHubAsync($"http://127.0.0.1:{port}/listener");
        var customerId = await setup.CreateCustomerAsync();
        var refused = await setup.OpenTicketAsync(customerId, description: "The listener does not like this one");
        var accepted = await setup.OpenTicketAsync(customerId);
        await setup.MoveAsync(refused, "inProgress");
        await setup.MoveAsync(accepted, "inProgress");
        var t0 = setup.Clock.GetUtcNow().UtcDateTime;
        listener.Answer = body => body.Contains(refused, StringComparison.Ordinal) ? 422 : 200;

        await setup.RunWatcherAsync();

        Assert.Equal([(accepted, 200), (accepted, 200), (refused, 422)],
            listener.Received.Select(r => (JsonNode.Parse(r.Body)!["event"]!["troubleTicket"]!["id"]!.GetValue<string>(), r.Status))
                .OrderBy(r => r.Item2).ToArray());
        var held = await setup.DeliveriesAsync(refused);
        Assert.Equal([1, 0], held.Select(d => d.Attempts).ToArray());
        Assert.All(held, d => Assert.Equal(t0.AddSeconds(5), d.NextAttemptAt));
        Assert.Equal("HTTP 422 Unprocessable Entity", held[0].LastError);
        Assert.All(await setup.DeliveriesAsync(accepted), d => Assert.NotNull(d.DeliveredAt));
        Assert.Equal(0, (await setup.HubAsync(hubId))["consecutiveFailures"]!.GetValue<int>());

        listener.Answer = _ => 200;
        setup.Clock.Advance(TimeSpan.FromSeconds(5));
        await setup.RunWatcherAsync();

        var later = listener.Received.Skip(3).Select(r => JsonNode.Parse(r.Body)!).ToList();
        Assert.Equal([TroubleTicketEventTypes.Create, TroubleTicketEventTypes.StatusChange], later.Select(e => e["eventType"]!.GetValue<string>()).ToArray());
        Assert.All(later, e => Assert.Equal(refused, e["event"]!["troubleTicket"]!["id"]!.GetValue<string>()));
        Assert.All(await setup.DeliveriesAsync(refused), d => Assert.NotNull(d.DeliveredAt));
    }

    [Fact]
    public async Task An_event_queued_with_its_body_before_the_upgrade_is_sent_as_it_is()
    {
        await using var setup = await Setup.StartAsync(postgres, provider);
        var port = LoopbackPort.Free();
        await using var listener = await TestHubListener.StartAsync(port);
        // The ticket is opened before the hub is there, so the only event queued for it is the one from before.
        var id = await setup.OpenTicketAsync(await setup.CreateCustomerAsync());
        var hubId = Guid.Parse(await setup.RegisterHubAsync($"http://127.0.0.1:{port}/listener"));
        var now = setup.Clock.GetUtcNow().UtcDateTime;
        var eventId = Guid.CreateVersion7();
        var stored = new JsonObject
        {
            ["eventId"] = eventId.ToString(),
            ["eventType"] = TroubleTicketEventTypes.StatusChange,
            ["event"] = new JsonObject { ["troubleTicket"] = new JsonObject { ["id"] = id, ["status"] = "inProgress" } },
        }.ToJsonString();

        // Queued as before the upgrade, then the database taken back before it and forward again.
        await setup.App.WithDbContextAsync(async db =>
        {
            db.TroubleTicketEventDeliveries.Add(new TroubleTicketEventDelivery
            {
                HubId = hubId, CaseId = Guid.Parse(id), Sequence = 1, EventId = eventId, EventType = TroubleTicketEventTypes.StatusChange,
                EventTime = now, Status = "", StatusChangeDate = now, Payload = stored, NextAttemptAt = now,
            });
            await db.SaveChangesAsync(Cancel);
            var migrations = db.Database.GetMigrations().ToList();
            var index = migrations.FindIndex(m => m.EndsWith(RenderedWhenSent, StringComparison.Ordinal));
            Assert.True(index > 0, $"No migration named *{RenderedWhenSent}.");
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(migrations[index - 1], Cancel);
            await migrator.MigrateAsync(migrations[^1], Cancel);
            return true;
        });

        await setup.RunWatcherAsync();

        var sent = Assert.Single(listener.Received);
        Assert.Equal(200, sent.Status);
        Assert.Equal(stored, sent.Body);
        Assert.NotNull(Assert.Single(await setup.DeliveriesAsync(id)).DeliveredAt);
    }

    /// <summary>An app of its own on a fake clock, with the admin and the demo agent signed in.</summary>
    private sealed class Setup : IAsyncDisposable
    {
        private Setup(TouchpointApp app, FakeTimeProvider clock, HttpClient admin, HttpClient agent)
        {
            App = app;
            Clock = clock;
            Admin = admin;
            Agent = agent;
        }

        public TouchpointApp App { get; }
        public FakeTimeProvider Clock { get; }
        public HttpClient Admin { get; }
        public HttpClient Agent { get; }

        public static async Task<Setup> StartAsync(PostgresServer postgres, Provider provider)
        {
            // Whole seconds, so times come back from either database exactly as sent.
            var clock = TestClocks.StartingNow();
            var app = await TouchpointApp.StartAsync(provider, postgres, clock: clock);
            return new Setup(app, clock, await app.CreateAdminClientAsync(), await app.CreateClientAsAsync("agent"));
        }

        public async Task<string> RegisterHubAsync(string callback, string? query = null)
        {
            using var response = await Post(Admin, Tmf621TroubleTicketApiTests.Hub, new JsonObject { ["callback"] = callback, ["query"] = query });
            return (await HttpAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        }

        public async Task<JsonObject> HubAsync(string id)
        {
            using var response = await Admin.GetAsync(Tmf621TroubleTicketApiTests.Hub, Cancel);
            var hubs = JsonNode.Parse((await HttpAssert.JsonAsync(response)).GetRawText())!.AsArray();
            return hubs.Select(h => h!.AsObject()).Single(h => h["id"]!.GetValue<string>() == id);
        }

        public async Task<string> CreateCustomerAsync()
        {
            using var response = await Agent.PostAsJsonAsync("/api/customers",
                new { name = "Event Customer", jurisdiction = "SE", identities = new[] { new { kind = "email", value = $"events.{Guid.NewGuid():N}@example.com" } } },
                Cancel);
            return (await HttpAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        }

        public async Task<string> OpenTicketAsync(
            string customerId, string ticketType = "complaint", string description = "My bill doubled without warning", JsonArray? notes = null)
        {
            var body = Tmf621TroubleTicketApiTests.TicketBody(customerId, description, ticketType);
            body["note"] = notes;
            using var response = await Post(Agent, Tmf621TroubleTicketApiTests.Tickets, body);
            return (await HttpAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        }

        public async Task MoveAsync(string id, string status, string? reason = null)
        {
            using var content = new StringContent(new JsonObject { ["status"] = status, ["statusChangeReason"] = reason }.ToJsonString(), Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/merge-patch+json");
            using var response = await Agent.PatchAsync($"{Tmf621TroubleTicketApiTests.Tickets}/{id}", content, Cancel);
            Assert.Equal(status, (await HttpAssert.JsonAsync(response)).GetProperty("status").GetString());
        }

        /// <summary>A case resolves only once the customer's need is met (S3-4).</summary>
        public async Task NeedMetAsync(string id)
        {
            using var response = await Agent.PutAsJsonAsync($"/api/cases/{id}/need", new { resolved = true }, Cancel);
            await HttpAssert.JsonAsync(response);
        }

        public Task<int> RunWatcherAsync() => App.RunDueWorkAsync();

        /// <summary>The outbox rows of a case, in the order of its events.</summary>
        public Task<List<TroubleTicketEventDelivery>> DeliveriesAsync(string caseId) =>
            App.WithDbContextAsync(db => db.TroubleTicketEventDeliveries.AsNoTracking()
                .Where(d => d.CaseId == Guid.Parse(caseId)).OrderBy(d => d.Sequence).ThenBy(d => d.HubId).ToListAsync(Cancel));

        private static Task<HttpResponseMessage> Post(HttpClient client, string path, JsonObject body) =>
            client.PostAsync(path, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), Cancel);

        public async ValueTask DisposeAsync()
        {
            Admin.Dispose();
            Agent.Dispose();
            await App.DisposeAsync();
        }
    }
}

[Trait("Provider", "Sqlite")]
public sealed class Tmf621TroubleTicketEventTestsOnSqlite(PostgresServer postgres) : Tmf621TroubleTicketEventTests(postgres, Provider.Sqlite);

[Trait("Provider", "Postgres")]
public sealed class Tmf621TroubleTicketEventTestsOnPostgres : Tmf621TroubleTicketEventTests
{
    public Tmf621TroubleTicketEventTestsOnPostgres(PostgresServer postgres)
        : base(postgres, Provider.Postgres) => postgres.SkipUnlessRunning();
}
