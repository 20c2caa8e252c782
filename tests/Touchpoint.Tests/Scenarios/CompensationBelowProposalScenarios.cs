using Touchpoint.Features.Compensation;
using Touchpoint.Tests.Api;

namespace Touchpoint.Tests.Scenarios;

/// <summary>
/// S3-3, "a token cannot replace what is owed", through /api/compensations: Bert was 37 days without the broadband he
/// pays 899 kr a month for, and got 350 kr of call credit. Now the policy prices the harm at 1,110 kr; 350 kr needs a
/// stated reason and the approval of someone whose mandate covers 1,110 kr, and Bert is told both figures and the
/// reason. At least the proposal, within one's mandate, is still granted at once.
/// </summary>
public abstract class CompensationBelowProposalScenarios(TouchpointApp app) : ApiTestBase(app)
{
    /// <summary>Bert Lindqvist, the S3 customer in the demo data.</summary>
    private const string S3Msisdn = "+46705550303";

    private const string NoCoverage = "4G broadband sold for the summer house on Vätö, which has no 4G coverage";

    private const string Why = "He used the line as a hotspot from the mainland on 20 of the 37 days";

    /// <summary>37 days at 899 kr a month: 30 kr a day (rounded up), 1,110 kr.</summary>
    private static readonly object[] ThirtySevenDaysWithoutService = [new { kind = "daysWithoutService", days = 37, monthlyPrice = 899m }];

    [Fact]
    public async Task S3_3_a_token_below_the_policys_proposal_needs_a_reason_and_the_approval_of_someone_whose_mandate_covers_the_proposal()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        using var store = await App.CreateClientAsAsync("store");
        using var lead = await App.CreateClientAsAsync("lead");
        var bert = await FindCustomerAsync(agent, S3Msisdn);

        // 350 kr is within the agent's 500 kr, but below the 1,110 kr the policy sets: without a reason it is refused.
        using var silent = await PostAsync(agent, "/api/compensations", new { customerId = bert, amount = 350m, reason = NoCoverage, harms = ThirtySevenDaysWithoutService });
        var problem = await HttpAssert.ValidationProblemAsync(silent, "belowProposalReason");
        Assert.Contains("The policy proposes 1,110.00 SEK for what went wrong; granting 350.00 SEK, less than that, needs a stated reason",
            problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await ListAsync(agent, $"customerId={bert}"));

        using var tooLong = await PostAsync(agent, "/api/compensations",
            new { customerId = bert, amount = 350m, reason = NoCoverage, harms = ThirtySevenDaysWithoutService, belowProposalReason = new string('x', 1001) });
        await HttpAssert.ValidationProblemAsync(tooLong, "belowProposalReason");

        // With a reason it is not granted at once: it waits for someone whose mandate covers the proposal.
        using var requested = await PostAsync(agent, "/api/compensations",
            new { customerId = bert, amount = 350m, reason = NoCoverage, harms = ThirtySevenDaysWithoutService, belowProposalReason = Why });
        var pending = await HttpAssert.JsonAsync(requested, HttpStatusCode.Accepted);
        var id = pending.GetProperty("id").GetString()!;
        Assert.Equal("pendingApproval", pending.GetProperty("status").GetString());
        Assert.Equal((350m, 1_110m), (pending.GetProperty("amount").GetDecimal(), pending.GetProperty("proposedAmount").GetDecimal()));
        Assert.True(pending.GetProperty("belowProposal").GetBoolean());
        Assert.Equal(Why, pending.GetProperty("belowProposalReason").GetString());
        Assert.Equal("TeamLead", pending.GetProperty("approverRole").GetString());
        Assert.Equal(await UserIdAsync("lead"), pending.GetProperty("approvalRequestedOfUserId").GetString());
        Assert.Equal("writtenReply", await PromiseKindAsync(agent, pending.GetProperty("answerPromiseId").GetString()!));

