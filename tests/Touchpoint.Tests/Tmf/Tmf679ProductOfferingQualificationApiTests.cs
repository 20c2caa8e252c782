using System.Text.Json.Nodes;
using Touchpoint.Tests.Scenarios;

namespace Touchpoint.Tests.Tmf;

/// <summary>TMF679 ProductOfferingQualification through HTTP: create, retrieve and list, valid against the spec.</summary>
public abstract class Tmf679ProductOfferingQualificationApiTests(TouchpointApp app) : TmfApiTestBase(app)
{
    private const string Qualifications = "/tmf-api/productOfferingQualification/v4/productOfferingQualification";

    private static TmfSchema QualificationSchema => TmfSchema.For("TMF679-ProductOfferingQualification", "ProductOfferingQualification");

    private static Task<HttpResponseMessage> PostQualificationAsync(HttpClient client, JsonObject body) =>
        PostValidAsync(client, Qualifications, "TMF679-ProductOfferingQualification", "ProductOfferingQualification_Create", body);

    [Fact]
    public async Task A_qualification_of_several_plans_is_created_valid_and_can_be_retrieved_as_stored()
    {
        var customerId = await CreateCustomerAsync();
        using var client = await AgentAsync();
        var body = CoverageScenarios.QualificationBody(customerId, "SE-MBB-4G");
        body["productOfferingQualificationItem"]!.AsArray().Add(CoverageScenarios.Item("SE-FIBER-250", "2"));
        body["productOfferingQualificationItem"]!.AsArray().Add(CoverageScenarios.Item("SE-MOBIL-430", "10"));

        using var response = await PostQualificationAsync(client, body);

        var created = await ValidAsync(response, QualificationSchema, HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();
        Assert.Equal($"{Qualifications}/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal($"{Qualifications}/{id}", created["href"]!.GetValue<string>());
        Assert.Equal(("done", "alternate", "ProductOfferingQualification"),
            (created["state"]!.GetValue<string>(), created["qualificationResult"]!.GetValue<string>(), created["@type"]!.GetValue<string>()));
        var items = Objects(created["productOfferingQualificationItem"]).ToList();
        // Answers come in the order asked, whatever the ids.
        Assert.Equal(["1", "2", "10"], items.Select(i => i["id"]!.GetValue<string>()).ToArray());
        Assert.Equal(["alternate", "qualified", "alternate"], items.Select(i => i["qualificationItemResult"]!.GetValue<string>()).ToArray());
        Assert.Null(items[1]["eligibilityUnavailabilityReason"]);
        Assert.Null(items[1]["alternateProductOfferingProposal"]);
        Assert.Equal("Bredband Fiber 250", items[1]["productOffering"]!["name"]!.GetValue<string>());
        var place = Assert.Single(Objects(created["place"]));
        Assert.Equal(("serviceAddress", "760 18", "SE"), (place["role"]!.GetValue<string>(), place["postcode"]!.GetValue<string>(), place["country"]!.GetValue<string>()));
        Assert.Equal(customerId, Assert.Single(Objects(created["relatedParty"]))["id"]!.GetValue<string>());

        using var get = await client.GetAsync($"{Qualifications}/{id}", Cancel);
        var read = await ValidAsync(get, QualificationSchema);
        Assert.Equal(created.ToJsonString(), read.ToJsonString());

        using var selected = await client.GetAsync($"{Qualifications}/{id}?fields=qualificationResult", Cancel);
        var shaped = await ValidAsync(selected, QualificationSchema);
        Assert.Equal(["@type", "href", "id", "qualificationResult"], shaped.Select(p => p.Key).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task Without_alternatives_and_reasons_asked_for_they_are_left_out()
    {
        using var client = await AgentAsync();
        var body = new JsonObject
        {
            ["provideAlternative"] = false,
            ["provideUnavailabilityReason"] = false,
            ["place"] = new JsonArray(CoverageScenarios.Place("76018", "SE")),
            ["productOfferingQualificationItem"] = new JsonArray(CoverageScenarios.Item("SE-MBB-4G")),
        };

        using var response = await PostQualificationAsync(client, body);

        var created = await ValidAsync(response, QualificationSchema, HttpStatusCode.Created);
        var item = Assert.Single(Objects(created["productOfferingQualificationItem"]));
        Assert.Equal("alternate", item["qualificationItemResult"]!.GetValue<string>());
        Assert.Null(item["eligibilityUnavailabilityReason"]);
        Assert.Null(item["alternateProductOfferingProposal"]);
        Assert.False(created["provideAlternative"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_customers_qualifications_list_newest_first_with_paging_headers_and_an_unknown_id_is_404()
    {
        var customerId = await CreateCustomerAsync();
        using var client = await AgentAsync();
        var ids = new List<string>();
        foreach (var plan in new[] { "SE-FIBER-250", "SE-MOBIL-430", "SE-MBB-4G" })
        {
            using var response = await PostQualificationAsync(client, CoverageScenarios.QualificationBody(customerId, plan, atCustomersAddress: true));
            ids.Add((await ValidAsync(response, QualificationSchema, HttpStatusCode.Created))["id"]!.GetValue<string>());
        }

        using var page = await client.GetAsync($"{Qualifications}?relatedParty.id={customerId}&offset=1&limit=1", Cancel);
        var (items, total) = await ValidListAsync(page, QualificationSchema);
        Assert.Equal(3, total);
        Assert.Equal(ids[1], Assert.Single(items)["id"]!.GetValue<string>());

        using var all = await client.GetAsync($"{Qualifications}?relatedParty.id={customerId}&fields=qualificationResult", Cancel);
        var (listed, _) = await ValidListAsync(all, QualificationSchema);
        Assert.Equal([ids[2], ids[1], ids[0]], listed.Select(i => i["id"]!.GetValue<string>()).ToArray());
        Assert.All(listed, i => Assert.Null(i["place"]));

        using var missing = await client.GetAsync($"{Qualifications}/{Guid.NewGuid()}", Cancel);
        await HttpAssert.ProblemAsync(missing, HttpStatusCode.NotFound);
        using var badFilter = await client.GetAsync($"{Qualifications}?relatedParty.id=nobody", Cancel);
        await HttpAssert.ValidationProblemAsync(badFilter, "relatedParty.id");
        using var badFields = await client.GetAsync($"{Qualifications}?fields=colour", Cancel);
        await HttpAssert.ValidationProblemAsync(badFields, "fields");
    }

    [Fact]
    public async Task Only_own_staff_may_qualify()
    {
        using var partner = await App.CreateClientAsAsync("partner");
        using var anonymous = App.CreateAnonymousClient();
        var body = new JsonObject
        {
            ["place"] = new JsonArray(CoverageScenarios.Place("76018", "SE")),
            ["productOfferingQualificationItem"] = new JsonArray(CoverageScenarios.Item("SE-FIBER-250")),
        };

        using var byPartner = await PostAsync(partner, Qualifications, body);
        using var byNobody = await PostAsync(anonymous, Qualifications, body);

        Assert.Equal(HttpStatusCode.Forbidden, byPartner.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, byNobody.StatusCode);
    }
}

[Trait("Provider", "Sqlite")]
public sealed class Tmf679ProductOfferingQualificationApiTestsOnSqlite(SqliteApp app) : Tmf679ProductOfferingQualificationApiTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class Tmf679ProductOfferingQualificationApiTestsOnPostgres(PostgresApp app) : Tmf679ProductOfferingQualificationApiTests(app), IClassFixture<PostgresApp>;
