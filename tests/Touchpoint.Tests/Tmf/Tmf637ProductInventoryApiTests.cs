using System.Text.Json.Nodes;

namespace Touchpoint.Tests.Tmf;

/// <summary>TMF637 Product through HTTP: subscriptions as products, with their terms, valid against the spec.</summary>
public abstract class Tmf637ProductInventoryApiTests(TouchpointApp app) : TmfApiTestBase(app)
{
    private static readonly int[] BindingOptions = [0, 12, 24];

    private async Task<string> CreatePlanAsync(string technology = "5G")
    {
        var code = $"TMF-{Guid.NewGuid():N}"[..20];
        using var admin = await App.CreateAdminClientAsync();
        using var response = await admin.PostAsJsonAsync("/api/plans",
            new { code, name = $"Plan {code}", monthlyPrice = 349m, currency = "SEK", bindingOptions = BindingOptions, technology }, Cancel);
        await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
        return code;
    }

    private static JsonObject ProductBody(string customerId, string planCode, string msisdn, int bindingMonths, string status = "active") => new()
    {
        ["status"] = status,
        ["startDate"] = "2026-01-15T00:00:00Z",
        ["productOffering"] = new JsonObject { ["id"] = planCode },
        ["productPrice"] = new JsonArray(new JsonObject
        {
            ["priceType"] = "recurring", ["recurringChargePeriod"] = "month",
            ["price"] = new JsonObject { ["taxIncludedAmount"] = new JsonObject { ["unit"] = "SEK", ["value"] = 299 } },
        }),
        ["productCharacteristic"] = new JsonArray(
            new JsonObject { ["name"] = "msisdn", ["value"] = msisdn },
            new JsonObject { ["name"] = "bindingMonths", ["value"] = bindingMonths }),
        ["relatedParty"] = new JsonArray(new JsonObject { ["id"] = customerId, ["role"] = "customer", ["@referredType"] = "Customer" }),
    };

    private async Task<string> CreateBoundCustomerAsync()
    {
        // CustomerBody says neverOfferBinding; switch it off so a binding can be sold.
        using var client = await AgentAsync();
        var body = CustomerBody(UniqueName(), UniqueMobile(), UniqueEmail());
        body["characteristic"]![3]!["value"] = false;
        using var response = await PostValidAsync(client, Customers, "TMF629-Customer", "Customer_Create", body);
        return (await ValidAsync(response, CustomerSchema, HttpStatusCode.Created))["id"]!.GetValue<string>();
    }

