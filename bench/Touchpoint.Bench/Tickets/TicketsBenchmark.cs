using System.CommandLine;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Touchpoint.Bench.Work;
using Touchpoint.Data;

namespace Touchpoint.Bench.Tickets;

/// <summary>
/// "tickets": the shapes Request Tracker 5 was measured in beside Touchpoint (issue 27): tickets created over TMF621 by
/// one client and by eight, one ticket read by id, the tickets of one customer, the twenty newest open tickets; each
/// beside raw SQL doing the same work in the same run, and beside Request Tracker's figure.
/// </summary>
internal static class TicketsBenchmark
{
    public static Command Command()
    {
        var tickets = BenchOptions.Count("--tickets", 5_000, "tickets there are when the reads are measured");
        var customers = BenchOptions.Count("--customers", 500, "customers the tickets are spread over");
        var duration = BenchOptions.Seconds("--duration-seconds", 8, "seconds each operation is measured");
        var warmUp = BenchOptions.Seconds("--warmup-seconds", 10, "seconds of each operation before measuring (the JIT tiers up meanwhile)", minimum: 0);
        var database = BenchOptions.Database();
        var connection = BenchOptions.Connection();
        var folder = BenchOptions.Folder();
        var command = new Command("tickets",
            "Request Tracker's shapes over TMF621: create (1 and 8 clients), a ticket by id, one customer's tickets, the 20 newest open tickets.")
        {
            tickets, customers, duration, warmUp, database, connection, folder,
        };
        BenchOptions.RequireConnectionForPostgres(command, database, connection);
        command.SetAction((parsed, _) =>
        {
            var settings = new TicketSettings(parsed.GetValue(tickets), parsed.GetValue(customers), parsed.GetValue(duration), parsed.GetValue(warmUp));
            return BenchHost.RunInFolderAsync(parsed.GetValue(folder), (path, cancellationToken) =>
                new TicketsRun(parsed.GetValue(database), path, parsed.GetValue(connection), settings).ExecuteAsync(cancellationToken));
        });
        return command;
    }
}

internal sealed record TicketSettings(int Tickets, int Customers, TimeSpan Duration, TimeSpan WarmUp);

/// <summary>One run of "tickets": seeding, Touchpoint's operations over HTTP, then the raw baselines, then the report.</summary>
internal sealed class TicketsRun(DatabaseProvider provider, string folder, string? postgresConnection, TicketSettings s)
{
    /// <summary>Request Tracker 5's best figure of two runs for each operation, measured beside Touchpoint (issue 27).</summary>
    private static readonly Dictionary<string, double> RequestTracker = new(StringComparer.Ordinal)
    {
        ["create, 1 client"] = 6.6,
        ["create, 8 clients"] = 10.6,
        ["ticket by id"] = 36,
        ["one customer's tickets"] = 78,
        ["20 newest open tickets"] = 49,
    };

    private const int ManyClients = 8;
    private const int NewestOpen = 20;
    private readonly string adminPassword = RandomNumberGenerator.GetHexString(32);
    private readonly BenchReport report = new(metricWidth: 34);
    private readonly List<(string Operation, double Touchpoint)> beside = [];

    private string ConnectionString => BenchHost.ConnectionString(provider, folder, postgresConnection);

