using Touchpoint.Tests.Api;

namespace Touchpoint.Tests.Scenarios;

/// <summary>
/// Consumer or business, correctly (TP-5), through the public API: a consumer who becomes a business keeps the withdrawal
/// right (CRD-9) and the binding limits (EU-105-1, DK-1) of what was sold to them as a consumer; what is sold to the
/// business afterwards is judged as a business contract. The change is audited with old → new and on the timeline.
/// The clock stands still at noon today, so "day 10" of a sale is a sale started ten days ago.
/// </summary>
public abstract class CustomerKindScenarios(TouchpointApp app) : ApiTestBase(app)
{
    private static readonly int[] BindingOptions = [0, 6, 12, 24];

    private DateOnly Today => DateOnly.FromDateTime(App.Clock!.GetUtcNow().UtcDateTime);

    [Fact]
    public async Task TP_5_a_consumer_who_becomes_a_business_keeps_the_withdrawal_right_and_binding_limits_of_a_phone_sale_and_new_sales_are_business_sales()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var customerId = await CreateCustomerAsync(agent, "Mette Madsen", "DK");
        var plan = await CreatePlanAsync("DKK");
        var upgrade = await CreatePlanAsync("DKK");
        var phoneSale = await SubscribeAsync(agent, customerId, plan, bindingMonths: 6, "phone", Today.AddDays(-10));

        using var changed = await agent.PatchAsJsonAsync($"/api/customers/{customerId}", new { kind = "business" }, Cancel);
        Assert.Equal("business", (await HttpAssert.JsonAsync(changed)).GetProperty("kind").GetString());

        // Audited with old → new: the kind is no personal data, so it is shown as it is.
        var audited = Assert.Single(await AuditAsync($"entityType=Customer&entityId={customerId}&action=Updated"));
        var kind = Assert.Single(audited.GetProperty("changes").EnumerateArray(), c => c.GetProperty("field").GetString() == "Kind");
        Assert.Equal(("Person", "Business", "ordinary", false),
            (kind.GetProperty("old").GetString(), kind.GetProperty("new").GetString(), kind.GetProperty("sensitivity").GetString(), kind.GetProperty("masked").GetBoolean()));
        Assert.Equal("agent", audited.GetProperty("userName").GetString());