        // The approver sees the policy's amount and the reason: in the inbox and in the list of what they may decide.
        var asked = Assert.Single(await InboxAsync(lead), n => n.Kind == "approvalRequested" && n.CustomerId == bert);
        Assert.Equal("Approve compensation of 350 SEK for Bert Lindqvist, below the policy's 1,110 SEK?", asked.Title);
        Assert.Contains($"Below the policy's proposal of 1,110 SEK, because: {Why}", asked.Detail, StringComparison.Ordinal);
        var listed = Assert.Single(await ListAsync(lead, "pendingFor=me"), c => c.GetProperty("id").GetString() == id);
        Assert.Equal((1_110m, Why), (listed.GetProperty("proposedAmount").GetDecimal(), listed.GetProperty("belowProposalReason").GetString()));

        // A colleague's 500 kr covers the token but not what is owed: they may not approve it, and it is not on their list.
        Assert.DoesNotContain(await ListAsync(store, "pendingFor=me"), c => c.GetProperty("id").GetString() == id);
        using var colleague = await PostAsync(store, $"/api/compensations/{id}/approve", new { });
        Assert.Contains("does not cover the policy's proposal of 1,110.00 SEK, which 350.00 SEK falls short of",
            (await HttpAssert.ProblemAsync(colleague, HttpStatusCode.Forbidden)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await MessagesAsync(agent, bert, "compensationGranted"));

        using var approved = await PostAsync(lead, $"/api/compensations/{id}/approve", new { note = "Agreed: the hotspot days were usable" });
        Assert.Equal("approved", (await HttpAssert.JsonAsync(approved)).GetProperty("status").GetString());

        // Bert is told in writing what the policy sets, what he gets, and why less.
        var message = Assert.Single(await MessagesAsync(agent, bert, "compensationGranted"));
        // In Bert's language, amounts as Swedes write them.
        Assert.Equal("Din ersättning på 350,00 kr", Spaced(message.GetProperty("subject").GetString()!));
        var content = message.GetProperty("content").GetString()!;
        Assert.Contains($"Du får 350,00 kr i ersättning för: {NoCoverage}.", Spaced(content), StringComparison.Ordinal);
        Assert.Contains($"Enligt våra ersättningsregler ger det som hänt 1 110,00 kr. Du får 350,00 kr, mindre än så, eftersom: {Why}", Spaced(content), StringComparison.Ordinal);
        Assert.Equal("initial", message.GetProperty("state").GetString());

        var decided = Assert.Single(await TimelineAsync(agent, bert, "compensation"), e => e.Title.Contains("approved by Lars Lead", StringComparison.Ordinal));
        Assert.Contains($"Below the policy's proposal of 1,110 SEK, because: {Why}", decided.Detail, StringComparison.Ordinal);
        Assert.Contains(await TimelineAsync(agent, bert, "message"), e => Spaced(e.Title).EndsWith("Din ersättning på 350,00 kr", StringComparison.Ordinal));
    }

    [Fact]
    public async Task S3_3_granting_at_least_the_proposal_within_the_mandate_stays_instant_and_the_customer_is_told_the_policy_amount()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        using var lead = await App.CreateClientAsAsync("lead");
        var (customerId, email) = await CreateCustomerAsync(agent);
        object[] harms = [new { kind = "missedTechnicianAppointment" }, new { kind = "brokenPromise", promiseKind = "callback" }];

        using var exactly = await PostAsync(agent, "/api/compensations",
            new { customerId, amount = 400m, reason = "The technician never came, nor did the callback", harms, belowProposalReason = "Nothing is withheld" });
        var granted = await HttpAssert.JsonAsync(exactly, HttpStatusCode.Created);
        Assert.Equal("granted", granted.GetProperty("status").GetString());
        Assert.Equal(400m, granted.GetProperty("proposedAmount").GetDecimal());
        Assert.False(granted.GetProperty("belowProposal").GetBoolean());
        // A reason for less means nothing when nothing is less: it is not kept, nor told.
        Assert.Equal(JsonValueKind.Null, granted.GetProperty("belowProposalReason").ValueKind);
        Assert.Equal(JsonValueKind.Null, granted.GetProperty("answerPromiseId").ValueKind);

