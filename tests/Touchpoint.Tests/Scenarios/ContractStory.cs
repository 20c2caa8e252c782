using Microsoft.Extensions.Time.Testing;

namespace Touchpoint.Tests.Scenarios;

/// <summary>
/// One replay about a contract on its own app and fake clock (the story moves time, days at a time): the agent of the
/// demo data, and what a test reads back through the public API — the customer's subscriptions, leaving choices,
/// timeline and messages.
/// </summary>
internal sealed class ContractStory : IAsyncDisposable
{
    public const string MagnusMsisdn = "+46707770404";
    public const string BertMsisdn = "+46705550303";

    private const string Messages = "/tmf-api/communicationManagement/v4/communicationMessage";

    private ContractStory(TouchpointApp app, FakeTimeProvider clock, HttpClient agent)
    {
        App = app;
        Clock = clock;
        Start = clock.GetUtcNow().UtcDateTime;
        Agent = agent;
    }

    public TouchpointApp App { get; }
    public FakeTimeProvider Clock { get; }
    public DateTime Start { get; }
    public HttpClient Agent { get; }
    public DateTime Now => Clock.GetUtcNow().UtcDateTime;
    public DateOnly Today => DateOnly.FromDateTime(Now);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static async Task<ContractStory> StartAsync(PostgresServer postgres, Provider provider)
    {
        // Midday in whole seconds: days are whole days, and times come back from either database as sent.
        var clock = TestClocks.NoonToday();
        var app = await TouchpointApp.StartAsync(provider, postgres, new Dictionary<string, string?>
        {
            // Tokens outlive the days the clock moves: the story is about contracts, not sign-in.
            ["Touchpoint:Auth:AccessTokenMinutes"] = "1000000",
        }, clock);
        return new ContractStory(app, clock, await app.CreateClientAsAsync("agent"));
    }

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static List<string?> Rules(JsonElement decision) => decision.GetProperty("ruleIds").EnumerateArray().Select(r => r.GetString()).ToList();

    public static string? Purpose(JsonElement message) =>
        message.GetProperty("characteristic").EnumerateArray().Where(c => c.GetProperty("name").GetString() == "purpose")
            .Select(c => c.GetProperty("value").GetString()).FirstOrDefault();

    /// <summary>Moves the clock <paramref name="days"/> whole days past the start (never backwards).</summary>
    public void AtDay(int days)
    {
        var target = new DateTimeOffset(Start.AddDays(days), TimeSpan.Zero);
        if (target > Clock.GetUtcNow())
        {
            Clock.SetUtcNow(target);
        }
    }

    public async Task<string> CustomerIdAsync(string msisdn)
    {
        using var found = await Agent.GetAsync($"/api/customers?q={Uri.EscapeDataString(msisdn)}", Cancel);
        return Assert.Single((await HttpAssert.JsonAsync(found)).EnumerateArray(), h => h.GetProperty("exactIdentityMatch").GetBoolean()).GetProperty("id").GetString()!;
    }

    public async Task<List<JsonElement>> SubscriptionsAsync(string customerId)
    {
        using var response = await Agent.GetAsync($"/api/customers/{customerId}", Cancel);
        return (await HttpAssert.JsonAsync(response)).GetProperty("subscriptions").EnumerateArray().ToList();
    }

    public async Task<JsonElement> SubscriptionAsync(string customerId, string subscriptionId) =>
        Assert.Single(await SubscriptionsAsync(customerId), s => s.GetProperty("id").GetString() == subscriptionId);

    public async Task<JsonElement> ChoicesAsync(string subscriptionId)
    {
        using var response = await Agent.GetAsync($"/api/subscriptions/{subscriptionId}/leaving", Cancel);
        return await HttpAssert.JsonAsync(response);
    }

    public async Task<JsonElement> PlaceOrderAsync(object order)
    {
        using var response = await Agent.PostAsJsonAsync("/api/orders", order, Cancel);
        var placed = await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
        Assert.Equal("completed", placed.GetProperty("state").GetString());
        return placed;
    }

    public async Task<List<JsonElement>> TimelineAsync(string customerId, string kind)
    {
        using var response = await Agent.GetAsync($"/api/customers/{customerId}/timeline?kind={kind}&limit=200", Cancel);
        return (await HttpAssert.JsonAsync(response)).GetProperty("items").EnumerateArray().ToList();
    }

    public async Task<List<JsonElement>> MessagesAsync(string customerId, string purpose)
    {
        using var response = await Agent.GetAsync($"{Messages}?receiver.id={customerId}", Cancel);
        return (await HttpAssert.JsonAsync(response)).EnumerateArray().Where(m => Purpose(m) == purpose).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        Agent.Dispose();
        await App.DisposeAsync();
    }
}
