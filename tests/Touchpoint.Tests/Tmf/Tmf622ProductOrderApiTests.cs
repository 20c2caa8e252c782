using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Domain.Subscriptions;
using Touchpoint.Features.Coverage;

namespace Touchpoint.Tests.Tmf;

/// <summary>TMF622 ProductOrder and CancelProductOrder through HTTP: composite orders, valid against the spec.</summary>
public abstract class Tmf622ProductOrderApiTests(TouchpointApp app) : TmfApiTestBase(app)
{
    private const string Orders = "/tmf-api/productOrderingManagement/v4/productOrder";
    private const string Cancels = "/tmf-api/productOrderingManagement/v4/cancelProductOrder";
    private const string Api = "TMF622-ProductOrder";

    private static readonly string[] CoveredPostcodes = ["11455", "11456"];

    private static TmfSchema OrderSchema => TmfSchema.For(Api, "ProductOrder");
    private static TmfSchema CancelSchema => TmfSchema.For(Api, "CancelProductOrder");

    private static JsonObject Customer(string id) => new() { ["id"] = id, ["role"] = "customer", ["@referredType"] = "Customer" };

    private static JsonObject Place(string street, string postcode, string city, string country) => new()
    {
        ["role"] = "serviceAddress", ["streetName"] = street, ["postcode"] = postcode, ["city"] = city, ["country"] = country, ["@type"] = "GeographicAddress",
    };

    private static JsonObject Characteristic(string name, JsonNode value) => new() { ["name"] = name, ["value"] = value };