        using var more = await PostAsync(agent, "/api/compensations", new { customerId, amount = 450m, reason = "And the second visit", harms });
        Assert.Equal("granted", (await HttpAssert.JsonAsync(more, HttpStatusCode.Created)).GetProperty("status").GetString());
        Assert.DoesNotContain(await InboxAsync(lead), n => n.Kind == "approvalRequested" && n.CustomerId == customerId);

        var messages = await MessagesAsync(agent, customerId, "compensationGranted");
        Assert.Equal(["Din ersättning på 450,00 kr", "Din ersättning på 400,00 kr"], messages.Select(m => Spaced(m.GetProperty("subject").GetString()!)).ToArray());
        Assert.All(messages, m => Assert.Equal(email, m.GetProperty("receiver")[0].GetProperty("email").GetString()));
        var content = messages[1].GetProperty("content").GetString()!;
        Assert.Contains("Enligt våra ersättningsregler ger det som hänt 400,00 kr.", Spaced(content), StringComparison.Ordinal);
        Assert.DoesNotContain("mindre än så", content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task S3_3_even_a_team_lead_whose_mandate_covers_the_proposal_cannot_grant_a_token_alone()
    {
        using var lead = await App.CreateClientAsAsync("lead");
        using var admin = await App.CreateAdminClientAsync();
        var (customerId, _) = await CreateCustomerAsync(lead);

        using var requested = await PostAsync(lead, "/api/compensations",
            new { customerId, amount = 200m, reason = "A month of dropped calls", harms = ThirtySevenDaysWithoutService, belowProposalReason = "Calls worked at home" });
        var pending = await HttpAssert.JsonAsync(requested, HttpStatusCode.Accepted);
        var id = pending.GetProperty("id").GetString()!;
        // The lead reports to the admin, who stands in as head of care.
        Assert.Equal(await UserIdAsync("admin"), pending.GetProperty("approvalRequestedOfUserId").GetString());

        using var own = await PostAsync(lead, $"/api/compensations/{id}/approve", new { });
        Assert.Contains("your own", (await HttpAssert.ProblemAsync(own, HttpStatusCode.Forbidden)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        // A refusal tells the requester; the customer hears nothing until something is granted.
        using var refused = await PostAsync(admin, $"/api/compensations/{id}/refuse", new { note = "Grant the 1,110 kr the policy sets" });
        Assert.Equal("refused", (await HttpAssert.JsonAsync(refused)).GetProperty("status").GetString());
        Assert.Empty(await MessagesAsync(lead, customerId, "compensationGranted"));

        using var full = await PostAsync(lead, "/api/compensations", new { customerId, amount = 1_110m, reason = "A month of dropped calls", harms = ThirtySevenDaysWithoutService });
        Assert.Equal("granted", (await HttpAssert.JsonAsync(full, HttpStatusCode.Created)).GetProperty("status").GetString());
        Assert.Single(await MessagesAsync(lead, customerId, "compensationGranted"));
    }

    [Fact]
    public async Task A_proposal_beyond_every_mandate_cannot_be_undercut_and_nothing_is_stored()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var (customerId, _) = await CreateCustomerAsync(agent);
        // Twenty porting delays of 60 days at 50 kr a day: 60,000 kr, above the head of care's 50,000 kr.
        object[] harms = [.. Enumerable.Range(0, CompensationCommands.MaxHarms).Select(_ => new { kind = "portingDelay", days = 60 })];

        using var response = await PostAsync(agent, "/api/compensations",
            new { customerId, amount = 1_000m, reason = "The number never moved", harms, belowProposalReason = "He kept the old number meanwhile" });
        var conflict = await HttpAssert.ProblemAsync(response, HttpStatusCode.Conflict);
        Assert.StartsWith("The policy proposes 60,000.00 SEK, above every mandate in SEK", conflict.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(60_000m, conflict.GetProperty("proposedAmount").GetDecimal());
        Assert.Empty(await ListAsync(agent, $"customerId={customerId}"));
    }

    // ---- helpers ----

    private sealed record InboxItem(string Kind, string Title, string Detail, string? CustomerId);

    private sealed record TimelineItem(string Title, string Detail);

    private static async Task<List<InboxItem>> InboxAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/inbox?limit=500", Cancel);
        return (await HttpAssert.JsonAsync(response)).GetProperty("items").EnumerateArray()
            .Select(n => new InboxItem(n.GetProperty("kind").GetString()!, n.GetProperty("title").GetString()!, n.GetProperty("detail").GetString()!, n.GetProperty("customerId").GetString()))
            .ToList();
    }

    private static async Task<List<TimelineItem>> TimelineAsync(HttpClient client, string customerId, string kind)
    {
        using var response = await client.GetAsync($"/api/customers/{customerId}/timeline?kind={kind}", Cancel);
        return (await HttpAssert.JsonAsync(response)).GetProperty("items").EnumerateArray()
            .Select(e => new TimelineItem(e.GetProperty("title").GetString()!, e.GetProperty("detail").GetString() ?? ""))
            .ToList();
    }

    /// <summary>The customer's messages of one purpose in the outbox (TMF681), newest first.</summary>
    private static async Task<List<JsonElement>> MessagesAsync(HttpClient client, string customerId, string purpose)
    {
        using var response = await client.GetAsync($"/tmf-api/communicationManagement/v4/communicationMessage?receiver.id={customerId}&limit=100", Cancel);
        return (await HttpAssert.JsonAsync(response)).EnumerateArray()
            .Where(m => m.GetProperty("characteristic").EnumerateArray().Any(c => c.GetProperty("name").GetString() == "purpose" && c.GetProperty("value").GetString() == purpose))
            .ToList();
    }

    private static async Task<List<JsonElement>> ListAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync($"/api/compensations?{query}", Cancel);
        return (await HttpAssert.JsonAsync(response)).EnumerateArray().ToList();
    }

    private static async Task<string> PromiseKindAsync(HttpClient client, string promiseId)
    {
        using var response = await client.GetAsync($"/api/promises/{promiseId}", Cancel);
        return (await HttpAssert.JsonAsync(response)).GetProperty("kind").GetString()!;
    }

    private async Task<string> UserIdAsync(string userName) =>
        await App.WithDbContextAsync(db => Task.FromResult(db.Users.Single(u => u.UserName == userName).Id));

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body) => client.PostAsJsonAsync(path, body, Cancel);

