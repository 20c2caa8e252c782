using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Features.Audit;
using Touchpoint.Features.Inbox;
using Touchpoint.Tests.Scenarios;

namespace Touchpoint.Tests.Api;

/// <summary>
/// Issue 26, bulk extraction: one user cannot pull the customer base through the API. Each test sets limits small
/// enough to reach at once, on a fake clock, so it gets an app of its own.
/// </summary>
public abstract class ReadVolumeTests(PostgresServer postgres, Provider provider)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_sweep_across_customers_is_stopped_at_the_limit_with_nothing_sent_and_the_admins_are_told()
    {
        var clock = TestClocks.StartingNow();
        var now = clock.GetUtcNow().UtcDateTime;
        var hourEnds = now.Date.AddHours(now.Hour + 1);
        await using var app = await TouchpointApp.StartAsync(provider, postgres, new Dictionary<string, string?>
        {
            [ReadVolumeGuard.UnusualKey] = "3",
            [ReadVolumeGuard.LimitKey] = "5",
        }, clock);
        using var agent = await app.CreateClientAsAsync("agent");
        var customers = new List<string>();
        for (var index = 0; index < 6; index++)
        {
            customers.Add(await agent.CreateCustomerAsync($"Sven Sweep{(char)('a' + index)}", "SE"));
        }

        // Reading the same customer again and again is work, not a sweep: it counts once.
        for (var read = 0; read < 10; read++)
        {
            await HttpAssert.JsonAsync(await agent.GetAsync($"/api/customers/{customers[0]}", Cancel));
        }

        for (var index = 1; index < 5; index++)
        {
            await HttpAssert.JsonAsync(await agent.GetAsync($"/api/customers/{customers[index]}", Cancel));
        }

        using var sixth = await agent.GetAsync($"/api/customers/{customers[5]}", Cancel);

        var problem = await HttpAssert.ProblemAsync(sixth, HttpStatusCode.TooManyRequests);
        Assert.Contains("5 different customers this hour", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains($"after {hourEnds:HH:mm} UTC", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(hourEnds - now, sixth.Headers.RetryAfter?.Delta);
        Assert.DoesNotContain("Sweepf", await sixth.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        // Nothing was read, so nothing is in the audit as read.
        await app.Services.GetRequiredService<AuditJournal>().MoveAsync(Cancel);
        var sixthId = Guid.Parse(customers[5]);
        Assert.False(await app.WithDbContextAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditAction.Read && e.CustomerId == sixthId, Cancel)));

        // The admin heard twice: when the volume became unusual, and when the agent was stopped; once each.
        using (var again = await agent.GetAsync($"/api/customers/{customers[5]}", Cancel))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, again.StatusCode);
        }

        using var admin = await app.CreateAdminClientAsync();
        using var inbox = await admin.GetAsync("/api/inbox", Cancel);
        var alerts = (await HttpAssert.JsonAsync(inbox)).GetProperty("items").EnumerateArray().Where(n => n.GetProperty("kind").GetString() == NotificationKinds.UnusualReads)
            .Select(n => n.GetProperty("title").GetString()).ToList();
        Assert.Equal(["Anna Agent was stopped from reading more customers' data", "Anna Agent is reading an unusual number of customers"], alerts);

        // Another user is counted apart, and the next hour starts again.
        using var lead = await app.CreateClientAsAsync("lead");
        await HttpAssert.JsonAsync(await lead.GetAsync($"/api/customers/{customers[5]}", Cancel));
        clock.Advance(hourEnds - now);
        await HttpAssert.JsonAsync(await agent.GetAsync($"/api/customers/{customers[5]}", Cancel));
    }

    [Fact]
    public async Task A_list_counts_every_customer_it_shows_and_is_refused_whole_when_they_pass_the_limit()
    {
        await using var app = await TouchpointApp.StartAsync(provider, postgres, new Dictionary<string, string?>
        {
            [ReadVolumeGuard.UnusualKey] = "3",
            [ReadVolumeGuard.LimitKey] = "3",
        }, TestClocks.StartingNow());
        using var agent = await app.CreateClientAsAsync("agent");
        for (var index = 0; index < 4; index++)
        {
            await agent.CreateCustomerAsync($"Lisa Listsweep{(char)('a' + index)}", "SE");
        }

        using var four = await agent.GetAsync("/api/customers?q=Listsweep&limit=4", Cancel);
        using var three = await agent.GetAsync("/api/customers?q=Listsweep&limit=3", Cancel);

        await HttpAssert.ProblemAsync(four, HttpStatusCode.TooManyRequests);
        Assert.Equal(3, (await HttpAssert.JsonAsync(three)).GetArrayLength());
    }
}

[Trait("Provider", "Sqlite")]
public sealed class ReadVolumeTestsOnSqlite(PostgresServer postgres) : ReadVolumeTests(postgres, Provider.Sqlite);

[Trait("Provider", "Postgres")]
public sealed class ReadVolumeTestsOnPostgres : ReadVolumeTests
{
    public ReadVolumeTestsOnPostgres(PostgresServer postgres)
        : base(postgres, Provider.Postgres) => postgres.SkipUnlessRunning();
}
