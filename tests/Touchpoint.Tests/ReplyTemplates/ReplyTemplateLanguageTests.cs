using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Touchpoint.Features.Audit;

namespace Touchpoint.Tests.ReplyTemplates;

/// <summary>
/// Reply templates in several languages: a template has a default language and translations, each validated as the
/// default text is; a case is filled in its customer's language when the template has it, else in the template's own,
/// and the composer is told which; {compensation} is worded in the language of the text.
/// </summary>
public abstract class ReplyTemplateLanguageTests(PostgresServer postgres, Provider provider)
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_template_keeps_its_translations_sorted_replaces_them_on_update_audits_each_and_is_listed_by_language()
    {
        await using var app = await TouchpointApp.StartAsync(provider, postgres, clock: new FakeTimeProvider(Start));
        using var lead = await app.CreateClientAsAsync("lead");
        using var created = await lead.PostAsJsonAsync("/api/reply-templates", new
        {
            name = "Thanks",
            channel = "email",
            language = "EN",
            subject = "About {case}",
            body = "Thank you, {name}.",
            translations = new[]
            {
                new { language = "sv", subject = "Om {case}", body = "Tack, {name}." },
                new { language = "da", subject = "Om {case}", body = "Tak, {name}." },
            },
        }, Cancel);
        var template = await HttpAssert.JsonAsync(created, HttpStatusCode.Created);
        var id = template.GetProperty("id").GetGuid();
        Assert.Equal("en", template.GetProperty("language").GetString());
        Assert.Equal([("da", "Om {case}", "Tak, {name}."), ("sv", "Om {case}", "Tack, {name}.")], Translations(template));

        Assert.Contains((await GetAsync(lead, "/api/reply-templates?language=da")).EnumerateArray(), t => t.GetProperty("id").GetGuid() == id);
        Assert.Contains((await GetAsync(lead, "/api/reply-templates?language=en")).EnumerateArray(), t => t.GetProperty("id").GetGuid() == id);
        Assert.DoesNotContain((await GetAsync(lead, "/api/reply-templates?language=fi")).EnumerateArray(), t => t.GetProperty("id").GetGuid() == id);
        using (var badFilter = await lead.GetAsync("/api/reply-templates?language=klingon", Cancel))
        {
            await HttpAssert.ValidationProblemAsync(badFilter, "language");
        }

        // Swedish becomes the default; the Danish text is dropped, English is now a translation.
        using (var changed = await lead.PutAsJsonAsync($"/api/reply-templates/{id}", new
               {
                   name = "Thanks",
                   channel = "email",
                   language = "sv",
                   subject = "Om {case}",
                   body = "Tack så mycket, {name}.",
                   translations = new[] { new { language = "en", subject = "About {case}", body = "Thank you, {name}." } },
               }, Cancel))
        {
            var updated = await HttpAssert.JsonAsync(changed);
            Assert.Equal(("sv", "Tack så mycket, {name}."), (updated.GetProperty("language").GetString(), updated.GetProperty("body").GetString()));
            Assert.Equal([("en", "About {case}", "Thank you, {name}.")], Translations(updated));
        }

        Assert.Equal([("en", "About {case}", "Thank you, {name}.")], Translations(await GetAsync(lead, $"/api/reply-templates/{id}")));
        Assert.Equal(["en"], await app.WithDbContextAsync(db => db.ReplyTemplateTranslations.Where(t => t.TemplateId == id).Select(t => t.Language).ToListAsync(Cancel)));
        Assert.DoesNotContain((await GetAsync(lead, "/api/reply-templates?language=da")).EnumerateArray(), t => t.GetProperty("id").GetGuid() == id);

        // Every translation row created or deleted is in the audit log, named by its template and language.
        var audited = await app.WithDbContextAsync(db => db.AuditEntries.Where(e => e.EntityType == "ReplyTemplateTranslation" && e.EntityId!.StartsWith(id.ToString()))
            .Select(e => new { e.EntityId, e.Action, e.UserName }).ToListAsync(Cancel));
        Assert.Equal(
            [($"{id}/da", AuditAction.Created), ($"{id}/da", AuditAction.Deleted), ($"{id}/en", AuditAction.Created), ($"{id}/sv", AuditAction.Created), ($"{id}/sv", AuditAction.Deleted)],
            audited.Select(e => (e.EntityId!, e.Action)).Order().ToArray());
        Assert.All(audited, e => Assert.Equal("lead", e.UserName));
    }

    [Fact]
    public async Task A_changed_translation_is_audited_with_the_words_that_changed()
    {
        await using var app = await TouchpointApp.StartAsync(provider, postgres, clock: new FakeTimeProvider(Start));
        using var lead = await app.CreateClientAsAsync("lead");
        var id = await CreateAsync(lead, new { name = "Hello", body = "Hello {name}", translations = new[] { new { language = "da", body = "Hej {name}" } } });
        using (var changed = await lead.PutAsJsonAsync($"/api/reply-templates/{id}",
                   new { name = "Hello", body = "Hello {name}", translations = new[] { new { language = "da", body = "Hej med dig, {name}" } } }, Cancel))
        {
            await HttpAssert.JsonAsync(changed);
        }

        var update = await app.WithDbContextAsync(db => db.AuditEntries
            .SingleAsync(e => e.EntityType == "ReplyTemplateTranslation" && e.EntityId == $"{id}/da" && e.Action == AuditAction.Updated, Cancel));
        Assert.Equal("fields: Body", update.Details);
    }

    [Fact]
    public async Task Bad_translations_are_refused_naming_the_field_and_nothing_is_stored()
    {
        await using var app = await TouchpointApp.StartAsync(provider, postgres, clock: new FakeTimeProvider(Start));
        using var lead = await app.CreateClientAsAsync("lead");
        var before = await app.WithDbContextAsync(async db => (await db.ReplyTemplates.CountAsync(Cancel), await db.ReplyTemplateTranslations.CountAsync(Cancel)));

        foreach (var (body, field) in new (object Body, string Field)[]
                 {
                     (new { name = "Klingon", language = "tlh", body = "Hello" }, "language"),
                     (new { name = "Unknown", body = "Hello", translations = new[] { new { language = "xx", body = "Hej" } } }, "translations[0].language"),
                     (new { name = "No language", body = "Hello", translations = new[] { new { language = (string?)null, body = "Hej" } } }, "translations[0].language"),
                     (new { name = "Own language", language = "sv", body = "Hej", translations = new[] { new { language = "SV", body = "Hej igen" } } }, "translations[0].language"),
                     (new { name = "Twice", body = "Hello", translations = new[] { new { language = "da", body = "Hej" }, new { language = " DA ", body = "Hej" } } }, "translations[1].language"),
                     (new { name = "Typo", body = "Hello", translations = new[] { new { language = "sv", body = "Hej" }, new { language = "da", body = "Hej {nmae}" } } }, "translations[1].body"),
                     (new { name = "Empty", body = "Hello", translations = new[] { new { language = "da", body = "  " } } }, "translations[0].body"),
                     (new { name = "Long for SMS", channel = "any", body = "Hello", translations = new[] { new { language = "da", body = new string('x', 1601) } } }, "translations[0].body"),
                     (new { name = "SMS subject", channel = "sms", body = "Hello", translations = new[] { new { language = "da", subject = "Hej", body = "Hej" } } }, "translations[0].subject"),
                     (new { name = "Header", channel = "email", body = "Hello", translations = new[] { new { language = "da", subject = "Hej\r\nBcc: alle@example.com", body = "Hej" } } }, "translations[0].subject"),
                     (new { name = "Subject typo", channel = "email", body = "Hello", translations = new[] { new { language = "da", subject = "Om {cas}", body = "Hej" } } }, "translations[0].subject"),
                     (new { name = "Null", body = "Hello", translations = new object?[] { null } }, "translations[0]"),
                 })
        {
            using var response = await lead.PostAsJsonAsync("/api/reply-templates", body, Cancel);
            await HttpAssert.ValidationProblemAsync(response, field);
        }

        using (var typo = await lead.PostAsJsonAsync("/api/reply-templates",
                   new { name = "Typo", body = "Hello", translations = new[] { new { language = "da", body = "Hej {nmae}" } } }, Cancel))
        {
            var problem = await HttpAssert.ValidationProblemAsync(typo, "translations[0].body");
            Assert.Equal("Unknown placeholder {nmae}; use {name}, {case}, {answers}, {compensation} or {agent}.", problem.GetProperty("detail").GetString());
        }

        // An update is refused the same way, and the translations it had are kept.
        var id = await CreateAsync(lead, new { name = "Kept", body = "Hello", translations = new[] { new { language = "da", body = "Hej" } } });
        using (var refused = await lead.PutAsJsonAsync($"/api/reply-templates/{id}",
                   new { name = "Kept", body = "Hello", translations = new[] { new { language = "en", body = "Hi" } } }, Cancel))
        {
            await HttpAssert.ValidationProblemAsync(refused, "translations[0].language");
        }

        Assert.Equal([("da", null, "Hej")], Translations(await GetAsync(lead, $"/api/reply-templates/{id}")));
        Assert.Equal((before.Item1 + 1, before.Item2 + 1),
            await app.WithDbContextAsync(async db => (await db.ReplyTemplates.CountAsync(Cancel), await db.ReplyTemplateTranslations.CountAsync(Cancel))));
    }

    [Fact]
    public async Task A_case_is_filled_in_its_customers_language_else_in_the_templates_own_and_the_compensation_is_worded_in_the_same()
    {
        await using var app = await TouchpointApp.StartAsync(provider, postgres, clock: new FakeTimeProvider(Start));
        using var lead = await app.CreateClientAsAsync("lead");
        using var agent = await app.CreateClientAsAsync("agent");
        var templateId = await CreateAsync(lead, new
        {
            name = "Compensation",
            channel = "email",
            subject = "Your compensation ({case})",
            body = "Dear {name}, you get {compensation}.",
            translations = new[]
            {
                new { language = "da", subject = "Din kompensation ({case})", body = "Hej {name}. Du får {compensation}." },
                new { language = "sv", subject = "Din ersättning ({case})", body = "Hej {name}! Du får {compensation}." },
            },
        });

        var dorte = await CreateCustomerAsync(agent, "Dorte Dansk", "DK");
        var (danishCase, danishReference) = await OpenCaseAsync(agent, dorte);
        await GrantAsync(agent, dorte, danishCase, "tre dage uden internet");
        var danish = await GetAsync(agent, $"/api/cases/{danishCase}/reply-templates/{templateId}");
        Assert.Equal(("da", "da"), (danish.GetProperty("language").GetString(), danish.GetProperty("customerLanguage").GetString()));
        Assert.Equal($"Din kompensation ({danishReference})", danish.GetProperty("subject").GetString());
        Assert.Equal("Hej Dorte Dansk. Du får 350,00 kr. for: tre dage uden internet.", danish.GetProperty("text").GetString());
        Assert.Empty(danish.GetProperty("missing").EnumerateArray());

        // Asked for in Swedish, the Danish customer's text is the Swedish one; asked for in Dutch, which it lacks, the default.
        var swedish = await GetAsync(agent, $"/api/cases/{danishCase}/reply-templates/{templateId}?language=SV");
        Assert.Equal(("sv", "da"), (swedish.GetProperty("language").GetString(), swedish.GetProperty("customerLanguage").GetString()));
        Assert.StartsWith("Hej Dorte Dansk! Du får ", swedish.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal($"Din ersättning ({danishReference})", swedish.GetProperty("subject").GetString());
        var dutch = await GetAsync(agent, $"/api/cases/{danishCase}/reply-templates/{templateId}?language=nl");
        Assert.Equal(("en", "da"), (dutch.GetProperty("language").GetString(), dutch.GetProperty("customerLanguage").GetString()));
        Assert.Equal($"Your compensation ({danishReference})", dutch.GetProperty("subject").GetString());
        using (var unsupported = await agent.GetAsync($"/api/cases/{danishCase}/reply-templates/{templateId}?language=klingon", Cancel))
        {
            await HttpAssert.ValidationProblemAsync(unsupported, "language");
        }

        // A Finnish customer: the template has no Finnish text, so it is filled in its own language, and the composer is told.
        var aino = await CreateCustomerAsync(agent, "Aino Suomalainen", "FI");
        var (finnishCase, finnishReference) = await OpenCaseAsync(agent, aino);
        var finnish = await GetAsync(agent, $"/api/cases/{finnishCase}/reply-templates/{templateId}");
        Assert.Equal(("en", "fi"), (finnish.GetProperty("language").GetString(), finnish.GetProperty("customerLanguage").GetString()));
        Assert.Equal($"Your compensation ({finnishReference})", finnish.GetProperty("subject").GetString());
        Assert.Equal("Dear Aino Suomalainen, you get {compensation}.", finnish.GetProperty("text").GetString());
        Assert.Equal(["{compensation}"], finnish.GetProperty("missing").EnumerateArray().Select(m => m.GetString()));
    }

    private static IEnumerable<(string?, string?, string?)> Translations(JsonElement template) =>
        template.GetProperty("translations").EnumerateArray()
            .Select(t => (t.GetProperty("language").GetString(), t.GetProperty("subject").GetString(), t.GetProperty("body").GetString()));

    private static async Task<Guid> CreateAsync(HttpClient lead, object template)
    {
        using var response = await lead.PostAsJsonAsync("/api/reply-templates", template, Cancel);
        return (await HttpAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    private static async Task<Guid> CreateCustomerAsync(HttpClient agent, string name, string jurisdiction)
    {
        using var response = await agent.PostAsJsonAsync("/api/customers", new
        {
            name,
            jurisdiction,
            identities = new[] { new { kind = "email", value = $"templates.{Guid.NewGuid():N}@example.com" } },
        }, Cancel);
        return (await HttpAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    private static async Task<(Guid Id, string Reference)> OpenCaseAsync(HttpClient agent, Guid customerId)
    {
        using var response = await agent.PostAsJsonAsync("/api/cases", new { customerId, type = "complaint", channel = "email", need = "Internet at home" }, Cancel);
        var opened = await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
        return (opened.GetProperty("id").GetGuid(), opened.GetProperty("reference").GetString()!);
    }

    private static async Task GrantAsync(HttpClient agent, Guid customerId, Guid caseId, string reason)
    {
        using var granted = await agent.PostAsJsonAsync("/api/compensations", new { customerId, caseId, amount = 350m, reason }, Cancel);
        await HttpAssert.JsonAsync(granted, HttpStatusCode.Created);
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Cancel);
        return await HttpAssert.JsonAsync(response);
    }
}

[Trait("Provider", "Sqlite")]
public sealed class ReplyTemplateLanguageTestsOnSqlite(PostgresServer postgres) : ReplyTemplateLanguageTests(postgres, Provider.Sqlite);

[Trait("Provider", "Postgres")]
public sealed class ReplyTemplateLanguageTestsOnPostgres : ReplyTemplateLanguageTests
{
    public ReplyTemplateLanguageTestsOnPostgres(PostgresServer postgres)
        : base(postgres, Provider.Postgres) => postgres.SkipUnlessRunning();
}