    /// <summary>Amounts as cultures write them keep their words together with no-break spaces; compared as plain spaces.</summary>
    private static string Spaced(string text) => text.Replace('\u00A0', ' ').Replace('\u202F', ' ');

    private static async Task<(string Id, string Email)> CreateCustomerAsync(HttpClient client)
    {
        var email = $"token.{Guid.NewGuid():N}@example.com";
        using var response = await PostAsync(client, "/api/customers",
            new { name = "Tove Token", jurisdiction = "SE", identities = new[] { new { kind = "email", value = email } } });
        return ((await HttpAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetString()!, email);
    }

    private static async Task<string> FindCustomerAsync(HttpClient client, string identity)
    {
        using var response = await client.GetAsync($"/api/customers?q={Uri.EscapeDataString(identity)}", Cancel);
        return Assert.Single((await HttpAssert.JsonAsync(response)).EnumerateArray(), h => h.GetProperty("exactIdentityMatch").GetBoolean()).GetProperty("id").GetString()!;
    }
}

[Trait("Provider", "Sqlite")]
public sealed class CompensationBelowProposalScenariosOnSqlite(SqliteApp app) : CompensationBelowProposalScenarios(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class CompensationBelowProposalScenariosOnPostgres(PostgresApp app) : CompensationBelowProposalScenarios(app), IClassFixture<PostgresApp>;