    public async Task ExecuteAsync(CancellationToken cancellationToken)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"tickets benchmark: {s.Tickets:N0} tickets over {s.Customers:N0} customers, {provider} in {folder}"));
        BenchHost.DeleteSqliteFiles(provider, folder);

        var raw = new RawDb(provider, ConnectionString);
        var settings = BenchHost.Settings(provider, ConnectionString, adminPassword);
        SeededWork seeded;
        using (var host = BenchHost.CreateBuilder(settings).Build())
        {
            await host.StartAsync(cancellationToken);
            try
            {
                // The work benchmark's seeding with one owner and one template case: customers, the agent, the template.
                var work = new WorkSettings(1, 1, s.Customers, 1, 0, TimeSpan.Zero, 0, ManyClients, s.Duration, s.WarmUp);
                seeded = await new WorkSeeder(raw, work).SeedAsync(host.Services, cancellationToken);
            }
            finally
            {
                await host.StopAsync(CancellationToken.None);
            }
        }

        var touchpoint = new Dictionary<string, LoadRun>(StringComparer.Ordinal);
        await using (var server = await TouchpointServer.StartAsync(settings, folder, cancellationToken))
        {
            using var load = await HttpLoadClient.SignInAsync(server, ManyClients, seeded.AgentUserName, seeded.AgentPassword, cancellationToken);
            // Each create phase (warm-up and measured) opens at most a fifth of the tickets, so the reads find the
            // number asked for, about ten a customer, however fast the creates run.
            var perPhase = Math.Max(1, s.Tickets / 5);
            touchpoint["create, 1 client"] = await CreateAsync(load, seeded, 1, Generator(1, perPhase), cancellationToken);
            touchpoint["create, 8 clients"] = await CreateAsync(load, seeded, ManyClients, Generator(ManyClients, perPhase), cancellationToken);
            var created = await RawTicketReads.CountTicketsAsync(raw, cancellationToken);
            if (created < s.Tickets)
            {
                Console.WriteLine($"creating {s.Tickets - created:N0} more tickets, to {s.Tickets:N0} …");
                _ = await CreateAsync(load, seeded, ManyClients, new LoadGenerator(ManyClients, TimeSpan.Zero, TimeSpan.FromHours(1), s.Tickets - created), cancellationToken);
            }

            var ids = await RawTicketReads.TicketIdsAsync(raw, cancellationToken);
            touchpoint["ticket by id"] = await ReadAsync(load, "ticket by id", () => $"{Tmf621}/{ids[Random.Shared.Next(ids.Count)]}", cancellationToken);
            touchpoint["one customer's tickets"] = await ReadAsync(load, "one customer's tickets",
                () => $"{Tmf621}?relatedParty.id={seeded.CustomerIds[Random.Shared.Next(seeded.CustomerIds.Count)]}", cancellationToken);
            touchpoint["20 newest open tickets"] = await ReadAsync(load, "20 newest open tickets",
                () => $"{Tmf621}?status={RawTicketReads.OpenStatusList}&limit={NewestOpen}", cancellationToken);
            report.Figures["httpErrors"] = load.Errors;
        }

        // The baselines read first, before their own inserts add tickets to what they read.
        var reads = new RawTicketReads(raw);
        var ticketIds = await RawTicketReads.TicketIdsAsync(raw, cancellationToken);
        var baseline = new Dictionary<string, LoadRun>(StringComparer.Ordinal)
        {
            ["ticket by id"] = await reads.RunAsync("ticket by id", Generator(1), RawTicketReads.ById,
                () => raw.Id(ticketIds[Random.Shared.Next(ticketIds.Count)]), cancellationToken),
            ["one customer's tickets"] = await reads.RunAsync("one customer's tickets", Generator(1), RawTicketReads.OfCustomer,
                () => raw.Id(seeded.CustomerIds[Random.Shared.Next(seeded.CustomerIds.Count)]), cancellationToken),
            ["20 newest open tickets"] = await reads.RunAsync("20 newest open tickets", Generator(1), RawTicketReads.NewestOpen(NewestOpen), null, cancellationToken),
        };
        Console.WriteLine("create raw baseline: 1 client, then 8 …");
        baseline["create, 1 client"] = await RawCaseInserts.RunAsync(raw, seeded, 1, Generator(1, Math.Max(1, s.Tickets / 5)), cancellationToken);
        baseline["create, 8 clients"] = await RawCaseInserts.RunAsync(raw, seeded, ManyClients, Generator(ManyClients, Math.Max(1, s.Tickets / 5)), cancellationToken);

        foreach (var operation in RequestTracker.Keys)
        {
            Add(operation, touchpoint[operation], baseline[operation]);
        }

        PrintBesideRequestTracker();
        report.Print(new()
        {
            ["benchmark"] = "tickets",
            ["database"] = provider == DatabaseProvider.Sqlite ? "sqlite" : "postgres",
            ["tickets"] = s.Tickets,
            ["customers"] = s.Customers,
            ["warmUpSeconds"] = s.WarmUp.TotalSeconds,
            ["durationSeconds"] = s.Duration.TotalSeconds,
            ["processors"] = Environment.ProcessorCount,
        });
    }

    private const string Tmf621 = "/tmf-api/troubleTicket/v4/troubleTicket";

    private LoadGenerator Generator(int clients, long maxCallsPerPhase = long.MaxValue) => new(clients, s.WarmUp, s.Duration, maxCallsPerPhase);

    private static async Task<LoadRun> CreateAsync(HttpLoadClient load, SeededWork seeded, int clients, LoadGenerator generator, CancellationToken cancellationToken)
    {
        Console.WriteLine($"create over TMF621: {clients} client(s) …");
        return await generator.RunAsync(async _ =>
        {
            var customerId = seeded.CustomerIds[Random.Shared.Next(seeded.CustomerIds.Count)];
            var body = new Dictionary<string, object>
            {
                ["name"] = "Double charge",
                ["description"] = "The customer wants the double charge on the last invoice refunded.",
                ["severity"] = "moderate",
                ["ticketType"] = "complaint",
                ["channel"] = new Dictionary<string, string> { ["id"] = "phone" },
                ["relatedParty"] = new[] { new Dictionary<string, string> { ["id"] = customerId.ToString(), ["role"] = "customer", ["@referredType"] = "Customer" } },
            };
            using var response = await load.Client.PostAsJsonAsync(new Uri(Tmf621, UriKind.Relative), body, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return load.Succeeded(response, $"POST {Tmf621}", text);
        }, load.KeepGoing, cancellationToken);
    }

    private async Task<LoadRun> ReadAsync(HttpLoadClient load, string operation, Func<string> path, CancellationToken cancellationToken)
    {
        Console.WriteLine($"{operation} over TMF621: 1 client …");
        return await Generator(1).RunAsync(async _ =>
        {
            var request = path();
            using var response = await load.Client.GetAsync(new Uri(request, UriKind.Relative), cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return load.Succeeded(response, $"GET {request}", text);
        }, load.KeepGoing, cancellationToken);
    }

    private void Add(string operation, LoadRun touchpoint, LoadRun baseline)
    {
        var (rate, rawRate) = (touchpoint.Requests / touchpoint.Seconds, baseline.Requests / baseline.Seconds);
        report.Add($"{operation} (/s)", rate, rawRate, "≥ 0.5× raw", rate >= 0.5 * rawRate);
        report.Add($"{operation} p50 (ms)", touchpoint.Latencies.Percentile(50), baseline.Latencies.Percentile(50), "", null);
        var key = string.Concat(operation.Split([' ', ',', '\''], StringSplitOptions.RemoveEmptyEntries)
            .Select((word, i) => i == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..]));
        report.Figures[$"{key}PerSecond"] = Format.Json(rate, 1);
        report.Figures[$"raw{char.ToUpperInvariant(key[0])}{key[1..]}PerSecond"] = Format.Json(rawRate, 1);
        report.Figures[$"{key}TimesRequestTracker"] = Format.Json(rate / RequestTracker[operation], 1);
        beside.Add((operation, rate));
    }

    private void PrintBesideRequestTracker()
    {
        Console.WriteLine();
        Console.WriteLine($"{"operation",-26} {"touchpoint",12} {"request tracker",16} {"times",8}  aim");
        foreach (var (operation, rate) in beside)
        {
            var times = rate / RequestTracker[operation];
            Console.WriteLine($"{operation,-26} {Format.Number(rate, "N1"),12} {Format.Number(RequestTracker[operation], "N1"),16} {Format.Number(times, "0.0"),8}  ≥ 100× {(times >= 100 ? "yes" : "no")}");
        }

        Console.WriteLine("Request Tracker 5: the best of its two runs beside Touchpoint on one PostgreSQL cluster (issue 27); not run here.");
    }
}
