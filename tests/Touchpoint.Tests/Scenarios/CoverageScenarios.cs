using System.Text;
using System.Text.Json.Nodes;
using Touchpoint.Tests.Api;
using Touchpoint.Tests.Tmf;

namespace Touchpoint.Tests.Scenarios;

/// <summary>
/// S3-1 replayed through the public API: Bert Lindqvist was sold 4G mobile broadband for his summer house on Vätö,
/// where there is no 4G. Now the check comes first (TMF679), the 4G sale is refused with the reason and the fiber
/// alternative, and the fiber sale goes through. The demo coverage has Vätö (760 18) with fiber only.
/// </summary>
public abstract class CoverageScenarios(TouchpointApp app) : ApiTestBase(app)
{
    private const string Qualifications = "/tmf-api/productOfferingQualification/v4/productOfferingQualification";

    /// <summary>Bert Lindqvist, the S3 customer in the demo data.</summary>
    private const string S3Msisdn = "+46705550303";

    private static readonly object Vato = new { street = "Vätövägen 7", postalCode = "760 18", city = "Vätö", country = "SE" };

    private static TmfSchema QualificationSchema => TmfSchema.For("TMF679-ProductOfferingQualification", "ProductOfferingQualification");

    [Fact]
    public async Task S3_1_four_g_at_Vato_is_not_qualified_the_4G_sale_is_refused_with_the_reason_and_fiber_is_sold_instead()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var bert = await FindCustomerAsync(agent, S3Msisdn);
        var subscriptionsBefore = await SubscriptionCountAsync(agent, bert);

