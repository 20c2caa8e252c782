using System.CommandLine;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Touchpoint.Data;
using Touchpoint.Features.Identity;

namespace Touchpoint.Bench.Telephony;

/// <summary>
/// "queue": the queue API as a switch drives it (issue 21). Each worker plays one agent's calls over HTTP: a caller
/// enters (position and estimate computed and recorded), is connected, the call ends, the agent is available again;
/// every request is one event. Beside it, the raw baseline makes the same writes per event with prepared ADO.NET in a
/// transaction each, computing nothing.
/// </summary>
internal static class QueueBenchmark
{
    public static Command Command()
    {
        var workers = BenchOptions.Count("--workers", 8, "clients sending events at once, each playing one agent's calls");
        var waiting = BenchOptions.Count("--waiting", 200, "callers waiting in the queue throughout, so each position and estimate counts a real line", minimum: 0);
        var duration = BenchOptions.Seconds("--duration-seconds", 10, "seconds measured");
        var warmUp = BenchOptions.Seconds("--warmup-seconds", 15, "seconds of events before measuring (the JIT tiers up meanwhile)", minimum: 0);
        var database = BenchOptions.Database();
        var connection = BenchOptions.Connection();
        var folder = BenchOptions.Folder();
        var command = new Command("queue", "The queue API: events per second and p99 over HTTP, beside raw inserts and updates of the same rows.")
        {
            workers, waiting, duration, warmUp, database, connection, folder,
        };
        BenchOptions.RequireConnectionForPostgres(command, database, connection);
        command.SetAction((parsed, _) =>
        {
            var settings = new QueueBenchSettings(parsed.GetValue(workers), parsed.GetValue(waiting), parsed.GetValue(duration), parsed.GetValue(warmUp));
            return BenchHost.RunInFolderAsync(parsed.GetValue(folder), (path, cancellationToken) =>
                new QueueRun(parsed.GetValue(database), path, parsed.GetValue(connection), settings).ExecuteAsync(cancellationToken));
        });
        return command;
    }
}

internal sealed record QueueBenchSettings(int Workers, int Waiting, TimeSpan Duration, TimeSpan WarmUp);

internal sealed class QueueRun(DatabaseProvider provider, string folder, string? postgresConnection, QueueBenchSettings s)
{
    public const string QueueId = "bench-phones";
    private const string Password = "bench-password-long-enough";
    private readonly string adminPassword = RandomNumberGenerator.GetHexString(32);
    private readonly BenchReport report = new(metricWidth: 30);

    private string ConnectionString => BenchHost.ConnectionString(provider, folder, postgresConnection);

