using Touchpoint.Demo;
using Touchpoint.Tests.Api;

namespace Touchpoint.Tests.Scenarios;

/// <summary>
/// Story failures S0-1, S0-3, S1-1 (identity), S1-2/S1-3 (history) replayed through the public API:
/// one customer, one timeline, every contact with who acted.
/// </summary>
public abstract class CustomerTimelineScenarios(TouchpointApp app) : ApiTestBase(app)
{
    private static readonly string[] TwoAgentNames = ["Agent One", "Agent Two"];

    [Fact]
    public async Task S0_1_the_Vendator_call_is_on_the_customers_timeline_as_the_agencys_not_the_operators()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var customerId = await FindSingleAsync(agent, "070-600 43 00");

        var timeline = await TimelineAsync(agent, customerId, "channel=phone");

        var call = Assert.Single(timeline, e => e.GetProperty("title").GetString()!.Contains("Sales call", StringComparison.Ordinal));
        Assert.Equal("Vendator", call.GetProperty("partnerAgencyName").GetString());
        Assert.Equal("outbound", call.GetProperty("direction").GetString());
        Assert.All(timeline.Where(e => e.GetProperty("kind").GetString() == "interaction" && !e.GetProperty("title").GetString()!.Contains("Sales call", StringComparison.Ordinal)),
            e => Assert.Equal(JsonValueKind.Null, e.GetProperty("partnerAgencyName").ValueKind));
    }

    [Fact]
    public async Task S0_1_a_partner_agent_always_records_contacts_as_their_agency_and_cannot_read_the_360_page()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var customerId = await CreateCustomerAsync(agent, "S0-1 Customer", "SE", ("msisdn", UniquePhone()));
        await App.GiveToVendatorAsync(customerId);
        using var partner = await App.CreateClientAsAsync("partner");

        using var recorded = await partner.PostAsJsonAsync("/api/interactions",
            new { customerId, channel = "phone", direction = "outbound", reason = "Sales call", summary = "Offered a new plan." }, Cancel);
        var interaction = await HttpAssert.JsonAsync(recorded, HttpStatusCode.Created);
        Assert.Equal("partnerAgency", interaction.GetProperty("actingParty").GetString());
        Assert.Equal("Vendator", interaction.GetProperty("partnerAgency").GetString());

        using var peek = await partner.GetAsync($"/api/customers/{customerId}", Cancel);
        await HttpAssert.ProblemAsync(peek, HttpStatusCode.Forbidden);

        var entry = Assert.Single(await TimelineAsync(agent, customerId, "kind=interaction"));
        Assert.Equal("Vendator", entry.GetProperty("partnerAgencyName").GetString());
        Assert.Equal("Per Partner (Vendator)", entry.GetProperty("actorName").GetString());
    }

    [Fact]
    public async Task S0_1_a_partner_agent_reaches_only_the_customers_given_to_their_agency_and_learns_nothing_of_the_others()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        using var lead = await App.CreateClientAsAsync("lead");
        using var partner = await App.CreateClientAsAsync("partner");
        var given = await CreateCustomerAsync(agent, "S0-1 Given", "SE", ("msisdn", UniquePhone()));
        var other = await CreateCustomerAsync(agent, "S0-1 Other", "SE", ("msisdn", UniquePhone()));
        var vendator = await App.VendatorIdAsync();
        using (var give = await lead.PostAsJsonAsync($"/api/partner-agencies/{vendator}/customers", new { customerId = given }, Cancel))
        {
            Assert.Equal("Lars Lead", (await HttpAssert.JsonAsync(give, HttpStatusCode.Created)).GetProperty("givenBy").GetString());
        }

        using (var recorded = await partner.PostAsJsonAsync("/api/interactions", Call(given), Cancel))
        {
            await HttpAssert.JsonAsync(recorded, HttpStatusCode.Created);
        }

        // A customer of the operator's not given to Vendator and an id nobody has are answered alike.
        using var toOther = await partner.PostAsJsonAsync("/api/interactions", Call(other), Cancel);
        var nobody = Guid.NewGuid().ToString();
        using var toNobody = await partner.PostAsJsonAsync("/api/interactions", Call(nobody), Cancel);
        var otherDetail = (await HttpAssert.ValidationProblemAsync(toOther, "customerId")).GetProperty("detail").GetString()!;
        var nobodyDetail = (await HttpAssert.ValidationProblemAsync(toNobody, "customerId")).GetProperty("detail").GetString()!;
        Assert.Equal(nobodyDetail.Replace(nobody, "ID", StringComparison.Ordinal), otherDetail.Replace(other, "ID", StringComparison.Ordinal));
        Assert.Empty(await TimelineAsync(agent, other, "kind=interaction"));

        // The lead sees what Vendator was given, the agency does not; taken back, the customer is out of reach again.
        using (var list = await lead.GetAsync($"/api/partner-agencies/{vendator}/customers", Cancel))
        {
            Assert.Contains((await HttpAssert.JsonAsync(list)).EnumerateArray(), g => g.GetProperty("customerId").GetString() == given);
        }

        using (var peek = await partner.GetAsync($"/api/partner-agencies/{vendator}/customers", Cancel))
        {
            await HttpAssert.ProblemAsync(peek, HttpStatusCode.Forbidden);
        }

        using (var takeBack = await lead.DeleteAsync($"/api/partner-agencies/{vendator}/customers/{given}", Cancel))
        {
            Assert.Equal(HttpStatusCode.NoContent, takeBack.StatusCode);
        }

        using var afterwards = await partner.PostAsJsonAsync("/api/interactions", Call(given), Cancel);
        await HttpAssert.ValidationProblemAsync(afterwards, "customerId");

        static object Call(string customerId) => new { customerId, channel = "phone", direction = "outbound", reason = "Sales call", summary = "Offered a new plan." };
    }

    [Fact]
    public async Task S1_2_and_S1_3_nine_contacts_with_eight_people_read_as_one_timeline_newest_first()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var customerId = await FindSingleAsync(agent, StoryCustomers.S1Msisdn);

        var history = await TimelineAsync(agent, customerId, "kind=interaction&limit=50");

        Assert.Equal(9, history.Count);
        Assert.Equal(8, history.Select(e => e.GetProperty("actorName").GetString()).Distinct().Count());
        Assert.Equal(["chat", "email", "phone"], history.Select(e => e.GetProperty("channel").GetString()!).Distinct().Order().ToArray());
        var times = history.Select(e => e.GetProperty("at").GetDateTime()).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);
        Assert.Contains(history, e => e.GetProperty("title").GetString()!.Contains("Port-in request", StringComparison.Ordinal));
    }

    [Fact]
    public async Task S1_3_contacts_recorded_by_different_staff_in_different_channels_appear_on_one_timeline_and_page_by_cursor()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        using var lead = await App.CreateClientAsAsync("lead");
        var customerId = await CreateCustomerAsync(agent, "Timeline Customer", "DK", ("msisdn", UniquePhone(DanishMobile)));
        var start = App.UtcNow.AddHours(-10);
        string[] channels = ["phone", "email", "chat", "store", "web"];
        for (var i = 0; i < channels.Length; i++)
        {
            var client = i % 2 == 0 ? agent : lead;
            using var response = await client.PostAsJsonAsync("/api/interactions", new
            {
                customerId, channel = channels[i], direction = "inbound", occurredAt = start.AddHours(i), reason = $"Contact {i}",
                agentName = TwoAgentNames[i % 2],
            }, Cancel);
            await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
        }

        using var firstResponse = await agent.GetAsync($"/api/customers/{customerId}/timeline?limit=3", Cancel);
        var first = await HttpAssert.JsonAsync(firstResponse);
        var cursor = first.GetProperty("nextCursor").GetString();
        Assert.NotNull(cursor);
        using var secondResponse = await agent.GetAsync($"/api/customers/{customerId}/timeline?limit=3&cursor={Uri.EscapeDataString(cursor)}", Cancel);
        var second = await HttpAssert.JsonAsync(secondResponse);

        var titles = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(e => e.GetProperty("title").GetString()).ToList();
        Assert.Equal(["Inbound web: Contact 4", "Inbound store: Contact 3", "Inbound chat: Contact 2", "Inbound email: Contact 1", "Inbound phone: Contact 0"], titles);
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);

        var emails = await TimelineAsync(agent, customerId, "channel=email");
        Assert.Equal("Inbound email: Contact 1", Assert.Single(emails).GetProperty("title").GetString());
    }

    [Fact]
    public async Task S0_3_standing_preferences_are_stored_shown_and_respected_and_changes_go_on_the_timeline()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var customerId = await CreateCustomerAsync(agent, "Never Binds", "SE", ("msisdn", UniquePhone()),
            preferences: new { neverOfferBinding = true, telemarketingOptOut = true });

        using var shownResponse = await agent.GetAsync($"/api/customers/{customerId}", Cancel);
        var shown = (await HttpAssert.JsonAsync(shownResponse)).GetProperty("customer").GetProperty("preferences");
        Assert.True(shown.GetProperty("neverOfferBinding").GetBoolean());
        Assert.True(shown.GetProperty("telemarketingOptOut").GetBoolean());

        using var bound = await agent.PostAsJsonAsync("/api/subscriptions",
            new { customerId, planCode = "SE-MOBIL-600", msisdn = UniquePhone(), bindingMonths = 12 }, Cancel);
        await HttpAssert.ValidationProblemAsync(bound, "bindingMonths");
        using var unbound = await agent.PostAsJsonAsync("/api/subscriptions",
            new { customerId, planCode = "SE-MOBIL-600", msisdn = UniquePhone(), bindingMonths = 0 }, Cancel);
        await HttpAssert.JsonAsync(unbound, HttpStatusCode.Created);

        using var objection = await agent.PatchAsJsonAsync($"/api/customers/{customerId}", new { preferences = new { marketingObjection = true } }, Cancel);
        Assert.True((await HttpAssert.JsonAsync(objection)).GetProperty("preferences").GetProperty("marketingObjection").GetBoolean());
        var change = Assert.Single(await TimelineAsync(agent, customerId, "kind=preferenceChange"));
        Assert.Contains("GDPR", change.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("Anna Agent", change.GetProperty("actorName").GetString());
    }

    [Fact]
    public async Task A_customer_known_by_a_Sonofon_id_and_one_known_by_a_Telenor_number_merge_into_one_with_one_history()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var legacy = $"sonofon:{Random.Shared.Next(10_000_000, 99_999_999)}";
        var phone = UniquePhone(DanishMobile);
        var sonofonRecord = await CreateCustomerAsync(agent, "Henrik Sonofon", "DK", ("legacyId", legacy));
        var telenorRecord = await CreateCustomerAsync(agent, "Henrik Telenor", "DK", ("msisdn", phone));
        await RecordAsync(agent, sonofonRecord, "letter", "Welcome to Sonofon");
        await RecordAsync(agent, telenorRecord, "phone", "Renewal offer");

        // Nothing in the two records shows one person (names differ, no shared identity): a team lead merges them, saying why.
        using var lead = await App.CreateClientAsAsync("lead");
        using var merged = await lead.PostAsJsonAsync($"/api/customers/{telenorRecord}/merge",
            new { mergedCustomerId = sonofonRecord, reason = "Henrik showed his ID in the store: both accounts are his." }, Cancel);
        var survivor = await HttpAssert.JsonAsync(merged);

        var identities = survivor.GetProperty("identities").EnumerateArray().Select(i => i.GetProperty("value").GetString()).ToList();
        Assert.Contains(legacy, identities);
        Assert.Contains(phone, identities);
        Assert.Equal(telenorRecord, await FindSingleAsync(agent, legacy));
        var history = await TimelineAsync(agent, telenorRecord, "limit=50");
        Assert.Contains(history, e => e.GetProperty("title").GetString() == "Inbound letter: Welcome to Sonofon");
        Assert.Contains(history, e => e.GetProperty("title").GetString() == "Inbound phone: Renewal offer");
        Assert.Contains(history, e => e.GetProperty("kind").GetString() == "merge");

        using var oldRecord = await agent.GetAsync($"/api/customers/{sonofonRecord}", Cancel);
        var old = (await HttpAssert.JsonAsync(oldRecord)).GetProperty("customer");
        Assert.Equal("merged", old.GetProperty("status").GetString());
        Assert.Equal(telenorRecord, old.GetProperty("mergedInto").GetString());

        using var again = await lead.PostAsJsonAsync($"/api/customers/{telenorRecord}/merge", new { mergedCustomerId = sonofonRecord, reason = "Again." }, Cancel);
        await HttpAssert.ProblemAsync(again, HttpStatusCode.Conflict);
        var audit = await AuditAsync($"entityType=Customer&entityId={telenorRecord}&action=Merged");
        Assert.Equal("lead", Assert.Single(audit).GetProperty("userName").GetString());
    }

    [Fact]
    public async Task S1_1_an_identity_belongs_to_one_customer_a_second_claim_is_a_conflict_naming_the_owner()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var phone = UniquePhone(DanishMobile);
        var owner = await CreateCustomerAsync(agent, "First Owner", "DK", ("msisdn", phone));

        using var second = await agent.PostAsJsonAsync("/api/customers",
            new { name = "Second Claim", jurisdiction = "DK", identities = new[] { new { kind = "msisdn", value = phone[3..] } } }, Cancel);
        var problem = await HttpAssert.ProblemAsync(second, HttpStatusCode.Conflict);
        Assert.Equal(owner, problem.GetProperty("ownerId").GetString());
        Assert.Contains(owner, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await SearchAsync(agent, "Second Claim"));

        var other = await CreateCustomerAsync(agent, "Other Person", "DK", ("email", $"other.{Guid.NewGuid():N}@example.dk"));
        using var addIdentity = await agent.PostAsJsonAsync($"/api/customers/{other}/identities", new { kind = "msisdn", value = phone }, Cancel);
        Assert.Equal(owner, (await HttpAssert.ProblemAsync(addIdentity, HttpStatusCode.Conflict)).GetProperty("ownerId").GetString());
    }

    [Theory]
    [InlineData("""{"name":"X","jurisdiction":"SE","identities":[{"kind":"msisdn","value":"12"}]}""", "identities[0].value")]
    [InlineData("""{"name":"X","jurisdiction":"SE","identities":[{"kind":"email","value":"not-an-email"}]}""", "identities[0].value")]
    [InlineData("""{"name":"X","jurisdiction":"FR"}""", "jurisdiction")]
    [InlineData("""{"name":"   ","jurisdiction":"SE"}""", "name")]
    [InlineData("""{"name":"X","jurisdiction":"SE","identities":[{"kind":"passport","value":"1"}]}""", "identities[0].kind")]
    [InlineData("""{"name":"X","jurisdiction":"SE","preferences":{"preferredLanguage":"xx"}}""", "preferences.preferredLanguage")]
    public async Task Bad_customer_input_is_a_400_naming_the_field_and_stores_nothing(string body, string field)
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var before = await App.WithDbContextAsync(db => Task.FromResult(db.Customers.Count()));

        using var response = await agent.PostAsync("/api/customers", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Cancel);

        await HttpAssert.ValidationProblemAsync(response, field);
        Assert.Equal(before, await App.WithDbContextAsync(db => Task.FromResult(db.Customers.Count())));
    }

    [Fact]
    public async Task Search_finds_a_customer_by_any_identity_exact_hits_first_then_by_name_fragment()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var unique = Guid.NewGuid().ToString("N")[..8];
        var phone = UniquePhone();
        var exact = await CreateCustomerAsync(agent, $"Zed{unique} Exact", "SE", ("msisdn", phone));
        var byName = await CreateCustomerAsync(agent, $"Zed{unique} Namesake", "SE", ("email", $"zed.{unique}@example.se"));

        var byPhone = await SearchAsync(agent, "0" + phone[3..]);
        Assert.Equal(exact, byPhone[0].GetProperty("id").GetString());
        Assert.True(byPhone[0].GetProperty("exactIdentityMatch").GetBoolean());

        var byFragment = await SearchAsync(agent, $"zed{unique}");
        Assert.Equal(new[] { byName, exact }.Order(), byFragment.Select(h => h.GetProperty("id").GetString()!).Order());
        Assert.All(byFragment, h => Assert.False(h.GetProperty("exactIdentityMatch").GetBoolean()));

        var byEmail = Assert.Single(await SearchAsync(agent, $"  ZED.{unique}@Example.SE "));
        Assert.Equal(byName, byEmail.GetProperty("id").GetString());
        Assert.Equal("email", byEmail.GetProperty("matchedIdentityKind").GetString());

        using var empty = await agent.GetAsync("/api/customers?q=", Cancel);
        await HttpAssert.ValidationProblemAsync(empty, "q");
    }

    /// <summary>A fresh number in a range the numbering plan assigns to mobiles (SE 070…, DK 20…).</summary>
    private static string UniquePhone(string prefix = "+4670") =>
        prefix == DanishMobile ? $"{prefix}{Random.Shared.Next(100_000, 999_999)}" : $"{prefix}{Random.Shared.Next(1_000_000, 9_999_999)}";

    private const string DanishMobile = "+4520";

    private static async Task<string> CreateCustomerAsync(HttpClient client, string name, string jurisdiction, (string Kind, string Value) identity, object? preferences = null)
    {
        using var response = await client.PostAsJsonAsync("/api/customers",
            new { name, jurisdiction, identities = new[] { new { kind = identity.Kind, value = identity.Value } }, preferences }, Cancel);
        return (await HttpAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }

    private static async Task RecordAsync(HttpClient client, string customerId, string channel, string reason)
    {
        using var response = await client.PostAsJsonAsync("/api/interactions", new { customerId, channel, direction = "inbound", reason }, Cancel);
        await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
    }

    private static async Task<List<JsonElement>> SearchAsync(HttpClient client, string text)
    {
        using var response = await client.GetAsync($"/api/customers?q={Uri.EscapeDataString(text)}", Cancel);
        return (await HttpAssert.JsonAsync(response)).EnumerateArray().ToList();
    }

    private static async Task<string> FindSingleAsync(HttpClient client, string text)
    {
        var hits = await SearchAsync(client, text);
        var hit = Assert.Single(hits, h => h.GetProperty("exactIdentityMatch").GetBoolean());
        return hit.GetProperty("id").GetString()!;
    }

    private static async Task<List<JsonElement>> TimelineAsync(HttpClient client, string customerId, string query)
    {
        using var response = await client.GetAsync($"/api/customers/{customerId}/timeline?{query}", Cancel);
        return (await HttpAssert.JsonAsync(response)).GetProperty("items").EnumerateArray().ToList();
    }
}

[Trait("Provider", "Sqlite")]
public sealed class CustomerTimelineScenariosOnSqlite(SqliteApp app) : CustomerTimelineScenarios(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class CustomerTimelineScenariosOnPostgres(PostgresApp app) : CustomerTimelineScenarios(app), IClassFixture<PostgresApp>;
