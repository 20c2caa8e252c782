namespace Touchpoint.Tests.Api;

/// <summary>
/// A customer is offered and sold only the plans of their own jurisdiction: the catalogue lists them per customer, and
/// a sale, a new order item or a change of plan with another country's plan is a 400 naming the plan field.
/// </summary>
public abstract class PlanOfferTests(TouchpointApp app) : ApiTestBase(app)
{
    [Fact]
    public async Task The_catalogue_for_a_customer_lists_only_their_countrys_plans_in_their_currency()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var dane = await CreateCustomerAsync(agent, "DK");

        using var response = await agent.GetAsync($"/api/plans?customerId={dane}", Cancel);

        var plans = (await HttpAssert.JsonAsync(response)).EnumerateArray().ToList();
        Assert.Contains(plans, p => p.GetProperty("code").GetString() == "DK-MOBIL-FRI");
        Assert.All(plans, p => Assert.Equal("DKK", p.GetProperty("currency").GetString()));
        Assert.DoesNotContain(plans, p => p.GetProperty("code").GetString()!.StartsWith("SE-", StringComparison.Ordinal));
        using var all = await agent.GetAsync("/api/plans", Cancel);
        Assert.Contains((await HttpAssert.JsonAsync(all)).EnumerateArray(), p => p.GetProperty("code").GetString() == "SE-MOBIL-430");
    }

    [Fact]
    public async Task The_catalogue_for_a_customer_who_does_not_exist_is_a_400_naming_customerId()
    {
        using var agent = await App.CreateClientAsAsync("agent");

        using var response = await agent.GetAsync($"/api/plans?customerId={Guid.NewGuid()}", Cancel);

        await HttpAssert.ValidationProblemAsync(response, "customerId");
    }

    [Fact]
    public async Task Another_countrys_plan_is_refused_for_a_sale_a_new_item_and_a_change_of_plan()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var dane = await CreateCustomerAsync(agent, "DK");
        using var sale = await agent.PostAsJsonAsync("/api/subscriptions", new { customerId = dane, planCode = "SE-MOBIL-430", msisdn = DanishNumber() }, Cancel);
        using var lawful = await agent.PostAsJsonAsync("/api/subscriptions", new { customerId = dane, planCode = "DK-MOBIL-FRI", msisdn = DanishNumber() }, Cancel);
        var subscription = (await HttpAssert.JsonAsync(lawful, HttpStatusCode.Created)).GetProperty("id").GetString();

        using var added = await agent.PostAsJsonAsync("/api/orders", new
        {
            customerId = dane,
            items = new object[] { new { id = "1", action = "add", planCode = "SE-MOBIL-600", msisdn = DanishNumber() } },
        }, Cancel);
        using var changed = await agent.PostAsJsonAsync("/api/orders", new
        {
            customerId = dane,
            items = new object[] { new { id = "1", action = "modify", subscriptionId = subscription, planCode = "SE-MOBIL-600" } },
        }, Cancel);

        Assert.Contains("a customer of DK is offered the plans of DK, in DKK", Error(await HttpAssert.ValidationProblemAsync(sale, "planCode"), "planCode"), StringComparison.Ordinal);
        await HttpAssert.ValidationProblemAsync(added, "items[0].planCode");
        await HttpAssert.ValidationProblemAsync(changed, "items[0].planCode");
    }

    private static string DanishNumber() => string.Create(CultureInfo.InvariantCulture, $"+4522{Random.Shared.Next(100_000, 999_999)}");

    private static async Task<string> CreateCustomerAsync(HttpClient client, string jurisdiction)
    {
        using var response = await client.PostAsJsonAsync("/api/customers", new
        {
            name = $"Plan Customer {jurisdiction}", jurisdiction,
            identities = new[] { new { kind = "email", value = $"plans.{Guid.NewGuid():N}@example.com" } },
        }, Cancel);
        return (await HttpAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }

    private static string Error(JsonElement problem, string field) => problem.GetProperty("errors").GetProperty(field)[0].GetString()!;
}

[Trait("Provider", "Sqlite")]
public sealed class PlanOfferTestsOnSqlite(SqliteApp app) : PlanOfferTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class PlanOfferTestsOnPostgres(PostgresApp app) : PlanOfferTests(app), IClassFixture<PostgresApp>;
