using System.Text.Json.Nodes;

namespace Touchpoint.Tests.Tmf;

/// <summary>TMF632 Individual and Organization through HTTP: the person behind a customer, valid against the spec.</summary>
public abstract class Tmf632PartyApiTests(TouchpointApp app) : TmfApiTestBase(app)
{
    [Fact]
    public async Task The_individual_behind_a_customer_has_the_same_id_a_split_name_contact_media_and_is_validated()
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var mobile = UniqueMobile();
        var id = await CreateCustomerAsync($"Karin Maria Tmf{suffix}", mobile);
        using var client = await AgentAsync();

        using var response = await client.GetAsync($"{Individuals}/{id}", Cancel);

        var individual = await ValidAsync(response, IndividualSchema);
        Assert.Equal(id, individual["id"]!.GetValue<string>());
        Assert.Equal($"{Individuals}/{id}", individual["href"]!.GetValue<string>());
        Assert.Equal("Individual", individual["@type"]!.GetValue<string>());
        Assert.Equal("Karin Maria", individual["givenName"]!.GetValue<string>());
        Assert.Equal($"Tmf{suffix}", individual["familyName"]!.GetValue<string>());
        Assert.Equal($"Karin Maria Tmf{suffix}", individual["fullName"]!.GetValue<string>());
        Assert.Equal("validated", individual["status"]!.GetValue<string>());
        Assert.Contains(Objects(individual["contactMedium"]), m => m["characteristic"]!["phoneNumber"]?.GetValue<string>() == mobile);
        Assert.Equal("SE", Characteristic(individual, "partyCharacteristic", "jurisdiction")!["value"]!.GetValue<string>());
        var customer = Assert.Single(Objects(individual["relatedParty"]));
        Assert.Equal(id, customer["id"]!.GetValue<string>());
        Assert.Equal("customer", customer["role"]!.GetValue<string>());
        var read = Assert.Single(await AuditAsync($"entityId={id}&action=Read"));
        Assert.Equal("Customer", read.GetProperty("entityType").GetString());
    }

    [Fact]
    public async Task A_merged_individual_is_no_longer_validated_and_points_to_the_survivor()
    {
        var survivor = await CreateCustomerAsync();
        var merged = await CreateCustomerAsync();
        using var client = await AgentAsync();
        using (var merge = await client.PostAsJsonAsync($"/api/customers/{survivor}/merge", new { mergedCustomerId = merged }, Cancel))
        {
            await HttpAssert.JsonAsync(merge);
        }

        using var response = await client.GetAsync($"{Individuals}/{merged}", Cancel);

        var individual = await ValidAsync(response, IndividualSchema);
        Assert.Null(individual["status"]);
        var pointer = Assert.Single(Objects(individual["relatedParty"]), p => p["role"]!.GetValue<string>() == "mergedInto");
        Assert.Equal(survivor, pointer["id"]!.GetValue<string>());
        Assert.Equal($"{Individuals}/{survivor}", pointer["href"]!.GetValue<string>());
    }

    [Fact]
    public async Task National_and_legacy_ids_appear_as_identification_and_external_reference()
    {
        using var client = await AgentAsync();
        var body = CustomerBody(UniqueName(), UniqueMobile(), UniqueEmail());
        var legacy = $"telia:{Guid.NewGuid():N}";
        body["characteristic"]!.AsArray().Add(new JsonObject { ["name"] = "legacyId", ["value"] = legacy });
        using var created = await PostValidAsync(client, Customers, "TMF629-Customer", "Customer_Create", body);
        var id = (await ValidAsync(created, CustomerSchema, HttpStatusCode.Created))["id"]!.GetValue<string>();

        using var response = await client.GetAsync($"{Individuals}/{id}", Cancel);

        var individual = await ValidAsync(response, IndividualSchema);
        var reference = Assert.Single(Objects(individual["externalReference"]));
        Assert.Equal("legacyId", reference["externalReferenceType"]!.GetValue<string>());
        Assert.Equal(legacy, reference["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Listing_individuals_pages_with_the_tmf_headers_and_fields()
    {
        await CreateCustomerAsync();
        await CreateCustomerAsync();
        using var client = await AgentAsync();

        using var first = await client.GetAsync($"{Individuals}?limit=1", Cancel);
        using var selected = await client.GetAsync($"{Individuals}?offset=1&limit=1&fields=familyName", Cancel);

        var (page1, total) = await ValidListAsync(first, IndividualSchema);
        var (page2, _) = await ValidListAsync(selected, IndividualSchema);
        Assert.Single(page1);
        Assert.True(total >= 2);
        var only = Assert.Single(page2);
        Assert.Equal(["@type", "familyName", "href", "id"], only.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.NotEqual(page1[0]["id"]!.GetValue<string>(), only["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Organizations_list_validly_and_unknown_parties_are_404_problems()
    {
        using var client = await AgentAsync();

        using var list = await client.GetAsync($"{Organizations}?limit=5", Cancel);
        using var individual = await client.GetAsync($"{Individuals}/{Guid.NewGuid()}", Cancel);
        using var organization = await client.GetAsync($"{Organizations}/nope", Cancel);
        using var fields = await client.GetAsync($"{Individuals}?fields=shoeSize", Cancel);

        await ValidListAsync(list, OrganizationSchema);
        await HttpAssert.ProblemAsync(individual, HttpStatusCode.NotFound);
        await HttpAssert.ProblemAsync(organization, HttpStatusCode.NotFound);
        await HttpAssert.ValidationProblemAsync(fields, "fields");
    }

    [Fact]
    public async Task Only_own_staff_may_read_parties()
    {
        using var partner = await App.CreateClientAsAsync("partner");

        using var response = await partner.GetAsync(Individuals, Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}

[Trait("Provider", "Sqlite")]
public sealed class Tmf632PartyApiTestsOnSqlite(SqliteApp app) : Tmf632PartyApiTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class Tmf632PartyApiTestsOnPostgres(PostgresApp app) : Tmf632PartyApiTests(app), IClassFixture<PostgresApp>;
