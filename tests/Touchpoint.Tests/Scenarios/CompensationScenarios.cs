using Microsoft.Extensions.Configuration;
using Touchpoint.Domain.Compensation;
using Touchpoint.Features.Compensation;
using Touchpoint.Hosting;
using Touchpoint.Tests.Api;

namespace Touchpoint.Tests.Scenarios;

/// <summary>
/// S3-3 replayed through /api/compensations: 17 e-mails over two weeks to agree on 350 kr become one request the agent
/// grants at once; 1,000 kr, above an agent's mandate, goes to the team lead with a promise to the customer of an answer
/// within a day. Plus the policy's proposal (the same for every customer), validation, and who may decide.
/// </summary>
public abstract class CompensationScenarios(TouchpointApp app, PostgresServer postgres) : ApiTestBase(app)
{
    /// <summary>Bert Lindqvist, the S3 customer in the demo data.</summary>
    private const string S3Msisdn = "+46705550303";

    private const string NoCoverage = "4G broadband sold for the summer house on Vätö, which has no 4G coverage";

    [Fact]
    public async Task S3_3_the_agent_grants_350_kr_at_once_and_1000_kr_waits_for_the_team_lead_with_a_promise_of_an_answer_within_a_day()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        using var store = await App.CreateClientAsAsync("store");
        using var lead = await App.CreateClientAsAsync("lead");
        var (agentId, leadId) = (await UserIdAsync("agent"), await UserIdAsync("lead"));
        var bert = await FindCustomerAsync(agent, S3Msisdn);

        // 350 kr is within an agent's mandate of 500: granted now, on the timeline, nobody asked.
        using var small = await PostAsync(agent, "/api/compensations", new { customerId = bert, amount = 350m, reason = NoCoverage });
        var granted = await HttpAssert.JsonAsync(small, HttpStatusCode.Created);
        Assert.Equal($"/api/compensations/{granted.GetProperty("id").GetString()}", small.Headers.Location?.OriginalString);
        Assert.Equal("granted", granted.GetProperty("status").GetString());
        Assert.Equal((350m, "SEK"), (granted.GetProperty("amount").GetDecimal(), granted.GetProperty("currency").GetString()));
        Assert.Equal("Anna Agent", granted.GetProperty("decidedByName").GetString());
        Assert.Equal(JsonValueKind.Null, granted.GetProperty("approverRole").ValueKind);
        Assert.Equal(JsonValueKind.Null, granted.GetProperty("answerPromiseId").ValueKind);
        Assert.Contains(await TimelineTitlesAsync(agent, bert), t => t == $"Compensation granted: 350 SEK — {NoCoverage}");
        Assert.DoesNotContain(await InboxAsync(lead), n => n.Kind == "approvalRequested" && n.CustomerId == bert);

        // 1,000 kr is above it: the lead is asked, and Bert is promised a written answer within a day.
        using var large = await PostAsync(agent, "/api/compensations", new { customerId = bert, amount = 1000m, reason = "37 days without the broadband he pays for" });
        var pending = await HttpAssert.JsonAsync(large, HttpStatusCode.Accepted);
        var id = pending.GetProperty("id").GetString()!;
        Assert.Equal("pendingApproval", pending.GetProperty("status").GetString());
        Assert.Equal("TeamLead", pending.GetProperty("approverRole").GetString());
        Assert.Equal(leadId, pending.GetProperty("approvalRequestedOfUserId").GetString());
        var requestedAt = pending.GetProperty("requestedAt").GetDateTime();
        var answerDue = pending.GetProperty("answerDueAt").GetDateTime();
        Assert.Equal(TimeSpan.FromDays(1), answerDue - requestedAt);

        var asked = Assert.Single(await InboxAsync(lead), n => n.Kind == "approvalRequested" && n.CustomerId == bert);
        Assert.Equal("Approve compensation of 1,000 SEK for Bert Lindqvist?", asked.Title);
        Assert.Contains("Anna Agent", asked.Detail, StringComparison.Ordinal);

