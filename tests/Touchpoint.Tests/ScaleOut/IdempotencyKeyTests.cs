using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Features.Idempotency;

namespace Touchpoint.Tests.ScaleOut;

/// <summary>
/// A client that did not get its answer repeats the create with the same Idempotency-Key and gets the first answer
/// back; nothing is created twice. A key is the caller's own, for one request, for 24 hours.
/// </summary>
public abstract class IdempotencyKeyTests(PostgresServer postgres, Provider provider)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_create_repeated_with_its_key_gets_the_first_answer_and_makes_one_case()
    {
        await using var app = await TouchpointApp.StartAsync(provider, postgres, clock: TestClocks.StartingNow());
        using var agent = await app.CreateClientAsAsync("agent");
        var customerId = await CustomerIdAsync(app);
        var need = $"Billed twice ({Guid.NewGuid():N})";
        var key = Guid.NewGuid().ToString();

        using var first = await CreateCaseAsync(agent, customerId, need, key);
        var created = await HttpAssert.JsonAsync(first, HttpStatusCode.Created);
        using var repeated = await CreateCaseAsync(agent, customerId, need, key);
        var replayed = await HttpAssert.JsonAsync(repeated, HttpStatusCode.Created);

        Assert.Equal(created.GetProperty("id").GetString(), replayed.GetProperty("id").GetString());
        Assert.Equal(first.Headers.Location, repeated.Headers.Location);
        Assert.Equal("true", Assert.Single(repeated.Headers.GetValues(IdempotencyKeys.ReplayedHeader)));
        Assert.False(first.Headers.Contains(IdempotencyKeys.ReplayedHeader));
        Assert.Equal(1, await CasesAsync(app, need));

        // Without a key, a repeat is a new request, as before.
        using var unkeyed = await CreateCaseAsync(agent, customerId, need, key: null);
        await HttpAssert.JsonAsync(unkeyed, HttpStatusCode.Created);
        Assert.Equal(2, await CasesAsync(app, need));
    }

    [Fact]
    public async Task A_key_sent_again_with_another_request_is_refused_and_creates_nothing()
    {
        await using var app = await TouchpointApp.StartAsync(provider, postgres, clock: TestClocks.StartingNow());
        using var agent = await app.CreateClientAsAsync("agent");
        var customerId = await CustomerIdAsync(app);
        var key = Guid.NewGuid().ToString();
        var (need, other) = ($"First ({key})", $"Second ({key})");
        using (var first = await CreateCaseAsync(agent, customerId, need, key))
        {
            await HttpAssert.JsonAsync(first, HttpStatusCode.Created);
        }

        using var reused = await CreateCaseAsync(agent, customerId, other, key);

        var problem = await HttpAssert.ProblemAsync(reused, HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty(IdempotencyKeys.Header, out _), problem.ToString());
        Assert.Equal(0, await CasesAsync(app, other));
    }

    [Fact]
    public async Task A_malformed_key_is_a_400_naming_the_header()
    {
        await using var app = await TouchpointApp.StartAsync(provider, postgres);
        using var agent = await app.CreateClientAsAsync("agent");
        var need = $"Malformed key ({Guid.NewGuid():N})";

        using var tooLong = await CreateCaseAsync(agent, await CustomerIdAsync(app), need, new string('k', IdempotencyRecord.KeyLength + 1));

        await HttpAssert.ValidationProblemAsync(tooLong, IdempotencyKeys.Header);
        Assert.Equal(0, await CasesAsync(app, need));
    }

    [Fact]
    public async Task A_refused_request_leaves_its_key_free_and_another_user_s_key_is_their_own()
    {
        await using var app = await TouchpointApp.StartAsync(provider, postgres);
        using var agent = await app.CreateClientAsAsync("agent");
        using var lead = await app.CreateClientAsAsync("lead");
        var customerId = await CustomerIdAsync(app);
        var key = Guid.NewGuid().ToString();
        var need = $"Shared key ({key})";

        using (var refused = await agent.SendAsync(Keyed(HttpMethod.Post, "/api/cases", new { customerId, type = "no-such-type", channel = "phone", need }, key), Cancel))
        {
            await HttpAssert.ValidationProblemAsync(refused, "type");
        }

        using (var fixedUp = await CreateCaseAsync(agent, customerId, need, key))
        {
            await HttpAssert.JsonAsync(fixedUp, HttpStatusCode.Created);
        }

        using (var leads = await CreateCaseAsync(lead, customerId, need, key))
        {
            await HttpAssert.JsonAsync(leads, HttpStatusCode.Created);
            Assert.False(leads.Headers.Contains(IdempotencyKeys.ReplayedHeader));
        }

        Assert.Equal(2, await CasesAsync(app, need));
    }

    [Fact]
    public async Task After_24_hours_a_key_is_forgotten_with_the_answer_it_kept()
    {
        var clock = TestClocks.StartingNow();
        await using var app = await TouchpointApp.StartAsync(provider, postgres, clock: clock);
        using var agent = await app.CreateClientAsAsync("agent");
        var customerId = await CustomerIdAsync(app);
        var key = Guid.NewGuid().ToString();
        var need = $"A day later ({key})";
        using (var first = await CreateCaseAsync(agent, customerId, need, key))
        {
            await HttpAssert.JsonAsync(first, HttpStatusCode.Created);
        }

        clock.Advance(IdempotencyKeys.Lifetime - TimeSpan.FromSeconds(1));
        await app.RunDueWorkAsync();
        Assert.Equal(1, await KeysAsync(app, key));

        clock.Advance(TimeSpan.FromSeconds(1));
        await app.RunDueWorkAsync();
        Assert.Equal(0, await KeysAsync(app, key));

        // A day's sign-in has run out too.
        using var signedInAgain = await app.CreateClientAsAsync("agent", Touchpoint.Demo.DemoData.Password);
        using var again = await CreateCaseAsync(signedInAgain, customerId, need, key);
        await HttpAssert.JsonAsync(again, HttpStatusCode.Created);
        Assert.False(again.Headers.Contains(IdempotencyKeys.ReplayedHeader));
        Assert.Equal(2, await CasesAsync(app, need));
    }

    internal static HttpRequestMessage Keyed(HttpMethod method, string path, object body, string? key)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add(IdempotencyKeys.Header, key);
        }

        return request;
    }

    private static Task<HttpResponseMessage> CreateCaseAsync(HttpClient client, Guid customerId, string need, string? key) =>
        client.SendAsync(Keyed(HttpMethod.Post, "/api/cases", new { customerId, type = "complaint", channel = "phone", need }, key), Cancel);

    private static Task<Guid> CustomerIdAsync(TouchpointApp app) =>
        app.WithDbContextAsync(db => db.Customers.Where(c => c.Name == "Magnus Ek").Select(c => c.Id).SingleAsync(Cancel));

    private static Task<int> CasesAsync(TouchpointApp app, string need) =>
        app.WithDbContextAsync(db => db.Cases.CountAsync(c => c.NeedStatement == need, Cancel));

    private static Task<int> KeysAsync(TouchpointApp app, string key) =>
        app.WithDbContextAsync(db => db.IdempotencyRecords.CountAsync(r => r.Key == key, Cancel));
}

[Trait("Provider", "Sqlite")]
public sealed class IdempotencyKeyTestsOnSqlite(PostgresServer postgres) : IdempotencyKeyTests(postgres, Provider.Sqlite);

[Trait("Provider", "Postgres")]
public sealed class IdempotencyKeyTestsOnPostgres : IdempotencyKeyTests
{
    public IdempotencyKeyTestsOnPostgres(PostgresServer postgres)
        : base(postgres, Provider.Postgres) => postgres.SkipUnlessRunning();
}
