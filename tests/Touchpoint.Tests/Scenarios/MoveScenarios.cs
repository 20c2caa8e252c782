using Touchpoint.Tests.Api;

namespace Touchpoint.Tests.Scenarios;

/// <summary>
/// A move through /api/orders (S2-1, S2-2): it sets the subscription's new address and, where the line was at the
/// customer's service address, the customer's too, with the old addresses kept on the timeline. A "move" to where the
/// line already is, is refused.
/// </summary>
public abstract class MoveScenarios(TouchpointApp app) : ApiTestBase(app)
{
    private static readonly object Utrecht = new { street = "Oudegracht 100", postalCode = "3511 AX", city = "Utrecht", country = "NL" };
    private static readonly object Amersfoort = new { street = "Langestraat 12", postalCode = "3811 AB", city = "Amersfoort", country = "NL" };
    private static readonly object Zeist = new { street = "Slotlaan 5", postalCode = "3701 GA", city = "Zeist", country = "NL" };

    [Fact]
    public async Task A_completed_move_sets_the_subscriptions_and_the_customers_service_address_and_the_old_one_stays_in_history()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var (customer, internet) = await CustomerWithInternetAsync(agent, home: Utrecht, lineAt: Utrecht);

        using var response = await agent.PostAsync("/api/orders", new
        {
            customerId = customer,
            items = new object[] { new { id = "move", action = "modify", subscriptionId = internet, serviceAddress = Amersfoort } },
        });

        var order = await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
        Assert.Equal("completed", order.GetProperty("state").GetString());
        Assert.StartsWith("Moved from Oudegracht 100, 3511 AX Utrecht to Langestraat 12, 3811 AB Amersfoort; the customer's service address with it.",
            order.GetProperty("items")[0].GetProperty("outcome").GetString(), StringComparison.Ordinal);

        var after = await agent.CustomerAsync(customer);
        Assert.Equal("Amersfoort", Assert.Single(after.GetProperty("subscriptions").EnumerateArray()).GetProperty("serviceAddress").GetProperty("city").GetString());
        var home = after.GetProperty("customer").GetProperty("serviceAddress");
        Assert.Equal(("Langestraat 12", "3811 AB", "Amersfoort", "NL"),
            (home.GetProperty("street").GetString(), home.GetProperty("postalCode").GetString(), home.GetProperty("city").GetString(), home.GetProperty("country").GetString()));

        // Where they lived before is not lost: both moves are on the timeline with the old address.
        Assert.Contains(await agent.TimelineAsync(customer, "subscriptionChange"),
            e => e.GetProperty("title").GetString() == "Moved from Oudegracht 100, 3511 AX Utrecht to Langestraat 12, 3811 AB Amersfoort");
        var followed = Assert.Single(await agent.TimelineAsync(customer, "order"), e => e.GetProperty("title").GetString()!.StartsWith("Service address", StringComparison.Ordinal));
        Assert.Equal("Service address moved from Oudegracht 100, 3511 AX Utrecht to Langestraat 12, 3811 AB Amersfoort", followed.GetProperty("title").GetString());
        Assert.Equal(order.GetProperty("id").GetString(), followed.GetProperty("sourceId").GetString());
    }

    [Fact]
    public async Task A_line_elsewhere_than_the_customers_service_address_moves_alone()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var (customer, internet) = await CustomerWithInternetAsync(agent, home: Utrecht, lineAt: Zeist);

        using var response = await agent.PostAsync("/api/orders", new
        {
            customerId = customer,
            items = new object[] { new { id = "move", action = "modify", subscriptionId = internet, serviceAddress = Amersfoort } },
        });

        Assert.Equal("completed", (await HttpAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("state").GetString());
        var after = await agent.CustomerAsync(customer);
        Assert.Equal("Amersfoort", Assert.Single(after.GetProperty("subscriptions").EnumerateArray()).GetProperty("serviceAddress").GetProperty("city").GetString());
        Assert.Equal("Utrecht", after.GetProperty("customer").GetProperty("serviceAddress").GetProperty("city").GetString());
        Assert.DoesNotContain(await agent.TimelineAsync(customer, "order"), e => e.GetProperty("title").GetString()!.StartsWith("Service address", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_move_to_the_address_the_subscription_already_has_is_refused_naming_the_items_service_address()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var (customer, internet) = await CustomerWithInternetAsync(agent, home: Utrecht, lineAt: Utrecht);
        var timelineBefore = (await agent.TimelineAsync(customer)).Count;

        // The same place written another way is still the same place.
        using var response = await agent.PostAsync("/api/orders", new
        {
            customerId = customer,
            items = new object[]
            {
                new { id = "move", action = "modify", subscriptionId = internet, serviceAddress = new { street = "oudegracht 100", postalCode = "3511ax", city = "UTRECHT", country = "nl" } },
            },
        });

        var problem = await HttpAssert.ValidationProblemAsync(response, "items[0].serviceAddress");
        Assert.Equal(
            $"Subscription {internet} is already at Oudegracht 100, 3511 AX Utrecht: a move needs the new address. To change only the plan or binding, leave serviceAddress out.",
            problem.GetProperty("detail").GetString());
        Assert.Empty(await agent.OrdersAsync(customer));
        Assert.Equal(timelineBefore, (await agent.TimelineAsync(customer)).Count);
        Assert.Equal("Utrecht", Assert.Single(await agent.SubscriptionsAsync(customer)).GetProperty("serviceAddress").GetProperty("city").GetString());
    }

    /// <summary>A Dutch customer living at <paramref name="home"/> with internet at <paramref name="lineAt"/>; every address here is covered.</summary>
    private async Task<(string Customer, string Subscription)> CustomerWithInternetAsync(HttpClient agent, object home, object lineAt)
    {
        foreach (var postcode in new[] { "3511 AX", "3811 AB", "3701 GA" })
        {
            await App.SetCoverageAsync("NL", postcode, "dsl,cable-tv,fiber");
        }

        var customer = await agent.CreateCustomerAsync("Jan Verhuizer", "NL", serviceAddress: home);
        return (customer, await agent.SubscribeAsync(customer, "NL-INTERNET", serviceAddress: lineAt));
    }
}

[Trait("Provider", "Sqlite")]
public sealed class MoveScenariosOnSqlite(SqliteApp app) : MoveScenarios(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class MoveScenariosOnPostgres(PostgresApp app) : MoveScenarios(app), IClassFixture<PostgresApp>;
