using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Features.Privacy.Objection;
using Touchpoint.Tests.Api;

namespace Touchpoint.Tests.Customers;

/// <summary>
/// GDPR-21 through the doors other than SMS: staff record an objection heard in a channel (validated, naming
/// <c>channel</c>), a one-click unsubscribe link (RFC 8058) records it without a sign-in and refuses a forged one, a
/// second objection changes nothing, and only staff withdraw one through the preferences.
/// </summary>
public abstract class MarketingObjectionTests(TouchpointApp app) : ApiTestBase(app)
{
    private static readonly string[] MarketingChannels = ["email", "sms"];

    private static readonly Uri PublicBase = new("https://care.example.se");

    [Fact]
    public async Task Staff_record_an_objection_heard_on_the_phone_once_the_agency_loses_the_customer_and_a_withdrawal_lets_marketing_back()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        using var lead = await App.CreateClientAsAsync("lead");
        var customerId = await CreateCustomerAsync(agent);
        await App.GiveToVendatorAsync(customerId.ToString());

        using (var heard = await agent.PostAsJsonAsync($"/api/customers/{customerId}/marketing-objection", new { channel = "phone" }, Cancel))
        {
            var recorded = await HttpAssert.JsonAsync(heard, HttpStatusCode.Created);
            Assert.Equal((true, false, "phone"), (recorded.GetProperty("marketingObjection").GetBoolean(), recorded.GetProperty("alreadyRecorded").GetBoolean(), recorded.GetProperty("via").GetString()));
            Assert.Equal(["Vendator"], recorded.GetProperty("agenciesLeft").EnumerateArray().Select(a => a.GetString()));
        }

        using (var again = await agent.PostAsJsonAsync($"/api/customers/{customerId}/marketing-objection", new { channel = "store" }, Cancel))
        {
            var same = await HttpAssert.JsonAsync(again);
            Assert.Equal((true, "phone"), (same.GetProperty("alreadyRecorded").GetBoolean(), same.GetProperty("via").GetString()));
            Assert.Contains("nothing changed", same.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        var entries = await TimelineAsync(agent, customerId);
        var objection = Assert.Single(entries);
        Assert.Equal(("Marketing objection (GDPR Art. 21) recorded, by Phone", "Anna Agent"), (objection.GetProperty("title").GetString(), objection.GetProperty("actorName").GetString()));
        var vendator = await App.VendatorIdAsync();
        using (var give = await lead.PostAsJsonAsync($"/api/partner-agencies/{vendator}/customers", new { customerId }, Cancel))
        {
            await HttpAssert.ProblemAsync(give, HttpStatusCode.Conflict);
        }

        // Withdrawn by staff at the customer's request: on the timeline, and when and how go with it.
        using (var withdrawn = await agent.PatchAsJsonAsync($"/api/customers/{customerId}", new { preferences = new { marketingObjection = false } }, Cancel))
        {
            var preferences = (await HttpAssert.JsonAsync(withdrawn)).GetProperty("preferences");
            Assert.False(preferences.GetProperty("marketingObjection").GetBoolean());
            Assert.Equal(JsonValueKind.Null, preferences.GetProperty("marketingObjectionAt").ValueKind);
            Assert.Equal(JsonValueKind.Null, preferences.GetProperty("marketingObjectionVia").ValueKind);
        }

        Assert.Contains(await TimelineAsync(agent, customerId), e => e.GetProperty("detail").GetString()!.Contains("Marketing objection (GDPR Art. 21) withdrawn.", StringComparison.Ordinal));
        using (var giveAgain = await lead.PostAsJsonAsync($"/api/partner-agencies/{vendator}/customers", new { customerId }, Cancel))
        {
            await HttpAssert.JsonAsync(giveAgain, HttpStatusCode.Created);
        }
    }

    [Fact]
    public async Task The_preferences_path_goes_through_the_same_command_and_takes_the_customer_off_every_agencys_list()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        using var lead = await App.CreateClientAsAsync("lead");
        var customerId = await CreateCustomerAsync(agent);
        await App.GiveToVendatorAsync(customerId.ToString());

        using (var patched = await agent.PatchAsJsonAsync($"/api/customers/{customerId}", new { preferences = new { marketingObjection = true, neverOfferBinding = true } }, Cancel))
        {
            var preferences = (await HttpAssert.JsonAsync(patched)).GetProperty("preferences");
            Assert.True(preferences.GetProperty("marketingObjection").GetBoolean());
            Assert.Equal(App.UtcNow.Date, preferences.GetProperty("marketingObjectionAt").GetDateTime().Date);
            Assert.Equal(JsonValueKind.Null, preferences.GetProperty("marketingObjectionVia").ValueKind);
        }

        using var list = await lead.GetAsync($"/api/partner-agencies/{await App.VendatorIdAsync()}/customers?limit=100", Cancel);
        Assert.DoesNotContain(customerId, (await HttpAssert.JsonAsync(list)).EnumerateArray().Select(g => g.GetProperty("customerId").GetGuid()));
        var titles = (await TimelineAsync(agent, customerId)).Select(e => e.GetProperty("title").GetString()).ToList();
        Assert.Contains("Marketing objection (GDPR Art. 21) recorded", titles);
        Assert.Contains("Preferences changed", titles);
    }

