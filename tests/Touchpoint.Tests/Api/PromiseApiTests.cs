using Touchpoint.Domain.Interactions;
using Touchpoint.Domain.Promises;
using Touchpoint.Features.Promises;

namespace Touchpoint.Tests.Api;

/// <summary>
/// /api/promises on the real clock: making, reading, listing, withdrawing and keeping promises by the matching act,
/// and the kept-rates team leads see. Each test makes its own customers, so tests do not see each other's promises.
/// </summary>
public abstract class PromiseApiTests(TouchpointApp app) : ApiTestBase(app)
{
    private DateTime InMinutes(int minutes) => App.UtcNow.AddMinutes(minutes);

    [Fact]
    public async Task A_promise_is_made_read_back_and_put_on_the_customers_timeline_with_the_caller_as_owner_by_default()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var customerId = await CreateCustomerAsync(agent);
        var dueAt = InMinutes(60);

        using var made = await agent.PostAsJsonAsync("/api/promises",
            new { customerId, kind = "writtenReply", dueAt, madeVia = "phone", description = "an answer to your billing question by e-mail today" }, Cancel);
        var promise = await HttpAssert.JsonAsync(made, HttpStatusCode.Created);
        var id = promise.GetProperty("id").GetString()!;
        Assert.Equal($"/api/promises/{id}", made.Headers.Location?.OriginalString);

        using var read = await agent.GetAsync($"/api/promises/{id}", Cancel);
        var view = await HttpAssert.JsonAsync(read);
        Assert.Equal("writtenReply", view.GetProperty("kind").GetString());
        Assert.Equal("open", view.GetProperty("state").GetString());
        Assert.Equal(await UserIdAsync(agent), view.GetProperty("ownerUserId").GetString());
        Assert.Equal("Anna Agent", view.GetProperty("ownerName").GetString());
        Assert.Equal("Anna Agent", view.GetProperty("madeByName").GetString());
        Assert.Equal("phone", view.GetProperty("madeVia").GetString());
        Assert.Equal(JsonValueKind.Null, view.GetProperty("withdrawal").ValueKind);

        var entry = Assert.Single(await TimelineAsync(agent, customerId, "kind=promise"));
        Assert.Equal("Anna Agent promised by phone: an answer to your billing question by e-mail today", entry.GetProperty("title").GetString());
        Assert.Equal(id, entry.GetProperty("sourceId").GetString());

