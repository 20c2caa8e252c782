using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Touchpoint.Features.Audit;
using Touchpoint.Features.Privacy;

namespace Touchpoint.Tests.Scenarios;

/// <summary>
/// GDPR Art. 17 and retention, replayed through the API: a former customer asks to be forgotten; an agent records
/// the request, a team lead gives it a day, and on that day his timeline is anonymised while the contract summary the
/// law keeps stays until its retention ends, when the purge takes it too. Someone who was never a customer is
/// anonymised by the purge alone when his retention ends.
/// </summary>
public abstract class ErasureScenarios(PostgresServer postgres, Provider provider)
{
    private const string Name = "Anders Holmqvist";
    private const string Email = "anders.holmqvist@example.se";
    private const string Words = "His daughter Klara moved to Lund";
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Erasure_of_a_former_customer_anonymises_his_timeline_but_keeps_his_contract_summary_until_its_retention_ends()
    {
        var clock = new FakeTimeProvider(Start);
        await using var app = await TouchpointApp.StartAsync(provider, postgres, clock: clock);
        using var agent = await app.CreateClientAsAsync("agent");
        using var lead = await app.CreateClientAsAsync("lead");
        var msisdn = $"+4670{Random.Shared.Next(1_000_000, 9_999_999)}";
        var anders = await CreateAsync(agent, msisdn);
        var subscription = await SellAsync(agent, anders, msisdn);
        await RecordContactAsync(agent, anders);
        await ComplainAndResolveAsync(agent, anders);

        // While his contract is in force nothing of his may go, and the plan says why.
        var inForce = await PlanAsync(agent, anders);
        Assert.False(inForce.GetProperty("canBeRequested").GetBoolean());
        Assert.Contains("contract in force", inForce.GetProperty("blocker").GetString(), StringComparison.Ordinal);
        using (var early = await agent.PostAsJsonAsync($"/api/customers/{anders}/erasure-requests", new { receivedVia = "phone" }, Cancel))
        {
            Assert.Contains("contract in force", (await HttpAssert.ProblemAsync(early, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        // He withdraws from the phone sale (CRD-9): the subscription ends today and he is a former customer.
        using (var withdrawn = await agent.PostAsJsonAsync($"/api/subscriptions/{subscription}/withdrawal", new { channel = "phone" }, Cancel))
        {
            await HttpAssert.JsonAsync(withdrawn, HttpStatusCode.Created);
        }

        var timelineBefore = await app.WithDbContextAsync(db => db.TimelineEntries.CountAsync(t => t.CustomerId == Guid.Parse(anders), Cancel));
        var summaries = await app.WithDbContextAsync(db => db.ContractSummaries.CountAsync(s => s.CustomerId == Guid.Parse(anders), Cancel));
        Assert.True(summaries > 0, "The sale issued a contract summary (EU-102).");

        var plan = await PlanAsync(agent, anders);
        Assert.True(plan.GetProperty("canBeRequested").GetBoolean());
        var timeline = Kind(plan, "timeline");
        Assert.Equal(("anonymise", timelineBefore), (timeline.GetProperty("fate").GetString(), timeline.GetProperty("records").GetInt32()));
        var summary = Kind(plan, "contractSummaries");
        Assert.Equal("keep", summary.GetProperty("fate").GetString());
        var keptUntil = DateOnly.Parse(summary.GetProperty("keptUntil").GetString()!, CultureInfo.InvariantCulture);
        Assert.Equal(DateOnly.FromDateTime(Start.UtcDateTime).AddMonths(84), keptUntil);
        Assert.Contains("bookkeeping", summary.GetProperty("why").GetString(), StringComparison.Ordinal);
        Assert.Equal("delete", Kind(plan, "identities").GetProperty("fate").GetString());

        // The agent who took his call records the request; only a team lead gives it a day, within the month.
        using var requested = await agent.PostAsJsonAsync($"/api/customers/{anders}/erasure-requests", new { receivedVia = "phone" }, Cancel);
        var request = await HttpAssert.JsonAsync(requested, HttpStatusCode.Created);
        var id = request.GetProperty("id").GetString()!;
        Assert.Equal(("pending", "2027-01-07"), (request.GetProperty("state").GetString(), request.GetProperty("answerBy").GetString()));
        using (var again = await agent.PostAsJsonAsync($"/api/customers/{anders}/erasure-requests", new { receivedVia = "email" }, Cancel))
        {
            Assert.Contains("already open", (await HttpAssert.ProblemAsync(again, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using (var byAgent = await agent.PostAsJsonAsync($"/api/erasure-requests/{id}/schedule", new { on = "2026-12-08" }, Cancel))
        {
            Assert.Equal(HttpStatusCode.Forbidden, byAgent.StatusCode);
        }

        using (var tooLate = await lead.PostAsJsonAsync($"/api/erasure-requests/{id}/schedule", new { on = "2027-01-08" }, Cancel))
        {
            await HttpAssert.ValidationProblemAsync(tooLate, "on");
        }

        using var scheduled = await lead.PostAsJsonAsync($"/api/erasure-requests/{id}/schedule", new { on = "2026-12-07" }, Cancel);
        Assert.Equal("scheduled", (await HttpAssert.JsonAsync(scheduled)).GetProperty("state").GetString());
        await app.RunDueWorkAsync();
        var done = await RequestAsync(lead, id);
        Assert.Equal("done", done.GetProperty("state").GetString());
        Assert.Contains("timeline: ", done.GetProperty("outcome").GetString(), StringComparison.Ordinal);
        Assert.Contains($"Kept until {keptUntil:yyyy-MM-dd}: subscriptions 1, contractSummaries {summaries}", done.GetProperty("outcome").GetString(), StringComparison.Ordinal);

        // His timeline keeps its entries, so reports count them, but none of them says anything about him.
        var entries = await app.WithDbContextAsync(db => db.TimelineEntries.AsNoTracking().Where(t => t.CustomerId == Guid.Parse(anders)).ToListAsync(Cancel));
        Assert.Equal(timelineBefore + 1, entries.Count);
        Assert.All(entries.Where(e => !e.Title.StartsWith("Personal data erased", StringComparison.Ordinal)), e => Assert.True(e.Title == RecordDisposal.Erased && e.Detail is "" or RecordDisposal.Erased, $"{e.Title}: {e.Detail}"));
        // Nor do the facts a title is rendered from in each reader's language: an entry keeps its key, its args go.
        Assert.Contains(entries, e => e.TitleKey is not null);
        Assert.All(entries.Where(e => !e.Title.StartsWith("Personal data erased", StringComparison.Ordinal)), e => Assert.True(e.TitleArgs is null && e.DetailArgs is null, $"{e.TitleKey}: {e.TitleArgs} / {e.DetailKey}: {e.DetailArgs}"));
        using (var customer = await lead.GetAsync($"/api/customers/{anders}", Cancel))
        {
            Assert.Equal(RecordDisposal.Erased, (await HttpAssert.JsonAsync(customer)).GetProperty("customer").GetProperty("name").GetString());
        }

        using (var byPhone = await lead.GetAsync($"/api/customers?q={Uri.EscapeDataString(msisdn)}", Cancel))
        {
            Assert.Empty((await HttpAssert.JsonAsync(byPhone)).EnumerateArray());
        }

        // Nothing of him is left in any kind of record the plan did not keep (the audit is kept: it says who read what).
        // What the law keeps (his subscription's number, for one) is the only place his data may still be.
        var kept = plan.GetProperty("kinds").EnumerateArray().Where(k => k.GetProperty("fate").GetString() == "keep").Select(k => k.GetProperty("kind").GetString()).ToHashSet();
        Assert.Contains("subscriptions", kept);
        var export = await ExportSectionsAsync(app, lead, anders);
        var leaks = (from section in export
                     where !kept.Contains(section.Key)
                     from personal in new[] { Name, Email, msisdn[1..], Words, "Holmqvist" }
                     where section.Value.Contains(personal, StringComparison.Ordinal)
                     select $"{section.Key} holds '{personal}'").ToList();
        Assert.True(leaks.Count == 0, string.Join("; ", leaks));

        Assert.Equal(summaries, await app.WithDbContextAsync(db => db.ContractSummaries.CountAsync(s => s.CustomerId == Guid.Parse(anders), Cancel)));
        var disposed = await app.WithDbContextAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == AuditAction.Disposed && e.EntityId == anders).Select(e => e.Details).ToListAsync(Cancel));
        Assert.Contains("GDPR Art. 17", Assert.Single(disposed), StringComparison.Ordinal);

        // The day after the contract summary's retention ends, the purge takes it, and says so in the audit.
        clock.SetUtcNow(new DateTimeOffset(keptUntil.AddDays(1).ToDateTime(new TimeOnly(1, 0)), TimeSpan.Zero));
        await app.RunDueWorkAsync();
        Assert.Equal(0, await app.WithDbContextAsync(db => db.ContractSummaries.CountAsync(s => s.CustomerId == Guid.Parse(anders), Cancel)));
        var purges = await app.WithDbContextAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == AuditAction.Disposed && e.EntityId == anders && e.Details!.StartsWith("Retention purge")).Select(e => e.Details).ToListAsync(Cancel));
        Assert.Contains(purges, p => p!.Contains($"contractSummaries: {summaries} deleted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Someone_who_only_got_in_touch_is_anonymised_by_the_purge_when_his_retention_ends_and_not_before()
    {
        var clock = new FakeTimeProvider(Start);
        await using var app = await TouchpointApp.StartAsync(provider, postgres, clock: clock);
        using var agent = await app.CreateClientAsAsync("agent");
        var prospect = await CreateAsync(agent, $"+4670{Random.Shared.Next(1_000_000, 9_999_999)}");
        await RecordContactAsync(agent, prospect);

        clock.Advance(TimeSpan.FromDays(365 * 2));
        await app.RunDueWorkAsync();
        Assert.Equal(Name, await NameAsync(app, prospect));
        // Looking at his retention and putting the next look on a later day is nobody's change of his record.
        Assert.False(await app.WithDbContextAsync(db => db.AuditEntries.AnyAsync(e => e.EntityId == prospect && e.Action == AuditAction.Updated, Cancel)));

        clock.Advance(TimeSpan.FromDays(3));
        await app.RunDueWorkAsync();
        Assert.Equal(RecordDisposal.Erased, await NameAsync(app, prospect));
        var contact = await app.WithDbContextAsync(db => db.Interactions.AsNoTracking().SingleAsync(i => i.CustomerId == Guid.Parse(prospect), Cancel));
        Assert.Equal((RecordDisposal.Erased, RecordDisposal.Erased), (contact.Reason, contact.Summary));
        Assert.Equal(("phone", "inbound"), (contact.Channel.ToString().ToLowerInvariant(), contact.Direction.ToString().ToLowerInvariant()));
        Assert.Equal(0, await app.WithDbContextAsync(db => db.CustomerIdentities.CountAsync(i => i.CustomerId == Guid.Parse(prospect), Cancel)));
        var purge = await app.WithDbContextAsync(db => db.AuditEntries.AsNoTracking()
            .SingleAsync(e => e.Action == AuditAction.Disposed && e.EntityId == prospect, Cancel));
        Assert.StartsWith("Retention purge", purge.Details, StringComparison.Ordinal);
        Assert.DoesNotContain(Name, purge.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_legal_hold_keeps_everything_an_erasure_would_take_until_it_ends()
    {
        var clock = new FakeTimeProvider(Start);
        await using var app = await TouchpointApp.StartAsync(provider, postgres, clock: clock);
        using var agent = await app.CreateClientAsAsync("agent");
        using var lead = await app.CreateClientAsAsync("lead");
        using var admin = await app.CreateAdminClientAsync();
        var prospect = await CreateAsync(agent, $"+4670{Random.Shared.Next(1_000_000, 9_999_999)}");

        using (var byLead = await lead.PutAsJsonAsync($"/api/customers/{prospect}/legal-hold", new { until = "2027-03-01", reason = "Police request 2026/881" }, Cancel))
        {
            Assert.Equal(HttpStatusCode.Forbidden, byLead.StatusCode);
        }

        using (var noReason = await admin.PutAsJsonAsync($"/api/customers/{prospect}/legal-hold", new { until = "2027-03-01" }, Cancel))
        {
            await HttpAssert.ValidationProblemAsync(noReason, "reason");
        }

        using (var held = await admin.PutAsJsonAsync($"/api/customers/{prospect}/legal-hold", new { until = "2027-03-01", reason = "Police request 2026/881" }, Cancel))
        {
            Assert.Equal("2027-03-01", (await HttpAssert.JsonAsync(held)).GetProperty("until").GetString());
        }

        var plan = await PlanAsync(agent, prospect);
        Assert.All(plan.GetProperty("kinds").EnumerateArray(), k => Assert.Equal("keep", k.GetProperty("fate").GetString()));
        Assert.Contains("Police request 2026/881", Kind(plan, "identities").GetProperty("why").GetString(), StringComparison.Ordinal);

        using var requested = await agent.PostAsJsonAsync($"/api/customers/{prospect}/erasure-requests", new { receivedVia = "email" }, Cancel);
        var id = (await HttpAssert.JsonAsync(requested, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        using (var scheduled = await lead.PostAsJsonAsync($"/api/erasure-requests/{id}/schedule", new { on = "2026-12-07" }, Cancel))
        {
            await HttpAssert.JsonAsync(scheduled);
        }

        await app.RunDueWorkAsync();
        Assert.Equal("done", (await RequestAsync(agent, id)).GetProperty("state").GetString());
        Assert.Equal(Name, await NameAsync(app, prospect));

        // The day after the hold ends, the purge finishes the erasure the hold held up.
        clock.SetUtcNow(new DateTimeOffset(2027, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await app.RunDueWorkAsync();
        Assert.Equal(Name, await NameAsync(app, prospect));
        clock.SetUtcNow(new DateTimeOffset(2027, 3, 2, 1, 0, 0, TimeSpan.Zero));
        await app.RunDueWorkAsync();
        Assert.Equal(RecordDisposal.Erased, await NameAsync(app, prospect));
        Assert.Equal(0, await app.WithDbContextAsync(db => db.CustomerIdentities.CountAsync(i => i.CustomerId == Guid.Parse(prospect), Cancel)));
    }

    [Theory]
    [InlineData("{}", "receivedVia")]
    [InlineData("{\"receivedVia\":\"pigeon\"}", "receivedVia")]
    public async Task A_request_names_the_channel_it_came_by(string body, string field)
    {
        await using var app = await TouchpointApp.StartAsync(provider, postgres, clock: new FakeTimeProvider(Start));
        using var agent = await app.CreateClientAsAsync("agent");
        var prospect = await CreateAsync(agent, $"+4670{Random.Shared.Next(1_000_000, 9_999_999)}");
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await agent.PostAsync($"/api/customers/{prospect}/erasure-requests", content, Cancel);
        await HttpAssert.ValidationProblemAsync(response, field);
        Assert.Equal(0, await app.WithDbContextAsync(db => db.ErasureRequests.CountAsync(Cancel)));
    }

    [Fact]
    public async Task A_cancelled_request_says_why_and_is_never_carried_out()
    {
        await using var app = await TouchpointApp.StartAsync(provider, postgres, clock: new FakeTimeProvider(Start));
        using var agent = await app.CreateClientAsAsync("agent");
        using var lead = await app.CreateClientAsAsync("lead");
        var prospect = await CreateAsync(agent, $"+4670{Random.Shared.Next(1_000_000, 9_999_999)}");
        using var requested = await agent.PostAsJsonAsync($"/api/customers/{prospect}/erasure-requests", new { receivedVia = "store" }, Cancel);
        var id = (await HttpAssert.JsonAsync(requested, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        using (var scheduled = await lead.PostAsJsonAsync($"/api/erasure-requests/{id}/schedule", new { on = "2026-12-07" }, Cancel))
        {
            await HttpAssert.JsonAsync(scheduled);
        }

        using (var noReason = await lead.PostAsJsonAsync($"/api/erasure-requests/{id}/cancel", new { reason = " " }, Cancel))
        {
            await HttpAssert.ValidationProblemAsync(noReason, "reason");
        }

        using var cancelled = await lead.PostAsJsonAsync($"/api/erasure-requests/{id}/cancel", new { reason = "The customer withdrew it by phone." }, Cancel);
        var view = await HttpAssert.JsonAsync(cancelled);
        Assert.Equal(("cancelled", "The customer withdrew it by phone."), (view.GetProperty("state").GetString(), view.GetProperty("cancelReason").GetString()));
        await app.RunDueWorkAsync();
        Assert.Equal(Name, await NameAsync(app, prospect));
        using var list = await agent.GetAsync($"/api/customers/{prospect}/erasure-requests", Cancel);
        Assert.Equal("cancelled", Assert.Single((await HttpAssert.JsonAsync(list)).EnumerateArray()).GetProperty("state").GetString());
    }

    [Fact]
    public void Every_kind_of_record_has_a_retention_rule()
    {
        Assert.Equal(
            PersonalDataSections.All.Select(s => s.Key).Order(StringComparer.Ordinal),
            Touchpoint.Domain.Privacy.RetentionRules.Defaults.Select(r => r.Kind).Order(StringComparer.Ordinal));
    }

    private static JsonElement Kind(JsonElement plan, string kind) =>
        plan.GetProperty("kinds").EnumerateArray().Single(k => k.GetProperty("kind").GetString() == kind);

    private static async Task<string> CreateAsync(HttpClient agent, string msisdn)
    {
        using var response = await agent.PostAsJsonAsync("/api/customers", new
        {
            name = Name,
            jurisdiction = "SE",
            identities = new[] { new { kind = "msisdn", value = msisdn }, new { kind = "email", value = Email } },
        }, Cancel);
        return (await HttpAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }

    private static async Task<string> SellAsync(HttpClient agent, string customerId, string msisdn)
    {
        using var response = await agent.PostAsJsonAsync("/api/subscriptions",
            new { customerId, planCode = "SE-MOBIL-430", msisdn, startDate = "2026-12-07", soldVia = "phone" }, Cancel);
        return (await HttpAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }

    private static async Task RecordContactAsync(HttpClient agent, string customerId)
    {
        using var response = await agent.PostAsJsonAsync("/api/interactions",
            new { customerId, channel = "phone", direction = "inbound", reason = "Moving house", summary = Words }, Cancel);
        await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
    }

    /// <summary>A complaint by e-mail with his question, answered in writing and resolved: his words in a case, its question and the messages.</summary>
    private static async Task ComplainAndResolveAsync(HttpClient agent, string customerId)
    {
        using var opened = await agent.PostAsJsonAsync("/api/cases", new
        {
            customerId, type = "complaint", channel = "email", need = $"Refund the roaming charges. {Words}", questions = new[] { $"Why was I charged? {Words}" },
        }, Cancel);
        var complaint = await HttpAssert.JsonAsync(opened, HttpStatusCode.Created);
        var caseId = complaint.GetProperty("id").GetString()!;
        var question = complaint.GetProperty("questions")[0].GetProperty("id").GetString();
        using (var answered = await agent.PostAsJsonAsync($"/api/cases/{caseId}/questions/{question}/answer", new { answer = $"A roaming bundle was missing, {Name}." }, Cancel))
        {
            await HttpAssert.JsonAsync(answered);
        }

        using (var met = await agent.PutAsJsonAsync($"/api/cases/{caseId}/need", new { resolved = true }, Cancel))
        {
            await HttpAssert.JsonAsync(met);
        }

        using var resolved = await agent.PostAsJsonAsync($"/api/cases/{caseId}/status", new { status = "resolved" }, Cancel);
        await HttpAssert.JsonAsync(resolved);
    }

    private static async Task<JsonElement> PlanAsync(HttpClient client, string customerId)
    {
        using var response = await client.GetAsync($"/api/customers/{customerId}/erasure-plan", Cancel);
        return await HttpAssert.JsonAsync(response);
    }

    private static async Task<JsonElement> RequestAsync(HttpClient client, string id)
    {
        using var response = await client.GetAsync($"/api/erasure-requests/{id}", Cancel);
        return await HttpAssert.JsonAsync(response);
    }

    private static Task<string> NameAsync(TouchpointApp app, string customerId) =>
        app.WithDbContextAsync(db => db.Customers.Where(c => c.Id == Guid.Parse(customerId)).Select(c => c.Name).SingleAsync(Cancel));

    /// <summary>Every section of his Art. 15 export but the audit (who read what; never his words), by key, and its heading as "export".</summary>
    private static async Task<Dictionary<string, string>> ExportSectionsAsync(TouchpointApp app, HttpClient client, string customerId)
    {
        using var requested = await client.PostAsJsonAsync($"/api/customers/{customerId}/personal-data-exports", new { }, Cancel);
        var id = (await HttpAssert.JsonAsync(requested, HttpStatusCode.Accepted)).GetProperty("id").GetString()!;
        await app.RunDueWorkAsync();
        using var download = await client.GetAsync($"/api/personal-data-exports/{id}/download?format=json", Cancel);
        var json = await HttpAssert.JsonAsync(download);
        var sections = json.GetProperty("sections").EnumerateObject().Where(s => s.Name != "audit").ToDictionary(s => s.Name, s => s.Value.ToString());
        sections["export"] = json.GetProperty("export").ToString();
        return sections;
    }
}

[Trait("Provider", "Sqlite")]
public sealed class ErasureScenariosOnSqlite(PostgresServer postgres) : ErasureScenarios(postgres, Provider.Sqlite);

[Trait("Provider", "Postgres")]
public sealed class ErasureScenariosOnPostgres : ErasureScenarios
{
    public ErasureScenariosOnPostgres(PostgresServer postgres)
        : base(postgres, Provider.Postgres) => postgres.SkipUnlessRunning();
}