        // The check an agent (or the telesales system) makes first.
        using var checkResponse = await PostJsonAsync(agent, Qualifications, QualificationBody(bert, "SE-MBB-4G"));
        var check = await ValidAsync(checkResponse, HttpStatusCode.Created);
        Assert.Equal("alternate", check["qualificationResult"]!.GetValue<string>());
        var item = Assert.Single(check["productOfferingQualificationItem"]!.AsArray())!.AsObject();
        Assert.Equal("alternate", item["qualificationItemResult"]!.GetValue<string>());
        var reason = Assert.Single(item["eligibilityUnavailabilityReason"]!.AsArray())!.AsObject();
        Assert.Equal("noCoverage", reason["code"]!.GetValue<string>());
        Assert.Equal("There is no 4G coverage at Vätövägen 7, 760 18 Vätö. Available there: fiber.", reason["label"]!.GetValue<string>());
        var alternatives = item["alternateProductOfferingProposal"]!.AsArray().Select(p => p!["alternateProductOffering"]!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(["SE-FIBER-250"], alternatives);

        // What Bert was told is on his timeline.
        var checkedEntry = Assert.Single(await TimelineAsync(agent, bert, "qualification"), e => e.GetProperty("sourceId").GetString() == check["id"]!.GetValue<string>());
        Assert.Equal("Coverage checked at Vätövägen 7, 760 18 Vätö: alternate", checkedEntry.GetProperty("title").GetString());
        Assert.Contains("Instead: SE-FIBER-250.", checkedEntry.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Selling him 4G mobile broadband there anyway is refused, with the reason and what can be sold instead; nothing is stored.
        using var refused = await agent.PostAsJsonAsync("/api/subscriptions",
            new { customerId = bert, planCode = "SE-MBB-4G", serviceAddress = Vato, bindingMonths = 24 }, Cancel);
        var problem = await HttpAssert.ProblemAsync(refused, HttpStatusCode.Conflict);
        Assert.Equal("SE-MBB-4G cannot be sold at this address: There is no 4G coverage at Vätövägen 7, 760 18 Vätö. Available there: fiber. Plans available there instead: SE-FIBER-250.",
            problem.GetProperty("detail").GetString());
        Assert.Equal("alternate", problem.GetProperty("qualificationResult").GetString());
        Assert.Equal(["fiber"], problem.GetProperty("alternativeTechnologies").EnumerateArray().Select(t => t.GetString()!).ToArray());
        Assert.Equal("SE-FIBER-250", Assert.Single(problem.GetProperty("alternativePlans").EnumerateArray()).GetProperty("code").GetString());
        Assert.Equal(subscriptionsBefore, await SubscriptionCountAsync(agent, bert));

        // The same through TMF637: the product is refused the same way.
        using var refusedProduct = await PostJsonAsync(agent, "/tmf-api/productInventory/v4/product", new JsonObject
        {
            ["productOffering"] = new JsonObject { ["id"] = "SE-MBB-4G" },
            ["place"] = new JsonArray(new JsonObject { ["role"] = "serviceAddress", ["streetName"] = "Vätövägen 7", ["postcode"] = "76018", ["city"] = "Vätö", ["country"] = "SE" }),
            ["relatedParty"] = new JsonArray(new JsonObject { ["id"] = bert, ["role"] = "customer", ["@referredType"] = "Customer" }),
        });
        await HttpAssert.ProblemAsync(refusedProduct, HttpStatusCode.Conflict);
        Assert.Equal(subscriptionsBefore, await SubscriptionCountAsync(agent, bert));

        // Fiber, which reaches the island, is sold.
        using var fiber = await agent.PostAsJsonAsync("/api/subscriptions",
            new { customerId = bert, planCode = "SE-FIBER-250", serviceAddress = Vato, bindingMonths = 0 }, Cancel);
        var sold = await HttpAssert.JsonAsync(fiber, HttpStatusCode.Created);
        Assert.Equal("SE-FIBER-250", sold.GetProperty("planCode").GetString());
        Assert.Equal(subscriptionsBefore + 1, await SubscriptionCountAsync(agent, bert));
    }

    [Fact]
    public async Task A_sale_without_a_service_address_is_qualified_at_the_customers_and_without_any_address_only_a_mobile_is_sold()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var islander = await CreateCustomerAsync(agent, Vato);
        var townsman = await CreateCustomerAsync(agent, new { street = "Kungsgatan 3", postalCode = "76130", city = "Norrtälje", country = "SE" });
        var nomad = await CreateCustomerAsync(agent, null);

        using var onIsland = await agent.PostAsJsonAsync("/api/subscriptions", new { customerId = islander, planCode = "SE-MOBIL-430", msisdn = UniqueMobile() }, Cancel);
        var problem = await HttpAssert.ProblemAsync(onIsland, HttpStatusCode.Conflict);
        Assert.Contains("There is no 4G coverage at Vätövägen 7, 760 18 Vätö", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var inTown = await agent.PostAsJsonAsync("/api/subscriptions", new { customerId = townsman, planCode = "SE-MOBIL-430", msisdn = UniqueMobile() }, Cancel);
        await HttpAssert.JsonAsync(inTown, HttpStatusCode.Created);
        using var noAddress = await agent.PostAsJsonAsync("/api/subscriptions", new { customerId = nomad, planCode = "SE-MOBIL-430", msisdn = UniqueMobile() }, Cancel);
        await HttpAssert.JsonAsync(noAddress, HttpStatusCode.Created);

        // A fixed line is delivered somewhere: without any address there is nothing to check, so it is not sold.
        using var fixedNowhere = await agent.PostAsJsonAsync("/api/subscriptions", new { customerId = nomad, planCode = "SE-FIBER-250", msisdn = UniqueMobile() }, Cancel);
        await HttpAssert.ValidationProblemAsync(fixedNowhere, "serviceAddress");
        using var fixedAtHome = await agent.PostAsJsonAsync("/api/subscriptions", new { customerId = islander, planCode = "SE-FIBER-250", msisdn = UniqueMobile() }, Cancel);
        await HttpAssert.JsonAsync(fixedAtHome, HttpStatusCode.Created);

        // 5G coverage carries 4G, but 4G does not carry 5G: Norrtälje has 4G and fiber only.
        using var fiveG = await PostJsonAsync(agent, Qualifications, QualificationBody(townsman, "NO-MOBIL-5G", atCustomersAddress: true));
        var check = await ValidAsync(fiveG, HttpStatusCode.Created);
        var item = Assert.Single(check["productOfferingQualificationItem"]!.AsArray())!;
        Assert.Equal("alternate", item["qualificationItemResult"]!.GetValue<string>());
        Assert.Equal("Norrtälje", check["place"]![0]!["city"]!.GetValue<string>());
        // The alternatives are the plans of the address's country: a Norwegian plan was asked, Swedish plans are offered: 4G before fiber, cheapest first.
        Assert.Equal(["SE-MBB-4G", "SE-MOBIL-430", "SE-MOBIL-600", "SE-FIBER-250"],
            item["alternateProductOfferingProposal"]!.AsArray().Select(p => p!["alternateProductOffering"]!["id"]!.GetValue<string>()).ToArray());
    }

    [Fact]
    public async Task A_postcode_without_coverage_data_is_unqualified_and_a_fixed_sale_there_is_refused()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var customer = await CreateCustomerAsync(agent, null);
        var unknown = new { street = "Okänd väg 1", postalCode = "98765", city = "Ingenstans", country = "SE" };

        using var response = await PostJsonAsync(agent, Qualifications, new JsonObject
        {
            ["place"] = new JsonArray(Place("98765", "SE")),
            ["productOfferingQualificationItem"] = new JsonArray(Item("SE-FIBER-250"), Item("SE-MOBIL-430", "second")),
        });
        var check = await ValidAsync(response, HttpStatusCode.Created);
        Assert.Equal("unqualified", check["qualificationResult"]!.GetValue<string>());
        Assert.Null(check["relatedParty"]);
        foreach (var item in check["productOfferingQualificationItem"]!.AsArray())
        {
            Assert.Equal("unqualified", item!["qualificationItemResult"]!.GetValue<string>());
            Assert.Equal("noCoverageData", item["eligibilityUnavailabilityReason"]![0]!["code"]!.GetValue<string>());
            Assert.Null(item["alternateProductOfferingProposal"]);
        }

        using var sale = await agent.PostAsJsonAsync("/api/subscriptions", new { customerId = customer, planCode = "SE-FIBER-250", serviceAddress = unknown }, Cancel);
        var problem = await HttpAssert.ProblemAsync(sale, HttpStatusCode.Conflict);
        Assert.Equal("unqualified", problem.GetProperty("qualificationResult").GetString());
        Assert.Contains("We have no coverage data for Okänd väg 1, 987 65 Ingenstans", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await SubscriptionCountAsync(agent, customer));
    }

