using System.Globalization;
using Touchpoint.Tests.Api;

namespace Touchpoint.Tests.Scenarios;

/// <summary>
/// Issue 26: merges that cannot join two strangers, and can be undone. The records' evidence decides who may merge
/// them; a merge an agent may not make alone waits for a team lead; records of two countries merge only for a person who
/// moved; every merge can be undone, and the audit carries the evidence and every reason.
/// </summary>
public abstract class MergeScenarios(TouchpointApp app) : ApiTestBase(app)
{
    [Fact]
    public async Task A_lead_approves_a_merge_that_an_agent_could_not_make_alone()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        using var lead = await App.CreateClientAsAsync("lead");
        var kept = await CreateCustomerAsync(agent, "Henrik Telenor", "SE", ("msisdn", SwedishMobile()));
        var other = await CreateCustomerAsync(agent, "Henrik Sonofon", "SE", ("msisdn", SwedishMobile()));

        using (var unexplained = await agent.PostAsJsonAsync($"/api/customers/{kept}/merge", new { mergedCustomerId = other }, Cancel))
        {
            await HttpAssert.ValidationProblemAsync(unexplained, "reason");
        }

        using var asked = await agent.PostAsJsonAsync($"/api/customers/{kept}/merge",
            new { mergedCustomerId = other, reason = "He says the Sonofon account is his from before he married." }, Cancel);
        var request = await HttpAssert.JsonAsync(asked, HttpStatusCode.Accepted);
        var requestId = request.GetProperty("id").GetString()!;
        Assert.Equal("pending", request.GetProperty("state").GetString());
        Assert.Equal("no shared identity, and different names", request.GetProperty("evidence").GetString());
        Assert.Equal($"/api/merge-requests/{requestId}", asked.Headers.Location!.OriginalString);
        Assert.Equal("active", await StatusAsync(agent, other));

        using (var pending = await lead.GetAsync("/api/merge-requests?state=pending&limit=500", Cancel))
        {
            Assert.Contains((await HttpAssert.JsonAsync(pending)).EnumerateArray(), r => r.GetProperty("id").GetString() == requestId);
        }

        // A request names both customers and what staff wrote of them: the lead's reading it is a read of each.
        using (var admin = await App.CreateClientAsAsync("admin"))
        using (var reads = await admin.GetAsync($"/api/audit?customer={other}&action=Read", Cancel))
        {
            Assert.Contains((await HttpAssert.JsonAsync(reads)).EnumerateArray(),
                e => e.GetProperty("details").GetString() == "merge requests" && e.GetProperty("userName").GetString() == "lead");
        }

        // The agent cannot approve it, not even with a reason; a lead must give one.
        using (var byAgent = await agent.PostAsJsonAsync($"/api/merge-requests/{requestId}/approve", new { reason = "Trust me." }, Cancel))
        {
            await HttpAssert.ProblemAsync(byAgent, HttpStatusCode.Forbidden);
        }

        using (var unexplained = await lead.PostAsJsonAsync($"/api/merge-requests/{requestId}/approve", new { }, Cancel))
        {
            await HttpAssert.ValidationProblemAsync(unexplained, "reason");
        }

        using var approved = await lead.PostAsJsonAsync($"/api/merge-requests/{requestId}/approve",
            new { reason = "Checked his ID and the old contract: one person." }, Cancel);
        var merge = await HttpAssert.JsonAsync(approved);
        Assert.Equal(("merged", "Lars Lead"), (merge.GetProperty("state").GetString(), merge.GetProperty("decidedByName").GetString()));
        Assert.Equal(1, merge.GetProperty("movedRows").GetProperty("identities").GetInt32());
        Assert.Equal("merged", await StatusAsync(agent, other));

        using (var again = await lead.PostAsJsonAsync($"/api/merge-requests/{requestId}/refuse", new { reason = "Too late." }, Cancel))
        {
            await HttpAssert.ProblemAsync(again, HttpStatusCode.Conflict);
        }

