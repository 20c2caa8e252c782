using System.Text.Json.Nodes;

namespace Touchpoint.Tests.Tmf;

/// <summary>TMF629 Customer through HTTP: every response validates against the spec; paging, fields, errors, audit.</summary>
public abstract class Tmf629CustomerApiTests(TouchpointApp app) : TmfApiTestBase(app)
{
    [Fact]
    public async Task Creating_a_customer_returns_201_with_location_and_a_valid_customer_showing_what_was_sent()
    {
        using var client = await AgentAsync();
        var name = UniqueName("Karin Maria");
        var mobile = UniqueMobile();
        var email = UniqueEmail();

        using var response = await PostValidAsync(client, Customers, "TMF629-Customer", "Customer_Create", CustomerBody(name, mobile, email));

        var customer = await ValidAsync(response, CustomerSchema, HttpStatusCode.Created);
        var id = customer["id"]!.GetValue<string>();
        Assert.Equal($"{Customers}/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal($"{Customers}/{id}", customer["href"]!.GetValue<string>());
        Assert.Equal("Customer", customer["@type"]!.GetValue<string>());
        Assert.Equal(name, customer["name"]!.GetValue<string>());
        Assert.Equal("approved", customer["status"]!.GetValue<string>());
        Assert.Equal(id, customer["engagedParty"]!["id"]!.GetValue<string>());
        Assert.Equal("Individual", customer["engagedParty"]!["@referredType"]!.GetValue<string>());
        Assert.Equal($"{Individuals}/{id}", customer["engagedParty"]!["href"]!.GetValue<string>());
        var media = Objects(customer["contactMedium"]).ToList();
        Assert.Contains(media, m => m["mediumType"]!.GetValue<string>() == "phone" && m["characteristic"]!["phoneNumber"]!.GetValue<string>() == mobile);
        Assert.Contains(media, m => m["mediumType"]!.GetValue<string>() == "email" && m["characteristic"]!["emailAddress"]!.GetValue<string>() == email);
        Assert.Contains(media, m => m["mediumType"]!.GetValue<string>() == "postalAddress" && m["characteristic"]!["city"]!.GetValue<string>() == "Stockholm");
        Assert.Equal("SE", Characteristic(customer, "characteristic", "jurisdiction")!["value"]!.GetValue<string>());
        Assert.Equal("en", Characteristic(customer, "characteristic", "preferredLanguage")!["value"]!.GetValue<string>());
        Assert.True(Characteristic(customer, "characteristic", "neverOfferBinding")!["value"]!.GetValue<bool>());
        Assert.Equal(["email", "sms"], Characteristic(customer, "characteristic", "allowedMarketingChannels")!["value"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.EndsWith("Z", customer["validFor"]!["startDateTime"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("null", customer.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reading_a_customer_by_id_is_valid_and_audited_as_a_read()
    {
        var id = await CreateCustomerAsync();
        using var client = await AgentAsync();

        using var response = await client.GetAsync($"{Customers}/{id}", Cancel);

        var customer = await ValidAsync(response, CustomerSchema);
        Assert.Equal(id, customer["id"]!.GetValue<string>());
        var read = Assert.Single(await AuditAsync($"entityId={id}&action=Read"));
        Assert.Equal("Customer", read.GetProperty("entityType").GetString());
        Assert.Equal("agent", read.GetProperty("userName").GetString());
    }

    [Fact]
    public async Task Listing_customers_pages_with_offset_and_limit_and_the_tmf_headers()
    {
        for (var i = 0; i < 3; i++)
        {
            await CreateCustomerAsync();
        }

        using var client = await AgentAsync();
        using var first = await client.GetAsync($"{Customers}?offset=0&limit=2", Cancel);
        using var second = await client.GetAsync($"{Customers}?offset=2&limit=2", Cancel);

        var (page1, total1) = await ValidListAsync(first, CustomerSchema);
        var (page2, total2) = await ValidListAsync(second, CustomerSchema);
        Assert.Equal(2, page1.Count);
        Assert.True(total1 >= 3);
        Assert.Equal(total1, total2);
        Assert.NotEmpty(page2);
        Assert.Empty(page1.Select(c => c["id"]!.GetValue<string>()).Intersect(page2.Select(c => c["id"]!.GetValue<string>())));
    }

    [Fact]
    public async Task Listing_by_name_and_status_filters_and_fields_keeps_only_the_selected_attributes_plus_id_href_and_type()
    {
        var name = UniqueName();
        var id = await CreateCustomerAsync(name);
        using var client = await AgentAsync();

        using var response = await client.GetAsync($"{Customers}?name={Uri.EscapeDataString(name.ToUpperInvariant())}&status=approved&fields=name,status", Cancel);

        var (items, total) = await ValidListAsync(response, CustomerSchema);
        var only = Assert.Single(items);
        Assert.Equal(1, total);
        Assert.Equal(id, only["id"]!.GetValue<string>());
        Assert.Equal(["@type", "engagedParty", "href", "id", "name", "status"], only.Select(p => p.Key).Order(StringComparer.Ordinal));
        using var merged = await client.GetAsync($"{Customers}?name={Uri.EscapeDataString(name)}&status=merged", Cancel);
        Assert.Empty((await ValidListAsync(merged, CustomerSchema)).Items);
    }

    [Fact]
    public async Task Fields_selection_works_on_a_single_customer_and_an_unknown_attribute_is_a_400_naming_fields()
    {
        var id = await CreateCustomerAsync();
        using var client = await AgentAsync();

        using var selected = await client.GetAsync($"{Customers}/{id}?fields=contactMedium", Cancel);
        using var unknown = await client.GetAsync($"{Customers}/{id}?fields=shoeSize", Cancel);

        // engagedParty stays too: the spec requires it of every Customer.
        var customer = await ValidAsync(selected, CustomerSchema);
        Assert.Equal(["@type", "contactMedium", "engagedParty", "href", "id"], customer.Select(p => p.Key).Order(StringComparer.Ordinal));
        await HttpAssert.ValidationProblemAsync(unknown, "fields");
    }

    [Fact]
    public async Task Bad_paging_and_an_unknown_status_are_400s_naming_the_parameter()
    {
        using var client = await AgentAsync();

        using var offset = await client.GetAsync($"{Customers}?offset=-1", Cancel);
        using var limit = await client.GetAsync($"{Customers}?limit=0", Cancel);
        using var status = await client.GetAsync($"{Customers}?status=happy", Cancel);

        await HttpAssert.ValidationProblemAsync(offset, "offset");
        await HttpAssert.ValidationProblemAsync(limit, "limit");
        await HttpAssert.ValidationProblemAsync(status, "status");
    }

    [Theory]
    [InlineData("0193a000-0000-7000-8000-000000000000")]
    [InlineData("not-an-id")]
    public async Task An_unknown_customer_is_a_404_problem(string id)
    {
        using var client = await AgentAsync();

        using var get = await client.GetAsync($"{Customers}/{id}", Cancel);
        using var patch = await MergePatchAsync(client, $"{Customers}/{id}", new JsonObject { ["name"] = "Nobody" });

        await HttpAssert.ProblemAsync(get, HttpStatusCode.NotFound);
        await HttpAssert.ProblemAsync(patch, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_invalid_phone_number_is_a_400_naming_its_path_in_the_tmf_body()
    {
        using var client = await AgentAsync();

        using var response = await PostValidAsync(client, Customers, "TMF629-Customer", "Customer_Create", CustomerBody(UniqueName(), "12", UniqueEmail()));

        var problem = await HttpAssert.ValidationProblemAsync(response, "contactMedium[0].characteristic.phoneNumber");
        Assert.Contains("not a valid phone number", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("jurisdiction", "\"XX\"", "characteristic[0].value")]
    [InlineData("preferredLanguage", "\"klingon\"", "characteristic[1].value")]
    [InlineData("allowedMarketingChannels", "[\"email\", \"pigeon\"]", "characteristic[2].value[1]")]
    [InlineData("neverOfferBinding", "\"yes\"", "characteristic[3].value")]
    public async Task An_invalid_characteristic_is_a_400_naming_its_path(string name, string value, string path)
    {
        using var client = await AgentAsync();
        var body = CustomerBody(UniqueName(), UniqueMobile(), UniqueEmail());
        var characteristic = body["characteristic"]!.AsArray().Select(c => c!.AsObject()).Single(c => c["name"]!.GetValue<string>() == name);
        characteristic["value"] = JsonNode.Parse(value);

        using var response = await PostValidAsync(client, Customers, "TMF629-Customer", "Customer_Create", body);

        await HttpAssert.ValidationProblemAsync(response, path);
    }

    [Fact]
    public async Task Unknown_contact_media_and_characteristics_and_a_missing_name_are_400s_naming_them()
    {
        using var client = await AgentAsync();
        var fax = CustomerBody(UniqueName(), UniqueMobile(), UniqueEmail());
        fax["contactMedium"]!.AsArray().Add(new JsonObject { ["mediumType"] = "fax", ["characteristic"] = new JsonObject { ["faxNumber"] = "+4681234567" } });
        var shoeSize = CustomerBody(UniqueName(), UniqueMobile(), UniqueEmail());
        shoeSize["characteristic"]!.AsArray().Add(new JsonObject { ["name"] = "shoeSize", ["value"] = 44 });
        var nameless = CustomerBody(UniqueName(), UniqueMobile(), UniqueEmail());
        nameless["name"] = " ";

        using var faxResponse = await PostValidAsync(client, Customers, "TMF629-Customer", "Customer_Create", fax);
        using var shoeResponse = await PostValidAsync(client, Customers, "TMF629-Customer", "Customer_Create", shoeSize);
        using var namelessResponse = await PostValidAsync(client, Customers, "TMF629-Customer", "Customer_Create", nameless);

        await HttpAssert.ValidationProblemAsync(faxResponse, "contactMedium[3].mediumType");
        await HttpAssert.ValidationProblemAsync(shoeResponse, "characteristic[4].name");
        await HttpAssert.ValidationProblemAsync(namelessResponse, "name");
    }

    [Fact]
    public async Task An_identity_owned_by_another_customer_is_a_409_naming_the_owner()
    {
        var mobile = UniqueMobile();
        var owner = await CreateCustomerAsync(mobile: mobile);
        using var client = await AgentAsync();

        using var response = await PostValidAsync(client, Customers, "TMF629-Customer", "Customer_Create", CustomerBody(UniqueName(), mobile, UniqueEmail()));

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal(owner, problem.GetProperty("ownerId").GetString());
        Assert.Contains(owner, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Patching_changes_the_name_adds_contact_media_and_identities_and_sets_preferences()
    {
        var id = await CreateCustomerAsync();
        using var client = await AgentAsync();
        var newName = UniqueName("Karin Eva");
        var secondMobile = UniqueMobile();
        var patch = new JsonObject
        {
            ["name"] = newName,
            ["engagedParty"] = new JsonObject { ["id"] = id, ["@referredType"] = "Individual" },
            ["contactMedium"] = new JsonArray(new JsonObject { ["mediumType"] = "mobile", ["characteristic"] = new JsonObject { ["phoneNumber"] = secondMobile } }),
            ["characteristic"] = new JsonArray(
                new JsonObject { ["name"] = "legacyId", ["value"] = $"comviq:{Guid.NewGuid():N}" },
                new JsonObject { ["name"] = "telemarketingOptOut", ["value"] = true },
                new JsonObject { ["name"] = "jurisdiction", ["value"] = "se" }),
        };
        TmfSchema.For("TMF629-Customer", "Customer_Update").AssertValid(patch.ToJsonString());

        using var response = await MergePatchAsync(client, $"{Customers}/{id}", patch);

        var customer = await ValidAsync(response, CustomerSchema);
        Assert.Equal(newName, customer["name"]!.GetValue<string>());
        var phones = Objects(customer["contactMedium"]).Where(m => m["mediumType"]!.GetValue<string>() == "phone").ToList();
        Assert.Equal(2, phones.Count);
        Assert.Contains(phones, p => p["characteristic"]!["phoneNumber"]!.GetValue<string>() == secondMobile);
        Assert.StartsWith("comviq:", Characteristic(customer, "characteristic", "legacyId")!["value"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(Characteristic(customer, "characteristic", "telemarketingOptOut")!["value"]!.GetValue<bool>());
        Assert.Equal("en", Characteristic(customer, "characteristic", "preferredLanguage")!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_patch_that_fails_part_way_changes_nothing()
    {
        var otherMobile = UniqueMobile();
        var other = await CreateCustomerAsync(mobile: otherMobile);
        var name = UniqueName();
        var id = await CreateCustomerAsync(name);
        using var client = await AgentAsync();

        using var conflict = await MergePatchAsync(client, $"{Customers}/{id}", new JsonObject
        {
            ["name"] = "Changed Name",
            ["contactMedium"] = new JsonArray(new JsonObject { ["mediumType"] = "phone", ["characteristic"] = new JsonObject { ["phoneNumber"] = otherMobile } }),
        });
        using var jurisdiction = await MergePatchAsync(client, $"{Customers}/{id}", new JsonObject
        {
            ["name"] = "Changed Name",
            ["characteristic"] = new JsonArray(new JsonObject { ["name"] = "jurisdiction", ["value"] = "DK" }),
        });
        using var badEmail = await MergePatchAsync(client, $"{Customers}/{id}", new JsonObject
        {
            ["contactMedium"] = new JsonArray(new JsonObject { ["mediumType"] = "email", ["characteristic"] = new JsonObject { ["emailAddress"] = "not-mail" } }),
        });

        var problem = await HttpAssert.ProblemAsync(conflict, HttpStatusCode.Conflict);
        Assert.Equal(other, problem.GetProperty("ownerId").GetString());
        await HttpAssert.ValidationProblemAsync(jurisdiction, "characteristic[0].value");
        await HttpAssert.ValidationProblemAsync(badEmail, "contactMedium[0].characteristic.emailAddress");
        using var after = await client.GetAsync($"{Customers}/{id}", Cancel);
        var customer = await ValidAsync(after, CustomerSchema);
        Assert.Equal(name, customer["name"]!.GetValue<string>());
        Assert.Single(Objects(customer["contactMedium"]), m => m["mediumType"]!.GetValue<string>() == "phone");
    }

    [Fact]
    public async Task A_business_customer_engages_an_organization()
    {
        using var client = await AgentAsync();
        var body = CustomerBody($"Bygg {Guid.NewGuid():N} AB", UniqueMobile(), UniqueEmail());
        body["engagedParty"] = new JsonObject { ["id"] = "new", ["@referredType"] = "Organization" };

        using var response = await PostValidAsync(client, Customers, "TMF629-Customer", "Customer_Create", body);

        var customer = await ValidAsync(response, CustomerSchema, HttpStatusCode.Created);
        var id = customer["id"]!.GetValue<string>();
        Assert.Equal("Organization", customer["engagedParty"]!["@referredType"]!.GetValue<string>());
        using var organization = await client.GetAsync(customer["engagedParty"]!["href"]!.GetValue<string>(), Cancel);
        Assert.Equal(id, (await ValidAsync(organization, OrganizationSchema))["id"]!.GetValue<string>());
        using var individual = await client.GetAsync($"{Individuals}/{id}", Cancel);
        await HttpAssert.ProblemAsync(individual, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Only_own_staff_may_use_the_customer_api()
    {
        using var partner = await App.CreateClientAsAsync("partner");
        using var anonymous = App.CreateAnonymousClient();

        using var forbidden = await partner.GetAsync(Customers, Cancel);
        using var unauthorized = await anonymous.GetAsync(Customers, Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
    }

    [Fact]
    public async Task Patching_engagedParty_referredType_makes_the_customer_a_business_and_a_bad_one_is_refused()
    {
        var id = await CreateCustomerAsync();
        using var client = await AgentAsync();

        using var badType = await MergePatchAsync(client, $"{Customers}/{id}", new JsonObject { ["engagedParty"] = new JsonObject { ["@referredType"] = "Robot" } });
        await HttpAssert.ValidationProblemAsync(badType, "engagedParty.@referredType");
        using var otherParty = await MergePatchAsync(client, $"{Customers}/{id}",
            new JsonObject { ["engagedParty"] = new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["@referredType"] = "Organization" } });
        await HttpAssert.ValidationProblemAsync(otherParty, "engagedParty.id");

        using var response = await MergePatchAsync(client, $"{Customers}/{id}",
            new JsonObject { ["engagedParty"] = new JsonObject { ["id"] = id, ["@referredType"] = "Organization" } });

        var engaged = (await ValidAsync(response, CustomerSchema))["engagedParty"]!;
        Assert.Equal(("Organization", $"{Organizations}/{id}"), (engaged["@referredType"]!.GetValue<string>(), engaged["href"]!.GetValue<string>()));
        var kind = Assert.Single(await AuditAsync($"entityType=Customer&entityId={id}&action=Updated")).GetProperty("changes").EnumerateArray()
            .Single(c => c.GetProperty("field").GetString() == "Kind");
        Assert.Equal(("Person", "Business"), (kind.GetProperty("old").GetString(), kind.GetProperty("new").GetString()));
        using var timeline = await client.GetAsync($"/api/customers/{id}/timeline?kind=customerChange", Cancel);
        Assert.Equal("Customer kind changed: person → business",
            Assert.Single((await HttpAssert.JsonAsync(timeline)).GetProperty("items").EnumerateArray()).GetProperty("title").GetString());
    }
}

[Trait("Provider", "Sqlite")]
public sealed class Tmf629CustomerApiTestsOnSqlite(SqliteApp app) : Tmf629CustomerApiTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class Tmf629CustomerApiTestsOnPostgres(PostgresApp app) : Tmf629CustomerApiTests(app), IClassFixture<PostgresApp>;