    [Fact]
    public async Task Creating_a_product_returns_201_and_a_valid_product_with_plan_price_number_and_terms()
    {
        var customerId = await CreateBoundCustomerAsync();
        var plan = await CreatePlanAsync();
        var msisdn = UniqueMobile();
        using var client = await AgentAsync();

        using var response = await PostValidAsync(client, Products, "TMF637-ProductInventory", "Product_Create", ProductBody(customerId, plan, msisdn, 12));

        var product = await ValidAsync(response, ProductSchema, HttpStatusCode.Created);
        var id = product["id"]!.GetValue<string>();
        Assert.Equal($"{Products}/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("active", product["status"]!.GetValue<string>());
        Assert.Equal(plan, product["productOffering"]!["id"]!.GetValue<string>());
        Assert.Equal("2026-01-15T00:00:00Z", product["startDate"]!.GetValue<string>());
        Assert.Equal(299m, product["productPrice"]![0]!["price"]!["taxIncludedAmount"]!["value"]!.GetValue<decimal>());
        Assert.Equal(msisdn, Characteristic(product, "productCharacteristic", "msisdn")!["value"]!.GetValue<string>());
        Assert.Equal("2027-01-15", Characteristic(product, "productCharacteristic", "bindingEndDate")!["value"]!.GetValue<string>());
        Assert.NotNull(Characteristic(product, "productCharacteristic", "earliestLeaveDate"));
        Assert.Equal(12m, product["productTerm"]![0]!["duration"]!["amount"]!.GetValue<decimal>());
        var owner = Assert.Single(Objects(product["relatedParty"]));
        Assert.Equal(customerId, owner["id"]!.GetValue<string>());

        using var get = await client.GetAsync($"{Products}/{id}", Cancel);
        Assert.Equal(id, (await ValidAsync(get, ProductSchema))["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_fixed_service_keeps_its_service_address_as_a_place()
    {
        var customerId = await CreateCustomerAsync();
        var plan = await CreatePlanAsync("fiber");
        using var client = await AgentAsync();
        var body = ProductBody(customerId, plan, UniqueMobile(), 0);
        body.Remove("productCharacteristic");
        body["place"] = new JsonArray(new JsonObject
        {
            ["role"] = "installationAddress", ["@type"] = "GeographicAddress",
            ["streetName"] = "Fibervägen 3", ["postcode"] = "41101", ["city"] = "Göteborg", ["country"] = "SE",
        });

        using var response = await PostValidAsync(client, Products, "TMF637-ProductInventory", "Product_Create", body);

        var product = await ValidAsync(response, ProductSchema, HttpStatusCode.Created);
        var place = Assert.Single(Objects(product["place"]));
        Assert.Equal("serviceAddress", place["role"]!.GetValue<string>());
        Assert.Equal("Göteborg", place["city"]!.GetValue<string>());
        Assert.Null(Characteristic(product, "productCharacteristic", "msisdn"));
    }

    [Fact]
    public async Task A_customers_products_list_by_related_party_or_customer_id_with_paging_headers_and_fields()
    {
        var customerId = await CreateCustomerAsync();
        var plan = await CreatePlanAsync();
        using var client = await AgentAsync();
        for (var i = 0; i < 2; i++)
        {
            using var created = await PostValidAsync(client, Products, "TMF637-ProductInventory", "Product_Create", ProductBody(customerId, plan, UniqueMobile(), 0));
            await ValidAsync(created, ProductSchema, HttpStatusCode.Created);
        }

        using var byParty = await client.GetAsync($"{Products}?relatedParty.id={customerId}&limit=1", Cancel);
        using var byCustomer = await client.GetAsync($"{Products}?customerId={customerId}&fields=status", Cancel);

        var (page, total) = await ValidListAsync(byParty, ProductSchema);
        Assert.Single(page);
        Assert.Equal(2, total);
        var (all, _) = await ValidListAsync(byCustomer, ProductSchema);
        Assert.Equal(2, all.Count);
        Assert.All(all, p => Assert.Equal(["@type", "href", "id", "status"], p.Select(x => x.Key).Order(StringComparer.Ordinal)));
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_the_field_and_an_unknown_product_is_a_404()
    {
        var customerId = await CreateCustomerAsync();
        var plan = await CreatePlanAsync();
        using var client = await AgentAsync();
        var neverBinds = ProductBody(customerId, plan, UniqueMobile(), 12);
        var badNumber = ProductBody(customerId, plan, "12", 0);

        using var unknownPlan = await PostValidAsync(client, Products, "TMF637-ProductInventory", "Product_Create", ProductBody(customerId, "NO-SUCH-PLAN", UniqueMobile(), 0));
        using var binding = await PostValidAsync(client, Products, "TMF637-ProductInventory", "Product_Create", neverBinds);
        using var number = await PostValidAsync(client, Products, "TMF637-ProductInventory", "Product_Create", badNumber);
        using var status = await PostValidAsync(client, Products, "TMF637-ProductInventory", "Product_Create", ProductBody(customerId, plan, UniqueMobile(), 0, "cancelled"));
        using var missing = await client.GetAsync($"{Products}/{Guid.NewGuid()}", Cancel);
        using var badFilter = await client.GetAsync($"{Products}?customerId=someone", Cancel);

        await HttpAssert.ValidationProblemAsync(unknownPlan, "productOffering.id");
        await HttpAssert.ValidationProblemAsync(binding, "productCharacteristic[1].value");
        await HttpAssert.ValidationProblemAsync(number, "productCharacteristic[0].value");
        await HttpAssert.ValidationProblemAsync(status, "status");
        await HttpAssert.ProblemAsync(missing, HttpStatusCode.NotFound);
        await HttpAssert.ValidationProblemAsync(badFilter, "customerId");
    }

    [Fact]
    public async Task A_number_on_a_live_subscription_is_a_409()
    {
        var customerId = await CreateCustomerAsync();
        var plan = await CreatePlanAsync();
        var msisdn = UniqueMobile();
        using var client = await AgentAsync();
        using var first = await PostValidAsync(client, Products, "TMF637-ProductInventory", "Product_Create", ProductBody(customerId, plan, msisdn, 0));
        await ValidAsync(first, ProductSchema, HttpStatusCode.Created);

        using var second = await PostValidAsync(client, Products, "TMF637-ProductInventory", "Product_Create", ProductBody(customerId, plan, msisdn, 0));

        await HttpAssert.ProblemAsync(second, HttpStatusCode.Conflict);
    }
}

[Trait("Provider", "Sqlite")]
public sealed class Tmf637ProductInventoryApiTestsOnSqlite(SqliteApp app) : Tmf637ProductInventoryApiTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class Tmf637ProductInventoryApiTestsOnPostgres(PostgresApp app) : Tmf637ProductInventoryApiTests(app), IClassFixture<PostgresApp>;