        var requested = Assert.Single(await AuditAsync($"entityType=Customer&entityId={kept}&action=MergeRequested"));
        Assert.Equal("agent", requested.GetProperty("userName").GetString());
        var audited = Assert.Single(await AuditAsync($"entityType=Customer&entityId={kept}&action=Merged"));
        Assert.Equal("lead", audited.GetProperty("userName").GetString());
        var details = audited.GetProperty("details").GetString()!;
        Assert.Contains("Evidence: no shared identity, and different names", details, StringComparison.Ordinal);
        Assert.Contains("from before he married", details, StringComparison.Ordinal);
        Assert.Contains("Checked his ID", details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lead_refuses_a_request_and_nothing_moves()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        using var lead = await App.CreateClientAsAsync("lead");
        var kept = await CreateCustomerAsync(agent, "Anna Berg", "SE", ("msisdn", SwedishMobile()));
        var other = await CreateCustomerAsync(agent, "Anna Berg", "SE", ("msisdn", SwedishMobile()));
        using var asked = await agent.PostAsJsonAsync($"/api/customers/{kept}/merge", new { mergedCustomerId = other, reason = "Same name." }, Cancel);
        var request = await HttpAssert.JsonAsync(asked, HttpStatusCode.Accepted);
        Assert.Equal("the same name, but no national id on both to show the same birth date", request.GetProperty("evidence").GetString());

        using var twice = await agent.PostAsJsonAsync($"/api/customers/{other}/merge", new { mergedCustomerId = kept, reason = "Same name." }, Cancel);
        await HttpAssert.ProblemAsync(twice, HttpStatusCode.Conflict);

        using var refused = await lead.PostAsJsonAsync($"/api/merge-requests/{request.GetProperty("id").GetString()}/refuse",
            new { reason = "Two Anna Bergs: different addresses and ages." }, Cancel);
        Assert.Equal("refused", (await HttpAssert.JsonAsync(refused)).GetProperty("state").GetString());
        Assert.Equal("active", await StatusAsync(agent, other));
        var audited = Assert.Single(await AuditAsync($"entityType=Customer&entityId={kept}&action=MergeRefused"));
        Assert.Contains("Two Anna Bergs", audited.GetProperty("details").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_who_moved_is_merged_at_once_by_an_agent_on_name_and_birth_date_and_never_without_the_move()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var born = new DateOnly(1950, 1, 1).AddDays(Random.Shared.Next(0, 365 * 50));
        var name = $"Karin Flytt {Guid.NewGuid():N}"[..20];
        var swedish = await CreateCustomerAsync(agent, name, "SE", ("nationalId", SwedishPersonalNumber(born)));
        var danish = await CreateCustomerAsync(agent, name, "DK", ("nationalId", DanishCprNumber(born)));

        using (var refused = await agent.PostAsJsonAsync($"/api/customers/{swedish}/merge", new { mergedCustomerId = danish }, Cancel))
        {
            var problem = await HttpAssert.ProblemAsync(refused, HttpStatusCode.Conflict);
            Assert.Contains("different jurisdictions (DK → SE)", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using (var unexplained = await agent.PostAsJsonAsync($"/api/customers/{swedish}/merge", new { mergedCustomerId = danish, moved = true }, Cancel))
        {
            await HttpAssert.ValidationProblemAsync(unexplained, "reason");
        }

        using var merged = await agent.PostAsJsonAsync($"/api/customers/{swedish}/merge",
            new { mergedCustomerId = danish, moved = true, reason = "Moved from Copenhagen to Malmö in March." }, Cancel);
        var survivor = await HttpAssert.JsonAsync(merged);
        Assert.Equal(2, survivor.GetProperty("identities").GetArrayLength());
        Assert.Equal("merged", await StatusAsync(agent, danish));
        var audited = Assert.Single(await AuditAsync($"entityType=Customer&entityId={swedish}&action=Merged"));
        Assert.Equal("agent", audited.GetProperty("userName").GetString());
        Assert.Contains("the person moved (DK → SE); the same name and the same birth date in their national ids",
            audited.GetProperty("details").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Undoing_a_merge_restores_both_records_and_leaves_what_came_since_with_the_kept_one()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        using var lead = await App.CreateClientAsAsync("lead");
        var phone = SwedishMobile();
        var kept = await CreateCustomerAsync(agent, "Olle Kvar", "SE", ("msisdn", SwedishMobile()));
        var other = await CreateCustomerAsync(agent, "Olle Borta", "SE", ("msisdn", phone));
        await RecordAsync(agent, other, "Before the merge");
        using (var merge = await lead.PostAsJsonAsync($"/api/customers/{kept}/merge", new { mergedCustomerId = other, reason = "He said so." }, Cancel))
        {
            await HttpAssert.JsonAsync(merge);
        }

        await RecordAsync(agent, kept, "After the merge");

        using (var byAgent = await agent.PostAsJsonAsync($"/api/customers/{other}/unmerge", new { reason = "Oops." }, Cancel))
        {
            await HttpAssert.ProblemAsync(byAgent, HttpStatusCode.Forbidden);
        }

        using (var unexplained = await lead.PostAsJsonAsync($"/api/customers/{other}/unmerge", new { }, Cancel))
        {
            await HttpAssert.ValidationProblemAsync(unexplained, "reason");
        }

        using (var fromKept = await lead.PostAsJsonAsync($"/api/customers/{kept}/unmerge", new { reason = "Wrong one." }, Cancel))
        {
            await HttpAssert.ProblemAsync(fromKept, HttpStatusCode.Conflict);
        }

        using var undone = await lead.PostAsJsonAsync($"/api/customers/{other}/unmerge", new { reason = "Two people after all: father and son." }, Cancel);
        Assert.Equal("undone", (await HttpAssert.JsonAsync(undone)).GetProperty("state").GetString());

        Assert.Equal("active", await StatusAsync(agent, other));
        using (var restored = await agent.GetAsync($"/api/customers/{other}", Cancel))
        {
            var view = await HttpAssert.JsonAsync(restored);
            Assert.Equal([phone], view.GetProperty("customer").GetProperty("identities").EnumerateArray().Select(i => i.GetProperty("value").GetString()!).ToArray());
        }

        Assert.Contains("Inbound phone: Before the merge", await TimelineTitlesAsync(agent, other));
        var keptTimeline = await TimelineTitlesAsync(agent, kept);
        Assert.Contains("Inbound phone: After the merge", keptTimeline);
        Assert.DoesNotContain("Inbound phone: Before the merge", keptTimeline);
        using (var search = await agent.GetAsync($"/api/customers?q={Uri.EscapeDataString("Olle Borta")}", Cancel))
        {
            Assert.Contains((await HttpAssert.JsonAsync(search)).EnumerateArray(), h => h.GetProperty("id").GetString() == other);
        }

        var audited = Assert.Single(await AuditAsync($"entityType=Customer&entityId={other}&action=Unmerged"));
        Assert.Contains("father and son", audited.GetProperty("details").GetString(), StringComparison.Ordinal);

        using var twice = await lead.PostAsJsonAsync($"/api/customers/{other}/unmerge", new { reason = "Again." }, Cancel);
        await HttpAssert.ProblemAsync(twice, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_the_field()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var kept = await CreateCustomerAsync(agent, "Bad Input", "SE", ("msisdn", SwedishMobile()));

        using (var missing = await agent.PostAsJsonAsync($"/api/customers/{kept}/merge", new { }, Cancel))
        {
            await HttpAssert.ValidationProblemAsync(missing, "mergedCustomerId");
        }

        using (var itself = await agent.PostAsJsonAsync($"/api/customers/{kept}/merge", new { mergedCustomerId = kept }, Cancel))
        {
            await HttpAssert.ValidationProblemAsync(itself, "mergedCustomerId");
        }

        using (var unknown = await agent.PostAsJsonAsync($"/api/customers/{kept}/merge", new { mergedCustomerId = Guid.NewGuid() }, Cancel))
        {
            await HttpAssert.ValidationProblemAsync(unknown, "mergedCustomerId");
        }

        using (var nul = await agent.PostAsJsonAsync($"/api/customers/{kept}/merge", new { mergedCustomerId = Guid.NewGuid(), reason = "a\u0000b" }, Cancel))
        {
            await HttpAssert.ValidationProblemAsync(nul, "reason");
        }

        using (var state = await agent.GetAsync("/api/merge-requests?state=maybe", Cancel))
        {
            await HttpAssert.ValidationProblemAsync(state, "state");
        }

        using var lead = await App.CreateClientAsAsync("lead");
        using var nothing = await lead.PostAsJsonAsync($"/api/merge-requests/{Guid.NewGuid()}/approve", new { reason = "Fine." }, Cancel);
        await HttpAssert.ProblemAsync(nothing, HttpStatusCode.NotFound);
    }

    private static string SwedishMobile() => string.Create(CultureInfo.InvariantCulture, $"+4673{Random.Shared.Next(1_000_000, 9_999_999)}");

    /// <summary>A valid personnummer of someone born on <paramref name="born"/>, written YYYYMMDD-NNNC.</summary>
    private static string SwedishPersonalNumber(DateOnly born)
    {
        var digits = string.Create(CultureInfo.InvariantCulture, $"{born:yyMMdd}{Random.Shared.Next(0, 1000):000}");
        // The check digit is the Luhn digit of the ten-digit form's first nine.
        var sum = digits.Select((c, i) => (c - '0') * (i % 2 == 0 ? 2 : 1)).Sum(v => (v / 10) + (v % 10));
        return string.Create(CultureInfo.InvariantCulture, $"{born:yyyyMMdd}-{digits[6..]}{(10 - (sum % 10)) % 10}");
    }

    /// <summary>A CPR number of someone born on <paramref name="born"/> in the 1900s (serial starting 0–3), DDMMYY-SSSS.</summary>
    private static string DanishCprNumber(DateOnly born) =>
        string.Create(CultureInfo.InvariantCulture, $"{born:ddMMyy}-{Random.Shared.Next(0, 4000):0000}");

    private static async Task<string> CreateCustomerAsync(HttpClient client, string name, string jurisdiction, (string Kind, string Value) identity)
    {
        using var response = await client.PostAsJsonAsync("/api/customers",
            new { name, jurisdiction, identities = new[] { new { kind = identity.Kind, value = identity.Value } } }, Cancel);
        return (await HttpAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }

    private static async Task RecordAsync(HttpClient client, string customerId, string reason)
    {
        using var response = await client.PostAsJsonAsync("/api/interactions", new { customerId, channel = "phone", direction = "inbound", reason }, Cancel);
        await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
    }

    private static async Task<string?> StatusAsync(HttpClient client, string customerId)
    {
        using var response = await client.GetAsync($"/api/customers/{customerId}", Cancel);
        return (await HttpAssert.JsonAsync(response)).GetProperty("customer").GetProperty("status").GetString();
    }

    private static async Task<List<string?>> TimelineTitlesAsync(HttpClient client, string customerId)
    {
        using var response = await client.GetAsync($"/api/customers/{customerId}/timeline?limit=50", Cancel);
        return (await HttpAssert.JsonAsync(response)).GetProperty("items").EnumerateArray().Select(e => e.GetProperty("title").GetString()).ToList();
    }
}

[Trait("Provider", "Sqlite")]
public sealed class MergeScenariosOnSqlite(SqliteApp app) : MergeScenarios(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class MergeScenariosOnPostgres(PostgresApp app) : MergeScenarios(app), IClassFixture<PostgresApp>;
