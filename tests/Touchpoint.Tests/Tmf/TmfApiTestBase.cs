using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Touchpoint.Tests.Api;

namespace Touchpoint.Tests.Tmf;

/// <summary>
/// Plumbing of the TMF contract tests: requests as own staff (the demo agent), bodies checked against the
/// <c>_Create</c> definitions before they are sent, responses checked against the resource definitions.
/// </summary>
public abstract class TmfApiTestBase(TouchpointApp app) : ApiTestBase(app)
{
    protected const string Customers = "/tmf-api/customerManagement/v4/customer";
    protected const string Individuals = "/tmf-api/party/v4/individual";
    protected const string Organizations = "/tmf-api/party/v4/organization";
    protected const string Interactions = "/tmf-api/partyInteraction/v4/partyInteraction";
    protected const string Products = "/tmf-api/productInventory/v4/product";

    protected static TmfSchema CustomerSchema => TmfSchema.For("TMF629-Customer", "Customer");
    protected static TmfSchema IndividualSchema => TmfSchema.For("TMF632-Party", "Individual");
    protected static TmfSchema OrganizationSchema => TmfSchema.For("TMF632-Party", "Organization");
    protected static TmfSchema InteractionSchema => TmfSchema.For("TMF683-PartyInteraction", "PartyInteraction");
    protected static TmfSchema ProductSchema => TmfSchema.For("TMF637-ProductInventory", "Product");

    protected Task<HttpClient> AgentAsync() => App.CreateClientAsAsync("agent");

    /// <summary>A Swedish mobile number no other test uses.</summary>
    protected static string UniqueMobile() => $"+4670{Random.Shared.Next(1000000, 9999999)}";

    protected static string UniqueEmail() => $"tmf-{Guid.NewGuid():N}@example.se";

    protected static string UniqueName(string given = "Karin") => $"{given} Tmf{Guid.NewGuid().ToString("N")[..10]}";

    /// <summary>A Customer_Create body for a Swedish person with a mobile number and an e-mail address.</summary>
    protected static JsonObject CustomerBody(string name, string mobile, string email) => new()
    {
        ["name"] = name,
        ["engagedParty"] = new JsonObject { ["id"] = "new", ["@referredType"] = "Individual" },
        ["contactMedium"] = new JsonArray(
            new JsonObject { ["mediumType"] = "phone", ["characteristic"] = new JsonObject { ["phoneNumber"] = mobile } },
            new JsonObject { ["mediumType"] = "email", ["characteristic"] = new JsonObject { ["emailAddress"] = email } },
            new JsonObject
            {
                ["mediumType"] = "postalAddress",
                ["characteristic"] = new JsonObject
                {
                    ["contactType"] = "service", ["street1"] = "Storgatan 1", ["postCode"] = "11455", ["city"] = "Stockholm", ["country"] = "SE",
                },
            }),
        ["characteristic"] = new JsonArray(
            new JsonObject { ["name"] = "jurisdiction", ["value"] = "SE" },
            new JsonObject { ["name"] = "preferredLanguage", ["value"] = "en" },
            new JsonObject { ["name"] = "allowedMarketingChannels", ["value"] = new JsonArray("email", "sms") },
            new JsonObject { ["name"] = "neverOfferBinding", ["value"] = true }),
    };

    /// <summary>POSTs a body after checking it against <paramref name="createDefinition"/> of <paramref name="api"/>.</summary>
    protected static async Task<HttpResponseMessage> PostValidAsync(HttpClient client, string path, string api, string createDefinition, JsonObject body)
    {
        var json = body.ToJsonString();
        TmfSchema.For(api, createDefinition).AssertValid(json);
        return await client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), Cancel);
    }

    protected static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, JsonObject body) =>
        client.PostAsync(path, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), Cancel);

    protected static Task<HttpResponseMessage> MergePatchAsync(HttpClient client, string path, JsonObject body)
    {
        var content = new StringContent(body.ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/merge-patch+json");
        return client.PatchAsync(path, content, Cancel);
    }

    /// <summary>Asserts the status and a JSON body, validates it against <paramref name="schema"/> and returns it.</summary>
    protected static async Task<JsonObject> ValidAsync(HttpResponseMessage response, TmfSchema schema, HttpStatusCode status = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        schema.AssertValid(body);
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>Asserts 200, validates every element against <paramref name="schema"/> and checks the paging headers agree.</summary>
    protected static async Task<(List<JsonObject> Items, int Total)> ValidListAsync(HttpResponseMessage response, TmfSchema schema)
    {
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {body}");
        schema.AssertValidArray(body);
        var items = JsonNode.Parse(body)!.AsArray().Select(n => n!.AsObject()).ToList();
        Assert.Equal(items.Count, int.Parse(Header(response, "X-Result-Count"), CultureInfo.InvariantCulture));
        var total = int.Parse(Header(response, "X-Total-Count"), CultureInfo.InvariantCulture);
        Assert.True(total >= items.Count, $"X-Total-Count {total} < {items.Count} results");
        return (items, total);
    }

    protected static string Header(HttpResponseMessage response, string name) =>
        Assert.Single(response.Headers.TryGetValues(name, out var values) ? values : [], v => v.Length > 0);

    /// <summary>Creates a customer through TMF629 and returns its id.</summary>
    protected async Task<string> CreateCustomerAsync(string? name = null, string? mobile = null, string? email = null)
    {
        using var client = await AgentAsync();
        using var response = await PostValidAsync(client, Customers, "TMF629-Customer", "Customer_Create",
            CustomerBody(name ?? UniqueName(), mobile ?? UniqueMobile(), email ?? UniqueEmail()));
        var created = await ValidAsync(response, CustomerSchema, HttpStatusCode.Created);
        return created["id"]!.GetValue<string>();
    }

    protected static IEnumerable<JsonObject> Objects(JsonNode? array) => array?.AsArray().Select(n => n!.AsObject()) ?? [];

    protected static JsonObject? Characteristic(JsonObject resource, string property, string name) =>
        Objects(resource[property]).FirstOrDefault(c => c["name"]?.GetValue<string>() == name);
}