    [Fact]
    public async Task Bad_qualification_requests_are_400_naming_the_field_and_store_nothing()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        using var admin = await App.CreateAdminClientAsync();
        var nomad = await CreateCustomerAsync(agent, null);
        var before = await CountAsync(admin);

        (JsonObject Body, string Field)[] cases =
        [
            (new JsonObject { ["place"] = new JsonArray(Place("ABC", "SE")), ["productOfferingQualificationItem"] = new JsonArray(Item("SE-FIBER-250")) }, "place[0].postcode"),
            (new JsonObject { ["place"] = new JsonArray(Place("3511 AX", "FR")), ["productOfferingQualificationItem"] = new JsonArray(Item("SE-FIBER-250")) }, "place[0].country"),
            (new JsonObject { ["place"] = new JsonArray(Place("76018", "SE")), ["productOfferingQualificationItem"] = new JsonArray(Item("NO-SUCH-PLAN")) }, "productOfferingQualificationItem[0].productOffering.id"),
            (new JsonObject { ["place"] = new JsonArray(Place("76018", "SE")) }, "productOfferingQualificationItem"),
            (new JsonObject { ["place"] = new JsonArray(Place("76018", "SE")), ["productOfferingQualificationItem"] = new JsonArray(Item("SE-FIBER-250", "1"), Item("SE-MBB-4G", "1")) }, "productOfferingQualificationItem[1].id"),
            (QualificationBody(nomad, "SE-FIBER-250", atCustomersAddress: true), "place"),
            (QualificationBody(Guid.NewGuid().ToString(), "SE-FIBER-250"), "relatedParty[0].id"),
        ];
        foreach (var (body, field) in cases)
        {
            using var response = await PostJsonAsync(agent, Qualifications, body);
            await HttpAssert.ValidationProblemAsync(response, field);
        }

