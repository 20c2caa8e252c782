using System.Net.Http.Json;

namespace Touchpoint.Bench.Work;

/// <summary>
/// POST /api/cases on Touchpoint in its own process as an own-staff agent, against raw SQL doing the core of it
/// (<see cref="RawCaseInserts"/>).
/// </summary>
internal static class CaseCreationMeasurement
{
    public static async Task RunAsync(
        IReadOnlyDictionary<string, string> settings, string folder, RawDb raw, WorkSettings s, SeededWork seeded, BenchReport report,
        CancellationToken cancellationToken)
    {
        var loadGenerator = new LoadGenerator(s.Concurrency, s.WarmUp, s.Duration);
        Console.WriteLine($"case creation: starting Touchpoint on Kestrel, then {s.Concurrency} workers, {s.WarmUp.TotalSeconds:0} s warm-up and {s.Duration.TotalSeconds:0} s measured …");
        LoadRun http;
        await using (var server = await TouchpointServer.StartAsync(settings, folder, cancellationToken))
        {
            using var load = await HttpLoadClient.SignInAsync(server, s.Concurrency, seeded.AgentUserName, seeded.AgentPassword, cancellationToken);
            http = await loadGenerator.RunAsync(async _ =>
            {
                var body = new
                {
                    customerId = seeded.CustomerIds[Random.Shared.Next(seeded.CustomerIds.Count)],
                    type = "complaint",
                    priority = "medium",
                    channel = "phone",
                    need = "The customer wants the double charge on the last invoice refunded.",
                };
                using var response = await load.Client.PostAsJsonAsync(new Uri("/api/cases", UriKind.Relative), body, cancellationToken);
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                return load.Succeeded(response, "POST /api/cases", text);
            }, load.KeepGoing, cancellationToken);
            report.Figures["httpErrors"] = load.Errors;
        }

        Console.WriteLine($"case creation raw baseline: {s.Concurrency} workers …");
        var direct = await RawCaseInserts.RunAsync(raw, seeded, s.Concurrency, loadGenerator, cancellationToken);
        var (tpRate, rawRate) = (http.Requests / http.Seconds, direct.Requests / direct.Seconds);
        report.Add("case creation (cases/s)", tpRate, rawRate, "", null);
        report.Add("case creation p50 (ms)", http.Latencies.Percentile(50), direct.Latencies.Percentile(50), "", null);
        report.Add("case creation p99 (ms)", http.Latencies.Percentile(99), direct.Latencies.Percentile(99), "", null);
        report.Figures["caseCreationPerSecond"] = Format.Json(tpRate, 0);
        report.Figures["rawCaseCreationPerSecond"] = Format.Json(rawRate, 0);
        report.Figures["caseCreationP50Ms"] = Format.Json(http.Latencies.Percentile(50), 3);
        report.Figures["caseCreationP99Ms"] = Format.Json(http.Latencies.Percentile(99), 3);
        report.Figures["rawCaseCreationP50Ms"] = Format.Json(direct.Latencies.Percentile(50), 3);
        report.Figures["rawCaseCreationP99Ms"] = Format.Json(direct.Latencies.Percentile(99), 3);
    }

}
