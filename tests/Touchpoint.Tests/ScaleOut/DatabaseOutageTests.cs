using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace Touchpoint.Tests.ScaleOut;

/// <summary>
/// PostgreSQL stops while agents are creating cases: every request meanwhile is a 503 with Retry-After, never a 500;
/// once it is back, each agent repeats what failed with the same Idempotency-Key, and every key made exactly one case:
/// none twice (a commit whose answer was lost is not made again) and none acknowledged lost.
/// </summary>
[Trait("Provider", "Postgres")]
public sealed class DatabaseOutageTests(PostgresServer shared)
{
    private const int Agents = 4;
    private const int CasesPerAgent = 50;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Creates_during_a_database_stop_answer_503_and_retried_with_their_keys_make_each_case_once()
    {
        shared.SkipUnlessRunning();
        // A cluster of the test's own: the shared one serves every other test. Durable, as in production: without it an
        // immediate stop loses commits already acknowledged, which no server could keep.
        var cluster = new PostgresServer { Durable = true };
        await cluster.InitializeAsync();
        try
        {
            await using var app = await TouchpointApp.StartAsync(Provider.Postgres, cluster);
            var customerId = await app.WithDbContextAsync(db => db.Customers.Where(c => c.Name == "Magnus Ek").Select(c => c.Id).SingleAsync(Cancel));
            var clients = new List<HttpClient>();
            for (var i = 0; i < Agents; i++)
            {
                clients.Add(await app.CreateClientAsAsync("agent"));
            }

            var run = new OutageRun(Agents);
            var agents = clients.Select((client, n) => Task.Run(() => CreateCasesAsync(client, customerId, n, run), Cancel)).ToList();

            await run.Acknowledged(10);
            await cluster.StopAsync();
            await run.AllWaitingOrDone;
            using (var read = await clients[0].GetAsync($"/api/customers/{customerId}", Cancel))
            {
                AssertUnavailable(read);
            }

            // The load balancer takes the node out meanwhile; it stays alive, so nothing restarts it.
            using var anonymous = app.CreateAnonymousClient();
            using (var ready = await anonymous.GetAsync("/health/ready", Cancel))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            }

            using (var live = await anonymous.GetAsync("/health/live", Cancel))
            {
                Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            }

            await cluster.StartAgainAsync();
            run.DatabaseBack.SetResult();
            await Task.WhenAll(agents);
            using (var readyAgain = await anonymous.GetAsync("/health/ready", Cancel))
            {
                Assert.Equal(HttpStatusCode.OK, readyAgain.StatusCode);
            }

            Assert.NotEmpty(run.Unavailable);
            Assert.All(run.Unavailable, AssertUnavailable);
            Assert.Empty(run.Unexpected);
            var made = await app.WithDbContextAsync(db => db.Cases.AsNoTracking().Where(c => c.NeedStatement.StartsWith("Outage "))
                .Select(c => new { c.Id, c.NeedStatement }).ToListAsync(Cancel));
            Assert.Equal(Agents * CasesPerAgent, made.Count);
            Assert.Equal(made.Count, made.Select(c => c.NeedStatement).Distinct().Count());
            Assert.Subset(made.Select(c => c.Id.ToString()).ToHashSet(), run.AcknowledgedIds.ToHashSet());

            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    /// <summary>One agent's creates, each repeated with its key until it is made; a 503 waits for the database to be back.</summary>
    private static async Task CreateCasesAsync(HttpClient client, Guid customerId, int agent, OutageRun run)
    {
        try
        {
            for (var i = 0; i < CasesPerAgent; i++)
            {
                var key = $"{agent}-{i}-{Guid.NewGuid():N}";
                var body = new { customerId, type = "complaint", channel = "phone", need = $"Outage {key}" };
                for (var attempt = 1; ; attempt++)
                {
                    Assert.True(attempt <= 20, $"Case {key} was not made in 20 attempts.");
                    var response = await client.SendAsync(IdempotencyKeyTests.Keyed(HttpMethod.Post, "/api/cases", body, key), Cancel);
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        run.Acknowledge((await HttpAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetString()!);
                        response.Dispose();
                        break;
                    }

                    if (response.StatusCode == HttpStatusCode.Conflict)
                    {
                        // Committed, but the answer was lost with the connection: made once, nothing to repeat.
                        response.Dispose();
                        break;
                    }

                    if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                    {
                        run.Unavailable.Add(response);
                        await run.WaitForDatabaseAsync();
                        continue;
                    }

                    run.Unexpected.Add($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Cancel)}");
                    response.Dispose();
                    break;
                }
            }
        }
        finally
        {
            run.Done();
        }
    }

    private static void AssertUnavailable(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>What the agents saw, and the moments the test waits for: no wall clock.</summary>
    private sealed class OutageRun(int agents)
    {
        private readonly TaskCompletionSource allWaitingOrDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ConcurrentQueue<(int Count, TaskCompletionSource Reached)> thresholds = new();
        private int waitingOrDone;
        private int acknowledged;

        public ConcurrentBag<HttpResponseMessage> Unavailable { get; } = [];
        public ConcurrentBag<string> Unexpected { get; } = [];
        public ConcurrentBag<string> AcknowledgedIds { get; } = [];
        public TaskCompletionSource DatabaseBack { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public Task AllWaitingOrDone => allWaitingOrDone.Task;

        public Task Acknowledged(int count)
        {
            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            thresholds.Enqueue((count, reached));
            if (Volatile.Read(ref acknowledged) >= count)
            {
                reached.TrySetResult();
            }

            return reached.Task;
        }

        public void Acknowledge(string id)
        {
            AcknowledgedIds.Add(id);
            var count = Interlocked.Increment(ref acknowledged);
            foreach (var (threshold, reached) in thresholds)
            {
                if (count >= threshold)
                {
                    reached.TrySetResult();
                }
            }
        }

        public async Task WaitForDatabaseAsync()
        {
            if (DatabaseBack.Task.IsCompleted)
            {
                return;
            }

            Arrive();
            await DatabaseBack.Task;
            Interlocked.Decrement(ref waitingOrDone);
        }

        public void Done() => Arrive();

        private void Arrive()
        {
            if (Interlocked.Increment(ref waitingOrDone) >= agents)
            {
                allWaitingOrDone.TrySetResult();
            }
        }
    }
}