    public async Task ExecuteAsync(CancellationToken cancellationToken)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"queue benchmark: {s.Workers} workers, {s.Waiting:N0} callers waiting, {provider} in {folder}"));
        BenchHost.DeleteSqliteFiles(provider, folder);
        var settings = BenchHost.Settings(provider, ConnectionString, adminPassword);
        LoadRun touchpoint;
        List<string> agentIds;
        await using (var server = await TouchpointServer.StartAsync(settings, folder, cancellationToken))
        {
            agentIds = await SetUpAsync(server, cancellationToken);
            using var load = await HttpLoadClient.SignInAsync(server, s.Workers, "switch", Password, cancellationToken);
            await FillLineAsync(load, cancellationToken);
            var players = agentIds.Select((agent, i) => new AgentPlayer(agent, $"w{i}")).ToArray();
            Console.WriteLine("events over HTTP …");
            touchpoint = await new LoadGenerator(s.Workers, s.WarmUp, s.Duration).RunAsync(
                worker => players[worker].NextAsync(load, cancellationToken), load.KeepGoing, cancellationToken);
            report.Figures["httpErrors"] = load.Errors;
        }

        Console.WriteLine("raw baseline: the same writes per event …");
        var baseline = await RawQueueEvents.RunAsync(new RawDb(provider, ConnectionString), agentIds, new LoadGenerator(s.Workers, s.WarmUp, s.Duration), cancellationToken);

        var (rate, rawRate) = (touchpoint.Requests / touchpoint.Seconds, baseline.Requests / baseline.Seconds);
        report.Add("queue API events (/s)", rate, rawRate, "≥ 2,000", rate >= 2_000);
        report.AddLatency("queue API event", "queueEvent", touchpoint.Latencies, baseline.Latencies, targetP99Ms: 20);
        report.Figures["queueEventsPerSecond"] = Format.Json(rate, 1);
        report.Figures["rawQueueEventsPerSecond"] = Format.Json(rawRate, 1);
        report.Print(new()
        {
            ["benchmark"] = "queue",
            ["database"] = provider == DatabaseProvider.Sqlite ? "sqlite" : "postgres",
            ["workers"] = s.Workers,
            ["waiting"] = s.Waiting,
            ["warmUpSeconds"] = s.WarmUp.TotalSeconds,
            ["durationSeconds"] = s.Duration.TotalSeconds,
            ["processors"] = Environment.ProcessorCount,
        });
    }

    /// <summary>As the admin: the switch's account, one agent per worker, and the queue they work.</summary>
    private async Task<List<string>> SetUpAsync(TouchpointServer server, CancellationToken cancellationToken)
    {
        using var admin = new HttpClient { BaseAddress = server.Address };
        admin.DefaultRequestHeaders.Authorization = new("Bearer", await server.TokenAsync(admin, AdminAccount.UserName, adminPassword, cancellationToken));
        await CreateUserAsync(admin, "switch", "Telephony", cancellationToken);
        var agents = new List<string>();
        for (var i = 0; i < s.Workers; i++)
        {
            agents.Add(await CreateUserAsync(admin, $"phone-agent-{i}", "Agent", cancellationToken));
        }

        using var me = await admin.GetAsync(new Uri("/api/me", UriKind.Relative), cancellationToken);
        var adminId = JsonDocument.Parse(await me.Content.ReadAsStringAsync(cancellationToken)).RootElement.GetProperty("id").GetString();
        using var queue = await admin.PostAsJsonAsync(new Uri("/api/queues", UriKind.Relative),
            new { id = QueueId, name = "Bench phones", leadUserId = adminId, memberIds = agents }, cancellationToken);
        queue.EnsureSuccessStatusCode();
        return agents;
    }

    private static async Task<string> CreateUserAsync(HttpClient admin, string userName, string role, CancellationToken cancellationToken)
    {
        using var response = await admin.PostAsJsonAsync(new Uri("/api/users", UriKind.Relative), new { userName, password = Password, role }, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Creating {userName} answered {(int)response.StatusCode}: {body}");
        }

        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>Callers who wait the whole run: every new caller's position counts them, as in a busy hour.</summary>
    private async Task FillLineAsync(HttpLoadClient load, CancellationToken cancellationToken)
    {
        for (var i = 0; i < s.Waiting; i++)
        {
            using var response = await load.Client.PostAsJsonAsync(new Uri($"/api/telephony/queues/{QueueId}/calls", UriKind.Relative),
                new { eventId = $"hold-{i}", callId = $"hold-{i}", callerNumber = string.Create(CultureInfo.InvariantCulture, $"+4670{1000000 + i}") }, cancellationToken);
            response.EnsureSuccessStatusCode();
        }
    }

    /// <summary>One agent's calls, one event per step: enter, connect, end, available; then the next call.</summary>
    private sealed class AgentPlayer(string agentId, string prefix)
    {
        private int step;
        private int call;

        public async Task<bool> NextAsync(HttpLoadClient load, CancellationToken cancellationToken)
        {
            var callId = string.Create(CultureInfo.InvariantCulture, $"{prefix}-{call}");
            var eventId = string.Create(CultureInfo.InvariantCulture, $"{callId}-{step}");
            var (request, path) = step switch
            {
                0 => (load.Client.PostAsJsonAsync(new Uri($"/api/telephony/queues/{QueueId}/calls", UriKind.Relative),
                    new { eventId, callId, callerNumber = string.Create(CultureInfo.InvariantCulture, $"+4673{(call % 9_000_000) + 1_000_000}") }, cancellationToken), "enter"),
                1 => (load.Client.PostAsJsonAsync(new Uri($"/api/telephony/calls/{callId}/connect", UriKind.Relative), new { eventId, agentUserId = agentId }, cancellationToken), "connect"),
                2 => (load.Client.PostAsJsonAsync(new Uri($"/api/telephony/calls/{callId}/end", UriKind.Relative), new { eventId }, cancellationToken), "end"),
                _ => (load.Client.PutAsJsonAsync(new Uri($"/api/telephony/agents/{agentId}/state", UriKind.Relative), new { eventId, state = "available" }, cancellationToken), "available"),
            };
            using var response = await request;
            var ok = load.Succeeded(response, $"{path} {callId}", response.IsSuccessStatusCode ? null : await response.Content.ReadAsStringAsync(cancellationToken));
            step = (step + 1) % 4;
            call += step == 0 ? 1 : 0;
            return ok;
        }
    }
}