        using (var promiseResponse = await agent.GetAsync($"/api/promises/{pending.GetProperty("answerPromiseId").GetString()}", Cancel))
        {
            var promise = await HttpAssert.JsonAsync(promiseResponse);
            Assert.Equal(("writtenReply", "open"), (promise.GetProperty("kind").GetString(), promise.GetProperty("state").GetString()));
            Assert.Equal(bert, promise.GetProperty("customerId").GetString());
            Assert.Equal(agentId, promise.GetProperty("ownerUserId").GetString());
            Assert.Equal(answerDue, promise.GetProperty("dueAt").GetDateTime());
        }

        var answerBy = answerDue.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        Assert.Contains(await TimelineTitlesAsync(agent, bert), t => t == $"Compensation of 1,000 SEK requested; answer promised by {answerBy}");

        Assert.Contains(await ListAsync(lead, "pendingFor=me"), c => c.GetProperty("id").GetString() == id);
        Assert.DoesNotContain(await ListAsync(agent, "pendingFor=me"), c => c.GetProperty("id").GetString() == id);

        // A mandate is a limit on one person: the agent cannot lift it by approving their own request, nor can a colleague.
        using var own = await PostAsync(agent, $"/api/compensations/{id}/approve", new { note = "I think it is fair" });
        Assert.Contains("your own", (await HttpAssert.ProblemAsync(own, HttpStatusCode.Forbidden)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var colleague = await PostAsync(store, $"/api/compensations/{id}/approve", new { });
        Assert.Contains("mandate of 500.00 SEK", (await HttpAssert.ProblemAsync(colleague, HttpStatusCode.Forbidden)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var approved = await PostAsync(lead, $"/api/compensations/{id}/approve", new { note = "Fair for 37 days" });
        var decided = await HttpAssert.JsonAsync(approved);
        Assert.Equal("approved", decided.GetProperty("status").GetString());
        Assert.Equal((leadId, "Lars Lead"), (decided.GetProperty("decidedByUserId").GetString(), decided.GetProperty("decidedByName").GetString()));
        Assert.Equal("Fair for 37 days", decided.GetProperty("decisionNote").GetString());
        Assert.Contains(await TimelineTitlesAsync(agent, bert), t => t == "Compensation of 1,000 SEK approved by Lars Lead — 37 days without the broadband he pays for");
        var told = Assert.Single(await InboxAsync(agent), n => n.Kind == "approvalDecided" && n.CustomerId == bert);
        Assert.Equal("Compensation of 1,000 SEK for Bert Lindqvist approved by Lars Lead", told.Title);
        Assert.Contains($"in writing by {answerBy}", told.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(await ListAsync(lead, "pendingFor=me"), c => c.GetProperty("id").GetString() == id);

        using var again = await PostAsync(lead, $"/api/compensations/{id}/approve", new { });
        Assert.Contains("approved", (await HttpAssert.ProblemAsync(again, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        var bertsCompensations = await ListAsync(agent, $"customerId={bert}");
        Assert.Equal(["approved", "granted"], bertsCompensations.Select(c => c.GetProperty("status").GetString()!).ToArray());
        Assert.Equal(["approved"], (await ListAsync(agent, $"customerId={bert}&status=approved")).Select(c => c.GetProperty("status").GetString()!).ToArray());
    }

    [Fact]
    public async Task Above_a_team_leads_mandate_the_head_of_care_decides_and_beyond_every_mandate_is_a_conflict()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        using var lead = await App.CreateClientAsAsync("lead");
        using var admin = await App.CreateAdminClientAsync();
        var adminId = await UserIdAsync("admin");
        var customerId = await CreateCustomerAsync(agent, "SE");

        using var large = await PostAsync(agent, "/api/compensations", new { customerId, amount = 10_000m, reason = "A month without the business line" });
        var pending = await HttpAssert.JsonAsync(large, HttpStatusCode.Accepted);
        var id = pending.GetProperty("id").GetString()!;
        // The lead's 5,000 does not cover it; the admin, to whom the lead reports, stands in as head of care.
        Assert.Equal(CompensationMandates.HeadOfCare, pending.GetProperty("approverRole").GetString());
        Assert.Equal(adminId, pending.GetProperty("approvalRequestedOfUserId").GetString());
        Assert.Contains(await InboxAsync(admin), n => n.Kind == "approvalRequested" && n.CustomerId == customerId);
        Assert.DoesNotContain(await InboxAsync(lead), n => n.Kind == "approvalRequested" && n.CustomerId == customerId);
        Assert.DoesNotContain(await ListAsync(lead, "pendingFor=me"), c => c.GetProperty("id").GetString() == id);
        Assert.Contains(await ListAsync(admin, "pendingFor=me"), c => c.GetProperty("id").GetString() == id);

        using var tooSmall = await PostAsync(lead, $"/api/compensations/{id}/approve", new { });
        Assert.Contains("a HeadOfCare must approve it", (await HttpAssert.ProblemAsync(tooSmall, HttpStatusCode.Forbidden)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var approved = await PostAsync(admin, $"/api/compensations/{id}/approve", new { });
        Assert.Equal("approved", (await HttpAssert.JsonAsync(approved)).GetProperty("status").GetString());

        using var beyond = await PostAsync(agent, "/api/compensations", new { customerId, amount = 60_000m, reason = "Everything" });
        var conflict = await HttpAssert.ProblemAsync(beyond, HttpStatusCode.Conflict);
        Assert.Contains("above every mandate in SEK", conflict.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(50_000m, conflict.GetProperty("highestMandate").GetDecimal());
        Assert.Single(await ListAsync(agent, $"customerId={customerId}"));
    }

    [Fact]
    public async Task A_refusal_needs_a_note_goes_on_the_timeline_and_tells_the_requester_and_a_compensation_can_belong_to_a_case()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        using var lead = await App.CreateClientAsAsync("lead");
        var customerId = await CreateCustomerAsync(agent, "SE");
        using var caseResponse = await PostAsync(agent, "/api/cases", new { customerId, type = "complaint", channel = "email", need = "Broadband at the summer house" });
        var @case = await HttpAssert.JsonAsync(caseResponse, HttpStatusCode.Created);
        var caseId = @case.GetProperty("id").GetString()!;
        var reference = @case.GetProperty("reference").GetString()!;

        using var requested = await PostAsync(agent, "/api/compensations", new { customerId, caseId, amount = 800m, reason = "Two missed technician visits", channel = "email" });
        var pending = await HttpAssert.JsonAsync(requested, HttpStatusCode.Accepted);
        var id = pending.GetProperty("id").GetString()!;
        Assert.Equal((caseId, reference), (pending.GetProperty("caseId").GetString(), pending.GetProperty("caseReference").GetString()));
        using (var promiseResponse = await agent.GetAsync($"/api/promises/{pending.GetProperty("answerPromiseId").GetString()}", Cancel))
        {
            var promise = await HttpAssert.JsonAsync(promiseResponse);
            Assert.Equal((reference, "email"), (promise.GetProperty("caseRef").GetString(), promise.GetProperty("madeVia").GetString()));
        }

        using var withoutNote = await PostAsync(lead, $"/api/compensations/{id}/refuse", new { });
        await HttpAssert.ValidationProblemAsync(withoutNote, "note");
        using var refused = await PostAsync(lead, $"/api/compensations/{id}/refuse", new { note = "One visit was missed, not two; 300 kr is offered" });
        Assert.Equal("refused", (await HttpAssert.JsonAsync(refused)).GetProperty("status").GetString());
        Assert.Contains(await TimelineTitlesAsync(agent, customerId), t => t == "Compensation of 800 SEK refused by Lars Lead — One visit was missed, not two; 300 kr is offered");
        var told = Assert.Single(await InboxAsync(agent), n => n.Kind == "approvalDecided" && n.CustomerId == customerId);
        Assert.Contains("refused by Lars Lead", told.Title, StringComparison.Ordinal);

        using var again = await PostAsync(lead, $"/api/compensations/{id}/refuse", new { note = "Still no" });
        await HttpAssert.ProblemAsync(again, HttpStatusCode.Conflict);
        Assert.Single(await ListAsync(agent, $"caseId={caseId}"));
    }

    [Fact]
    public async Task The_proposal_is_the_same_for_every_customer_whatever_their_segment_or_value_and_is_in_their_currency()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var lowValue = await CreateCustomerAsync(agent, "SE");
        var highValue = await CreateCustomerAsync(agent, "SE");
        await App.WithDbContextAsync(async db =>
        {
            var low = await db.Customers.FindAsync([Guid.Parse(lowValue)], Cancel);
            var high = await db.Customers.FindAsync([Guid.Parse(highValue)], Cancel);
            (low!.Segment, low.LifetimeValue, high!.Segment, high.LifetimeValue) = ("low", 100m, "platinum", 550_000m);
            return await db.SaveChangesAsync(Cancel);
        });
        object[] harms =
        [
            new { kind = "daysWithoutService", days = 37, monthlyPrice = 299m },
            new { kind = "brokenPromise", promiseKind = "writtenReply" },
        ];

        var forLow = await ProposeAsync(agent, lowValue, harms);
        var forHigh = await ProposeAsync(agent, highValue, harms);
        // 299 kr a month is 10 kr a day (rounded up): 370 for 37 days, and 100 for the broken promise.
        Assert.Equal(470m, forLow.GetProperty("total").GetDecimal());
        Assert.Equal("SEK", forLow.GetProperty("currency").GetString());
        Assert.Equal(
            ["37 days without service × 10.00 SEK a day", "Broken promise (writtenReply)"],
            forLow.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("explanation").GetString()!).ToArray());
        Assert.Equal(forLow.GetProperty("lines").ToString(), forHigh.GetProperty("lines").ToString());
        Assert.Equal(forLow.GetProperty("total").GetDecimal(), forHigh.GetProperty("total").GetDecimal());
        Assert.True(forLow.GetProperty("withinYourMandate").GetBoolean());
        Assert.Equal(500m, forLow.GetProperty("yourMandate").GetDecimal());

        var withAppointment = await ProposeAsync(agent, lowValue, [.. harms, new { kind = "missedTechnicianAppointment" }]);
        Assert.Equal(770m, withAppointment.GetProperty("total").GetDecimal());
        Assert.False(withAppointment.GetProperty("withinYourMandate").GetBoolean());
        Assert.Equal("TeamLead", withAppointment.GetProperty("approverRole").GetString());
        Assert.Equal("EU-106-5", withAppointment.GetProperty("lines")[2].GetProperty("ruleId").GetString());

        var danish = await ProposeAsync(agent, await CreateCustomerAsync(agent, "DK"), [new { kind = "portingDelay", days = 3 }]);
        Assert.Equal((105m, "DKK"), (danish.GetProperty("total").GetDecimal(), danish.GetProperty("currency").GetString()));

        // Given with the request, the harms and the proposal are kept with the compensation.
        using var granted = await PostAsync(agent, "/api/compensations", new { customerId = lowValue, amount = 470m, reason = "No service for 37 days", harms });
        var summary = (await HttpAssert.JsonAsync(granted, HttpStatusCode.Created)).GetProperty("summary").GetString();
        Assert.Equal("Proposed by the policy: 470 SEK — 37 days without service × 10.00 SEK a day: 370 SEK; Broken promise (writtenReply): 100 SEK", summary);
    }

    [Theory]
    [InlineData("customerId")]
    [InlineData("amount")]
    [InlineData("amountZero")]
    [InlineData("amountDecimals")]
    [InlineData("reason")]
    [InlineData("currency")]
    [InlineData("currencyUnknown")]
    [InlineData("caseId")]
    [InlineData("channel")]
    [InlineData("harms[0].kind")]
    public async Task A_request_with_a_wrong_field_is_a_400_naming_it(string wrong)
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var customerId = await CreateCustomerAsync(agent, "SE");
        object body = wrong switch
        {
            "customerId" => new { amount = 100m, reason = "Outage" },
            "amount" => new { customerId, reason = "Outage" },
            "amountZero" => new { customerId, amount = 0m, reason = "Outage" },
            "amountDecimals" => new { customerId, amount = 10.555m, reason = "Outage" },
            "reason" => new { customerId, amount = 100m, reason = " " },
            "currency" => new { customerId, amount = 100m, currency = "EUR", reason = "Outage" },
            "currencyUnknown" => new { customerId, amount = 100m, currency = "USD", reason = "Outage" },
            "caseId" => new { customerId, caseId = Guid.NewGuid(), amount = 100m, reason = "Outage" },
            "channel" => new { customerId, amount = 100m, reason = "Outage", channel = "pigeon" },
            _ => new { customerId, amount = 100m, reason = "Outage", harms = new[] { new { kind = "badWeather" } } },
        };
        var field = wrong.Replace("Zero", "", StringComparison.Ordinal).Replace("Decimals", "", StringComparison.Ordinal).Replace("Unknown", "", StringComparison.Ordinal);

        using var response = await PostAsync(agent, "/api/compensations", body);
        var problem = await HttpAssert.ValidationProblemAsync(response, field);
        if (wrong == "currency")
        {
            Assert.Contains("A SE customer is compensated in SEK, not EUR", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Empty(await ListAsync(agent, $"customerId={customerId}"));
    }

    [Fact]
    public async Task A_proposal_names_the_harm_at_fault_and_the_list_its_filters()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var customerId = await CreateCustomerAsync(agent, "SE");
        var danishId = await CreateCustomerAsync(agent, "DK");
        (object Body, string Field)[] cases =
        [
            (new { harms = new[] { new { kind = "missedTechnicianAppointment" } } }, "customerId"),
            (new { customerId = Guid.NewGuid(), harms = new[] { new { kind = "missedTechnicianAppointment" } } }, "customerId"),
            (new { customerId, harms = Array.Empty<object>() }, "harms"),
            (new { customerId, harms = new object[] { new { kind = "missedTechnicianAppointment" }, new { kind = "portingDelay", days = 0 } } }, "harms[1].days"),
            (new { customerId, harms = new[] { new { kind = "daysWithoutService", days = 3 } } }, "harms[0].monthlyPrice"),
            (new { customerId, harms = new[] { new { kind = "daysWithoutService", days = 3, monthlyPrice = -1m } } }, "harms[0].monthlyPrice"),
            (new { customerId, harms = new[] { new { kind = "daysWithoutService", days = 0, monthlyPrice = 100m } } }, "harms[0].days"),
            (new { customerId, harms = new[] { new { kind = "brokenPromise", promiseKind = "pinkySwear" } } }, "harms[0].promiseKind"),
        ];
        foreach (var (body, field) in cases)
        {
            using var response = await PostAsync(agent, "/api/compensations/proposal", body);
            await HttpAssert.ValidationProblemAsync(response, field);
        }

        using var danishInKronor = await PostAsync(agent, "/api/compensations", new { customerId = danishId, amount = 100m, currency = "SEK", reason = "Outage" });
        Assert.Contains("compensated in DKK", (await HttpAssert.ValidationProblemAsync(danishInKronor, "currency")).GetProperty("detail").GetString(), StringComparison.Ordinal);

        foreach (var (query, field) in new[] { ("status=paid", "status"), ("pendingFor=you", "pendingFor"), ("limit=0", "limit") })
        {
            using var response = await agent.GetAsync($"/api/compensations?{query}", Cancel);
            await HttpAssert.ValidationProblemAsync(response, field);
        }

        for (var i = 1; i <= 3; i++)
        {
            using var granted = await PostAsync(agent, "/api/compensations", new { customerId, amount = 100m * i, reason = $"Outage {i}" });
            await HttpAssert.JsonAsync(granted, HttpStatusCode.Created);
        }

        using var page = await agent.GetAsync($"/api/compensations?customerId={customerId}&offset=1&limit=1", Cancel);
        var items = (await HttpAssert.JsonAsync(page)).EnumerateArray().ToList();
        Assert.Equal(("3", "1"), (page.Headers.GetValues("X-Total-Count").Single(), page.Headers.GetValues("X-Result-Count").Single()));
        Assert.Equal(200m, Assert.Single(items).GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task The_endpoints_are_in_the_OpenAPI_document()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        using var response = await agent.GetAsync("/openapi/v1.json", Cancel);
        var paths = (await HttpAssert.JsonAsync(response)).GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/compensations", paths);
        Assert.Contains("/api/compensations/proposal", paths);
        Assert.Contains("/api/compensations/{id}/approve", paths);
        Assert.Contains("/api/compensations/{id}/refuse", paths);
    }

    [Fact]
    public async Task An_unknown_compensation_is_a_404_and_partner_agents_have_no_access()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        using var lead = await App.CreateClientAsAsync("lead");
        using var partner = await App.CreateClientAsAsync("partner");
        var unknown = Guid.NewGuid();

        using (var get = await agent.GetAsync($"/api/compensations/{unknown}", Cancel))
        {
            await HttpAssert.ProblemAsync(get, HttpStatusCode.NotFound);
        }

        using (var approve = await PostAsync(lead, $"/api/compensations/{unknown}/approve", new { }))
        {
            await HttpAssert.ProblemAsync(approve, HttpStatusCode.NotFound);
        }

        using (var refuse = await PostAsync(lead, $"/api/compensations/{unknown}/refuse", new { note = "No" }))
        {
            await HttpAssert.ProblemAsync(refuse, HttpStatusCode.NotFound);
        }

        using var forbidden = await partner.GetAsync("/api/compensations", Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task A_configured_mandate_overrides_the_default()
    {
        await using var app = await TouchpointApp.StartAsync(App.Provider, postgres, new Dictionary<string, string?>
        {
            [$"{CompensationSettings.MandatesSection}:Agent:SEK"] = "1000",
        });
        using var agent = await app.CreateClientAsAsync("agent");
        var customerId = await CreateCustomerAsync(agent, "SE");

        using var response = await PostAsync(agent, "/api/compensations", new { customerId, amount = 1000m, reason = "37 days without broadband" });
        Assert.Equal("granted", (await HttpAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("status").GetString());
    }

    // ---- helpers ----

    private sealed record InboxItem(string Kind, string Title, string Detail, string? CustomerId);

    private static async Task<List<InboxItem>> InboxAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/inbox?limit=500", Cancel);
        return (await HttpAssert.JsonAsync(response)).GetProperty("items").EnumerateArray()
            .Select(n => new InboxItem(n.GetProperty("kind").GetString()!, n.GetProperty("title").GetString()!, n.GetProperty("detail").GetString()!, n.GetProperty("customerId").GetString()))
            .ToList();
    }

    private static async Task<List<string>> TimelineTitlesAsync(HttpClient client, string customerId)
    {
        using var response = await client.GetAsync($"/api/customers/{customerId}/timeline?kind=compensation", Cancel);
        return (await HttpAssert.JsonAsync(response)).GetProperty("items").EnumerateArray().Select(e => e.GetProperty("title").GetString()!).ToList();
    }

    private static async Task<List<JsonElement>> ListAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync($"/api/compensations?{query}", Cancel);
        return (await HttpAssert.JsonAsync(response)).EnumerateArray().ToList();
    }

    private static async Task<JsonElement> ProposeAsync(HttpClient client, string customerId, object[] harms)
    {
        using var response = await PostAsync(client, "/api/compensations/proposal", new { customerId, harms });
        return await HttpAssert.JsonAsync(response);
    }

    private async Task<string> UserIdAsync(string userName) =>
        await App.WithDbContextAsync(db => Task.FromResult(db.Users.Single(u => u.UserName == userName).Id));

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body) => client.PostAsJsonAsync(path, body, Cancel);

    private static async Task<string> CreateCustomerAsync(HttpClient client, string jurisdiction)
    {
        object identity = jurisdiction == "DK"
            ? new { kind = "msisdn", value = $"+4520{Random.Shared.Next(100_000, 999_999)}" }
            : new { kind = "email", value = $"compensation.{Guid.NewGuid():N}@example.com" };
        using var response = await PostAsync(client, "/api/customers", new { name = $"Compensation Customer {jurisdiction}", jurisdiction, identities = new[] { identity } });
        return (await HttpAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }

    private static async Task<string> FindCustomerAsync(HttpClient client, string identity)
    {
        using var response = await client.GetAsync($"/api/customers?q={Uri.EscapeDataString(identity)}", Cancel);
        return Assert.Single((await HttpAssert.JsonAsync(response)).EnumerateArray(), h => h.GetProperty("exactIdentityMatch").GetBoolean()).GetProperty("id").GetString()!;
    }
}

[Trait("Provider", "Sqlite")]
public sealed class CompensationScenariosOnSqlite(SqliteApp app, PostgresServer postgres) : CompensationScenarios(app, postgres), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class CompensationScenariosOnPostgres(PostgresApp app, PostgresServer postgres) : CompensationScenarios(app, postgres), IClassFixture<PostgresApp>;

/// <summary>Mandates from configuration: the defaults, overridden per role and currency, and refused when they make no sense.</summary>
public sealed class CompensationSettingsTests
{
    [Fact]
    public void Configured_mandates_override_the_defaults_and_may_add_a_role()
    {
        var mandates = CompensationSettings.FromConfiguration(Configuration(new()
        {
            [$"{CompensationSettings.MandatesSection}:agent:SEK"] = "750",
            [$"{CompensationSettings.MandatesSection}:Supervisor:EUR"] = "250.50",
        }));

        Assert.Equal(new Money(750m, Currency.SEK), mandates.MandateOf(["Agent"], Currency.SEK));
        Assert.Equal(new Money(50m, Currency.EUR), mandates.MandateOf(["Agent"], Currency.EUR));
        Assert.Equal(new Money(5_000m, Currency.SEK), mandates.MandateOf(["TeamLead"], Currency.SEK));
        Assert.Equal(new Money(250.50m, Currency.EUR), mandates.MandateOf(["Supervisor"], Currency.EUR));
        Assert.Equal(CompensationMandates.Default.All.Count + 1, mandates.All.Count);
    }

    [Theory]
    [InlineData("Agent:SEK", "0")]
    [InlineData("Agent:SEK", "-5")]
    [InlineData("Agent:SEK", "12.345")]
    [InlineData("Agent:SEK", "lots")]
    [InlineData("Agent:USD", "500")]
    public void A_mandate_that_is_not_a_positive_amount_in_a_known_currency_stops_the_start(string key, string value)
    {
        var error = Assert.Throws<StartupException>(() =>
            CompensationSettings.FromConfiguration(Configuration(new() { [$"{CompensationSettings.MandatesSection}:{key}"] = value })));
        Assert.Contains($"{CompensationSettings.MandatesSection}:{key}", error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
