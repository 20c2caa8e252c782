using Microsoft.Extensions.Time.Testing;
using Touchpoint.Tests.Api;

namespace Touchpoint.Tests.Scenarios;

/// <summary>
/// EU-106-6 through /api/orders: we, the losing operator, port a number away only on the customer's request — the
/// receiving operator's porting request carrying the customer's authorisation, or the customer's own verified
/// instruction. Without one nothing is scheduled and nothing is sent; a batch is checked item by item. On a clock the
/// tests move, so a port-out runs on its porting date without waiting.
/// </summary>
public abstract class PortOutScenarios(TouchpointApp app) : ApiTestBase(app)
{
    private const string Recipient = "Tele2";

    private static readonly int[] NoBinding = [0];

    private FakeTimeProvider Clock => App.Clock!;

    private DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    [Fact]
    public async Task EU_106_6_a_port_out_without_the_customers_request_is_refused_and_nothing_is_scheduled_or_sent()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var (customer, subscription, msisdn, _) = await SwedishMobileCustomerAsync(agent);
        var portingDate = Today.AddDays(5);

        using var response = await agent.PostAsync("/api/orders", new
        {
            customerId = customer,
            items = new object[] { new { id = "out", action = "delete", subscriptionId = subscription, portOut = true, portingDate, recipientOperator = Recipient } },
        });

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(
            $"The port-out of {msisdn} cannot be taken. A port-out needs the customer's request on record (EU-106-6): the receiving operator's porting request " +
            "with its reference and the customer's identity (their national id), or the customer's own instruction, verified. Nothing was scheduled.",
            problem.GetProperty("detail").GetString());
        Assert.Equal(["items[0].portingRequest"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(("EU-106-6", "out"), (problem.GetProperty("ruleId").GetString(), problem.GetProperty("itemId").GetString()));
        Assert.Equal(["nationalId"], problem.GetProperty("acceptedIdentities").EnumerateArray().Select(a => a.GetString()));

        // A request carrying someone else's personal number is not the customer's either, and says nothing of theirs.
        using var notTheirs = await agent.PostAsync("/api/orders", new
        {
            customerId = customer,
            items = new object[] { PortOut("out", subscription, portingDate, new { requestedBy = "recipientOperator", reference = "T2-0001", nationalId = OrderSteps.SwedishPersonalNumber() }) },
        });
        var mismatch = await HttpAssert.ProblemAsync(notTheirs, HttpStatusCode.UnprocessableEntity);
        Assert.True(mismatch.GetProperty("errors").TryGetProperty("items[0].portingRequest.nationalId", out _), mismatch.ToString());
        Assert.Contains("does not match the holder", mismatch.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Nothing scheduled, nothing sent, the line untouched; both refusals on the timeline with the rule.
        Assert.Empty(await agent.OrdersAsync(customer));
        Assert.Empty(await agent.MessagesAsync(customer));
        Assert.Equal("active", Assert.Single(await agent.SubscriptionsAsync(customer)).GetProperty("status").GetString());
        var refusals = await agent.TimelineAsync(customer, "order");
        Assert.Equal(2, refusals.Count);
        Assert.All(refusals, r =>
        {
            Assert.Equal($"Order refused: port-out on {Iso(portingDate)}", r.GetProperty("title").GetString());
            Assert.Contains("(EU-106-6)", r.GetProperty("detail").GetString(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task EU_106_6_on_the_receiving_operators_request_with_the_customers_identity_the_port_out_is_scheduled_the_holder_told_and_it_runs_on_its_date()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var (customer, subscription, msisdn, nationalId) = await SwedishMobileCustomerAsync(agent);
        var portingDate = Today.AddDays(3);

        // The receiving operator writes the personal number in its short form; it is the same person.
        var shortForm = nationalId[2..];
        using var response = await agent.PostAsync("/api/orders", new
        {
            customerId = customer,
            items = new object[] { PortOut("out", subscription, portingDate, new { requestedBy = "recipientOperator", reference = "T2-PORT-4471", nationalId = shortForm }) },
        });

        var order = await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
        var orderId = order.GetProperty("id").GetString()!;
        Assert.Equal("acknowledged", order.GetProperty("state").GetString());
        Assert.Equal(portingDate.ToDateTime(TimeOnly.MinValue), order.GetProperty("runsAt").GetDateTime());
        var request = order.GetProperty("items")[0].GetProperty("portingRequest");
        Assert.Equal(("recipientOperator", "T2-PORT-4471", "nationalId", "EU-106-6"),
            (request.GetProperty("requestedBy").GetString(), request.GetProperty("reference").GetString(), request.GetProperty("acceptedOn").GetString(), request.GetProperty("ruleId").GetString()));
        Assert.DoesNotContain(nationalId[2..8], order.ToString(), StringComparison.Ordinal);

        // The holder hears of it before it happens, and can stop it.
        var notice = Assert.Single(await agent.MessagesAsync(customer));
        // In the holder's language: a Swedish customer.
        Assert.Equal($"Ditt nummer {msisdn} ska flyttas till en annan operatör", notice.GetProperty("subject").GetString());
        Assert.Equal(
            $"Vi har fått en begäran om att flytta ditt nummer till en annan operatör: {msisdn} till {Recipient} den {Swedish(portingDate)}, på begäran av {Recipient} " +
            $"(deras referens T2-PORT-4471). Ditt abonnemang hos oss upphör den dagen. Om du inte har bett om detta, kontakta oss före {Swedish(portingDate)} så stoppar vi det. " +
            "Lag: lagen om elektronisk kommunikation (EU-106-6).",
            notice.GetProperty("content").GetString());
        var placed = Assert.Single(await agent.TimelineAsync(customer, "order"));
        Assert.Contains($"On the porting request of {Recipient}, reference T2-PORT-4471, carrying their national id as on file (EU-106-6).",
            placed.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("active", Assert.Single(await agent.SubscriptionsAsync(customer)).GetProperty("status").GetString());

        // The porting date comes: the number leaves on it (EU-106-3) and stays portable a month (EU-106-2).
        Clock.SetUtcNow(new DateTimeOffset(portingDate.ToDateTime(new TimeOnly(0, 5)), TimeSpan.Zero));
        await App.RunDueWorkAsync();
        using var ranResponse = await agent.GetAsync($"/api/orders/{orderId}", Cancel);
        var ran = await HttpAssert.JsonAsync(ranResponse);
        Assert.Equal("completed", ran.GetProperty("state").GetString());
        Assert.Equal(Iso(portingDate.AddMonths(1)), ran.GetProperty("items")[0].GetProperty("portableUntil").GetString());
        Assert.Equal("terminated", Assert.Single(await agent.SubscriptionsAsync(customer)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task EU_106_6_the_customers_own_instruction_is_enough_once_they_are_verified()
    {
        using var agent = await App.CreateClientAsAsync("store");
        var (customer, subscription, _, _) = await SwedishMobileCustomerAsync(agent);
        var portingDate = Today.AddDays(1);

        using var unverified = await agent.PostAsync("/api/orders", new
        {
            customerId = customer,
            items = new object[] { PortOut("out", subscription, portingDate, new { requestedBy = "customer", channel = "store" }) },
        });
        var problem = await HttpAssert.ProblemAsync(unverified, HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty("items[0].portingRequest.verifiedBy", out _), problem.ToString());
        Assert.Empty(await agent.OrdersAsync(customer));

        // An identity a porting request carries is not how we verify a customer: bad input, said so.
        using var mixed = await agent.PostAsync("/api/orders", new
        {
            customerId = customer,
            items = new object[] { PortOut("out", subscription, portingDate, new { requestedBy = "customer", verifiedBy = "idDocument", nationalId = "19811218-9876" }) },
        });
        await HttpAssert.ValidationProblemAsync(mixed, "items[0].portingRequest.nationalId");

        using var verified = await agent.PostAsync("/api/orders", new
        {
            customerId = customer,
            items = new object[] { PortOut("out", subscription, portingDate, new { requestedBy = "customer", verifiedBy = "idDocument", channel = "store" }) },
        });
        var order = await HttpAssert.JsonAsync(verified, HttpStatusCode.Created);
        var request = order.GetProperty("items")[0].GetProperty("portingRequest");
        Assert.Equal(("customer", "idDocument", "store"),
            (request.GetProperty("requestedBy").GetString(), request.GetProperty("acceptedOn").GetString(), request.GetProperty("channel").GetString()));
        Assert.Contains("på din egen begäran", Assert.Single(await agent.MessagesAsync(customer)).GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EU_106_6_a_batch_of_port_outs_is_checked_item_by_item_and_every_failing_item_is_named()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var (customer, first, _, nationalId) = await SwedishMobileCustomerAsync(agent);
        var (second, secondNumber) = await AnotherLineAsync(agent, customer);
        var (third, thirdNumber) = await AnotherLineAsync(agent, customer);
        var portingDate = Today.AddDays(7);
        object Request(string? reference, string id) => new { requestedBy = "recipientOperator", reference, nationalId = id };

        using var response = await agent.PostAsync("/api/orders", new
        {
            customerId = customer,
            description = "Tele2's porting batch for the family's three numbers",
            items = new object[]
            {
                PortOut("a", first, portingDate, Request("T2-B-1", nationalId)),
                PortOut("b", second, portingDate, Request(null, nationalId)),
                PortOut("c", third, portingDate, Request("T2-B-3", OrderSteps.SwedishPersonalNumber())),
            },
        });

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["items[1].portingRequest.reference", "items[2].portingRequest.nationalId"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(["b", "c"], problem.GetProperty("itemIds").EnumerateArray().Select(i => i.GetString()));
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.StartsWith("2 of the 3 port-outs cannot be taken, so none is (EU-106-6; checked item by item): ", detail, StringComparison.Ordinal);
        Assert.Contains($"The port-out of {secondNumber}: The receiving operator's porting reference is missing (EU-106-6).", detail, StringComparison.Ordinal);
        Assert.Contains($"The port-out of {thirdNumber}: The porting request's national id does not match the holder of {thirdNumber} on file", detail, StringComparison.Ordinal);
        // The good one is not named among the failing.
        Assert.Equal(2, detail.Split("The port-out of ").Length - 1);
        Assert.Empty(await agent.OrdersAsync(customer));
        Assert.Empty(await agent.MessagesAsync(customer));
        Assert.All(await agent.SubscriptionsAsync(customer), s => Assert.Equal("active", s.GetProperty("status").GetString()));

        // Each order is checked on its own: the good item alone goes through, the others stay refused until corrected.
        using var alone = await agent.PostAsync("/api/orders", new { customerId = customer, items = new object[] { PortOut("a", first, portingDate, Request("T2-B-1", nationalId)) } });
        Assert.Equal("acknowledged", (await HttpAssert.JsonAsync(alone, HttpStatusCode.Created)).GetProperty("state").GetString());
        using var corrected = await agent.PostAsync("/api/orders", new
        {
            customerId = customer,
            items = new object[] { PortOut("b", second, portingDate, Request("T2-B-2", nationalId)), PortOut("c", third, portingDate, Request("T2-B-3", nationalId)) },
        });
        var batch = await HttpAssert.JsonAsync(corrected, HttpStatusCode.Created);
        Assert.All(batch.GetProperty("items").EnumerateArray(), i => Assert.Equal("nationalId", i.GetProperty("portingRequest").GetProperty("acceptedOn").GetString()));
        Assert.Equal(2, (await agent.OrdersAsync(customer)).Count);
        var notices = await agent.MessagesAsync(customer);
        Assert.Equal(2, notices.Count);
        Assert.Equal("Dina nummer ska flyttas till en annan operatör", notices[0].GetProperty("subject").GetString());
        Assert.Contains(secondNumber, notices[0].GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Contains(thirdNumber, notices[0].GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EU_106_6_a_dutch_porting_request_carries_the_customer_number_and_name_not_a_national_id()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var customer = await agent.CreateCustomerAsync("Jan Portier", "NL");
        var msisdn = string.Create(CultureInfo.InvariantCulture, $"+3161{Random.Shared.Next(1_000_000, 9_999_999)}");
        var mobile = await agent.SubscribeAsync(customer, await DutchMobilePlanAsync(), msisdn);

        using var withoutName = await agent.PostAsync("/api/orders", new
        {
            customerId = customer,
            items = new object[] { PortOut("out", mobile, Today.AddDays(2), new { requestedBy = "recipientOperator", reference = "KPN-778", customerNumber = customer }) },
        });
        var problem = await HttpAssert.ProblemAsync(withoutName, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["items[0].portingRequest.customerName"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.EndsWith("in NL it carries their customer number and name, or the number and their name.", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var response = await agent.PostAsync("/api/orders", new
        {
            customerId = customer,
            items = new object[] { PortOut("out", mobile, Today.AddDays(2), new { requestedBy = "recipientOperator", reference = "KPN-778", msisdn, customerName = "jan portier" }) },
        });
        var order = await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
        Assert.Equal("numberAndName", order.GetProperty("items")[0].GetProperty("portingRequest").GetProperty("acceptedOn").GetString());
    }

    // ---- helpers ----

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Swedish(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("sv-SE"));

    private static object PortOut(string id, string subscriptionId, DateOnly portingDate, object portingRequest) =>
        new { id, action = "delete", subscriptionId, portOut = true, portingDate, recipientOperator = Recipient, portingRequest };

    /// <summary>A Swedish customer with a personal number on file and a mobile line.</summary>
    private static async Task<(string Customer, string Subscription, string Msisdn, string NationalId)> SwedishMobileCustomerAsync(HttpClient agent)
    {
        var nationalId = OrderSteps.SwedishPersonalNumber();
        var customer = await agent.CreateCustomerAsync("Åsa Portare", "SE", nationalId);
        var (subscription, msisdn) = await AnotherLineAsync(agent, customer);
        return (customer, subscription, msisdn, nationalId);
    }

    private static async Task<(string Subscription, string Msisdn)> AnotherLineAsync(HttpClient agent, string customer)
    {
        var msisdn = OrderSteps.SwedishMobileNumber();
        return (await agent.SubscribeAsync(customer, "SE-MOBIL-430", msisdn), msisdn);
    }

    /// <summary>A Dutch mobile plan (the demo catalogue has none).</summary>
    private async Task<string> DutchMobilePlanAsync()
    {
        var code = $"NL-MOB-{Guid.NewGuid():N}"[..16];
        using var admin = await App.CreateAdminClientAsync();
        using var response = await admin.PostAsJsonAsync("/api/plans",
            new { code, name = "Mobiel Onbeperkt", monthlyPrice = 20m, currency = "EUR", country = "NL", bindingOptions = NoBinding, technology = "4G" }, Cancel);
        await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
        return code;
    }
}

/// <summary>Class fixture: an app on a clock the tests move, its tokens living as long as the months moved.</summary>
public abstract class ClockedApp(Provider provider, PostgresServer postgres) : TouchpointApp(provider, postgres, new Dictionary<string, string?>
{
    ["Touchpoint:Auth:AccessTokenMinutes"] = "200000",
}, TestClocks.NoonToday());

public sealed class ClockedSqliteApp(PostgresServer postgres) : ClockedApp(Provider.Sqlite, postgres);

public sealed class ClockedPostgresApp(PostgresServer postgres) : ClockedApp(Provider.Postgres, postgres);

[Trait("Provider", "Sqlite")]
public sealed class PortOutScenariosOnSqlite(ClockedSqliteApp app) : PortOutScenarios(app), IClassFixture<ClockedSqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class PortOutScenariosOnPostgres(ClockedPostgresApp app) : PortOutScenarios(app), IClassFixture<ClockedPostgresApp>;
