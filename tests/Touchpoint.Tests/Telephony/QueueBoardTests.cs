using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Domain.ContactCentre;
using Touchpoint.Domain.Platform;
using Touchpoint.Features.Live;
using Touchpoint.Features.Telephony;

namespace Touchpoint.Tests.Telephony;

/// <summary>
/// Issue 21's live board through GET /api/telephony/queues/{queueId}/board: after a morning of events the switch
/// reported, a lead reads who waits, the callback owed, what each member is doing, and today hour by hour on their
/// own clock: calls entered, answered, abandoned, callbacks taken, mean wait and how well the estimates held.
/// </summary>
public abstract class QueueBoardTests(PostgresServer postgres, Provider provider)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_lead_reads_the_queue_now_and_today_by_hour_on_their_own_clock_with_the_accuracy_of_the_estimates_given()
    {
        var clock = TestClocks.NoonToday();
        await using var app = await TouchpointApp.StartAsync(provider, postgres, clock: clock);
        var noon = clock.GetUtcNow().UtcDateTime;
        using var lead = await app.CreateClientAsAsync("lead");
        var (anna, bo, cleo) = (await CreateUserAsync(app, "Anna Board"), await CreateUserAsync(app, "Bo Board"), await CreateUserAsync(app, "Cleo Board"));
        // The switch's machine account; it signs in afresh for each event, as the clock moves past a token's life.
        var switchName = $"switch-{Guid.NewGuid():N}"[..15];
        await CreateUserAsync(app, "Switch", Roles.Telephony, switchName);
        var telephony = new Switch(app, clock, switchName);
        var leadId = await app.WithDbContextAsync(db => db.Users.Where(u => u.UserName == "lead").Select(u => u.Id).SingleAsync(Cancel));
        var queue = $"board-{Guid.NewGuid():N}"[..16];
        using (var created = await lead.PostAsJsonAsync("/api/queues", new { id = queue, name = $"Board {queue}", leadUserId = leadId, memberIds = new[] { anna, bo, cleo } }, Cancel))
        {
            await HttpAssert.JsonAsync(created, HttpStatusCode.Created);
        }

        using (var empty = await lead.GetAsync($"/api/telephony/queues/{queue}/board", Cancel))
        {
            var board = Board(await HttpAssert.JsonAsync(empty));
            Assert.Equal((0, null, 0, 0, 0), (board.CallsWaiting, board.LongestWaitSeconds, board.CallbacksPending, board.CallbacksDue, board.Accuracy.Estimates));
            Assert.Equal(new AgentCountsView(0, 0, 0, 0, 0, 3), board.AgentCounts);
            Assert.All(board.Hours, h => Assert.Equal(0, h.Entered));
        }

        // 12:00 UTC: Anna and Bo are free; Cleo's state never reaches Touchpoint.
        await telephony.SendAsync(noon, $"/api/telephony/agents/{anna}/state", new { state = "available" });
        await telephony.SendAsync(noon, $"/api/telephony/agents/{bo}/state", new { state = "available" });
        var c1 = await telephony.EnterAsync(noon.AddMinutes(1), queue, "+46701110001");
        await telephony.SendAsync(noon.AddMinutes(1).AddSeconds(30), $"/api/telephony/calls/{c1}/connect", new { agentUserId = anna });
        var c2 = await telephony.EnterAsync(noon.AddMinutes(5), queue, "+46701110002");
        await telephony.SendAsync(noon.AddMinutes(6), $"/api/telephony/calls/{c2}/abandon", new { });
        var c3 = await telephony.EnterAsync(noon.AddMinutes(10), queue, "+46701110003");
        await telephony.SendAsync(noon.AddMinutes(11), $"/api/telephony/calls/{c3}/callback", new { });
        await telephony.SendAsync(noon.AddMinutes(20), $"/api/telephony/calls/{c1}/end", new { });
        // 13:00 UTC, the next hour: Bo answers a caller after two minutes, and another caller is still waiting at 13:30.
        var c4 = await telephony.EnterAsync(noon.AddMinutes(65), queue, "+46701110004");
        await telephony.SendAsync(noon.AddMinutes(67), $"/api/telephony/calls/{c4}/connect", new { agentUserId = bo });
        await telephony.EnterAsync(noon.AddMinutes(80), queue, "+46701110005");
        clock.SetUtcNow(noon.AddMinutes(90));

        using var leadNow = await app.CreateClientAsAsync("lead", Touchpoint.Demo.DemoData.Password);
        using var response = await leadNow.GetAsync($"/api/telephony/queues/{queue}/board", Cancel);
        var read = Board(await HttpAssert.JsonAsync(response));

        var stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");
        Assert.Equal(("Europe/Stockholm", WallClock.StartOfDay(noon, stockholm)), (read.TimeZone, read.TodayStartedAt));
        Assert.Equal((1, 600.0), (read.CallsWaiting, read.LongestWaitSeconds));
        Assert.Equal(noon.AddMinutes(80), read.WaitingSince);
        // The callback kept its place and may be made now: pending and due; nobody dials it yet.
        Assert.Equal((1, 1, 0), (read.CallbacksPending, read.CallbacksDue, read.CallbacksDialing));
        Assert.Equal(new AgentCountsView(Available: 0, OnCall: 1, WrapUp: 1, Busy: 0, Away: 0, NotReported: 1), read.AgentCounts);
        Assert.Equal(
            [("Anna Board", "wrapUp"), ("Bo Board", "onCall"), ("Cleo Board", "notReported")],
            read.Agents.Select(a => (a.Name, a.State)));

        // Every hour of today so far on the lead's clock, midnight first; what happened lands in the hour it happened.
        var firstHour = WallClock.FromUtc(noon, stockholm).Hour;
        Assert.Equal(firstHour + 2, read.Hours.Count);
        Assert.Equal("00:00", read.Hours[0].Label);
        var (first, second) = (read.Hours[firstHour], read.Hours[firstHour + 1]);
        Assert.Equal(($"{firstHour:00}:00", noon), (first.Label, first.From));
        Assert.Equal((3, 1, 1, 1, 30.0), (first.Entered, first.Answered, first.Abandoned, first.Callbacks, first.MeanWaitSeconds));
        Assert.Equal((2, 1, 0, 0, 120.0), (second.Entered, second.Answered, second.Abandoned, second.Callbacks, second.MeanWaitSeconds));
        Assert.All(read.Hours.Where(h => h != first && h != second), h => Assert.Equal((0, null), (h.Entered + h.Answered + h.Abandoned + h.Callbacks, h.MeanWaitSeconds)));

        // Accuracy: only estimates of callers who reached an agent have a wait to compare; each is read as the domain reads pairs.
        var compared = await app.WithDbContextAsync(db => db.QueueCallEstimates.AsNoTracking()
            .Where(e => e.QueueId == queue && e.EstimatedSeconds != null && e.ActualSeconds != null)
            .Select(e => new { e.GivenAt, Estimated = e.EstimatedSeconds!.Value, Actual = e.ActualSeconds!.Value }).ToListAsync(Cancel));
        Assert.Equal([30.0, 120.0], compared.OrderBy(e => e.GivenAt).Select(e => e.Actual));
        AssertAccuracy(compared.Where(e => e.GivenAt < noon.AddHours(1)).Select(e => (e.Estimated, e.Actual)), first.Accuracy);
        AssertAccuracy(compared.Where(e => e.GivenAt >= noon.AddHours(1)).Select(e => (e.Estimated, e.Actual)), second.Accuracy);
        AssertAccuracy(compared.Select(e => (e.Estimated, e.Actual)), read.Accuracy);
        Assert.Equal(2, read.Accuracy.Estimates);
    }

    [Fact]
    public async Task An_unknown_queue_is_a_404_and_only_leads_and_admins_read_the_board()
    {
        await using var app = await TouchpointApp.StartAsync(provider, postgres);
        using var lead = await app.CreateClientAsAsync("lead");
        using var agent = await app.CreateClientAsAsync("agent");
        using (var unknown = await lead.GetAsync("/api/telephony/queues/no-such-queue/board", Cancel))
        {
            Assert.Contains("no-such-queue", (await HttpAssert.ProblemAsync(unknown, HttpStatusCode.NotFound)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using (var refused = await agent.GetAsync("/api/telephony/queues/customer-service/board", Cancel))
        {
            await HttpAssert.ProblemAsync(refused, HttpStatusCode.Forbidden);
        }

        using var known = await lead.GetAsync("/api/telephony/queues/Customer-Service/board", Cancel);
        Assert.Equal("customer-service", Board(await HttpAssert.JsonAsync(known)).QueueId);
    }

    [Fact]
    public async Task Every_event_of_the_switch_tells_the_open_boards_and_a_bulk_update_tells_them_at_its_commit_only()
    {
        var clock = TestClocks.NoonToday();
        await using var app = await TouchpointApp.StartAsync(provider, postgres, clock: clock);
        var feed = app.Services.GetRequiredService<ChangeFeed>();
        var told = 0;
        using var board = feed.Subscribe([LiveTopics.ContactCentre], () => Interlocked.Increment(ref told));
        var switchName = $"switch-{Guid.NewGuid():N}"[..15];
        await CreateUserAsync(app, "Switch", Roles.Telephony, switchName);
        var telephony = new Switch(app, clock, switchName);
        var agent = await CreateUserAsync(app, "Ada Told");

        await telephony.SendAsync(clock.GetUtcNow().UtcDateTime, $"/api/telephony/agents/{agent}/state", new { state = "away" });
        Assert.True(Volatile.Read(ref told) > 0, "An agent's state change did not reach the board.");
        var beforeCall = Volatile.Read(ref told);
        await telephony.EnterAsync(clock.GetUtcNow().UtcDateTime, DemoQueue, "+46701119999");
        Assert.True(Volatile.Read(ref told) > beforeCall, "A caller entering did not reach the board.");

        // A bulk update passes by the change tracker: ContactCentreChanges tells the board once it commits, and never when it is rolled back.
        var beforeBulk = Volatile.Read(ref told);
        await app.WithDbContextAsync(async db =>
        {
            await using (var rolledBack = await db.Database.BeginTransactionAsync(Cancel))
            {
                await db.QueueAgents.Where(a => a.UserId == agent).ExecuteUpdateAsync(set => set.SetProperty(a => a.State, AgentState.Busy), Cancel);
                ContactCentreChanges.PublishAtCommit(db);
                await rolledBack.RollbackAsync(Cancel);
            }

            Assert.Equal(beforeBulk, Volatile.Read(ref told));
            await using var committed = await db.Database.BeginTransactionAsync(Cancel);
            await db.QueueAgents.Where(a => a.UserId == agent).ExecuteUpdateAsync(set => set.SetProperty(a => a.State, AgentState.Busy), Cancel);
            ContactCentreChanges.PublishAtCommit(db);
            Assert.Equal(beforeBulk, Volatile.Read(ref told));
            await committed.CommitAsync(Cancel);
            return 0;
        });
        Assert.Equal(beforeBulk + 1, Volatile.Read(ref told));
    }

    private const string DemoQueue = "customer-service";

    private static void AssertAccuracy(IEnumerable<(double Estimated, double Actual)> pairs, EstimateAccuracyView shown)
    {
        var expected = EstimateAccuracy.Of(pairs.Select(p => (TimeSpan.FromSeconds(p.Estimated), TimeSpan.FromSeconds(p.Actual))));
        Assert.Equal(expected.Estimates, shown.Estimates);
        Assert.True(expected.Estimates > 0, "Nothing was compared: the test would not see a wrong sum.");
        // TimeSpan keeps ticks; the board keeps the database's sums: the same to the millisecond.
        Assert.Equal(expected.MeanAbsoluteError!.Value.TotalSeconds, shown.MeanAbsoluteErrorSeconds!.Value, 3);
        Assert.Equal(expected.MeanBias!.Value.TotalSeconds, shown.MeanBiasSeconds!.Value, 3);
        Assert.Equal(expected.WithinAMinute, shown.WithinAMinute);
    }

    private static QueueBoardView Board(JsonElement json) => json.Deserialize<QueueBoardView>(JsonSerializerOptions.Web)!;

    private static async Task<string> CreateUserAsync(TouchpointApp app, string displayName, string role = Roles.Agent, string? userName = null)
    {
        using var admin = await app.CreateAdminClientAsync();
        using var response = await admin.PostAsJsonAsync("/api/users",
            new { userName = userName ?? $"a{Guid.NewGuid():N}"[..14], displayName, password = Password, role }, Cancel);
        return (await HttpAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }

    private const string Password = "long-enough-password";

    /// <summary>The telephony platform: it reports each event as it happens (the clock is moved there; the event carries no time of its own).</summary>
    private sealed class Switch(TouchpointApp app, Microsoft.Extensions.Time.Testing.FakeTimeProvider clock, string userName)
    {
        public async Task SendAsync(DateTime at, string path, object body)
        {
            clock.SetUtcNow(at);
            using var client = await app.CreateClientAsAsync(userName, Password);
            var withId = new Dictionary<string, object?> { ["eventId"] = Guid.NewGuid().ToString("N") };
            foreach (var property in JsonSerializer.SerializeToElement(body, JsonSerializerOptions.Web).EnumerateObject())
            {
                withId[property.Name] = property.Value;
            }

            using var response = path.EndsWith("/state", StringComparison.Ordinal)
                ? await client.PutAsJsonAsync(path, withId, Cancel)
                : await client.PostAsJsonAsync(path, withId, Cancel);
            await HttpAssert.JsonAsync(response, path.EndsWith("/calls", StringComparison.Ordinal) ? HttpStatusCode.Created : HttpStatusCode.OK);
        }

        public async Task<string> EnterAsync(DateTime at, string queue, string number)
        {
            var callId = $"call-{Guid.NewGuid():N}";
            await SendAsync(at, $"/api/telephony/queues/{queue}/calls", new { callId, callerNumber = number });
            return callId;
        }
    }
}

[Trait("Provider", "Sqlite")]
public sealed class QueueBoardTestsOnSqlite(PostgresServer postgres) : QueueBoardTests(postgres, Provider.Sqlite);

[Trait("Provider", "Postgres")]
public sealed class QueueBoardTestsOnPostgres : QueueBoardTests
{
    public QueueBoardTestsOnPostgres(PostgresServer postgres)
        : base(postgres, Provider.Postgres) => postgres.SkipUnlessRunning();
}
