using System.Text.Json.Nodes;
using Touchpoint.Demo;

namespace Touchpoint.Tests.Tmf;

/// <summary>TMF683 PartyInteraction through HTTP: contacts recorded and listed, the acting party always visible (S0-1).</summary>
public abstract class Tmf683PartyInteractionApiTests(TouchpointApp app) : TmfApiTestBase(app)
{
    private static JsonObject InteractionBody(string customerId, DateTime start, string channelName = "Telephone", JsonObject? agency = null)
    {
        var parties = new JsonArray(new JsonObject
        {
            ["id"] = customerId, ["href"] = $"{Customers}/{customerId}", ["role"] = "customer", ["@referredType"] = "Customer",
        });
        if (agency is not null)
        {
            parties.Add(agency);
        }

        return new JsonObject
        {
            ["interactionDate"] = new JsonObject
            {
                ["startDateTime"] = start.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                ["endDateTime"] = start.AddMinutes(7).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            },
            ["reason"] = "Sales call: price offer",
            ["description"] = "Offered a cheaper plan.",
            ["status"] = "completed",
            ["direction"] = "outbound",
            ["channel"] = new JsonArray(new JsonObject { ["id"] = "tel", ["href"] = "/channel/tel", ["name"] = channelName }),
            ["relatedParty"] = parties,
        };
    }

    private static JsonObject Agency(string name) => new()
    {
        ["id"] = "vendator", ["href"] = "/tmf-api/party/v4/organization/vendator", ["name"] = name, ["role"] = "partnerAgency", ["@referredType"] = "Organization",
    };