        // On the timeline, saying what the customer keeps.
        var entry = Assert.Single(await TimelineAsync(agent, customerId, "customerChange"));
        Assert.Equal("Customer kind changed: person → business", entry.GetProperty("title").GetString());
        Assert.Contains("The one contract sold to them as a consumer keeps its withdrawal right (CRD-9) and binding limits (EU-105-1)", entry.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("TP-5", entry.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Day 10 of the phone sale: still a consumer contract, its withdrawal right open.
        var kept = await TermsAsync(agent, phoneSale);
        Assert.True(kept.GetProperty("soldToConsumer").GetBoolean());
        Assert.True(kept.GetProperty("withdrawal").GetProperty("isOpen").GetBoolean());
        Assert.Equal(Iso(Today.AddDays(4)), kept.GetProperty("withdrawal").GetProperty("openUntil").GetString());
        Assert.Equal(["EU-105-1", "DK-1"], RuleIds(kept.GetProperty("binding")));

        // Its binding limits hold for a change too: a 12-month binding on it is refused, as it would be for a consumer.
        using var longer = await agent.PostAsJsonAsync("/api/orders", new
        {
            customerId,
            items = new[] { new { id = "upgrade", action = "modify", subscriptionId = phoneSale, planCode = upgrade, bindingMonths = 12, bindingConsent = true } },
        }, Cancel);
        var refused = await HttpAssert.ValidationProblemAsync(longer, "items[0].bindingMonths");
        Assert.Contains("DK-1", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(plan, await PlanCodeAsync(agent, customerId, phoneSale));

        // Sold to the business after the change: a business contract. A 12-month binding is allowed, there is no withdrawal right.
        var businessSale = await SubscribeAsync(agent, customerId, plan, bindingMonths: 12, "phone", Today);
        var business = await TermsAsync(agent, businessSale);
        Assert.False(business.GetProperty("soldToConsumer").GetBoolean());
        Assert.True(business.GetProperty("binding").GetProperty("isAllowed").GetBoolean());
        Assert.Equal(["TP-5"], RuleIds(business.GetProperty("binding")));
        Assert.False(business.GetProperty("withdrawal").GetProperty("isOpen").GetBoolean());
        Assert.Equal(["CRD-9", "TP-5"], RuleIds(business.GetProperty("withdrawal")));
        using var product = await agent.GetAsync($"/tmf-api/productInventory/v4/product/{businessSale}", Cancel);
        var characteristics = (await HttpAssert.JsonAsync(product)).GetProperty("productCharacteristic").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("value"));
        Assert.False(characteristics["soldToConsumer"].GetBoolean());
        Assert.False(characteristics["withdrawalOpen"].GetBoolean());

        // Withdrawing: the consumer's phone sale is withdrawn on day 10; the business sale is refused naming the rules.
        using var refusedWithdrawal = await agent.PostAsJsonAsync($"/api/subscriptions/{businessSale}/withdrawal", new { channel = "phone" }, Cancel);
        var problem = await HttpAssert.ProblemAsync(refusedWithdrawal, HttpStatusCode.Conflict);
        Assert.Equal(["CRD-9", "TP-5"], problem.GetProperty("ruleIds").EnumerateArray().Select(r => r.GetString()));
        Assert.Contains("Sold to a business", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var withdrawn = await agent.PostAsJsonAsync($"/api/subscriptions/{phoneSale}/withdrawal", new { channel = "phone" }, Cancel);
        Assert.Equal("completed", (await HttpAssert.JsonAsync(withdrawn, HttpStatusCode.Created)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task TP_5_an_order_records_whether_each_item_is_a_consumer_sale_when_it_is_placed()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var customerId = await CreateCustomerAsync(agent, "Lone Larsen", "DK");
        var plan = await CreatePlanAsync("DKK");
        var upgrade = await CreatePlanAsync("DKK");
        var consumerSale = await SubscribeAsync(agent, customerId, plan, bindingMonths: 0, "web", Today.AddDays(-30));
        using var changed = await agent.PatchAsJsonAsync($"/api/customers/{customerId}", new { kind = "business" }, Cancel);
        await HttpAssert.JsonAsync(changed);

        using var placed = await agent.PostAsJsonAsync("/api/orders", new
        {
            customerId,
            items = new object[]
            {
                new { id = "change", action = "modify", subscriptionId = consumerSale, planCode = upgrade },
                new { id = "new", action = "add", planCode = plan, msisdn = UniqueMobile(), bindingMonths = 12, bindingConsent = true },
            },
        }, Cancel);
        var order = await HttpAssert.JsonAsync(placed, HttpStatusCode.Created);

        Assert.Equal("completed", order.GetProperty("state").GetString());
        var items = order.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!);
        Assert.True(items["change"].GetProperty("soldToConsumer").GetBoolean(), "A change of a contract sold to a consumer stays a consumer sale.");
        Assert.False(items["new"].GetProperty("soldToConsumer").GetBoolean(), "A new contract of a business is a business sale.");
        var added = items["new"].GetProperty("subscriptionId").GetString()!;
        Assert.False((await TermsAsync(agent, added)).GetProperty("soldToConsumer").GetBoolean());
        Assert.Equal(12, (await TermsAsync(agent, added)).GetProperty("bindingMonths").GetInt32());
    }

    [Fact]
    public async Task TP_5_a_business_that_becomes_a_person_buys_as_a_consumer_from_then_on()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var customerId = await CreateCustomerAsync(agent, "Hansen Rør ApS", "DK", kind: "business");
        var plan = await CreatePlanAsync("DKK");
        var businessSale = await SubscribeAsync(agent, customerId, plan, bindingMonths: 12, "phone", Today.AddDays(-3));
        Assert.False((await TermsAsync(agent, businessSale)).GetProperty("withdrawal").GetProperty("isOpen").GetBoolean());

        using var changed = await agent.PatchAsJsonAsync($"/api/customers/{customerId}", new { kind = "person" }, Cancel);
        await HttpAssert.JsonAsync(changed);

        // What was sold to the business stays a business contract; a new sale is a consumer's, with DK-1's limit.
        Assert.False((await TermsAsync(agent, businessSale)).GetProperty("soldToConsumer").GetBoolean());
        using var tooLong = await agent.PostAsJsonAsync("/api/subscriptions",
            new { customerId, planCode = plan, msisdn = UniqueMobile(), bindingMonths = 12, soldVia = "phone" }, Cancel);
        var problem = await HttpAssert.ValidationProblemAsync(tooLong, "bindingMonths");
        Assert.Contains("DK-1", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var consumerSale = await SubscribeAsync(agent, customerId, plan, bindingMonths: 6, "phone", Today);
        Assert.True((await TermsAsync(agent, consumerSale)).GetProperty("withdrawal").GetProperty("isOpen").GetBoolean());
        var entry = Assert.Single(await TimelineAsync(agent, customerId, "customerChange"));
        Assert.Equal("Customer kind changed: business → person", entry.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_bad_kind_is_a_400_naming_the_field_and_nothing_of_the_patch_is_stored()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var customerId = await CreateCustomerAsync(agent, "Ulla Udsen", "DK");

        foreach (var bad in new[] { "company", "1" })
        {
            using var response = await agent.PatchAsJsonAsync($"/api/customers/{customerId}", new { name = "Ulla Andersen", kind = bad }, Cancel);
            var problem = await HttpAssert.ValidationProblemAsync(response, "kind");
            Assert.Equal($"'{bad}' is not a customer kind; use person or business.", problem.GetProperty("errors").GetProperty("kind")[0].GetString());
        }

        using var stored = await agent.GetAsync($"/api/customers/{customerId}", Cancel);
        var customer = (await HttpAssert.JsonAsync(stored)).GetProperty("customer");
        Assert.Equal(("person", "Ulla Udsen"), (customer.GetProperty("kind").GetString(), customer.GetProperty("name").GetString()));
        Assert.Empty(await AuditAsync($"entityType=Customer&entityId={customerId}&action=Updated"));
        using var byOldName = await agent.GetAsync("/api/customers?q=Udsen", Cancel);
        Assert.Contains((await HttpAssert.JsonAsync(byOldName)).EnumerateArray(), h => h.GetProperty("id").GetString() == customerId);
    }

    private async Task<string> CreatePlanAsync(string currency)
    {
        var code = $"KC-{Guid.NewGuid():N}"[..20];
        using var admin = await App.CreateAdminClientAsync();
        using var response = await admin.PostAsJsonAsync("/api/plans",
            new { code, name = $"Plan {code}", monthlyPrice = 199m, currency, bindingOptions = BindingOptions, technology = "5G" }, Cancel);
        await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
        return code;
    }

    private static async Task<string> CreateCustomerAsync(HttpClient client, string name, string jurisdiction, string kind = "person")
    {
        using var response = await client.PostAsJsonAsync("/api/customers", new
        {
            kind,
            name,
            jurisdiction,
            identities = new[] { new { kind = "email", value = $"kind.{Guid.NewGuid():N}@example.com" } },
        }, Cancel);
        return (await HttpAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }

    private static async Task<string> SubscribeAsync(HttpClient client, string customerId, string plan, int bindingMonths, string soldVia, DateOnly startDate)
    {
        using var response = await client.PostAsJsonAsync("/api/subscriptions",
            new { customerId, planCode = plan, msisdn = UniqueMobile(), bindingMonths, soldVia, startDate = Iso(startDate) }, Cancel);
        return (await HttpAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement> TermsAsync(HttpClient client, string subscriptionId)
    {
        using var response = await client.GetAsync($"/api/subscriptions/{subscriptionId}/terms", Cancel);
        return await HttpAssert.JsonAsync(response);
    }

    private static async Task<string?> PlanCodeAsync(HttpClient client, string customerId, string subscriptionId)
    {
        using var response = await client.GetAsync($"/api/customers/{customerId}", Cancel);
        return (await HttpAssert.JsonAsync(response)).GetProperty("subscriptions").EnumerateArray()
            .Single(s => s.GetProperty("id").GetString() == subscriptionId).GetProperty("planCode").GetString();
    }

    private static async Task<List<JsonElement>> TimelineAsync(HttpClient client, string customerId, string kind)
    {
        using var response = await client.GetAsync($"/api/customers/{customerId}/timeline?kind={kind}&limit=50", Cancel);
        return (await HttpAssert.JsonAsync(response)).GetProperty("items").EnumerateArray().ToList();
    }

    private static IEnumerable<string?> RuleIds(JsonElement decision) => decision.GetProperty("ruleIds").EnumerateArray().Select(r => r.GetString());

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string UniqueMobile() => $"+4520{Random.Shared.Next(100_000, 999_999)}";
}

/// <summary>An app whose clock stands at noon today, so sales can be dated days back and judged "today" exactly.</summary>
public sealed class StillClockSqliteApp(PostgresServer postgres) : TouchpointApp(Provider.Sqlite, postgres, clock: TestClocks.NoonToday());

/// <inheritdoc cref="StillClockSqliteApp"/>
public sealed class StillClockPostgresApp(PostgresServer postgres) : TouchpointApp(Provider.Postgres, postgres, clock: TestClocks.NoonToday());

[Trait("Provider", "Sqlite")]
public sealed class CustomerKindScenariosOnSqlite(StillClockSqliteApp app) : CustomerKindScenarios(app), IClassFixture<StillClockSqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class CustomerKindScenariosOnPostgres(StillClockPostgresApp app) : CustomerKindScenarios(app), IClassFixture<StillClockPostgresApp>;
