using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Touchpoint.Domain.Promises;
using Touchpoint.Features.Inbox;

namespace Touchpoint.Tests.Api;

/// <summary>
/// The promise watcher never fires twice for one alarm, however many runs meet it at the same instant: several
/// nodes (here: three runs at once, then two more) share the work without doubling it.
/// </summary>
public abstract class PromiseWatcherTests(PostgresServer postgres, Provider provider)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Runs_of_the_watcher_at_the_same_instant_warn_once_and_break_once()
    {
        var clock = TestClocks.StartingNow();
        await using var app = await TouchpointApp.StartAsync(provider, postgres, clock: clock);
        var start = clock.GetUtcNow().UtcDateTime;
        using var agent = await app.CreateClientAsAsync("agent");
        var customerId = await AnyCustomerAsync(app);
        using (var made = await agent.PostAsJsonAsync("/api/promises",
                   new { customerId, kind = "callback", dueAt = start.AddMinutes(20), madeVia = "phone", description = "a call back within 20 minutes" }, Cancel))
        {
            await HttpAssert.JsonAsync(made, HttpStatusCode.Created);
        }

        clock.SetUtcNow(start.AddMinutes(15));
        await RunAtOnceAsync(app, runs: 3);
        await RunAtOnceAsync(app, runs: 2);

        Assert.Equal(1, await CountAsync(app, customerId, NotificationKinds.PromiseDueSoon));
        var warned = await app.WithDbContextAsync(db => db.Promises.AsNoTracking().SingleAsync(p => p.CustomerId == customerId, Cancel));
        Assert.Equal(start.AddMinutes(15), warned.WarnedAt);
        Assert.Equal(start.AddMinutes(20), warned.NextAlarmAt);

        clock.SetUtcNow(start.AddMinutes(20));
        await RunAtOnceAsync(app, runs: 3);
        await RunAtOnceAsync(app, runs: 2);

        // One alert to the owner and one to their lead; one broken entry on the timeline.
        Assert.Equal(2, await CountAsync(app, customerId, NotificationKinds.PromiseBroken));
        Assert.Equal(1, await app.WithDbContextAsync(db => db.TimelineEntries.CountAsync(t => t.CustomerId == customerId && t.Title.StartsWith("Promise broken"), Cancel)));
        var broken = await app.WithDbContextAsync(db => db.Promises.AsNoTracking().SingleAsync(p => p.CustomerId == customerId, Cancel));
        Assert.Equal(PromiseState.Broken, broken.State);
        Assert.Null(broken.NextAlarmAt);
    }

    /// <summary>Starts <paramref name="runs"/> runs together and waits for them: once they are done, no due alarm is left.</summary>
    private static async Task RunAtOnceAsync(TouchpointApp app, int runs)
    {
        await Task.WhenAll(Enumerable.Range(0, runs).Select(_ => Task.Run(app.RunDueWorkAsync, Cancel)));
        var now = app.Clock!.GetUtcNow().UtcDateTime;
        Assert.False(await app.WithDbContextAsync(db => db.Promises.AnyAsync(p => p.NextAlarmAt != null && p.NextAlarmAt <= now, Cancel)),
            "The due alarm was never handled.");
    }

    private static Task<int> CountAsync(TouchpointApp app, Guid customerId, string kind) =>
        app.WithDbContextAsync(db => db.Notifications.CountAsync(n => n.CustomerId == customerId && n.Kind == kind, Cancel));

    private static Task<Guid> AnyCustomerAsync(TouchpointApp app) =>
        app.WithDbContextAsync(db => db.Customers.Where(c => c.Name == "Magnus Ek").Select(c => c.Id).SingleAsync(Cancel));
}

[Trait("Provider", "Sqlite")]
public sealed class PromiseWatcherTestsOnSqlite(PostgresServer postgres) : PromiseWatcherTests(postgres, Provider.Sqlite);

[Trait("Provider", "Postgres")]
public sealed class PromiseWatcherTestsOnPostgres : PromiseWatcherTests
{
    public PromiseWatcherTestsOnPostgres(PostgresServer postgres)
        : base(postgres, Provider.Postgres) => postgres.SkipUnlessRunning();
}