        Assert.Equal(before, await CountAsync(admin));
    }

    [Fact]
    public async Task An_agent_sees_what_a_postcode_can_get_with_each_technologys_answer_and_the_plans_sellable_there()
    {
        using var agent = await App.CreateClientAsAsync("agent");

        using var response = await agent.GetAsync("/api/coverage?country=se&postcode=SE-760%2018", Cancel);

        var view = await HttpAssert.JsonAsync(response);
        Assert.Equal(("SE", "760 18", "Vätö", true), (view.GetProperty("country").GetString(), view.GetProperty("postalCode").GetString(),
            view.GetProperty("placeName").GetString(), view.GetProperty("hasData").GetBoolean()));
        Assert.Equal(["fiber"], view.GetProperty("technologies").EnumerateArray().Select(t => t.GetString()!).ToArray());
        var answers = view.GetProperty("answers").EnumerateArray().ToDictionary(a => a.GetProperty("technology").GetString()!, a => a.GetProperty("result").GetString()!);
        Assert.Equal(new Dictionary<string, string> { ["5G"] = "alternate", ["4G"] = "alternate", ["fiber"] = "qualified", ["cable-tv"] = "alternate", ["dsl"] = "alternate" }, answers);
        Assert.Equal(["SE-FIBER-250"], view.GetProperty("plans").EnumerateArray().Select(p => p.GetProperty("code").GetString()!).ToArray());

        using var unknown = await agent.GetAsync("/api/coverage?country=NO&postcode=9999", Cancel);
        var nothing = await HttpAssert.JsonAsync(unknown);
        Assert.False(nothing.GetProperty("hasData").GetBoolean());
        Assert.Empty(nothing.GetProperty("plans").EnumerateArray());
        Assert.All(nothing.GetProperty("answers").EnumerateArray(), a => Assert.Equal("unqualified", a.GetProperty("result").GetString()));

        using var bad = await agent.GetAsync("/api/coverage?country=NL&postcode=3511", Cancel);
        await HttpAssert.ValidationProblemAsync(bad, "postcode");
        using var partner = await App.CreateClientAsAsync("partner");
        using var forbidden = await partner.GetAsync("/api/coverage?country=SE&postcode=76018", Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    private static async Task<int> CountAsync(HttpClient client)
    {
        using var response = await client.GetAsync($"{Qualifications}?limit=1", Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return int.Parse(Assert.Single(response.Headers.GetValues("X-Total-Count")), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A check of one plan for a customer, at Vätö unless the customer's own service address is to be used.</summary>
    internal static JsonObject QualificationBody(string customerId, string planCode, bool atCustomersAddress = false)
    {
        var body = new JsonObject
        {
            ["relatedParty"] = new JsonArray(new JsonObject { ["id"] = customerId, ["role"] = "customer", ["@referredType"] = "Customer" }),
            ["productOfferingQualificationItem"] = new JsonArray(Item(planCode)),
        };
        if (!atCustomersAddress)
        {
            body["place"] = new JsonArray(Place("760 18", "SE", "Vätövägen 7", "Vätö"));
        }

        return body;
    }

    internal static JsonObject Place(string postcode, string country, string? street = null, string? city = null)
    {
        var place = new JsonObject { ["role"] = "serviceAddress", ["@type"] = "GeographicAddress", ["postcode"] = postcode, ["country"] = country };
        if (street is not null)
        {
            place["streetName"] = street;
        }

        if (city is not null)
        {
            place["city"] = city;
        }

        return place;
    }

    internal static JsonObject Item(string planCode, string id = "1") =>
        new() { ["id"] = id, ["productOffering"] = new JsonObject { ["id"] = planCode, ["@referredType"] = "ProductOffering" } };

    private static Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string path, JsonObject body) =>
        client.PostAsync(path, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), Cancel);

    private static async Task<JsonObject> ValidAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        QualificationSchema.AssertValid(body);
        return JsonNode.Parse(body)!.AsObject();
    }

    private static string UniqueMobile() => $"+4670{Random.Shared.Next(1000000, 9999999)}";

    private static async Task<string> CreateCustomerAsync(HttpClient client, object? serviceAddress)
    {
        using var response = await client.PostAsJsonAsync("/api/customers", new
        {
            name = $"Coverage Customer {Guid.NewGuid():N}"[..30],
            jurisdiction = "SE",
            serviceAddress,
            identities = new[] { new { kind = "email", value = $"coverage.{Guid.NewGuid():N}@example.se" } },
        }, Cancel);
        return (await HttpAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }

    private static async Task<int> SubscriptionCountAsync(HttpClient client, string customerId)
    {
        using var response = await client.GetAsync($"/api/customers/{customerId}", Cancel);
        return (await HttpAssert.JsonAsync(response)).GetProperty("subscriptions").GetArrayLength();
    }

    private static async Task<List<JsonElement>> TimelineAsync(HttpClient client, string customerId, string kind)
    {
        using var response = await client.GetAsync($"/api/customers/{customerId}/timeline?kind={kind}", Cancel);
        return (await HttpAssert.JsonAsync(response)).GetProperty("items").EnumerateArray().ToList();
    }

    private static async Task<string> FindCustomerAsync(HttpClient client, string identity)
    {
        using var response = await client.GetAsync($"/api/customers?q={Uri.EscapeDataString(identity)}", Cancel);
        return Assert.Single((await HttpAssert.JsonAsync(response)).EnumerateArray(), h => h.GetProperty("exactIdentityMatch").GetBoolean()).GetProperty("id").GetString()!;
    }
}

[Trait("Provider", "Sqlite")]
public sealed class CoverageScenariosOnSqlite(SqliteApp app) : CoverageScenarios(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class CoverageScenariosOnPostgres(PostgresApp app) : CoverageScenarios(app), IClassFixture<PostgresApp>;
