using Touchpoint.Tests.Api;

namespace Touchpoint.Tests.Languages;

/// <summary>
/// Timeline entries and notifications are stored as facts and read in each reader's language: the API keeps the
/// English <c>title</c> it always had and adds <c>text</c> (and <c>detailText</c>) in the language asked for, else the
/// caller's own. A language the agent UI is not written in is a 400 naming language.
/// </summary>
public abstract class StoredTextLanguageTests(TouchpointApp app) : ApiTestBase(app)
{
    [Fact]
    public async Task A_case_opened_for_a_customer_reads_in_Swedish_to_a_Swedish_user_and_in_English_to_an_English_one()
    {
        using var swede = await ClientInAsync("sv");
        using var english = await ClientInAsync("en");
        var customerId = await CreateCustomerAsync(english);
        using var opened = await english.PostAsJsonAsync("/api/cases",
            new { customerId, type = "complaint", priority = "high", channel = "phone", need = "Billed twice" }, Cancel);
        var reference = (await HttpAssert.JsonAsync(opened, HttpStatusCode.Created)).GetProperty("reference").GetString();

        var inSwedish = await CaseEntryAsync(swede, customerId, "");
        var inEnglish = await CaseEntryAsync(english, customerId, "");

        Assert.StartsWith($"Ärende {reference}: öppnat (klagomål, hög prioritet), ägs av ", inSwedish.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("Behov: Billed twice", inSwedish.GetProperty("detailText").GetString());
        Assert.StartsWith($"Case {reference}: opened (complaint, high priority), owned by ", inEnglish.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("Need: Billed twice", inEnglish.GetProperty("detailText").GetString());
        // The stored English words stay as they were for every reader: the export and older clients read them.
        Assert.Equal(inEnglish.GetProperty("title").GetString(), inSwedish.GetProperty("title").GetString());
        Assert.StartsWith($"Case {reference}: opened (complaint, high priority)", inSwedish.GetProperty("title").GetString(), StringComparison.Ordinal);
        // Asked for, a language wins over the reader's own.
        Assert.Equal(inEnglish.GetProperty("text").GetString(), (await CaseEntryAsync(swede, customerId, "&language=en")).GetProperty("text").GetString());
        Assert.Equal(inSwedish.GetProperty("text").GetString(), (await CaseEntryAsync(english, customerId, "&language=SV")).GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("da")]
    [InlineData("")]
    [InlineData("klingon")]
    public async Task A_language_the_agent_UI_is_not_written_in_is_a_400_naming_language(string language)
    {
        using var client = await ClientInAsync("en");
        var customerId = await CreateCustomerAsync(client);

        using var timeline = await client.GetAsync($"/api/customers/{customerId}/timeline?language={language}", Cancel);
        using var inbox = await client.GetAsync($"/api/inbox?language={language}", Cancel);

        await HttpAssert.ValidationProblemAsync(timeline, "language");
        await HttpAssert.ValidationProblemAsync(inbox, "language");
    }

    [Fact]
    public async Task A_handoff_reaches_a_Swedish_user_in_Swedish_and_its_English_words_stay_as_stored()
    {
        var addressee = await CreateUserAsync();
        using var swede = await App.CreateClientAsAsync(addressee.UserName, addressee.Password);
        using (var chosen = await swede.PutAsJsonAsync("/api/account/language", new { language = "sv" }, Cancel))
        {
            await HttpAssert.JsonAsync(chosen);
        }

        using var owner = await ClientInAsync("en");
        var customerId = await CreateCustomerAsync(owner);
        using var opened = await owner.PostAsJsonAsync("/api/cases", new { customerId, type = "incident", channel = "phone", need = "No signal" }, Cancel);
        var @case = await HttpAssert.JsonAsync(opened, HttpStatusCode.Created);
        var reference = @case.GetProperty("reference").GetString();
        using (var handoff = await owner.PostAsJsonAsync($"/api/cases/{@case.GetProperty("id").GetString()}/handoff",
                   new { toUserId = addressee.Id, reason = "Needs a technician" }, Cancel))
        {
            Assert.True(handoff.IsSuccessStatusCode, await handoff.Content.ReadAsStringAsync(Cancel));
        }

        using var listed = await swede.GetAsync("/api/inbox", Cancel);
        var notification = Assert.Single((await HttpAssert.JsonAsync(listed)).GetProperty("items").EnumerateArray().ToList());

        Assert.Matches($"^{reference}: .+ ber dig ta över ärendet \\(fel\\)$", notification.GetProperty("text").GetString()!);
        Assert.StartsWith("Skäl: Needs a technician. ", notification.GetProperty("detailText").GetString(), StringComparison.Ordinal);
        Assert.Matches($"^{reference}: .+ asks you to take over this incident$", notification.GetProperty("title").GetString()!);
    }

    private async Task<HttpClient> ClientInAsync(string language)
    {
        var user = await CreateUserAsync();
        var client = await App.CreateClientAsAsync(user.UserName, user.Password);
        using var chosen = await client.PutAsJsonAsync("/api/account/language", new { language }, Cancel);
        await HttpAssert.JsonAsync(chosen);
        return client;
    }

    private static async Task<string> CreateCustomerAsync(HttpClient client)
    {
        using var created = await client.PostAsJsonAsync("/api/customers",
            new { name = "Stina Språk", jurisdiction = "SE", identities = new[] { new { kind = "email", value = $"lang.{Guid.NewGuid():N}@example.com" } } }, Cancel);
        return (await HttpAssert.JsonAsync(created, HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement> CaseEntryAsync(HttpClient client, string customerId, string query)
    {
        using var response = await client.GetAsync($"/api/customers/{customerId}/timeline?kind=case{query}", Cancel);
        var page = await HttpAssert.JsonAsync(response);
        return Assert.Single(page.GetProperty("items").EnumerateArray().ToList());
    }
}

[Trait("Provider", "Sqlite")]
public sealed class StoredTextLanguageTestsOnSqlite(SqliteApp app) : StoredTextLanguageTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class StoredTextLanguageTestsOnPostgres(PostgresApp app) : StoredTextLanguageTests(app), IClassFixture<PostgresApp>;