    [Fact]
    public async Task Recording_a_contact_made_by_a_partner_agency_names_the_agency_and_the_agent()
    {
        var customerId = await CreateCustomerAsync();
        using var client = await AgentAsync();
        var start = App.UtcNow.AddHours(-2);

        using var response = await PostValidAsync(client, Interactions, "TMF683-PartyInteraction", "PartyInteraction_Create",
            InteractionBody(customerId, start, agency: Agency(DemoData.PartnerAgencyName)));

        var interaction = await ValidAsync(response, InteractionSchema, HttpStatusCode.Created);
        var id = interaction["id"]!.GetValue<string>();
        Assert.Equal($"{Interactions}/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("phone", interaction["channel"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("outbound", interaction["direction"]!.GetValue<string>());
        Assert.Equal("completed", interaction["status"]!.GetValue<string>());
        Assert.Equal(start.AddMinutes(7).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + ".000Z",
            interaction["interactionDate"]!["endDateTime"]!.GetValue<string>());
        var parties = Objects(interaction["relatedParty"]).ToList();
        Assert.Contains(parties, p => p["role"]!.GetValue<string>() == "customer" && p["id"]!.GetValue<string>() == customerId);
        Assert.Contains(parties, p => p["role"]!.GetValue<string>() == "agent" && p["name"]!.GetValue<string>() == "Anna Agent");
        var agency = Assert.Single(parties, p => p["role"]!.GetValue<string>() == "partnerAgency");
        Assert.Equal(DemoData.PartnerAgencyName, agency["name"]!.GetValue<string>());

        using var organization = await client.GetAsync(agency["href"]!.GetValue<string>(), Cancel);
        Assert.Equal(DemoData.PartnerAgencyName, (await ValidAsync(organization, OrganizationSchema))["name"]!.GetValue<string>());
        using var again = await client.GetAsync($"{Interactions}/{id}", Cancel);
        var read = await ValidAsync(again, InteractionSchema);
        Assert.Contains(Objects(read["relatedParty"]), p => p["role"]!.GetValue<string>() == "partnerAgency");
    }

    [Fact]
    public async Task A_partner_agent_records_contacts_as_their_agency_whatever_the_body_says()
    {
        var customerId = await CreateCustomerAsync();
        await App.GiveToVendatorAsync(customerId);
        using var partner = await App.CreateClientAsAsync("partner");

        using var response = await PostValidAsync(partner, Interactions, "TMF683-PartyInteraction", "PartyInteraction_Create",
            InteractionBody(customerId, App.UtcNow.AddMinutes(-30), "Phone"));

        var interaction = await ValidAsync(response, InteractionSchema, HttpStatusCode.Created);
        var agency = Assert.Single(Objects(interaction["relatedParty"]), p => p["role"]!.GetValue<string>() == "partnerAgency");
        Assert.Equal(DemoData.PartnerAgencyName, agency["name"]!.GetValue<string>());
        using var list = await partner.GetAsync($"{Interactions}?relatedParty.id={customerId}", Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
    }

    [Fact]
    public async Task A_customers_interactions_list_newest_first_in_pages_with_the_tmf_headers()
    {
        var customerId = await CreateCustomerAsync();
        using var client = await AgentAsync();
        var now = App.UtcNow;
        foreach (var hoursAgo in new[] { 30, 10, 20 })
        {
            using var created = await PostValidAsync(client, Interactions, "TMF683-PartyInteraction", "PartyInteraction_Create",
                InteractionBody(customerId, now.AddHours(-hoursAgo)));
            await ValidAsync(created, InteractionSchema, HttpStatusCode.Created);
        }

        using var first = await client.GetAsync($"{Interactions}?relatedParty.id={customerId}&limit=2", Cancel);
        using var second = await client.GetAsync($"{Interactions}?relatedParty.id={customerId}&offset=2&limit=2&fields=interactionDate", Cancel);

        var (page1, total) = await ValidListAsync(first, InteractionSchema);
        var (page2, _) = await ValidListAsync(second, InteractionSchema);
        Assert.Equal(3, total);
        Assert.Equal(2, page1.Count);
        var starts = page1.Concat(page2).Select(i => i["interactionDate"]!["startDateTime"]!.GetValue<string>()).ToList();
        Assert.Equal(starts.OrderDescending(StringComparer.Ordinal), starts);
        Assert.Equal(["@type", "href", "id", "interactionDate"], Assert.Single(page2).Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_the_field_in_the_tmf_body()
    {
        var customerId = await CreateCustomerAsync();
        using var client = await AgentAsync();
        var start = App.UtcNow.AddHours(-1);
        var pigeon = InteractionBody(customerId, start, "Pigeon");
        pigeon["channel"]![0]!["id"] = "pigeon";
        var noCustomer = InteractionBody(customerId, start);
        noCustomer["relatedParty"] = new JsonArray();
        var unknownCustomer = InteractionBody(Guid.NewGuid().ToString(), start);
        var unknownAgency = InteractionBody(customerId, start, agency: Agency("Nobody Sales AB"));
        var sideways = InteractionBody(customerId, start);
        sideways["direction"] = "sideways";

        using var pigeonResponse = await PostValidAsync(client, Interactions, "TMF683-PartyInteraction", "PartyInteraction_Create", pigeon);
        using var noCustomerResponse = await PostValidAsync(client, Interactions, "TMF683-PartyInteraction", "PartyInteraction_Create", noCustomer);
        using var unknownCustomerResponse = await PostValidAsync(client, Interactions, "TMF683-PartyInteraction", "PartyInteraction_Create", unknownCustomer);
        using var unknownAgencyResponse = await PostValidAsync(client, Interactions, "TMF683-PartyInteraction", "PartyInteraction_Create", unknownAgency);
        using var sidewaysResponse = await PostValidAsync(client, Interactions, "TMF683-PartyInteraction", "PartyInteraction_Create", sideways);
        using var listWithoutParty = await client.GetAsync(Interactions, Cancel);

        await HttpAssert.ValidationProblemAsync(pigeonResponse, "channel[0].id");
        await HttpAssert.ValidationProblemAsync(noCustomerResponse, "relatedParty");
        await HttpAssert.ValidationProblemAsync(unknownCustomerResponse, "relatedParty[0].id");
        await HttpAssert.ValidationProblemAsync(unknownAgencyResponse, "relatedParty[1].name");
        await HttpAssert.ValidationProblemAsync(sidewaysResponse, "direction");
        await HttpAssert.ValidationProblemAsync(listWithoutParty, "relatedParty.id");
    }

    [Fact]
    public async Task An_unknown_interaction_is_a_404_problem()
    {
        using var client = await AgentAsync();

        using var response = await client.GetAsync($"{Interactions}/{Guid.NewGuid()}", Cancel);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound);
    }
}

[Trait("Provider", "Sqlite")]
public sealed class Tmf683PartyInteractionApiTestsOnSqlite(SqliteApp app) : Tmf683PartyInteractionApiTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class Tmf683PartyInteractionApiTestsOnPostgres(PostgresApp app) : Tmf683PartyInteractionApiTests(app), IClassFixture<PostgresApp>;
