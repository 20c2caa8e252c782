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
    public async Task A_lockout_lasts_the_configured_minutes_on_the_app_clock_and_then_ends()
    {
        var clock = NewClock();
        await using var app = await TouchpointApp.StartAsync(provider, postgres, new Dictionary<string, string?> { ["Touchpoint:Auth:LockoutMinutes"] = "15" }, clock);
        using var client = app.CreateAnonymousClient();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var wrong = await TouchpointApp.RequestTokenAsync(client, "agent", "wrong-password");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        var expectedEnd = clock.GetUtcNow().AddMinutes(15).UtcDateTime;
        using var locked = await TouchpointApp.RequestTokenAsync(client, "agent", "touchpoint-demo");
        var problem = await HttpAssert.ProblemAsync(locked, HttpStatusCode.Unauthorized);
        var lockedUntil = problem.GetProperty("lockedUntil").GetString()!;
        Assert.EndsWith("Z", lockedUntil, StringComparison.Ordinal);
        Assert.Equal(expectedEnd, DateTime.Parse(lockedUntil, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal));

        clock.Advance(TimeSpan.FromMinutes(14));
        using var stillLocked = await TouchpointApp.RequestTokenAsync(client, "agent", "touchpoint-demo");
        Assert.Contains("locked", (await HttpAssert.ProblemAsync(stillLocked, HttpStatusCode.Unauthorized)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromMinutes(1).Add(TimeSpan.FromSeconds(1)));
        using var afterLockout = await TouchpointApp.RequestTokenAsync(client, "agent", "touchpoint-demo");
        await HttpAssert.JsonAsync(afterLockout);
    }

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
