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
        using var lead = await App.CreateClientAsAsync("lead");
        using (var merge = await lead.PostAsJsonAsync($"/api/customers/{survivor}/merge", new { mergedCustomerId = merged, reason = "One person, two sign-ups." }, Cancel))
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
    public async Task An_individual_patched_to_an_Organization_is_a_business_customer_at_the_organization_path_and_back_again()
    {
        var id = await CreateCustomerAsync(UniqueName("Karin"));
        using var client = await AgentAsync();
        var patch = new JsonObject { ["@type"] = "Organization", ["name"] = "Karin Konsult AB" };
        TmfSchema.For("TMF632-Party", "Individual_Update").AssertValid(new JsonObject { ["@type"] = "Organization" }.ToJsonString());

        using var response = await MergePatchAsync(client, $"{Individuals}/{id}", patch);

        var organization = await ValidAsync(response, OrganizationSchema);
        Assert.Equal(("Organization", "Karin Konsult AB", $"{Organizations}/{id}"),
            (organization["@type"]!.GetValue<string>(), organization["name"]!.GetValue<string>(), organization["href"]!.GetValue<string>()));
        Assert.Equal($"{Organizations}/{id}", response.Content.Headers.ContentLocation?.OriginalString);
        using (var gone = await client.GetAsync($"{Individuals}/{id}", Cancel))
        {
            await HttpAssert.ProblemAsync(gone, HttpStatusCode.NotFound);
        }

        using (var customer = await client.GetAsync($"{Customers}/{id}", Cancel))
        {
            var engaged = (await ValidAsync(customer, CustomerSchema))["engagedParty"]!;
            Assert.Equal(("Organization", $"{Organizations}/{id}"), (engaged["@referredType"]!.GetValue<string>(), engaged["href"]!.GetValue<string>()));
        }

        var audited = Assert.Single(await AuditAsync($"entityType=Customer&entityId={id}&action=Updated"));
        var fields = audited.GetProperty("changes").EnumerateArray().ToDictionary(c => c.GetProperty("field").GetString()!);
        Assert.Equal("Business", fields["Kind"].GetProperty("new").GetString());
        Assert.True(fields["Name"].GetProperty("masked").GetBoolean());

        using var back = await MergePatchAsync(client, $"{Organizations}/{id}", new JsonObject { ["@type"] = "Individual", ["familyName"] = "Lund" });
        var individual = await ValidAsync(back, IndividualSchema);
        Assert.Equal(("Individual", "Karin Konsult Lund"), (individual["@type"]!.GetValue<string>(), individual["fullName"]!.GetValue<string>()));
        Assert.Equal($"{Individuals}/{id}", back.Content.Headers.ContentLocation?.OriginalString);
    }

    [Fact]
    public async Task A_party_patch_changes_preferences_and_contact_media_without_moving_the_party()
    {
        var id = await CreateCustomerAsync();
        var email = UniqueEmail();
        using var client = await AgentAsync();

        using var response = await MergePatchAsync(client, $"{Individuals}/{id}", new JsonObject
        {
            ["fullName"] = "Karin Patchad",
            ["contactMedium"] = new JsonArray(new JsonObject { ["mediumType"] = "email", ["characteristic"] = new JsonObject { ["emailAddress"] = email } }),
            ["partyCharacteristic"] = new JsonArray(new JsonObject { ["name"] = "telemarketingOptOut", ["value"] = true }),
        });

        var individual = await ValidAsync(response, IndividualSchema);
        Assert.Equal("Karin Patchad", individual["fullName"]!.GetValue<string>());
        Assert.Contains(Objects(individual["contactMedium"]), m => m["characteristic"]!["emailAddress"]?.GetValue<string>() == email);
        Assert.True(Characteristic(individual, "partyCharacteristic", "telemarketingOptOut")!["value"]!.GetValue<bool>());
        Assert.Null(response.Content.Headers.ContentLocation);
    }

    [Fact]
    public async Task A_party_patch_refuses_by_name_what_it_cannot_change_and_changes_nothing()
    {
        var name = UniqueName();
        var id = await CreateCustomerAsync(name);
        using var client = await AgentAsync();

        (JsonObject Patch, string Field)[] refused =
        [
            (new JsonObject { ["fullName"] = "Someone Else", ["birthDate"] = "1980-01-01" }, "birthDate"),
            (new JsonObject { ["@type"] = "Robot" }, "@type"),
            (new JsonObject { ["name"] = "Not An Individual's" }, "name"),
            (new JsonObject { ["fullName"] = "A B", ["formattedName"] = "C D" }, "formattedName"),
            (new JsonObject { ["@type"] = "Organization", ["fullName"] = "Karin AB" }, "fullName"),
            (new JsonObject { ["fullName"] = "Someone Else", ["partyCharacteristic"] = new JsonArray(new JsonObject { ["name"] = "jurisdiction", ["value"] = "DK" }) }, "partyCharacteristic[0].value"),
        ];
        foreach (var (patch, field) in refused)
        {
            using var response = await MergePatchAsync(client, $"{Individuals}/{id}", patch);
            await HttpAssert.ValidationProblemAsync(response, field);
        }

        using var stored = await client.GetAsync($"{Individuals}/{id}", Cancel);
        Assert.Equal(name, (await ValidAsync(stored, IndividualSchema))["fullName"]!.GetValue<string>());
        Assert.Empty(await AuditAsync($"entityType=Customer&entityId={id}&action=Updated"));

        using var unknown = await MergePatchAsync(client, $"{Individuals}/{Guid.NewGuid()}", new JsonObject { ["fullName"] = "Nobody" });
        await HttpAssert.ProblemAsync(unknown, HttpStatusCode.NotFound);
        using var notAnOrganization = await MergePatchAsync(client, $"{Organizations}/{id}", new JsonObject { ["name"] = "Nobody" });
        await HttpAssert.ProblemAsync(notAnOrganization, HttpStatusCode.NotFound);

        using var admin = await App.CreateAdminClientAsync();
        using var agencies = await admin.GetAsync("/api/partner-agencies", Cancel);
        var vendator = (await HttpAssert.JsonAsync(agencies)).EnumerateArray().First(a => a.GetProperty("name").GetString() == "Vendator").GetProperty("id").GetString();
        using var agency = await MergePatchAsync(client, $"{Organizations}/{vendator}", new JsonObject { ["name"] = "Vendator Renamed" });
        await HttpAssert.ProblemAsync(agency, HttpStatusCode.Conflict);
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
