using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Touchpoint.Domain.Interactions;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Messages;

namespace Touchpoint.Tests.Scenarios;

/// <summary>
/// S0-1 and S0-3 with GDPR-21, replayed through the public API: a customer on an outside seller's call list texts STOP.
/// From that moment the agency no longer has him and cannot be given him again, no channel may market to him (the
/// customer API and TMF629 both say marketingObjection), his timeline says it came by SMS, a confirmation SMS is in the
/// outbox, and no case was opened for it. Each test has its own Touchpoint with SMS by Sinch switched on.
/// </summary>
public abstract class MarketingObjectionScenarios(PostgresServer postgres, Provider provider)
{
    private const string Callbacks = "/api/sms/sinch/callbacks";
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static readonly string[] MarketingChannels = ["sms", "email", "phone"];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task S0_1_S0_3_a_customer_on_an_agencys_call_list_texts_STOP_and_all_marketing_stops_at_once()
    {
        await using var sinch = await TestSinchServer.StartAsync();
        await using var app = await TouchpointApp.StartAsync(provider, postgres, sinch.Settings, new FakeTimeProvider(Start));
        using var agent = await app.CreateClientAsAsync("agent");
        using var lead = await app.CreateClientAsAsync("lead");
        using var partner = await app.CreateClientAsAsync("partner");
        var number = UniquePhone();
        var customerId = await CreateCustomerAsync(agent, number);
        await app.GiveToVendatorAsync(customerId.ToString());
        var vendator = await app.VendatorIdAsync();
        Assert.Contains(customerId, await AgencyListAsync(lead, vendator));
        Assert.Equal([InteractionChannel.Phone, InteractionChannel.Email, InteractionChannel.Sms], await MarketableChannelsAsync(app, customerId));
        app.Clock!.Advance(TimeSpan.FromMinutes(5));

        // Sinch writes numbers without the plus; the customer's phone adds a space and changes the case.
        using (var stop = await PostSmsAsync(app, "01TESTMO0000000000000STOP1", number[1..], " Stopp "))
        {
            Assert.Equal("stored", (await HttpAssert.JsonAsync(stop)).GetProperty("outcome").GetString());
        }

        // The agency lost him, and cannot be given him again.
        Assert.DoesNotContain(customerId, await AgencyListAsync(lead, vendator));
        using (var again = await lead.PostAsJsonAsync($"/api/partner-agencies/{vendator}/customers", new { customerId }, Cancel))
        {
            var refused = await HttpAssert.ProblemAsync(again, HttpStatusCode.Conflict);
            Assert.Contains("GDPR Art. 21", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.DoesNotContain(customerId, await AgencyListAsync(lead, vendator));
        using (var call = await partner.PostAsJsonAsync("/api/interactions",
            new { customerId, channel = "phone", direction = "outbound", reason = "Sales call", summary = "Offered a new plan." }, Cancel))
        {
            await HttpAssert.ValidationProblemAsync(call, "customerId");
        }

        // No channel may market to him, as the customer API and TMF629 tell every system that asks.
        Assert.Empty(await MarketableChannelsAsync(app, customerId));
        using (var shown = await agent.GetAsync($"/api/customers/{customerId}", Cancel))
        {
            var preferences = (await HttpAssert.JsonAsync(shown)).GetProperty("customer").GetProperty("preferences");
            Assert.True(preferences.GetProperty("marketingObjection").GetBoolean());
            Assert.Equal("sms", preferences.GetProperty("marketingObjectionVia").GetString());
            Assert.Equal(Start.UtcDateTime.AddMinutes(5), preferences.GetProperty("marketingObjectionAt").GetDateTime());
        }

        using (var tmf = await agent.GetAsync($"/tmf-api/customerManagement/v4/customer/{customerId}", Cancel))
        {
            var characteristic = (await HttpAssert.JsonAsync(tmf)).GetProperty("characteristic").EnumerateArray()
                .Single(c => c.GetProperty("name").GetString() == "marketingObjection");
            Assert.True(characteristic.GetProperty("value").GetBoolean());
        }

        // His timeline says how it came; a confirmation went back by SMS; no case was opened for a STOP.
        var objection = Assert.Single(await TimelineAsync(agent, customerId, "kind=preferenceChange"));
        Assert.Equal("Marketing objection (GDPR Art. 21) recorded, by SMS", objection.GetProperty("title").GetString());
        Assert.Contains("Vendator", objection.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var confirmation = Assert.Single(await ConfirmationsAsync(app, customerId));
        Assert.Equal((MessageTypes.Sms, number), (confirmation.Type, confirmation.ReceiverAddress));
        Assert.StartsWith("Touchpoint: vi har registrerat din invändning mot marknadsföring.", confirmation.Content, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbContextAsync(db => db.Cases.CountAsync(c => c.CustomerId == customerId, Cancel)));
        var arrived = await app.WithDbContextAsync(db => db.InboundMessages.AsNoTracking().SingleAsync(m => m.MessageId == "01TESTMO0000000000000STOP1", Cancel));
        Assert.Equal((customerId, (Guid?)null), (arrived.CustomerId, arrived.CaseId));

        // A second STOP changes nothing, says so, and is answered again.
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        using (var twice = await PostSmsAsync(app, "01TESTMO0000000000000STOP2", number[1..], "STOP"))
        {
            await HttpAssert.JsonAsync(twice);
        }

        var second = await app.WithDbContextAsync(db => db.InboundMessages.AsNoTracking().SingleAsync(m => m.MessageId == "01TESTMO0000000000000STOP2", Cancel));
        Assert.Contains("objected already", second.Routing, StringComparison.Ordinal);
        Assert.Single(await TimelineAsync(agent, customerId, "kind=preferenceChange"));
        Assert.Equal(2, (await ConfirmationsAsync(app, customerId)).Count);
        Assert.Equal(0, await app.WithDbContextAsync(db => db.Cases.CountAsync(c => c.CustomerId == customerId, Cancel)));
    }

    [Fact]
    public async Task Only_a_keyword_alone_objects_and_a_STOP_from_an_unknown_number_makes_no_contact_and_no_case()
    {
        await using var sinch = await TestSinchServer.StartAsync();
        await using var app = await TouchpointApp.StartAsync(provider, postgres, sinch.Settings, new FakeTimeProvider(Start));
        using var agent = await app.CreateClientAsAsync("agent");
        var number = UniquePhone();
        var customerId = await CreateCustomerAsync(agent, number);
        var customersBefore = await app.WithDbContextAsync(db => db.Customers.CountAsync(Cancel));

        using (var stranger = await PostSmsAsync(app, "01TESTMO000000000000STRANGE", "46709999001", "STOP"))
        {
            await HttpAssert.JsonAsync(stranger);
        }

        using (var sentence = await PostSmsAsync(app, "01TESTMO00000000000SENTENCE", number[1..], "Stop sending me invoices on paper please"))
        {
            await HttpAssert.JsonAsync(sentence);
        }

        Assert.Equal(customersBefore, await app.WithDbContextAsync(db => db.Customers.CountAsync(Cancel)));
        var fromStranger = await app.WithDbContextAsync(db => db.InboundMessages.AsNoTracking().SingleAsync(m => m.MessageId == "01TESTMO000000000000STRANGE", Cancel));
        Assert.Equal(((Guid?)null, (Guid?)null), (fromStranger.CustomerId, fromStranger.CaseId));
        Assert.Contains("no customer has", fromStranger.Routing, StringComparison.Ordinal);

        // A sentence with "stop" in it is a request for a person: a case, and marketing untouched.
        Assert.Equal(1, await app.WithDbContextAsync(db => db.Cases.CountAsync(c => c.CustomerId == customerId, Cancel)));
        Assert.Contains(InteractionChannel.Sms, await MarketableChannelsAsync(app, customerId));
        Assert.Empty(await ConfirmationsAsync(app, customerId));
    }

    /// <summary>Every channel <see cref="Domain.Customers.ContactPreferences.MayMarketVia"/> allows for the customer, in enum order.</summary>
    private static Task<List<InteractionChannel>> MarketableChannelsAsync(TouchpointApp app, Guid customerId) =>
        app.WithDbContextAsync(async db =>
        {
            var preferences = CustomerPreferences.Read(await db.Customers.AsNoTracking().SingleAsync(c => c.Id == customerId, Cancel));
            return Enum.GetValues<InteractionChannel>().Where(preferences.MayMarketVia).ToList();
        });

    private static string UniquePhone() => $"+4670{Random.Shared.Next(1_000_000, 9_999_999)}";

    private static async Task<Guid> CreateCustomerAsync(HttpClient agent, string number)
    {
        using var response = await agent.PostAsJsonAsync("/api/customers", new
        {
            name = "Stina Stopp",
            jurisdiction = "SE",
            identities = new[] { new { kind = "msisdn", value = number } },
            preferences = new { allowedMarketingChannels = MarketingChannels },
        }, Cancel);
        return (await HttpAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    private static async Task<List<Guid>> AgencyListAsync(HttpClient lead, Guid agencyId)
    {
        using var response = await lead.GetAsync($"/api/partner-agencies/{agencyId}/customers?limit=100", Cancel);
        return [.. (await HttpAssert.JsonAsync(response)).EnumerateArray().Select(g => g.GetProperty("customerId").GetGuid())];
    }

    private static async Task<List<JsonElement>> TimelineAsync(HttpClient client, Guid customerId, string query)
    {
        using var response = await client.GetAsync($"/api/customers/{customerId}/timeline?{query}", Cancel);
        return (await HttpAssert.JsonAsync(response)).GetProperty("items").EnumerateArray().ToList();
    }

    private static Task<List<OutboundMessage>> ConfirmationsAsync(TouchpointApp app, Guid customerId) =>
        app.WithDbContextAsync(db => db.OutboundMessages.AsNoTracking()
            .Where(m => m.CustomerId == customerId && m.Purpose == MessagePurposes.ObjectionConfirmation).OrderBy(m => m.CreatedAt).ToListAsync(Cancel));

    private static async Task<HttpResponseMessage> PostSmsAsync(TouchpointApp app, string id, string from, string body)
    {
        var json = JsonSerializer.Serialize(new { type = "mo_text", id, from, to = TestSinchServer.From[1..], body, received_at = Start, operator_id = "24001" });
        using var client = app.CreateAnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Callbacks) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in TestSinchServer.SignatureHeaders(json, app.Clock!.GetUtcNow()))
        {
            request.Headers.Add(name, value);
        }

        return await client.SendAsync(request, Cancel);
    }
}

[Trait("Provider", "Sqlite")]
public sealed class MarketingObjectionScenariosOnSqlite(PostgresServer postgres) : MarketingObjectionScenarios(postgres, Provider.Sqlite);

[Trait("Provider", "Postgres")]
public sealed class MarketingObjectionScenariosOnPostgres : MarketingObjectionScenarios
{
    public MarketingObjectionScenariosOnPostgres(PostgresServer postgres)
        : base(postgres, Provider.Postgres) => postgres.SkipUnlessRunning();
}