    /// <summary>A Swedish customer with fiber in a covered postcode; returns the customer and the subscription.</summary>
    private async Task<(string Customer, string Subscription)> CustomerWithFiberAsync()
    {
        await App.WithDbContextAsync(async db =>
        {
            foreach (var postcode in CoveredPostcodes)
            {
                if (!await db.CoverageAreas.AnyAsync(a => a.Country == "SE" && a.PostalCode == postcode, Cancel))
                {
                    db.CoverageAreas.Add(new CoverageArea { Country = "SE", PostalCode = postcode, Technologies = "5G,fiber", Source = "test", ImportedAt = App.UtcNow });
                }
            }

            return await db.SaveChangesAsync(Cancel);
        });
        var customer = await CreateCustomerAsync();
        using var client = await AgentAsync();
        using var response = await client.PostAsJsonAsync("/api/subscriptions", new
        {
            customerId = customer, planCode = "SE-FIBER-250", serviceAddress = new { street = "Storgatan 1", postalCode = "11455", city = "Stockholm", country = "SE" },
        }, Cancel);
        return (customer, (await HttpAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetString()!);
    }

    private static JsonObject MoveAndAddMobileBody(string customer, string subscription) => new()
    {
        ["description"] = "Move and a mobile subscription",
        ["externalId"] = "shop-4711",
        ["relatedParty"] = new JsonArray(Customer(customer)),
        ["productOrderItem"] = new JsonArray(
            new JsonObject
            {
                ["id"] = "move",
                ["action"] = "modify",
                ["product"] = new JsonObject { ["id"] = subscription, ["place"] = new JsonArray(Place("Storgatan 9", "11456", "Stockholm", "SE")) },
            },
            new JsonObject
            {
                ["id"] = "mobile",
                ["action"] = "add",
                ["productOffering"] = new JsonObject { ["id"] = "SE-MOBIL-430" },
                ["product"] = new JsonObject { ["productCharacteristic"] = new JsonArray(Characteristic("msisdn", UniqueMobile())) },
                ["productOrderItemRelationship"] = new JsonArray(new JsonObject { ["id"] = "move", ["relationshipType"] = "reliesOn" }),
            }),
    };

    [Fact]
    public async Task Creating_an_order_returns_201_and_a_valid_completed_order_whose_items_name_the_subscriptions()
    {
        var (customer, subscription) = await CustomerWithFiberAsync();
        using var client = await AgentAsync();

        using var response = await PostValidAsync(client, Orders, Api, "ProductOrder_Create", MoveAndAddMobileBody(customer, subscription));

        var order = await ValidAsync(response, OrderSchema, HttpStatusCode.Created);
        var id = order["id"]!.GetValue<string>();
        Assert.Equal($"{Orders}/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(("completed", "ProductOrder", "shop-4711"), (order["state"]!.GetValue<string>(), order["@type"]!.GetValue<string>(), order["externalId"]!.GetValue<string>()));
        Assert.NotNull(order["completionDate"]);
        var items = Objects(order["productOrderItem"]).ToList();
        Assert.Equal(["move", "mobile"], items.Select(i => i["id"]!.GetValue<string>()).ToArray());
        Assert.All(items, i => Assert.Equal("completed", i["state"]!.GetValue<string>()));
        Assert.Equal(subscription, items[0]["product"]!["id"]!.GetValue<string>());
        Assert.Equal($"{Products}/{subscription}", items[0]["product"]!["href"]!.GetValue<string>());
        Assert.Equal("11456", items[0]["product"]!["place"]![0]!["postcode"]!.GetValue<string>());
        Assert.Equal("SE-MOBIL-430", items[1]["productOffering"]!["id"]!.GetValue<string>());
        Assert.Equal("reliesOn", items[1]["productOrderItemRelationship"]![0]!["relationshipType"]!.GetValue<string>());
        var newSubscription = items[1]["product"]!["id"]!.GetValue<string>();

        using var product = await client.GetAsync($"{Products}/{newSubscription}", Cancel);
        Assert.Equal("active", (await ValidAsync(product, ProductSchema))["status"]!.GetValue<string>());

        using var get = await client.GetAsync($"{Orders}/{id}", Cancel);
        Assert.Equal(id, (await ValidAsync(get, OrderSchema))["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_order_names_its_sales_channel_and_seller_and_each_item_records_how_it_was_sold_CRD_9()
    {
        var (customer, subscription) = await CustomerWithFiberAsync();
        using var client = await AgentAsync();
        var body = MoveAndAddMobileBody(customer, subscription);
        body["relatedParty"]!.AsArray().Add(new JsonObject { ["id"] = "vendator", ["name"] = "Vendator", ["role"] = "seller", ["@referredType"] = "Organization" });
        body["channel"] = new JsonArray(new JsonObject { ["id"] = "Telephone", ["role"] = "salesChannel" });
        var mobile = body["productOrderItem"]![1]!["product"]!["productCharacteristic"]!.AsArray();
        mobile.Add(Characteristic("soldVia", "web"));
        mobile.Add(Characteristic("withdrawalInformationGiven", false));

        using var response = await PostValidAsync(client, Orders, Api, "ProductOrder_Create", body);

        var order = await ValidAsync(response, OrderSchema, HttpStatusCode.Created);
        // Two channels among the items: the order names none of its own, each item names its own.
        Assert.Null(order["channel"]);
        var sold = Objects(order["productOrderItem"]).Select(i => Objects(i["product"]!["productCharacteristic"])
            .ToDictionary(c => c["name"]!.GetValue<string>(), c => c["value"]!.ToJsonString())).ToList();
        Assert.Equal(("\"phone\"", "\"Vendator\"", "true"), (sold[0]["soldVia"], sold[0]["soldBy"], sold[0]["withdrawalInformationGiven"]));
        Assert.Equal(("\"web\"", "false"), (sold[1]["soldVia"], sold[1]["withdrawalInformationGiven"]));
        Assert.True(sold[0].ContainsKey("soldAt"));

        body = MoveAndAddMobileBody(customer, subscription);
        body["productOrderItem"]!.AsArray().RemoveAt(0);
        body["productOrderItem"]![0]!.AsObject().Remove("productOrderItemRelationship");
        body["channel"] = new JsonArray(new JsonObject { ["id"] = "Shop" });
        using var inStore = await PostValidAsync(client, Orders, Api, "ProductOrder_Create", body);
        var channel = Assert.Single(Objects((await ValidAsync(inStore, OrderSchema, HttpStatusCode.Created))["channel"]));
        Assert.Equal(("store", "Store", "salesChannel"), (channel["id"]!.GetValue<string>(), channel["name"]!.GetValue<string>(), channel["role"]!.GetValue<string>()));

        body["channel"] = new JsonArray(new JsonObject { ["id"] = "phone" }, new JsonObject { ["id"] = "web" });
        using var twoChannels = await client.PostAsync(Orders, new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"), Cancel);
        await HttpAssert.ValidationProblemAsync(twoChannels, "channel");
        body["channel"] = new JsonArray(new JsonObject { ["id"] = "carrier pigeon" });
        using var unknown = await client.PostAsync(Orders, new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"), Cancel);
        await HttpAssert.ValidationProblemAsync(unknown, "channel[0].id");
    }

    [Fact]
    public async Task Listing_filters_by_customer_and_state_pages_and_selects_fields()
    {
        var (customer, subscription) = await CustomerWithFiberAsync();
        using var client = await AgentAsync();
        using (var first = await PostValidAsync(client, Orders, Api, "ProductOrder_Create", MoveAndAddMobileBody(customer, subscription)))
        {
            await ValidAsync(first, OrderSchema, HttpStatusCode.Created);
        }

        var later = new JsonObject
        {
            ["requestedStartDate"] = App.UtcNow.AddDays(30).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["relatedParty"] = new JsonArray(Customer(customer)),
            ["productOrderItem"] = new JsonArray(new JsonObject { ["id"] = "1", ["action"] = "noChange", ["product"] = new JsonObject { ["id"] = subscription } }),
        };
        using (var second = await PostValidAsync(client, Orders, Api, "ProductOrder_Create", later))
        {
            var waiting = await ValidAsync(second, OrderSchema, HttpStatusCode.Created);
            Assert.Equal("acknowledged", waiting["state"]!.GetValue<string>());
            Assert.NotNull(waiting["expectedCompletionDate"]);
        }

        using var all = await client.GetAsync($"{Orders}?relatedParty.id={customer}", Cancel);
        var (items, total) = await ValidListAsync(all, OrderSchema);
        Assert.Equal((2, 2), (items.Count, total));
        Assert.Equal("acknowledged", items[0]["state"]!.GetValue<string>());

        using var completed = await client.GetAsync($"{Orders}?relatedParty.id={customer}&state=completed&fields=state&limit=1", Cancel);
        var (page, completedTotal) = await ValidListAsync(completed, OrderSchema);
        var only = Assert.Single(page);
        Assert.Equal(1, completedTotal);
        Assert.Equal(["@type", "href", "id", "productOrderItem", "state"], only.Select(p => p.Key).Order(StringComparer.Ordinal).ToArray());

        using var badFields = await client.GetAsync($"{Orders}?fields=colour", Cancel);
        await HttpAssert.ValidationProblemAsync(badFields, "fields");
        using var badState = await client.GetAsync($"{Orders}?state=done", Cancel);
        await HttpAssert.ValidationProblemAsync(badState, "state");
    }

    [Fact]
    public async Task A_customer_named_by_an_identity_is_resolved_and_errors_name_the_tmf_fields()
    {
        var (customer, subscription) = await CustomerWithFiberAsync();
        using var client = await AgentAsync();
        var mobile = UniqueMobile();
        using (var identity = await client.PostAsJsonAsync($"/api/customers/{customer}/identities", new { kind = "legacyId", value = $"oldbrand:{Random.Shared.Next(1_000_000, 9_999_999)}" }, Cancel))
        {
            Assert.True(identity.IsSuccessStatusCode, await identity.Content.ReadAsStringAsync(Cancel));
        }

        var legacy = (await App.WithDbContextAsync(db => db.CustomerIdentities.Where(i => i.CustomerId == Guid.Parse(customer) && i.Kind == "legacyId").Select(i => i.Value).FirstAsync(Cancel)));
        var byLegacyId = new JsonObject
        {
            ["relatedParty"] = new JsonArray(new JsonObject { ["id"] = legacy, ["role"] = "customer", ["@referredType"] = "Customer" }),
            ["productOrderItem"] = new JsonArray(new JsonObject
            {
                ["id"] = "1", ["action"] = "add", ["productOffering"] = new JsonObject { ["id"] = "SE-MOBIL-430" },
                ["product"] = new JsonObject { ["productCharacteristic"] = new JsonArray(Characteristic("msisdn", mobile)) },
            }),
        };
        using (var placed = await PostValidAsync(client, Orders, Api, "ProductOrder_Create", byLegacyId))
        {
            var order = await ValidAsync(placed, OrderSchema, HttpStatusCode.Created);
            Assert.Equal(customer, order["relatedParty"]![0]!["id"]!.GetValue<string>());
        }

        var othersSubscription = (await CustomerWithFiberAsync()).Subscription;
        var foreign = new JsonObject
        {
            ["relatedParty"] = new JsonArray(Customer(customer)),
            ["productOrderItem"] = new JsonArray(
                new JsonObject { ["id"] = "1", ["action"] = "noChange", ["product"] = new JsonObject { ["id"] = subscription } },
                new JsonObject { ["id"] = "2", ["action"] = "delete", ["product"] = new JsonObject { ["id"] = othersSubscription } }),
        };
        using (var refused = await PostValidAsync(client, Orders, Api, "ProductOrder_Create", foreign))
        {
            var problem = await HttpAssert.ValidationProblemAsync(refused, "productOrderItem[1].product.id");
            Assert.Equal($"Subscription {othersSubscription} is not one of this customer's.", problem.GetProperty("detail").GetString());
        }

        var badCharacteristic = new JsonObject
        {
            ["relatedParty"] = new JsonArray(Customer(customer)),
            ["productOrderItem"] = new JsonArray(new JsonObject
            {
                ["id"] = "1", ["action"] = "add", ["productOffering"] = new JsonObject { ["id"] = "SE-MOBIL-430" },
                ["product"] = new JsonObject { ["productCharacteristic"] = new JsonArray(Characteristic("msisdn", "not a number")) },
            }),
        };
        using (var invalid = await PostValidAsync(client, Orders, Api, "ProductOrder_Create", badCharacteristic))
        {
            await HttpAssert.ValidationProblemAsync(invalid, "productOrderItem[0].product.productCharacteristic[0].value");
        }

        var unknownPlan = new JsonObject
        {
            ["relatedParty"] = new JsonArray(Customer(customer)),
            ["productOrderItem"] = new JsonArray(new JsonObject { ["id"] = "1", ["action"] = "add", ["productOffering"] = new JsonObject { ["id"] = "NO-SUCH-PLAN" } }),
        };
        using (var unknown = await PostValidAsync(client, Orders, Api, "ProductOrder_Create", unknownPlan))
        {
            await HttpAssert.ValidationProblemAsync(unknown, "productOrderItem[0].productOffering.id");
        }

        Assert.DoesNotContain(await App.WithDbContextAsync(db => db.Subscriptions.Where(s => s.Id == Guid.Parse(othersSubscription)).Select(s => s.Status).ToListAsync(Cancel)), s => s != SubscriptionStatus.Active);
    }

    [Fact]
    public async Task A_port_out_carries_the_customers_request_as_characteristics_and_without_one_is_a_422_naming_them()
    {
        var customer = await CreateCustomerAsync();
        using var client = await AgentAsync();
        var nationalId = Scenarios.OrderSteps.SwedishPersonalNumber();
        using (var identity = await client.PostAsJsonAsync($"/api/customers/{customer}/identities", new { kind = "nationalId", value = nationalId }, Cancel))
        {
            Assert.True(identity.IsSuccessStatusCode, await identity.Content.ReadAsStringAsync(Cancel));
        }

        var msisdn = UniqueMobile();
        using var created = await client.PostAsJsonAsync("/api/subscriptions", new { customerId = customer, planCode = "SE-MOBIL-430", msisdn }, Cancel);
        var subscription = (await HttpAssert.JsonAsync(created, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var portingDate = DateOnly.FromDateTime(App.UtcNow).AddDays(10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        JsonObject PortOut(params JsonObject[] request) => new()
        {
            ["relatedParty"] = new JsonArray(Customer(customer)),
            ["productOrderItem"] = new JsonArray(new JsonObject
            {
                ["id"] = "out", ["action"] = "delete",
                ["product"] = new JsonObject
                {
                    ["id"] = subscription,
                    ["productCharacteristic"] = new JsonArray(
                        [Characteristic("portOut", true), Characteristic("portingDate", portingDate), Characteristic("recipientOperator", "Telia"), .. request]),
                },
            }),
        };

        using (var without = await PostValidAsync(client, Orders, Api, "ProductOrder_Create", PortOut()))
        {
            var problem = await HttpAssert.ProblemAsync(without, HttpStatusCode.UnprocessableEntity);
            Assert.Equal(["productOrderItem[0].product.productCharacteristic"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
            Assert.Contains("(EU-106-6)", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using (var notTheirs = await PostValidAsync(client, Orders, Api, "ProductOrder_Create", PortOut(
            Characteristic("portingRequestedBy", "recipientOperator"), Characteristic("portingReference", "TELIA-5521"), Characteristic("portingNationalId", Scenarios.OrderSteps.SwedishPersonalNumber()))))
        {
            var problem = await HttpAssert.ProblemAsync(notTheirs, HttpStatusCode.UnprocessableEntity);
            Assert.Equal(["productOrderItem[0].product.productCharacteristic[5].value"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        }

        Assert.Empty(await App.WithDbContextAsync(db => db.ProductOrders.Where(o => o.CustomerId == Guid.Parse(customer)).ToListAsync(Cancel)));
        using var placed = await PostValidAsync(client, Orders, Api, "ProductOrder_Create", PortOut(
            Characteristic("portingRequestedBy", "recipientOperator"), Characteristic("portingReference", "TELIA-5521"), Characteristic("portingNationalId", nationalId)));
        var order = await ValidAsync(placed, OrderSchema, HttpStatusCode.Created);
        Assert.Equal("acknowledged", order["state"]!.GetValue<string>());
        var item = Objects(order["productOrderItem"]).Single()["product"]!.AsObject();
        string? Value(string name) => Characteristic(item, "productCharacteristic", name)?["value"]?.GetValue<string>();
        Assert.Equal(("recipientOperator", "TELIA-5521", "nationalId"), (Value("portingRequestedBy"), Value("portingReference"), Value("portingAcceptedOn")));
        Assert.Null(Characteristic(item, "productCharacteristic", "portingNationalId"));
    }

    [Fact]
    public async Task A_waiting_order_is_patched_and_cancelled_and_a_completed_one_cannot_be_cancelled()
    {
        var (customer, subscription) = await CustomerWithFiberAsync();
        using var client = await AgentAsync();
        var waitingBody = new JsonObject
        {
            ["requestedStartDate"] = App.UtcNow.AddDays(14).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["relatedParty"] = new JsonArray(Customer(customer)),
            ["productOrderItem"] = new JsonArray(new JsonObject
            {
                ["id"] = "move", ["action"] = "modify", ["product"] = new JsonObject { ["id"] = subscription, ["place"] = new JsonArray(Place("Storgatan 9", "11456", "Stockholm", "SE")) },
            }),
        };
        using var placed = await PostValidAsync(client, Orders, Api, "ProductOrder_Create", waitingBody);
        var id = (await ValidAsync(placed, OrderSchema, HttpStatusCode.Created))["id"]!.GetValue<string>();

        using (var patched = await MergePatchAsync(client, $"{Orders}/{id}", new JsonObject { ["description"] = "Moving on the 15th", ["priority"] = "high" }))
        {
            var order = await ValidAsync(patched, OrderSchema);
            Assert.Equal(("Moving on the 15th", "high", "acknowledged"), (order["description"]!.GetValue<string>(), order["priority"]!.GetValue<string>(), order["state"]!.GetValue<string>()));
        }

        using (var stateChange = await MergePatchAsync(client, $"{Orders}/{id}", new JsonObject { ["state"] = "completed" }))
        {
            await HttpAssert.ValidationProblemAsync(stateChange, "state");
        }

        using var cancel = await PostValidAsync(client, Cancels, Api, "CancelProductOrder_Create",
            new JsonObject { ["productOrder"] = new JsonObject { ["id"] = id }, ["cancellationReason"] = "Not moving after all" });
        var cancellation = await ValidAsync(cancel, CancelSchema, HttpStatusCode.Created);
        Assert.Equal(("done", id), (cancellation["state"]!.GetValue<string>(), cancellation["productOrder"]!["id"]!.GetValue<string>()));
        using (var get = await client.GetAsync($"{Cancels}/{cancellation["id"]!.GetValue<string>()}", Cancel))
        {
            await ValidAsync(get, CancelSchema);
        }

        using (var list = await client.GetAsync($"{Cancels}?productOrder.id={id}", Cancel))
        {
            Assert.Single((await ValidListAsync(list, CancelSchema)).Items);
        }

        using (var order = await client.GetAsync($"{Orders}/{id}", Cancel))
        {
            var cancelled = await ValidAsync(order, OrderSchema);
            Assert.Equal(("cancelled", "Not moving after all"), (cancelled["state"]!.GetValue<string>(), cancelled["cancellationReason"]!.GetValue<string>()));
            Assert.All(Objects(cancelled["productOrderItem"]), i => Assert.Equal("cancelled", i["state"]!.GetValue<string>()));
        }

        var subscriptionAfter = await App.WithDbContextAsync(db => db.Subscriptions.AsNoTracking().FirstAsync(s => s.Id == Guid.Parse(subscription), Cancel));
        Assert.Equal("11455", subscriptionAfter.ServiceAddress!.PostalCode);

        using var done = await PostValidAsync(client, Orders, Api, "ProductOrder_Create", MoveAndAddMobileBody(customer, subscription));
        var doneId = (await ValidAsync(done, OrderSchema, HttpStatusCode.Created))["id"]!.GetValue<string>();
        using var tooLate = await PostValidAsync(client, Cancels, Api, "CancelProductOrder_Create", new JsonObject { ["productOrder"] = new JsonObject { ["id"] = doneId } });
        Assert.Contains("completed is final", (await HttpAssert.ProblemAsync(tooLate, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var unknown = await PostValidAsync(client, Cancels, Api, "CancelProductOrder_Create", new JsonObject { ["productOrder"] = new JsonObject { ["id"] = Guid.NewGuid().ToString() } });
        await HttpAssert.ValidationProblemAsync(unknown, "productOrder.id");
    }

    [Fact]
    public async Task An_unknown_order_is_a_404_and_partner_agents_have_no_access()
    {
        using var client = await AgentAsync();
        using var missing = await client.GetAsync($"{Orders}/{Guid.NewGuid()}", Cancel);
        await HttpAssert.ProblemAsync(missing, HttpStatusCode.NotFound);

        using var partner = await App.CreateClientAsAsync("partner");
        using var forbidden = await partner.GetAsync(Orders, Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }
}

[Trait("Provider", "Sqlite")]
public sealed class Tmf622ProductOrderApiTestsOnSqlite(SqliteApp app) : Tmf622ProductOrderApiTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class Tmf622ProductOrderApiTestsOnPostgres(PostgresApp app) : Tmf622ProductOrderApiTests(app), IClassFixture<PostgresApp>;