        using var missing = await agent.GetAsync($"/api/promises/{Guid.NewGuid()}", Cancel);
        await HttpAssert.ProblemAsync(missing, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{"kind":"callback","dueAt":"{soon}","madeVia":"phone","description":"x"}""", "customerId")]
    [InlineData("""{"customerId":"{unknown}","kind":"callback","dueAt":"{soon}","madeVia":"phone","description":"x"}""", "customerId")]
    [InlineData("""{"customerId":"{customer}","kind":"hug","dueAt":"{soon}","madeVia":"phone","description":"x"}""", "kind")]
    [InlineData("""{"customerId":"{customer}","kind":"callback","dueAt":"{soon}","madeVia":"pigeon","description":"x"}""", "madeVia")]
    [InlineData("""{"customerId":"{customer}","kind":"callback","dueAt":"{soon}","madeVia":"phone","description":"  "}""", "description")]
    [InlineData("""{"customerId":"{customer}","kind":"callback","madeVia":"phone","description":"x"}""", "dueAt")]
    [InlineData("""{"customerId":"{customer}","kind":"callback","dueAt":"{past}","madeVia":"phone","description":"x"}""", "dueAt")]
    [InlineData("""{"customerId":"{customer}","kind":"callback","dueAt":"{far}","madeVia":"phone","description":"x"}""", "dueAt")]
    [InlineData("""{"customerId":"{customer}","kind":"callback","dueAt":"{soon}","madeVia":"phone","description":"x","ownerUserId":"no-such-user"}""", "ownerUserId")]
    [InlineData("""{"customerId":"{customer}","kind":"callback","dueAt":"{soon}","madeVia":"phone","description":"x","ownerUserId":"{partner}"}""", "ownerUserId")]
    [InlineData("""{"customerId":"{customer}","kind":"callback","dueAt":"{soon}","madeVia":"phone","description":"x","subscriptionId":"{unknown}"}""", "subscriptionId")]
    [InlineData("""{"customerId":"{customer}","kind":"refund","dueAt":"{soon}","madeVia":"phone","description":"x"}""", "refundAmount")]
    [InlineData("""{"customerId":"{customer}","kind":"refund","dueAt":"{soon}","madeVia":"phone","description":"x","refundAmount":1.005}""", "refundAmount")]
    [InlineData("""{"customerId":"{customer}","kind":"callback","dueAt":"{soon}","madeVia":"phone","description":"x","refundAmount":100}""", "refundAmount")]
    [InlineData("""{"customerId":"{customer}","kind":"refund","dueAt":"{soon}","madeVia":"phone","description":"x","refundAmount":100,"refundCurrency":"USD"}""", "refundCurrency")]
    [InlineData("""{"customerId":"{customer}","kind":"resolutionByDate","dueAt":"{soon}","madeVia":"phone","description":"x"}""", "caseRef")]
    public async Task Bad_promise_input_is_a_400_naming_the_field_and_stores_nothing(string template, string field)
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var customerId = await CreateCustomerAsync(agent);
        var body = template
            .Replace("{customer}", customerId, StringComparison.Ordinal)
            .Replace("{unknown}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
            .Replace("{partner}", await PartnerIdAsync(), StringComparison.Ordinal)
            .Replace("{soon}", Iso(InMinutes(30)), StringComparison.Ordinal)
            .Replace("{past}", Iso(InMinutes(-1)), StringComparison.Ordinal)
            .Replace("{far}", Iso(App.UtcNow.AddYears(1).AddDays(1)), StringComparison.Ordinal);

        using var response = await agent.PostAsync("/api/promises", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Cancel);

        await HttpAssert.ValidationProblemAsync(response, field);
        using var listed = await agent.GetAsync($"/api/promises?customerId={customerId}", Cancel);
        Assert.Empty((await HttpAssert.JsonAsync(listed)).EnumerateArray());
    }

    [Fact]
    public async Task Promises_are_listed_by_customer_owner_state_and_due_time_first_due_first_in_pages()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        using var lead = await App.CreateClientAsAsync("lead");
        var customerId = await CreateCustomerAsync(agent);
        var agentId = await UserIdAsync(agent);
        var later = await MakeAsync(agent, customerId, InMinutes(90));
        var first = await MakeAsync(lead, customerId, InMinutes(30), ownerUserId: agentId);
        var leads = await MakeAsync(lead, customerId, InMinutes(60));

        using var all = await agent.GetAsync($"/api/promises?customerId={customerId}", Cancel);
        Assert.Equal([first, leads, later], Ids(await HttpAssert.JsonAsync(all)));
        Assert.Equal("3", all.Headers.GetValues("X-Total-Count").Single());

        using var page = await agent.GetAsync($"/api/promises?customerId={customerId}&offset=1&limit=1", Cancel);
        Assert.Equal([leads], Ids(await HttpAssert.JsonAsync(page)));
        Assert.Equal("3", page.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal("1", page.Headers.GetValues("X-Result-Count").Single());

        using var agents = await agent.GetAsync($"/api/promises?customerId={customerId}&ownerUserId={agentId}&state=open", Cancel);
        Assert.Equal([first, later], Ids(await HttpAssert.JsonAsync(agents)));

        using var dueSoon = await agent.GetAsync($"/api/promises?customerId={customerId}&dueBefore={Uri.EscapeDataString(Iso(InMinutes(45)))}", Cancel);
        Assert.Equal([first], Ids(await HttpAssert.JsonAsync(dueSoon)));

        using var kept = await agent.GetAsync($"/api/promises?customerId={customerId}&state=kept", Cancel);
        Assert.Empty((await HttpAssert.JsonAsync(kept)).EnumerateArray());

        using var badState = await agent.GetAsync("/api/promises?state=forgotten", Cancel);
        await HttpAssert.ValidationProblemAsync(badState, "state");
        using var badLimit = await agent.GetAsync("/api/promises?limit=0", Cancel);
        await HttpAssert.ValidationProblemAsync(badLimit, "limit");
    }

    [Fact]
    public async Task Partner_agents_can_neither_make_nor_see_promises_and_anonymous_callers_are_refused()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var customerId = await CreateCustomerAsync(agent);
        var id = await MakeAsync(agent, customerId, InMinutes(30));
        using var partner = await App.CreateClientAsAsync("partner");

        using var make = await partner.PostAsJsonAsync("/api/promises",
            new { customerId, kind = "callback", dueAt = InMinutes(30), madeVia = "phone", description = "We will call you." }, Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, make.StatusCode);
        using var list = await partner.GetAsync("/api/promises", Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        using var read = await partner.GetAsync($"/api/promises/{id}", Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        using var withdraw = await partner.PostAsJsonAsync($"/api/promises/{id}/withdraw", new { toldVia = "phone", text = "Never mind." }, Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, withdraw.StatusCode);

        using var anonymous = App.CreateAnonymousClient();
        using var refused = await anonymous.GetAsync("/api/promises", Cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task Withdrawing_needs_an_open_promise_and_a_record_of_telling_the_customer()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var customerId = await CreateCustomerAsync(agent);
        var id = await MakeAsync(agent, customerId, InMinutes(30));

        using var silently = await agent.PostAsJsonAsync($"/api/promises/{id}/withdraw", new { }, Cancel);
        Assert.Contains("requires telling the customer", (await HttpAssert.ProblemAsync(silently, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var badChannel = await agent.PostAsJsonAsync($"/api/promises/{id}/withdraw", new { toldVia = "telepathy", text = "No call today." }, Cancel);
        await HttpAssert.ValidationProblemAsync(badChannel, "toldVia");
        using var noWords = await agent.PostAsJsonAsync($"/api/promises/{id}/withdraw", new { toldVia = "sms" }, Cancel);
        await HttpAssert.ValidationProblemAsync(noWords, "text");
        using var future = await agent.PostAsJsonAsync($"/api/promises/{id}/withdraw", new { toldVia = "sms", toldAt = InMinutes(10), text = "No call today." }, Cancel);
        await HttpAssert.ValidationProblemAsync(future, "toldAt");

        using var withdrawn = await agent.PostAsJsonAsync($"/api/promises/{id}/withdraw",
            new { toldVia = "sms", text = "We cannot call today; a technician will visit tomorrow instead." }, Cancel);
        var view = await HttpAssert.JsonAsync(withdrawn);
        Assert.Equal("withdrawn", view.GetProperty("state").GetString());
        Assert.Equal("sms", view.GetProperty("withdrawal").GetProperty("toldVia").GetString());
        var entry = Assert.Single(await TimelineAsync(agent, customerId, "kind=promise"), e => e.GetProperty("title").GetString()!.StartsWith("Promise withdrawn", StringComparison.Ordinal));
        Assert.Contains("told by SMS", entry.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("a technician will visit tomorrow", entry.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var again = await agent.PostAsJsonAsync($"/api/promises/{id}/withdraw", new { toldVia = "sms", text = "Again." }, Cancel);
        var problem = await HttpAssert.ProblemAsync(again, HttpStatusCode.Conflict);
        Assert.Equal("withdrawn", problem.GetProperty("state").GetString());
        using var unknown = await agent.PostAsJsonAsync($"/api/promises/{Guid.NewGuid()}/withdraw", new { toldVia = "sms", text = "x" }, Cancel);
        await HttpAssert.ProblemAsync(unknown, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_outbound_call_keeps_the_first_due_open_callback_an_inbound_call_or_an_email_keeps_none()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var customerId = await CreateCustomerAsync(agent);
        var first = await MakeAsync(agent, customerId, InMinutes(20));
        var second = await MakeAsync(agent, customerId, InMinutes(40));

        await RecordContactAsync(agent, customerId, "phone", "inbound");
        await RecordContactAsync(agent, customerId, "email", "outbound");
        Assert.Equal(["open", "open"], await StatesAsync(agent, first, second));

        var call = await RecordContactAsync(agent, customerId, "phone", "outbound");

        Assert.Equal(["kept", "open"], await StatesAsync(agent, first, second));
        using var read = await agent.GetAsync($"/api/promises/{first}", Cancel);
        Assert.Equal(call, (await HttpAssert.JsonAsync(read)).GetProperty("fulfilledByInteractionId").GetString());
        Assert.Single(await TimelineAsync(agent, customerId, "kind=promise"), e => e.GetProperty("title").GetString()!.StartsWith("Promise kept", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Keeping_takes_the_matching_act_a_visit_keeps_a_visit_a_refund_must_be_the_full_amount_and_a_callback_cannot_be_ticked_off()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var customerId = await CreateCustomerAsync(agent);
        var callback = await MakeAsync(agent, customerId, InMinutes(30));
        var visit = await MakeAsync(agent, customerId, InMinutes(120), kind: "technicianVisit");
        var refund = await MakeAsync(agent, customerId, InMinutes(120), kind: "refund", refundAmount: 350m);

        using var tick = await agent.PostAsJsonAsync($"/api/promises/{callback}/keep", new { }, Cancel);
        await HttpAssert.ValidationProblemAsync(tick, "act");
        using var wrongAct = await agent.PostAsJsonAsync($"/api/promises/{callback}/keep", new { act = "technicianVisitDone" }, Cancel);
        Assert.Contains("outbound phone call", (await HttpAssert.ProblemAsync(wrongAct, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var visited = await agent.PostAsJsonAsync($"/api/promises/{visit}/keep", new { act = "technicianVisitDone" }, Cancel);
        Assert.Equal("kept", (await HttpAssert.JsonAsync(visited)).GetProperty("state").GetString());

        using var tooLittle = await agent.PostAsJsonAsync($"/api/promises/{refund}/keep", new { act = "refundRecorded", amount = 100m }, Cancel);
        Assert.Contains("less than", (await HttpAssert.ProblemAsync(tooLittle, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var refunded = await agent.PostAsJsonAsync($"/api/promises/{refund}/keep", new { act = "refundRecorded", amount = 350m }, Cancel);
        var view = await HttpAssert.JsonAsync(refunded);
        Assert.Equal("kept", view.GetProperty("state").GetString());
        Assert.Equal("SEK", view.GetProperty("refundCurrency").GetString());

        using var twice = await agent.PostAsJsonAsync($"/api/promises/{visit}/keep", new { act = "technicianVisitDone" }, Cancel);
        await HttpAssert.ProblemAsync(twice, HttpStatusCode.Conflict);
        Assert.Equal(["open", "kept", "kept"], await StatesAsync(agent, callback, visit, refund));
    }

    [Fact]
    public async Task A_team_lead_sees_the_kept_rate_of_each_member_and_the_team_and_an_agent_may_not()
    {
        var lead = await CreateUserAsync("TeamLead");
        var anna = await CreateUserAsync();
        var bo = await CreateUserAsync();
        using var admin = await App.CreateAdminClientAsync();
        foreach (var member in new[] { anna, bo })
        {
            using var set = await admin.PutAsJsonAsync($"/api/users/{member.Id}/team-lead", new { teamLeadId = lead.Id }, Cancel);
            await HttpAssert.JsonAsync(set);
        }

        var customerId = await CreateCustomerAsync(admin);
        await MakeAsync(admin, customerId, InMinutes(30), ownerUserId: anna.Id);
        await RecordContactAsync(admin, customerId, "phone", "outbound");
        var withdrawn = await MakeAsync(admin, customerId, InMinutes(30), ownerUserId: anna.Id);
        using (var told = await admin.PostAsJsonAsync($"/api/promises/{withdrawn}/withdraw", new { toldVia = "phone", text = "Sorted out already." }, Cancel))
        {
            await HttpAssert.JsonAsync(told);
        }

        await MakeAsync(admin, customerId, InMinutes(60), ownerUserId: bo.Id);
        await AddBrokenPromiseAsync(customerId, bo.Id);
        using var leadClient = await App.CreateClientAsAsync(lead.UserName, lead.Password);
        var period = $"from={Uri.EscapeDataString(Iso(InMinutes(-24 * 60)))}&to={Uri.EscapeDataString(Iso(InMinutes(24 * 60)))}";

        using var response = await leadClient.GetAsync($"/api/promises/kept-rates?{period}", Cancel);

        var rates = await HttpAssert.JsonAsync(response);
        var people = rates.GetProperty("people").EnumerateArray().ToDictionary(p => p.GetProperty("userId").GetString()!, p => p.GetProperty("keptRate"));
        Assert.Equal(new[] { anna.Id, bo.Id }.Order(StringComparer.Ordinal), people.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((1, 0, 1, 0, 1.0m), Figures(people[anna.Id]));
        Assert.Equal((0, 1, 0, 1, 0m), Figures(people[bo.Id]));
        Assert.Equal((1, 1, 1, 1, 0.5m), Figures(rates.GetProperty("team")));

        using var agent = await App.CreateClientAsAsync("agent");
        using var refused = await agent.GetAsync($"/api/promises/kept-rates?{period}", Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using var backwards = await leadClient.GetAsync($"/api/promises/kept-rates?from={Uri.EscapeDataString(Iso(InMinutes(10)))}&to={Uri.EscapeDataString(Iso(InMinutes(-10)))}", Cancel);
        await HttpAssert.ValidationProblemAsync(backwards, "to");

        using var everyone = await admin.GetAsync($"/api/promises/kept-rates?{period}", Cancel);
        var all = (await HttpAssert.JsonAsync(everyone)).GetProperty("people").EnumerateArray().Select(p => p.GetProperty("userId").GetString()).ToList();
        Assert.Contains(anna.Id, all);
        Assert.Contains(bo.Id, all);
    }

    [Fact]
    public async Task Kept_rates_up_to_the_first_day_of_the_calendar_are_a_400_naming_to_not_a_500()
    {
        using var admin = await App.CreateAdminClientAsync();

        // Found by fuzz.py's deeper pass: the default 30 days before 0001-01-01 cannot be represented.
        using var response = await admin.GetAsync("/api/promises/kept-rates?to=0001-01-01T00%3A00%3A00Z", Cancel);

        await HttpAssert.ValidationProblemAsync(response, "to");
    }

    [Fact]
    public async Task A_promise_follows_its_customer_into_a_merge_and_a_call_to_the_survivor_keeps_it()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var survivor = await CreateCustomerAsync(agent);
        var merged = await CreateCustomerAsync(agent);
        var id = await MakeAsync(agent, merged, InMinutes(30));

        using var lead = await App.CreateClientAsAsync("lead");
        using (var merge = await lead.PostAsJsonAsync($"/api/customers/{survivor}/merge", new { mergedCustomerId = merged, reason = "One person, two sign-ups." }, Cancel))
        {
            await HttpAssert.JsonAsync(merge);
        }

        await RecordContactAsync(agent, survivor, "phone", "outbound");
        using var read = await agent.GetAsync($"/api/promises/{id}", Cancel);
        var view = await HttpAssert.JsonAsync(read);
        Assert.Equal(survivor, view.GetProperty("customerId").GetString());
        Assert.Equal("kept", view.GetProperty("state").GetString());
    }

    private static (int Kept, int Broken, int Withdrawn, int NotYetDue, decimal? Rate) Figures(JsonElement rate) => (
        rate.GetProperty("kept").GetInt32(), rate.GetProperty("broken").GetInt32(), rate.GetProperty("withdrawn").GetInt32(),
        rate.GetProperty("notYetDue").GetInt32(), rate.GetProperty("rate").ValueKind == JsonValueKind.Null ? null : rate.GetProperty("rate").GetDecimal());

    /// <summary>A promise that broke an hour ago: written directly, as waiting for the watcher on the real clock would take an hour.</summary>
    private Task<int> AddBrokenPromiseAsync(string customerId, string ownerId) => App.WithDbContextAsync(async db =>
    {
        var madeAt = App.UtcNow.AddHours(-2);
        var promise = new Promise
        {
            Kind = PromiseKind.Callback, CustomerId = Guid.Parse(customerId), OwnerUserId = ownerId, MadeByUserId = ownerId,
            MadeVia = InteractionChannel.Phone, MadeAt = madeAt, DueAt = madeAt.AddHours(1), State = PromiseState.Broken,
        };
        db.Promises.Add(PromiseRecord.From(promise, "We will call you back within the hour.", "Bo", PromiseWatch.Default, App.UtcNow));
        return await db.SaveChangesAsync(Cancel);
    });

    private async Task<string> PartnerIdAsync()
    {
        using var partner = await App.CreateClientAsAsync("partner");
        return await UserIdAsync(partner);
    }

    private static async Task<string> UserIdAsync(HttpClient client)
    {
        using var me = await client.GetAsync("/api/me", Cancel);
        return (await HttpAssert.JsonAsync(me)).GetProperty("id").GetString()!;
    }

    private static async Task<string> MakeAsync(
        HttpClient client, string customerId, DateTime dueAt, string kind = "callback", string? ownerUserId = null, decimal? refundAmount = null)
    {
        using var response = await client.PostAsJsonAsync("/api/promises",
            new { customerId, kind, dueAt, ownerUserId, madeVia = "phone", description = $"a {kind} by {dueAt:HH:mm}", refundAmount }, Cancel);
        return (await HttpAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }

    private static async Task<string> RecordContactAsync(HttpClient client, string customerId, string channel, string direction)
    {
        using var response = await client.PostAsJsonAsync("/api/interactions", new { customerId, channel, direction, reason = $"{direction} {channel}" }, Cancel);
        return (await HttpAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }

    private static async Task<string[]> StatesAsync(HttpClient client, params string[] ids)
    {
        var states = new List<string>();
        foreach (var id in ids)
        {
            using var response = await client.GetAsync($"/api/promises/{id}", Cancel);
            states.Add((await HttpAssert.JsonAsync(response)).GetProperty("state").GetString()!);
        }

        return [.. states];
    }

    private static async Task<string> CreateCustomerAsync(HttpClient client)
    {
        var phone = $"+4670{Random.Shared.Next(1_000_000, 9_999_999)}";
        using var response = await client.PostAsJsonAsync("/api/customers",
            new { name = "Promise Customer", jurisdiction = "SE", identities = new[] { new { kind = "msisdn", value = phone } } }, Cancel);
        return (await HttpAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }

    private static async Task<List<JsonElement>> TimelineAsync(HttpClient client, string customerId, string query)
    {
        using var response = await client.GetAsync($"/api/customers/{customerId}/timeline?{query}", Cancel);
        return (await HttpAssert.JsonAsync(response)).GetProperty("items").EnumerateArray().ToList();
    }

    private static List<string> Ids(JsonElement list) => list.EnumerateArray().Select(p => p.GetProperty("id").GetString()!).ToList();

    private static string Iso(DateTime instant) => instant.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

[Trait("Provider", "Sqlite")]
public sealed class PromiseApiTestsOnSqlite(SqliteApp app) : PromiseApiTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class PromiseApiTestsOnPostgres(PostgresApp app) : PromiseApiTests(app), IClassFixture<PostgresApp>;
