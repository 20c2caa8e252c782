using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Touchpoint.Domain.Promises;
using Touchpoint.Features.Inbox;
using Touchpoint.Hosting;

namespace Touchpoint.Tests.Api;

/// <summary>
/// The promise watcher never fires twice for one alarm, however many runs meet it at the same instant: several
/// nodes (here: the app's own background watcher and three more runs at once) share the work without doubling it.
/// </summary>
public abstract class PromiseWatcherTests(PostgresServer postgres, Provider provider)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Runs_of_the_watcher_at_the_same_instant_warn_once_and_break_once()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        await using var app = await TouchpointApp.StartAsync(provider, postgres, new Dictionary<string, string?> { [DueWatcher.IntervalKey] = "1" }, clock);
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

    /// <summary>
    /// Starts <paramref name="runs"/> runs together, waits for them, and then until the background watcher (woken by
    /// the clock) has finished too: a run that finds nothing left proves the alarm is handled.
    /// </summary>
    private static async Task RunAtOnceAsync(TouchpointApp app, int runs)
    {
        var watcher = app.Services.GetRequiredService<DueWatcher>();
        await Task.WhenAll(Enumerable.Range(0, runs).Select(_ => Task.Run(() => watcher.RunOnceAsync(Cancel), Cancel)));
        var now = app.Clock!.GetUtcNow().UtcDateTime;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await app.WithDbContextAsync(db => db.Promises.AnyAsync(p => p.NextAlarmAt != null && p.NextAlarmAt <= now, Cancel)))
        {
            Assert.True(DateTime.UtcNow < deadline, "The due alarm was never handled.");
            await Task.Delay(50, Cancel);
        }
    }

    private static Task<int> CountAsync(TouchpointApp app, Guid customerId, string kind) =>
        app.WithDbContextAsync(db => db.Notifications.CountAsync(n => n.CustomerId == customerId && n.Kind == kind, Cancel));

    private static Task<Guid> AnyCustomerAsync(TouchpointApp app) =>
        app.WithDbContextAsync(db => db.Customers.Where(c => c.Name == "Magnus Ek").Select(c => c.Id).SingleAsync(Cancel));
}

public sealed class PromiseWatcherTestsOnSqlite(PostgresServer postgres) : PromiseWatcherTests(postgres, Provider.Sqlite);

public sealed class PromiseWatcherTestsOnPostgres : PromiseWatcherTests
{
    public PromiseWatcherTestsOnPostgres(PostgresServer postgres)
        : base(postgres, Provider.Postgres) => postgres.SkipUnlessRunning();
}
