using System.Collections;
using System.Resources;
using System.Text.RegularExpressions;
using Touchpoint.Features.Languages;
using Touchpoint.Tests.Api;

namespace Touchpoint.Tests.Languages;

/// <summary>
/// What Touchpoint writes on a customer's timeline and in an agent's inbox reads in Swedish to a Swedish user, details
/// included: a non-conformity finding with the rules' reason, an order's completion with what each item did, the end of
/// a subscription by an order, and the promise flagged because of it. No sentence of the English texts is left in them.
/// </summary>
public abstract partial class SwedishTimelineTests(TouchpointApp app) : ApiTestBase(app)
{
    private static readonly ResourceManager Resources = new(typeof(AgentTexts).FullName!, typeof(AgentTexts).Assembly);

    [Fact]
    public async Task A_finding_an_order_and_a_flagged_promise_read_in_Swedish_with_no_English_sentence_left()
    {
        var user = await CreateUserAsync();
        using var swede = await App.CreateClientAsAsync(user.UserName, user.Password);
        using (var chosen = await swede.PutAsJsonAsync("/api/account/language", new { language = "sv" }, Cancel))
        {
            await HttpAssert.JsonAsync(chosen);
        }

        var customerId = await CreateCustomerAsync(swede);
        var msisdn = $"+4670{Random.Shared.Next(1_000_000, 9_999_999)}";
        var placed = await OrderAsync(swede, customerId,
            new { id = "1", action = "add", planCode = "SE-MOBIL-430", msisdn, bindingMonths = 12, bindingConsent = true });
        var subscriptionId = placed.GetProperty("items")[0].GetProperty("subscriptionId").GetString()!;

        var today = DateOnly.FromDateTime(App.UtcNow);
        object Measured(int daysAgo, decimal mbps) => new { on = today.AddDays(-daysAgo).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), mbps };
        using (var speed = await swede.PostAsJsonAsync($"/api/subscriptions/{subscriptionId}/findings",
                   new { kind = "speedBelowContract", contractedMbps = 100m, measurements = new[] { Measured(20, 30m), Measured(9, 80m), Measured(1, 12m) }, note = "Mätt med Bredbandskollen" },
                   Cancel))
        {
            Assert.True((await HttpAssert.JsonAsync(speed, HttpStatusCode.Created)).GetProperty("endsWithoutCost").GetBoolean());
        }

        using (var faults = await swede.PostAsJsonAsync($"/api/subscriptions/{subscriptionId}/findings", new { kind = "recurringFaults" }, Cancel))
        {
            Assert.False((await HttpAssert.JsonAsync(faults, HttpStatusCode.Created)).GetProperty("endsWithoutCost").GetBoolean());
        }

        using (var promised = await swede.PostAsJsonAsync("/api/promises",
                   new { customerId, subscriptionId, kind = "callback", dueAt = App.UtcNow.AddDays(2), madeVia = "phone", description = "Ringa upp om fakturan" }, Cancel))
        {
            await HttpAssert.JsonAsync(promised, HttpStatusCode.Created);
        }

        await OrderAsync(swede, customerId, new { id = "1", action = "delete", subscriptionId });

        var timeline = await TimelineAsync(swede, customerId);
        var speedFinding = Assert.Single(timeline, e => Title(e).Contains("measured speed", StringComparison.Ordinal));
        Assert.Equal("Avvikelse på Mobil 430: uppmätt hastighet – kan avslutas utan kostnad (EU-105-5)", Text(speedFinding));
        Assert.StartsWith($"Sedan {today.AddDays(-89):yyyy-MM-dd} har den uppmätta hastigheten legat under 90 % av de 100 Mbit/s som avtalet lovar på 3 dagar (som lägst 12 Mbit/s).",
            DetailText(speedFinding), StringComparison.Ordinal);
        Assert.EndsWith("(EU-105-5). Noterat: Mätt med Bredbandskollen", DetailText(speedFinding), StringComparison.Ordinal);
        var faultFinding = Assert.Single(timeline, e => Title(e).Contains("fault history", StringComparison.Ordinal));
        Assert.Equal("Avvikelse på Mobil 430: felhistorik (EU-105-5)", Text(faultFinding));
        Assert.StartsWith("Inget felärende har öppnats för abonnemanget sedan ", DetailText(faultFinding), StringComparison.Ordinal);
        Assert.Contains("Sedan ", DetailText(faultFinding), StringComparison.Ordinal);
        Assert.Contains(" har fel anmälts på 0 dagar. Det krävs fel på 3 dagar för en ofta återkommande avvikelse (EU-105-5).", DetailText(faultFinding), StringComparison.Ordinal);