    [Fact]
    public async Task The_record_that_stays_after_a_merge_keeps_the_objection_of_the_one_merged_into_it_and_its_agency_loses_him()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        using var lead = await App.CreateClientAsAsync("lead");
        var kept = await CreateCustomerAsync(agent);
        var merged = await CreateCustomerAsync(agent);
        await App.GiveToVendatorAsync(kept.ToString());
        using (var heard = await agent.PostAsJsonAsync($"/api/customers/{merged}/marketing-objection", new { channel = "chat" }, Cancel))
        {
            await HttpAssert.JsonAsync(heard, HttpStatusCode.Created);
        }

        using (var merge = await lead.PostAsJsonAsync($"/api/customers/{kept}/merge", new { mergedCustomerId = merged, reason = "Same person: showed ID in the store." }, Cancel))
        {
            var preferences = (await HttpAssert.JsonAsync(merge)).GetProperty("preferences");
            Assert.True(preferences.GetProperty("marketingObjection").GetBoolean());
            Assert.Equal("chat", preferences.GetProperty("marketingObjectionVia").GetString());
        }

        using var list = await lead.GetAsync($"/api/partner-agencies/{await App.VendatorIdAsync()}/customers?limit=100", Cancel);
        Assert.DoesNotContain(kept, (await HttpAssert.JsonAsync(list)).EnumerateArray().Select(g => g.GetProperty("customerId").GetGuid()));
    }

    [Fact]
    public async Task A_TMF629_patch_with_the_marketingObjection_characteristic_goes_through_the_same_command()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        using var lead = await App.CreateClientAsAsync("lead");
        var customerId = await CreateCustomerAsync(agent);
        await App.GiveToVendatorAsync(customerId.ToString());
        using var content = new StringContent("""{"characteristic": [{"name": "marketingObjection", "value": true}]}""", System.Text.Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/merge-patch+json");

        using (var patched = await agent.PatchAsync($"/tmf-api/customerManagement/v4/customer/{customerId}", content, Cancel))
        {
            var characteristic = (await HttpAssert.JsonAsync(patched)).GetProperty("characteristic").EnumerateArray()
                .Single(c => c.GetProperty("name").GetString() == "marketingObjection");
            Assert.True(characteristic.GetProperty("value").GetBoolean());
        }

        using var list = await lead.GetAsync($"/api/partner-agencies/{await App.VendatorIdAsync()}/customers?limit=100", Cancel);
        Assert.DoesNotContain(customerId, (await HttpAssert.JsonAsync(list)).EnumerateArray().Select(g => g.GetProperty("customerId").GetGuid()));
        Assert.Equal("Marketing objection (GDPR Art. 21) recorded", Assert.Single(await TimelineAsync(agent, customerId)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task The_staff_endpoint_names_a_missing_or_unknown_channel_and_answers_an_unknown_customer_404()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var customerId = await CreateCustomerAsync(agent);
        foreach (var body in new object[] { new { }, new { channel = "" }, new { channel = "fax" }, new { channel = "web" }, new { channel = "ivr" } })
        {
            using var response = await agent.PostAsJsonAsync($"/api/customers/{customerId}/marketing-objection", body, Cancel);
            await HttpAssert.ValidationProblemAsync(response, "channel");
        }

        using (var unknown = await agent.PostAsJsonAsync($"/api/customers/{Guid.NewGuid()}/marketing-objection", new { channel = "chat" }, Cancel))
        {
            await HttpAssert.ProblemAsync(unknown, HttpStatusCode.NotFound);
        }

        // Nothing was recorded by the refused calls.
        Assert.Empty(await TimelineAsync(agent, customerId));
    }

    [Fact]
    public async Task A_partner_agent_records_the_objection_of_a_customer_given_to_the_agency_and_learns_nothing_of_others()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        using var partner = await App.CreateClientAsAsync("partner");
        var given = await CreateCustomerAsync(agent);
        var other = await CreateCustomerAsync(agent);
        await App.GiveToVendatorAsync(given.ToString());

        using (var notGiven = await partner.PostAsJsonAsync($"/api/customers/{other}/marketing-objection", new { channel = "phone" }, Cancel))
        {
            await HttpAssert.ProblemAsync(notGiven, HttpStatusCode.NotFound);
        }

        using (var heard = await partner.PostAsJsonAsync($"/api/customers/{given}/marketing-objection", new { channel = "phone" }, Cancel))
        {
            await HttpAssert.JsonAsync(heard, HttpStatusCode.Created);
        }

        Assert.Empty(await TimelineAsync(agent, other));
        Assert.Equal("Per Partner (Vendator)", Assert.Single(await TimelineAsync(agent, given)).GetProperty("actorName").GetString());
    }

    [Fact]
    public async Task A_one_click_unsubscribe_records_the_objection_by_email_once_and_the_page_alone_records_nothing()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var customerId = await CreateCustomerAsync(agent);
        var links = App.Services.GetRequiredService<UnsubscribeLinks>();
        var headers = links.HeadersFor(PublicBase, customerId);
        Assert.Equal("List-Unsubscribe=One-Click", headers["List-Unsubscribe-Post"]);
        var link = headers["List-Unsubscribe"];
        Assert.StartsWith("<https://care.example.se/unsubscribe/", link, StringComparison.Ordinal);
        Assert.EndsWith(">", link, StringComparison.Ordinal);
        var path = new Uri(link.Trim('<', '>')).AbsolutePath;
        using var anonymous = App.CreateAnonymousClient();

        // A mail scanner opening the link sees a button and changes nothing.
        using (var page = await GetHtmlAsync(anonymous, path))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("data-testid=\"unsubscribe-button\"", await page.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        }

        Assert.Empty(await TimelineAsync(agent, customerId));

        using (var click = await OneClickAsync(anonymous, path))
        {
            var recorded = await HttpAssert.JsonAsync(click);
            Assert.Equal((customerId, true, false, "email"),
                (recorded.GetProperty("customerId").GetGuid(), recorded.GetProperty("marketingObjection").GetBoolean(), recorded.GetProperty("alreadyRecorded").GetBoolean(), recorded.GetProperty("via").GetString()));
        }

        using (var twice = await OneClickAsync(anonymous, path))
        {
            Assert.True((await HttpAssert.JsonAsync(twice)).GetProperty("alreadyRecorded").GetBoolean());
        }

        // The page's own button (a browser) gets a page back.
        using (var button = await PostFormAsHtmlAsync(anonymous, path))
        {
            Assert.Equal(HttpStatusCode.OK, button.StatusCode);
            // In the customer's language: a Swedish customer.
            Assert.Contains("Du har redan invänt mot marknadsföring", await button.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        }

        var entry = Assert.Single(await TimelineAsync(agent, customerId));
        Assert.Equal(("Marketing objection (GDPR Art. 21) recorded, by E-mail", "Unsubscribe link in an e-mail"),
            (entry.GetProperty("title").GetString(), entry.GetProperty("actorName").GetString()));
        var changes = await AuditAsync($"entityType=Customer&entityId={customerId}&action=Updated");
        Assert.Contains(changes, c => c.GetProperty("changes").ToString().Contains("MarketingObjectionVia", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_forged_altered_or_oversized_unsubscribe_token_is_a_problem_never_a_500_and_records_nothing()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var customerId = await CreateCustomerAsync(agent);
        var token = App.Services.GetRequiredService<UnsubscribeLinks>().TokenFor(customerId);
        var altered = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];
        using var anonymous = App.CreateAnonymousClient();

        foreach (var forged in new[] { altered, token[..20], "not-a-token", "..A", Guid.NewGuid().ToString(), "AAAA" })
        {
            using var click = await OneClickAsync(anonymous, $"/unsubscribe/{forged}");
            await HttpAssert.ProblemAsync(click, HttpStatusCode.NotFound);
            using var page = await GetHtmlAsync(anonymous, $"/unsubscribe/{forged}");
            Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
            Assert.Contains("not valid", await page.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        }

        using (var oversized = await OneClickAsync(anonymous, $"/unsubscribe/{new string('A', UnsubscribeLinks.MaxTokenLength + 1)}"))
        {
            await HttpAssert.ValidationProblemAsync(oversized, "token");
        }

        Assert.Empty(await TimelineAsync(agent, customerId));
    }

    private static async Task<Guid> CreateCustomerAsync(HttpClient agent)
    {
        using var response = await agent.PostAsJsonAsync("/api/customers", new
        {
            name = "Otto Objector",
            jurisdiction = "SE",
            identities = new[] { new { kind = "msisdn", value = $"+4670{Random.Shared.Next(1_000_000, 9_999_999)}" } },
            preferences = new { allowedMarketingChannels = MarketingChannels },
        }, Cancel);
        return (await HttpAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    private static async Task<List<JsonElement>> TimelineAsync(HttpClient client, Guid customerId)
    {
        using var response = await client.GetAsync($"/api/customers/{customerId}/timeline?kind=preferenceChange", Cancel);
        return (await HttpAssert.JsonAsync(response)).GetProperty("items").EnumerateArray().ToList();
    }

    /// <summary>What a mail program sends for one click (RFC 8058 §3.2): a form body, no cookies, no sign-in.</summary>
    private static Task<HttpResponseMessage> OneClickAsync(HttpClient client, string path) =>
        client.PostAsync(path, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]), Cancel);

    private static async Task<HttpResponseMessage> PostFormAsHtmlAsync(HttpClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        return await client.SendAsync(request, Cancel);
    }

    private static async Task<HttpResponseMessage> GetHtmlAsync(HttpClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        return await client.SendAsync(request, Cancel);
    }
}

[Trait("Provider", "Sqlite")]
public sealed class MarketingObjectionTestsOnSqlite(SqliteApp app) : MarketingObjectionTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class MarketingObjectionTestsOnPostgres(PostgresApp app) : MarketingObjectionTests(app), IClassFixture<PostgresApp>;
