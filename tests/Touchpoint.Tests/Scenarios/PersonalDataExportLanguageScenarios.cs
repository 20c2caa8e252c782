using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;

namespace Touchpoint.Tests.Scenarios;

/// <summary>
/// Issue 20 on the Art. 15 export: the readable copy is written in the customer's language, on their clock with its
/// zone named, with every heading, label and yes/no translated; what people typed stays as typed, and the JSON for
/// machines stays English.
/// </summary>
public abstract partial class PersonalDataExportLanguageScenarios(PostgresServer postgres, Provider provider)
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_Danish_customers_export_page_is_in_Danish_with_no_English_left_behind()
    {
        await using var app = await TouchpointApp.StartAsync(provider, postgres, clock: new FakeTimeProvider(Start));
        using var agent = await app.CreateClientAsAsync("agent");
        using var created = await agent.PostAsJsonAsync("/api/customers",
            new { name = "Mette Sørensen", jurisdiction = "DK", identities = new[] { new { kind = "email", value = $"{Guid.NewGuid():N}@example.dk" } } }, Cancel);
        var customer = (await HttpAssert.JsonAsync(created, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        using (var promised = await agent.PostAsJsonAsync("/api/promises",
                   new { customerId = customer, kind = "callback", dueAt = Start.UtcDateTime.AddHours(2), madeVia = "phone", description = "Ring tilbage om regningen" }, Cancel))
        {
            await HttpAssert.JsonAsync(promised, HttpStatusCode.Created);
        }

        using var requested = await agent.PostAsJsonAsync($"/api/customers/{customer}/personal-data-exports", new { }, Cancel);
        var id = (await HttpAssert.JsonAsync(requested, HttpStatusCode.Accepted)).GetProperty("id").GetString()!;
        await app.RunDueWorkAsync();
        var export = await app.WithDbContextAsync(db => db.PersonalDataExports.FindAsync([Guid.Parse(id)], Cancel).AsTask());
        // Letters beyond ASCII are written as character references: read as the browser shows them.
        var html = WebUtility.HtmlDecode(System.Text.Encoding.UTF8.GetString(export!.HtmlDocument!));
        var json = JsonDocument.Parse(export.JsonDocument!).RootElement;

        Assert.StartsWith("<!DOCTYPE html><html lang=\"da\">", html, StringComparison.Ordinal);
        Assert.Contains("<title>Personoplysninger, vi har om Mette Sørensen</title>", html, StringComparison.Ordinal);
        Assert.Contains("databeskyttelsesforordningen (GDPR), artikel 15", html, StringComparison.Ordinal);
        Assert.Contains("Bestilt af Anna Agent den 7. december 2026 kl. 10.00 (dansk tid)", html, StringComparison.Ordinal);
        Assert.Contains("Alle tidspunkter er angivet i dansk tid.", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Indhold</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Løfter til dig</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Undersøgelser og dine svar</h2>", html, StringComparison.Ordinal);
        // Labels, values and counts: a time on her clock, a yes/no, a day, a count; what the agent typed as typed.
        Assert.Contains("<th>Oprettet</th><td>7. december 2026 kl. 10.00 (dansk tid)</td>", html, StringComparison.Ordinal);
        Assert.Contains("<th>Forfalder</th><td>7. december 2026 kl. 12.00 (dansk tid)</td>", html, StringComparison.Ordinal);
        Assert.Contains("<th>Nej tak til telefonsalg</th><td>Nej</td>", html, StringComparison.Ordinal);
        Assert.Contains("<th>Beskrivelse</th><td>Ring tilbage om regningen</td>", html, StringComparison.Ordinal);
        Assert.Contains("<th>Type</th><td>Opringning</td>", html, StringComparison.Ordinal);
        Assert.Contains("<th>Status</th><td>Åbent</td>", html, StringComparison.Ordinal);
        Assert.Contains("<th>Givet via</th><td>Telefon</td>", html, StringComparison.Ordinal);
        Assert.Contains("<th>Status</th><td>Aktiv</td>", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"count\">Én post.</p>", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"count\">Ingen oplysninger.</p>", html, StringComparison.Ordinal);

        Assert.Empty(EnglishLeaks.InExport(Text(html), "da"));
        foreach (var english in new[] { "<th>Created", "<th>Description", ">Contents<", "None held.", "records.", "Copenhagen time", ">no<", ">yes<" })
        {
            Assert.DoesNotContain(english, html, StringComparison.Ordinal);
        }

        // The JSON is for machines: English titles, camelCase names and UTC times, as before.
        var promises = json.GetProperty("sections").GetProperty("promises");
        Assert.Equal("Promises made to you", promises.GetProperty("title").GetString());
        Assert.Equal("2026-12-07T11:00:00Z", promises.GetProperty("records")[0].GetProperty("dueAt").GetString());
    }

    /// <summary>What a person reads of the page: its text without tags, styles or markup.</summary>
    private static string Text(string html) => Tag().Replace(Style().Replace(html, " "), " ");

    [GeneratedRegex("<style>.*?</style>", RegexOptions.Singleline)]
    private static partial Regex Style();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();
}

[Trait("Provider", "Sqlite")]
public sealed class PersonalDataExportLanguageScenariosOnSqlite(PostgresServer postgres) : PersonalDataExportLanguageScenarios(postgres, Provider.Sqlite);

[Trait("Provider", "Postgres")]
public sealed class PersonalDataExportLanguageScenariosOnPostgres : PersonalDataExportLanguageScenarios
{
    public PersonalDataExportLanguageScenariosOnPostgres(PostgresServer postgres)
        : base(postgres, Provider.Postgres) => postgres.SkipUnlessRunning();
}