        var completions = timeline.Where(e => Title(e).StartsWith("Order completed:", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, completions.Count);
        Assert.Contains(completions, e => DetailText(e).StartsWith("Alla delar genomfördes tillsammans: 1: Nytt abonnemang Mobil 430; bindningstid till och med ", StringComparison.Ordinal));
        Assert.Contains(completions, e => DetailText(e).StartsWith($"Alla delar genomfördes tillsammans: 1: Abonnemanget Mobil 430 uppsagt den {today:yyyy-MM-dd}. Numret kan flyttas", StringComparison.Ordinal));
        var ended = Assert.Single(timeline, e => Title(e) == "Subscription Mobil 430 terminated");
        Assert.StartsWith($"Avslutat den {today:yyyy-MM-dd} genom en order. Numret kan flyttas till en annan operatör till och med ", DetailText(ended), StringComparison.Ordinal);
        Assert.Contains("Bindningstiden löpte till och med ", DetailText(ended), StringComparison.Ordinal);

        var flagged = Assert.Single(await InboxAsync(swede), n => Title(n).StartsWith("Check your promise", StringComparison.Ordinal));
        Assert.Equal($"Se över ditt löfte: abonnemanget det gäller upphörde {today:yyyy-MM-dd} (order {OrderIdOf(Title(flagged))})", Text(flagged));
        Assert.StartsWith("Ringa upp om fakturan (senast ", DetailText(flagged), StringComparison.Ordinal);
        Assert.EndsWith("). Håll löftet eller kom överens med kunden om något annat.", DetailText(flagged), StringComparison.Ordinal);

        // Had a producer lost its facts, its English words would show through here.
        JsonElement[] converted = [speedFinding, faultFinding, .. completions, ended, flagged];
        var leaks = converted.SelectMany(e => new[] { Text(e), DetailText(e) }).SelectMany(EnglishSentencesIn).Distinct().ToList();
        Assert.Empty(leaks);
        Assert.All(converted, e => Assert.NotEqual(e.GetProperty("detail").GetString(), DetailText(e)));
    }

    /// <summary>Every run of words of three or more from an English agent text, found in <paramref name="text"/>.</summary>
    private static IEnumerable<string> EnglishSentencesIn(string text) => EnglishPhrases.Value.Where(phrase => text.Contains(phrase, StringComparison.Ordinal));

    private static readonly Lazy<List<string>> EnglishPhrases = new(() =>
    {
        var english = Resources.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!;
        return english.Cast<DictionaryEntry>()
            .SelectMany(entry => Placeholder().Split((string)entry.Value!))
            .Select(part => part.Trim(' ', ',', ';', ':', '.', '(', ')', '—'))
            .Where(part => part.Count(c => c == ' ') >= 2)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    });

    private static string Title(JsonElement row) => row.GetProperty("title").GetString()!;

    private static string Text(JsonElement row) => row.GetProperty("text").GetString()!;

    private static string DetailText(JsonElement row) => row.GetProperty("detailText").GetString()!;

    private static string OrderIdOf(string englishTitle) => OrderId().Match(englishTitle).Groups["id"].Value;

    private static async Task<string> CreateCustomerAsync(HttpClient client)
    {
        using var created = await client.PostAsJsonAsync("/api/customers",
            new { name = "Stina Svensson", jurisdiction = "SE", identities = new[] { new { kind = "email", value = $"sv.{Guid.NewGuid():N}@example.com" } } }, Cancel);
        return (await HttpAssert.JsonAsync(created, HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement> OrderAsync(HttpClient client, string customerId, object item)
    {
        using var placed = await client.PostAsJsonAsync("/api/orders", new { customerId, items = new[] { item } }, Cancel);
        var order = await HttpAssert.JsonAsync(placed, HttpStatusCode.Created);
        Assert.Equal("completed", order.GetProperty("state").GetString());
        return order.Clone();
    }

    private static async Task<List<JsonElement>> TimelineAsync(HttpClient client, string customerId)
    {
        using var response = await client.GetAsync($"/api/customers/{customerId}/timeline?limit=200&language=sv", Cancel);
        return (await HttpAssert.JsonAsync(response)).GetProperty("items").EnumerateArray().Select(e => e.Clone()).ToList();
    }

    private static async Task<List<JsonElement>> InboxAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/inbox?language=sv", Cancel);
        return (await HttpAssert.JsonAsync(response)).GetProperty("items").EnumerateArray().Select(e => e.Clone()).ToList();
    }

    [GeneratedRegex(@"\{\d+(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\(order (?<id>[0-9a-f-]+)\)")]
    private static partial Regex OrderId();
}

[Trait("Provider", "Sqlite")]
public sealed class SwedishTimelineTestsOnSqlite(SqliteApp app) : SwedishTimelineTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class SwedishTimelineTestsOnPostgres(PostgresApp app) : SwedishTimelineTests(app), IClassFixture<PostgresApp>;
