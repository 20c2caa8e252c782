using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Touchpoint.Domain.Messages;
using Touchpoint.Features.Inbox;
using Touchpoint.Features.Messages;
using Touchpoint.Tmf;
using Touchpoint.Tests.Tmf;

namespace Touchpoint.Tests.ScaleOut;

/// <summary>
/// Two nodes on one PostgreSQL database run their watchers at the same instants, as two machines behind a load
/// balancer do: every promise alarm, SLA deadline, message and webhook event is handled exactly once, and each hub
/// gets the events of a case once each and in the order they happened, though a listener fails now and then.
/// </summary>
[Trait("Provider", "Postgres")]
public sealed class TwoNodeDueWorkTests(PostgresServer postgres)
{
    private const int Customers = 12;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Due_work_shared_by_two_nodes_fires_once_and_each_hub_gets_every_event_once_in_order_per_case()
    {
        await using var smtp = TestSmtpServer.Start();
        var start = TestClocks.StartingNow().GetUtcNow();
        var nodes = await TouchpointApp.StartNodesAsync(postgres, 2, smtp.Settings, () => new FakeTimeProvider(start));
        var (portA, portB) = (LoopbackPort.Free(), LoopbackPort.Free());
        await using var hubA = await TestHubListener.StartAsync(portA);
        await using var hubB = await TestHubListener.StartAsync(portB);
        try
        {
            // Each listener turns away every fifth request as overloaded: its queue waits, and the retries meet the other node's.
            var (requestsA, requestsB) = (0, 0);
            hubA.Answer = _ => Interlocked.Increment(ref requestsA) % 5 == 1 ? 503 : 200;
            hubB.Answer = _ => Interlocked.Increment(ref requestsB) % 5 == 3 ? 503 : 200;
            using var admin = await nodes[0].CreateAdminClientAsync();
            await RegisterHubAsync(admin, portA);
            await RegisterHubAsync(admin, portB);

            var customerIds = new List<string>();
            for (var i = 0; i < Customers; i++)
            {
                // Requests go to either node, as a load balancer sends them.
                var node = nodes[i % 2];
                using var agent = await node.CreateClientAsAsync("agent");
                var customerId = await CreateCustomerAsync(agent, i);
                customerIds.Add(customerId);
                var caseId = await OpenTicketAsync(agent, customerId);
                await MoveAsync(agent, caseId, "inProgress");
                using var promise = await agent.PostAsJsonAsync("/api/promises", new
                {
                    customerId, kind = "callback", dueAt = start.UtcDateTime.AddMinutes(20), madeVia = "phone", description = "a call back within 20 minutes",
                }, Cancel);
                await HttpAssert.JsonAsync(promise, HttpStatusCode.Created);
            }

            var messageIds = await QueueMessagesAsync(nodes[1], customerIds, start.UtcDateTime);

            foreach (var step in new[] { TimeSpan.Zero, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(16), TimeSpan.FromMinutes(5), TimeSpan.FromDays(40) })
            {
                foreach (var node in nodes)
                {
                    node.Clock!.Advance(step);
                }

                await RunBothUntilIdleAsync(nodes);
            }

            // The listeners recover; what they turned away last is sent with the hubs' next retry.
            (hubA.Answer, hubB.Answer) = (_ => 200, _ => 200);
            foreach (var node in nodes)
            {
                node.Clock!.Advance(TimeSpan.FromMinutes(1));
            }

            await RunBothUntilIdleAsync(nodes);

            // Messages: each delivered once, and each state is completed; nothing the server got came twice.
            var sent = await nodes[0].WithDbContextAsync(db =>
                db.OutboundMessages.AsNoTracking().Where(m => messageIds.Contains(m.Id)).Select(m => new { m.State, m.MessageId }).ToListAsync(Cancel));
            Assert.Equal(Customers, sent.Count);
            Assert.All(sent, m => Assert.Equal(MessageState.Completed, m.State));
            var received = smtp.Received.Select(m => m.MessageId).ToList();
            Assert.Equal(received.Distinct(), received);
            Assert.Subset(received.ToHashSet(), sent.Select(m => m.MessageId).ToHashSet());

            // Promises and SLA: one alarm per promise and deadline, whichever node met it.
            var notifications = await nodes[0].WithDbContextAsync(db => db.Notifications.AsNoTracking()
                .Where(n => n.Kind == NotificationKinds.PromiseDueSoon || n.Kind == NotificationKinds.PromiseBroken
                    || n.Kind == NotificationKinds.SlaWarning || n.Kind == NotificationKinds.SlaBreach)
                .Select(n => new { n.UserId, n.Kind, n.CustomerId, n.Title }).ToListAsync(Cancel));
            var ours = notifications.Where(n => customerIds.Contains(n.CustomerId.ToString()!)).ToList();
            Assert.Empty(ours.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key));
            // The owner and their lead hear of each broken promise; every case breached its deadline.
            Assert.Equal(2 * Customers, ours.Count(n => n.Kind == NotificationKinds.PromiseBroken));
            Assert.Equal(Customers, ours.Where(n => n.Kind == NotificationKinds.SlaBreach).Select(n => n.CustomerId).Distinct().Count());

            // Webhooks: every event once per hub, a case's events in their order.
            foreach (var (listener, port) in new[] { (hubA, portA), (hubB, portB) })
            {
                var callback = $"http://127.0.0.1:{port}/listener";
                var expected = await nodes[0].WithDbContextAsync(db => db.TroubleTicketEventDeliveries.AsNoTracking()
                    .Where(d => db.TroubleTicketHubs.Any(h => h.Id == d.HubId && h.Callback == callback))
                    .OrderBy(d => d.CaseId).ThenBy(d => d.Sequence).Select(d => new { d.CaseId, d.EventId, d.DeliveredAt }).ToListAsync(Cancel));
                Assert.Equal(2 * Customers, expected.Count);
                Assert.All(expected, d => Assert.NotNull(d.DeliveredAt));
                var delivered = listener.Received.Where(r => r.Status == 200).Select(r => JsonNode.Parse(r.Body)!).ToList();
                Assert.Equal(expected.Count, delivered.Count);
                var byCase = delivered.GroupBy(e => e["event"]!["troubleTicket"]!["id"]!.GetValue<string>())
                    .ToDictionary(g => g.Key, g => g.Select(e => e["eventId"]!.GetValue<string>()).ToList());
                foreach (var caseEvents in expected.GroupBy(d => d.CaseId))
                {
                    Assert.Equal(caseEvents.Select(d => d.EventId.ToString()), byCase[caseEvents.Key.ToString()]);
                }

                Assert.Contains(listener.Received, r => r.Status == 503);
            }
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    /// <summary>Both nodes' watchers at once, two runs each, again until a round finds nothing due.</summary>
    private static async Task RunBothUntilIdleAsync(TouchpointApp[] nodes)
    {
        for (var round = 0; round < 20; round++)
        {
            var handled = await Task.WhenAll(nodes.Concat(nodes).Select(n => Task.Run(n.RunDueWorkAsync, Cancel)));
            if (handled.Sum() == 0)
            {
                return;
            }
        }

        Assert.Fail("The watchers still found work after 20 rounds.");
    }

    private static async Task RegisterHubAsync(HttpClient admin, int port)
    {
        using var response = await PostJsonAsync(admin, Tmf621TroubleTicketApiTests.Hub, new JsonObject { ["callback"] = $"http://127.0.0.1:{port}/listener" });
        await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
    }

    private static async Task<string> CreateCustomerAsync(HttpClient agent, int number)
    {
        using var response = await agent.PostAsJsonAsync("/api/customers", new
        {
            name = $"Node Customer {number}", jurisdiction = "SE",
            identities = new[] { new { kind = "email", value = $"node.{number}.{Guid.NewGuid():N}@example.com" } },
        }, Cancel);
        return (await HttpAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }

    private static async Task<string> OpenTicketAsync(HttpClient agent, string customerId)
    {
        using var response = await PostJsonAsync(agent, Tmf621TroubleTicketApiTests.Tickets, Tmf621TroubleTicketApiTests.TicketBody(customerId));
        return (await HttpAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }

    private static async Task MoveAsync(HttpClient agent, string id, string status)
    {
        using var content = new StringContent(new JsonObject { ["status"] = status }.ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/merge-patch+json");
        using var response = await agent.PatchAsync($"{Tmf621TroubleTicketApiTests.Tickets}/{id}", content, Cancel);
        await HttpAssert.JsonAsync(response);
    }

    /// <summary>A notice to each customer, written as any feature writes one; returns the messages' ids.</summary>
    private static Task<List<Guid>> QueueMessagesAsync(TouchpointApp node, List<string> customerIds, DateTime now) =>
        node.WithDbContextAsync(async db =>
        {
            var ids = customerIds.Select(Guid.Parse).ToList();
            var customers = await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.Name }).ToListAsync(Cancel);
            var messages = customers.Select(c => MessageOutbox.Queue(db, new NewMessage(c.Id, c.Name, MessageTypes.Email, $"{c.Id:N}@example.com",
                "Your case", "We are on it.", MessagePurposes.TermChangeNotice), now)).ToList();
            await db.SaveChangesAsync(Cancel);
            return messages.Select(m => m.Id).ToList();
        });

    private static Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string path, JsonObject body) =>
        client.PostAsync(path, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), Cancel);
}
