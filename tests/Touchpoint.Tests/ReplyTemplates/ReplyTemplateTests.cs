using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Touchpoint.Features.Messages;

namespace Touchpoint.Tests.ReplyTemplates;

/// <summary>
/// Reply templates over HTTP: a team lead writes them, every agent lists them and fills one for a case with the
/// customer's name, the case reference, the answers given and the compensation granted; what the case cannot fill is
/// reported and a reply still holding it never reaches the customer. Bad templates are refused naming the field.
/// </summary>
public abstract class ReplyTemplateTests(PostgresServer postgres, Provider provider)
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_template_a_lead_wrote_is_filled_for_the_case_with_its_answers_and_compensation_and_sent_by_an_agent()
    {
        await using var app = await TouchpointApp.StartAsync(provider, postgres, clock: new FakeTimeProvider(Start));
        using var lead = await app.CreateClientAsAsync("lead");
        using var agent = await app.CreateClientAsAsync("agent");
        var templateId = await CreateAsync(lead, new
        {
            name = "Answers and compensation",
            channel = "email",
            subject = "About {case}, {name}",
            body = "Dear {name},\n\n{answers}\n\nWe have granted you {compensation}.\n\n{agent}",
        });

        var forEmail = await GetAsync(agent, "/api/reply-templates?channel=email");
        Assert.Contains(forEmail.EnumerateArray(), t => t.GetProperty("id").GetGuid() == templateId);
        Assert.All(forEmail.EnumerateArray(), t => Assert.True(t.GetProperty("channel").GetString() is "email" or "any"));
        var forSms = await GetAsync(agent, "/api/reply-templates?channel=sms");
        Assert.DoesNotContain(forSms.EnumerateArray(), t => t.GetProperty("id").GetGuid() == templateId);
        Assert.Contains(forSms.EnumerateArray(), t => t.GetProperty("channel").GetString() == "any");
        var found = await GetAsync(agent, "/api/reply-templates?search=AND%20COMP");
        Assert.Equal("Answers and compensation", Assert.Single(found.EnumerateArray()).GetProperty("name").GetString());

        var (caseId, reference) = await OpenCaseForBertAsync(app, agent, "Why was I sold 4G where there is none?");
        var question = (await GetAsync(agent, $"/api/cases/{caseId}")).GetProperty("questions")[0].GetProperty("id").GetString();
        using (var answered = await agent.PostAsJsonAsync($"/api/cases/{caseId}/questions/{question}/answer",
                   new { answer = "The coverage check was skipped." }, Cancel))
        {
            Assert.True(answered.IsSuccessStatusCode, await answered.Content.ReadAsStringAsync(Cancel));
        }

        using (var granted = await agent.PostAsJsonAsync("/api/compensations",
                   new { customerId = await BertAsync(app), caseId, amount = 350m, reason = "37 days without the broadband he pays for" }, Cancel))
        {
            await HttpAssert.JsonAsync(granted, HttpStatusCode.Created);
        }

        // Bert reads Swedish and the template is only in English: it is filled in English, the amount as Sweden writes it.
        var rendered = await GetAsync(agent, $"/api/cases/{caseId}/reply-templates/{templateId}");
        Assert.Equal($"About {reference}, Bert Lindqvist", rendered.GetProperty("subject").GetString());
        Assert.Equal(
            "Dear Bert Lindqvist,\n\nWhy was I sold 4G where there is none? — The coverage check was skipped.\n\n"
            + "We have granted you 350,00 kr for: 37 days without the broadband he pays for.\n\nAnna Agent",
            rendered.GetProperty("text").GetString());
        Assert.Equal(("en", "sv"), (rendered.GetProperty("language").GetString(), rendered.GetProperty("customerLanguage").GetString()));
        Assert.Empty(rendered.GetProperty("missing").EnumerateArray());

        using var sent = await agent.PostAsJsonAsync($"/api/cases/{caseId}/replies",
            new { subject = rendered.GetProperty("subject").GetString(), text = rendered.GetProperty("text").GetString() }, Cancel);
        await HttpAssert.JsonAsync(sent, HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task What_the_case_cannot_fill_is_reported_and_a_reply_still_holding_it_is_refused_with_nothing_queued()
    {
        await using var app = await TouchpointApp.StartAsync(provider, postgres, clock: new FakeTimeProvider(Start));
        using var lead = await app.CreateClientAsAsync("lead");
        using var agent = await app.CreateClientAsAsync("agent");
        var templateId = await CreateAsync(lead, new { name = "Sorry", channel = "any", body = "Dear {name}, you get {compensation}. {answers}" });
        var (caseId, _) = await OpenCaseForBertAsync(app, agent, null);

        var rendered = await GetAsync(agent, $"/api/cases/{caseId}/reply-templates/{templateId}");
        Assert.Equal("Dear Bert Lindqvist, you get {compensation}. {answers}", rendered.GetProperty("text").GetString());
        Assert.Equal(["{compensation}", "{answers}"], rendered.GetProperty("missing").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(JsonValueKind.Null, rendered.GetProperty("subject").ValueKind);

        using (var refused = await agent.PostAsJsonAsync($"/api/cases/{caseId}/replies", new { text = rendered.GetProperty("text").GetString() }, Cancel))
        {
            var problem = await HttpAssert.ValidationProblemAsync(refused, "text");
            Assert.Contains("{compensation}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using (var bySms = await agent.PostAsJsonAsync($"/api/cases/{caseId}/replies", new { channel = "sms", text = "We owe you {compensation}" }, Cancel))
        {
            await HttpAssert.ValidationProblemAsync(bySms, "text");
        }

        using (var inSubject = await agent.PostAsJsonAsync($"/api/cases/{caseId}/replies", new { subject = "For {name}", text = "Filled in." }, Cancel))
        {
            await HttpAssert.ValidationProblemAsync(inSubject, "subject");
        }

        Assert.Equal(0, await app.WithDbContextAsync(db => db.OutboundMessages.CountAsync(m => m.CaseId == caseId, Cancel)));

        using var unknownCase = await agent.GetAsync($"/api/cases/{Guid.NewGuid()}/reply-templates/{templateId}", Cancel);
        await HttpAssert.ProblemAsync(unknownCase, HttpStatusCode.NotFound);
        using var unknownTemplate = await agent.GetAsync($"/api/cases/{caseId}/reply-templates/{Guid.NewGuid()}", Cancel);
        await HttpAssert.ProblemAsync(unknownTemplate, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Only_team_leads_write_change_and_archive_templates()
    {
        await using var app = await TouchpointApp.StartAsync(provider, postgres, clock: new FakeTimeProvider(Start));
        using var lead = await app.CreateClientAsAsync("lead");
        using var agent = await app.CreateClientAsAsync("agent");
        var templateId = await CreateAsync(lead, new { name = "Hello", body = "Hello {name}" });
        var input = new { name = "Hello from an agent", body = "Hi" };

        using (var created = await agent.PostAsJsonAsync("/api/reply-templates", input, Cancel))
        {
            await HttpAssert.ProblemAsync(created, HttpStatusCode.Forbidden);
        }

        using (var changed = await agent.PutAsJsonAsync($"/api/reply-templates/{templateId}", input, Cancel))
        {
            await HttpAssert.ProblemAsync(changed, HttpStatusCode.Forbidden);
        }

        using (var archived = await agent.PostAsync($"/api/reply-templates/{templateId}/archive", null, Cancel))
        {
            await HttpAssert.ProblemAsync(archived, HttpStatusCode.Forbidden);
        }

        var unchanged = await GetAsync(agent, $"/api/reply-templates/{templateId}");
        Assert.Equal(("Hello", "Hello {name}", false), (unchanged.GetProperty("name").GetString(), unchanged.GetProperty("body").GetString(), unchanged.GetProperty("archived").GetBoolean()));
        Assert.Equal("Lars Lead", unchanged.GetProperty("createdBy").GetString());
    }

    [Fact]
    public async Task An_archived_template_leaves_the_agents_lists_frees_its_name_and_is_no_longer_changed_or_filled()
    {
        await using var app = await TouchpointApp.StartAsync(provider, postgres, clock: new FakeTimeProvider(Start));
        using var lead = await app.CreateClientAsAsync("lead");
        var oldId = await CreateAsync(lead, new { name = "Welcome", channel = "sms", body = "Welcome, {name}!" });
        using (var changed = await lead.PutAsJsonAsync($"/api/reply-templates/{oldId}", new { name = "Welcome", channel = "sms", body = "Welcome back, {name}!" }, Cancel))
        {
            Assert.Equal("Welcome back, {name}!", (await HttpAssert.JsonAsync(changed)).GetProperty("body").GetString());
        }

        using (var archived = await lead.PostAsync($"/api/reply-templates/{oldId}/archive", null, Cancel))
        {
            Assert.True((await HttpAssert.JsonAsync(archived)).GetProperty("archived").GetBoolean());
        }

        Assert.DoesNotContain((await GetAsync(lead, "/api/reply-templates")).EnumerateArray(), t => t.GetProperty("id").GetGuid() == oldId);
        Assert.Contains((await GetAsync(lead, "/api/reply-templates?archived=true")).EnumerateArray(), t => t.GetProperty("id").GetGuid() == oldId);
        var newId = await CreateAsync(lead, new { name = "welcome", channel = "sms", body = "Hello, {name}!" });
        Assert.NotEqual(oldId, newId);

        using (var changeArchived = await lead.PutAsJsonAsync($"/api/reply-templates/{oldId}", new { name = "Welcome 2", body = "Hi" }, Cancel))
        {
            await HttpAssert.ProblemAsync(changeArchived, HttpStatusCode.Conflict);
        }

        using var agent = await app.CreateClientAsAsync("agent");
        var (caseId, _) = await OpenCaseForBertAsync(app, agent, null);
        using var fillArchived = await agent.GetAsync($"/api/cases/{caseId}/reply-templates/{oldId}", Cancel);
        await HttpAssert.ProblemAsync(fillArchived, HttpStatusCode.Conflict);

        // Each change is in the audit log, with who made it.
        var audited = await app.WithDbContextAsync(db => db.AuditEntries.Where(e => e.EntityType == "ReplyTemplate" && e.EntityId == oldId.ToString())
            .Select(e => e.UserName).ToListAsync(Cancel));
        Assert.Equal(["lead", "lead", "lead"], audited);
    }

    [Fact]
    public async Task Bad_templates_are_refused_naming_the_field_and_nothing_is_stored()
    {
        await using var app = await TouchpointApp.StartAsync(provider, postgres, clock: new FakeTimeProvider(Start));
        using var lead = await app.CreateClientAsAsync("lead");
        await CreateAsync(lead, new { name = "Taken", body = "Hello" });
        var before = await app.WithDbContextAsync(db => db.ReplyTemplates.CountAsync(Cancel));

        foreach (var (body, field) in new (object Body, string Field)[]
                 {
                     (new { name = "", body = "Hello" }, "name"),
                     (new { name = new string('n', 101), body = "Hello" }, "name"),
                     (new { name = " TAKEN ", body = "Hello" }, "name"),
                     (new { name = "Fax", channel = "fax", body = "Hello" }, "channel"),
                     (new { name = "Empty", body = "  " }, "body"),
                     (new { name = "Long", channel = "email", body = new string('x', OutboundMessage.MaxContentLength + 1) }, "body"),
                     (new { name = "Long SMS", channel = "sms", body = new string('x', 1601) }, "body"),
                     (new { name = "Long for any channel", channel = "any", body = new string('x', 1601) }, "body"),
                     (new { name = "Typo", body = "Dear {nmae}," }, "body"),
                     (new { name = "Unclosed", body = "Dear {name," }, "body"),
                     (new { name = "Header", channel = "email", subject = "Hi\r\nBcc: everyone@example.com", body = "Hello" }, "subject"),
                     (new { name = "Subject typo", channel = "email", subject = "About {cas}", body = "Hello" }, "subject"),
                     (new { name = "SMS subject", channel = "sms", subject = "Hi", body = "Hello" }, "subject"),
                 })
        {
            using var response = await lead.PostAsJsonAsync("/api/reply-templates", body, Cancel);
            await HttpAssert.ValidationProblemAsync(response, field);
        }

        using (var typo = await lead.PostAsJsonAsync("/api/reply-templates", new { name = "Typo", body = "Dear {nmae}," }, Cancel))
        {
            var problem = await HttpAssert.ValidationProblemAsync(typo, "body");
            Assert.Equal("Unknown placeholder {nmae}; use {name}, {case}, {answers}, {compensation} or {agent}.", problem.GetProperty("detail").GetString());
        }

        using (var badFilter = await lead.GetAsync("/api/reply-templates?channel=fax", Cancel))
        {
            await HttpAssert.ValidationProblemAsync(badFilter, "channel");
        }

        Assert.Equal(before, await app.WithDbContextAsync(db => db.ReplyTemplates.CountAsync(Cancel)));
    }

    private static async Task<Guid> CreateAsync(HttpClient lead, object template)
    {
        using var response = await lead.PostAsJsonAsync("/api/reply-templates", template, Cancel);
        return (await HttpAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    private static Task<Guid> BertAsync(TouchpointApp app) =>
        app.WithDbContextAsync(db => db.Customers.Where(c => c.Name == "Bert Lindqvist").Select(c => c.Id).SingleAsync(Cancel));

    /// <summary>A new complaint of Bert's, with <paramref name="question"/> asked when given; returns its id and reference.</summary>
    private static async Task<(Guid Id, string Reference)> OpenCaseForBertAsync(TouchpointApp app, HttpClient agent, string? question)
    {
        using var response = await agent.PostAsJsonAsync("/api/cases", new
        {
            customerId = await BertAsync(app),
            type = "complaint",
            channel = "email",
            need = "Broadband at the summer house",
            questions = question is null ? Array.Empty<string>() : [question],
        }, Cancel);
        var opened = await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
        return (opened.GetProperty("id").GetGuid(), opened.GetProperty("reference").GetString()!);
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Cancel);
        return await HttpAssert.JsonAsync(response);
    }
}

[Trait("Provider", "Sqlite")]
public sealed class ReplyTemplateTestsOnSqlite(PostgresServer postgres) : ReplyTemplateTests(postgres, Provider.Sqlite);

[Trait("Provider", "Postgres")]
public sealed class ReplyTemplateTestsOnPostgres : ReplyTemplateTests
{
    public ReplyTemplateTestsOnPostgres(PostgresServer postgres)
        : base(postgres, Provider.Postgres) => postgres.SkipUnlessRunning();
}
