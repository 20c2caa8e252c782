using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Touchpoint.Data;
using Touchpoint.Features.Inbox;
using Touchpoint.Features.Live;

namespace Touchpoint.Tests.Live;

/// <summary>
/// Pages are told of a change when, and only when, it is committed: a save publishes the topics it touched once its
/// transaction commits, never for a rolled-back one; on PostgreSQL another node hears of it through LISTEN/NOTIFY.
/// </summary>
public abstract class ChangeFeedTests(PostgresServer postgres, Provider provider)
{
    protected static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_saved_notification_tells_its_recipients_inbox_and_nobody_elses()
    {
        await using var app = await TouchpointApp.StartAsync(provider, postgres, clock: new FakeTimeProvider(Start));
        var feed = app.Services.GetRequiredService<ChangeFeed>();
        var (agent, lead) = (await UserIdAsync(app, "agent"), await UserIdAsync(app, "lead"));
        var told = new ConcurrentQueue<string>();
        using var agentInbox = feed.Subscribe([LiveTopics.Inbox(agent)], () => told.Enqueue("agent"));
        using var leadInbox = feed.Subscribe([LiveTopics.Inbox(lead)], () => told.Enqueue("lead"));

        await app.WithDbContextAsync(async db =>
        {
            Inbox.Notify(db, agent, app.UtcNow, NotificationKinds.PromiseBroken, "Callback to Bert broken", "", null, null);
            return await db.SaveChangesAsync(Cancel);
        });

        Assert.Equal(["agent"], told);
    }

    [Fact]
    public async Task A_change_in_a_transaction_is_told_at_its_commit_and_never_when_it_is_rolled_back()
    {
        await using var app = await TouchpointApp.StartAsync(provider, postgres, clock: new FakeTimeProvider(Start));
        var feed = app.Services.GetRequiredService<ChangeFeed>();
        var agent = await UserIdAsync(app, "agent");
        var told = 0;
        using var subscription = feed.Subscribe([LiveTopics.Inbox(agent)], () => Interlocked.Increment(ref told));

        await app.WithDbContextAsync(async db =>
        {
            await using (var rolledBack = await db.Database.BeginTransactionAsync(Cancel))
            {
                Inbox.Notify(db, agent, app.UtcNow, NotificationKinds.SlaWarning, "Never happened", "", null, null);
                await db.SaveChangesAsync(Cancel);
                await rolledBack.RollbackAsync(Cancel);
            }

            db.ChangeTracker.Clear();
            await using var committed = await db.Database.BeginTransactionAsync(Cancel);
            Inbox.Notify(db, agent, app.UtcNow, NotificationKinds.SlaWarning, "Deadline near", "", null, null);
            await db.SaveChangesAsync(Cancel);
            Assert.Equal(0, told);
            await committed.CommitAsync(Cancel);
            return 0;
        });

        Assert.Equal(1, told);
        Assert.Equal(["Deadline near"], await app.WithDbContextAsync(db => db.Notifications.Where(n => n.UserId == agent).Select(n => n.Title).ToListAsync(Cancel)));
    }

    [Fact]
    public async Task Renaming_a_customer_tells_their_open_pages_and_no_other_customers()
    {
        await using var app = await TouchpointApp.StartAsync(provider, postgres, clock: new FakeTimeProvider(Start));
        var feed = app.Services.GetRequiredService<ChangeFeed>();
        var (renamed, other) = await app.WithDbContextAsync(async db =>
        {
            var two = await db.Customers.OrderBy(c => c.Id).Select(c => c.Id).Take(2).ToListAsync(Cancel);
            return (two[0], two[1]);
        });
        var told = new ConcurrentQueue<Guid>();
        using var renamedPage = feed.Subscribe([LiveTopics.Customer(renamed)], () => told.Enqueue(renamed));
        using var otherPage = feed.Subscribe([LiveTopics.Customer(other)], () => told.Enqueue(other));
        using var agent = await app.CreateClientAsAsync("agent");

        using var changed = await agent.PatchAsJsonAsync($"/api/customers/{renamed}", new { name = "Liv Renamed" }, Cancel);

        await HttpAssert.JsonAsync(changed);
        Assert.Equal([renamed], told.Distinct());
    }

    private static Task<string> UserIdAsync(TouchpointApp app, string userName) =>
        app.WithDbContextAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync(Cancel));
}

[Trait("Provider", "Sqlite")]
public sealed class ChangeFeedTestsOnSqlite(PostgresServer postgres) : ChangeFeedTests(postgres, Provider.Sqlite);

[Trait("Provider", "Postgres")]
public sealed class ChangeFeedTestsOnPostgres : ChangeFeedTests
{
    private readonly PostgresServer postgres;

    public ChangeFeedTestsOnPostgres(PostgresServer postgres)
        : base(postgres, Provider.Postgres)
    {
        postgres.SkipUnlessRunning();
        this.postgres = postgres;
    }

    [Fact]
    public async Task Another_node_on_the_same_database_hears_of_a_change_through_LISTEN_and_NOTIFY()
    {
        await using var app = await TouchpointApp.StartAsync(Provider.Postgres, postgres, clock: new FakeTimeProvider(Start));
        var agent = await app.WithDbContextAsync(db => db.Users.Where(u => u.UserName == "agent").Select(u => u.Id).SingleAsync(TestContext.Current.CancellationToken));
        var otherNode = new ChangeFeed();
        using var relay = new PostgresChangeRelay(otherNode, app.Services.GetRequiredService<DatabaseSettings>(), TimeProvider.System, NullLogger<PostgresChangeRelay>.Instance);
        var heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = otherNode.Subscribe([LiveTopics.Inbox(agent)], () => heard.TrySetResult());
        await relay.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            await relay.Listening.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
            await app.WithDbContextAsync(async db =>
            {
                Inbox.Notify(db, agent, app.UtcNow, NotificationKinds.HandoffRequested, "Case handed to you", "", null, null);
                return await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            });

            await heard.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        }
        finally
        {
            await relay.StopAsync(CancellationToken.None);
        }
    }
}
