using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Touchpoint.Tests.Api;

/// <summary>
/// Behaviour that depends on the app's <see cref="TimeProvider"/>, driven by a <see cref="FakeTimeProvider"/>.
/// Each test moves time, so each gets an app of its own.
/// </summary>
public abstract class ClockTests(PostgresServer postgres, Provider provider)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    // Whole seconds: PostgreSQL keeps microseconds, SQLite text; either way the value must come back unchanged.
    private static FakeTimeProvider NewClock() => TestClocks.StartingNow();

    [Fact]
    public async Task An_access_token_is_refused_once_its_lifetime_has_passed()
    {
        var clock = NewClock();
        await using var app = await TouchpointApp.StartAsync(provider, postgres, new Dictionary<string, string?> { ["Touchpoint:Auth:AccessTokenMinutes"] = "30" }, clock);
        using var client = await app.CreateClientAsAsync("agent");

        clock.Advance(TimeSpan.FromMinutes(29));
        using var stillValid = await client.GetAsync("/api/me", Cancel);
        clock.Advance(TimeSpan.FromMinutes(2));
        using var expired = await client.GetAsync("/api/me", Cancel);

        await HttpAssert.JsonAsync(stillValid);
        await HttpAssert.ProblemAsync(expired, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Failed_sign_ins_make_an_account_wait_seconds_on_the_app_clock_growing_to_a_minute_and_no_longer()
    {
        var clock = NewClock();
        // The throttle counts in windows of its own clock, which the fake one does not move: it is kept out of the way.
        var settings = new Dictionary<string, string?> { ["Touchpoint:Auth:FailedSignInsPerAccount"] = "100" };
        await using var app = await TouchpointApp.StartAsync(provider, postgres, settings, clock);
        using var client = app.CreateAnonymousClient();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var wrong = await TouchpointApp.RequestTokenAsync(client, "agent", "wrong-password");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        Assert.Equal(clock.GetUtcNow().AddSeconds(15), await LockoutEndOfAsync(app, "agent"));
        clock.Advance(TimeSpan.FromSeconds(14));
        using var stillWaiting = await TouchpointApp.RequestTokenAsync(client, "agent", "touchpoint-demo");
        Assert.Equal(HttpStatusCode.Unauthorized, stillWaiting.StatusCode);

        // Each failure after a wait waits twice as long, up to a minute: anonymous guesses never shut the agent out for longer.
        foreach (var expectedWait in new[] { 30, 60, 60 })
        {
            clock.Advance(TimeSpan.FromSeconds(61));
            using var wrong = await TouchpointApp.RequestTokenAsync(client, "agent", "wrong-password");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Equal(clock.GetUtcNow().AddSeconds(expectedWait), await LockoutEndOfAsync(app, "agent"));
        }

        clock.Advance(TimeSpan.FromSeconds(61));
        using var afterWaiting = await TouchpointApp.RequestTokenAsync(client, "agent", "touchpoint-demo");
        await HttpAssert.JsonAsync(afterWaiting);
    }

    private static Task<DateTimeOffset?> LockoutEndOfAsync(TouchpointApp app, string userName) =>
        app.WithDbContextAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.LockoutEnd).SingleAsync(Cancel));

    [Fact]
    public async Task The_token_response_states_the_configured_lifetime()
    {
        await using var app = await TouchpointApp.StartAsync(provider, postgres, new Dictionary<string, string?> { ["Touchpoint:Auth:AccessTokenMinutes"] = "30" }, NewClock());
        using var client = app.CreateAnonymousClient();

        using var response = await TouchpointApp.RequestTokenAsync(client, "agent", "touchpoint-demo");

        Assert.Equal(1800, (await HttpAssert.JsonAsync(response)).GetProperty("expiresIn").GetInt32());
    }

    [Fact]
    public async Task Audit_entries_are_stamped_with_the_app_clock_in_UTC()
    {
        var clock = NewClock();
        await using var app = await TouchpointApp.StartAsync(provider, postgres, clock: clock);
        clock.Advance(TimeSpan.FromDays(3).Add(TimeSpan.FromSeconds(7)));
        var expected = clock.GetUtcNow().UtcDateTime;

        await app.GetAccessTokenAsync("lead", "touchpoint-demo");

        using var admin = await app.CreateAdminClientAsync();
        using var response = await admin.GetAsync("/api/audit?userName=lead&action=SignedIn", Cancel);
        var entry = Assert.Single((await HttpAssert.JsonAsync(response)).EnumerateArray());
        var at = entry.GetProperty("at").GetString()!;
        Assert.EndsWith("Z", at, StringComparison.Ordinal);
        Assert.Equal(expected, DateTime.Parse(at, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal));
    }
}

[Trait("Provider", "Sqlite")]
public sealed class ClockTestsOnSqlite(PostgresServer postgres) : ClockTests(postgres, Provider.Sqlite);

[Trait("Provider", "Postgres")]
public sealed class ClockTestsOnPostgres : ClockTests
{
    public ClockTestsOnPostgres(PostgresServer postgres)
        : base(postgres, Provider.Postgres) => postgres.SkipUnlessRunning();
}
