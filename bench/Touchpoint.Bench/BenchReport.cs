using System.Globalization;
using System.Text.Json;

namespace Touchpoint.Bench;

/// <summary>
/// What a benchmark prints when it is done: a table with each figure beside its raw baseline and their ratio, then one
/// JSON line with every figure for scripts to read.
/// </summary>
/// <param name="metricWidth">The width of the table's first column, the longest metric's name.</param>
internal sealed class BenchReport(int metricWidth)
{
    private readonly List<(string Metric, double Touchpoint, double Raw, string Target, bool? Met)> rows = [];

    /// <summary>Every figure by its name in the JSON line, in the order they were measured.</summary>
    public Dictionary<string, object?> Figures { get; } = [];

    /// <param name="raw">The raw baseline's figure; NaN where there is none.</param>
    /// <param name="met">Whether the target is met; null where the metric has no target.</param>
    public void Add(string metric, double touchpoint, double raw, string target, bool? met) => rows.Add((metric, touchpoint, raw, target, met));

    /// <summary>
    /// The p50 and p99 rows of a latency, the p99 against its target, and their four figures: <c>{key}P50Ms</c>,
    /// <c>{key}P99Ms</c> and the baseline's as <c>raw{Key}P50Ms</c>, <c>raw{Key}P99Ms</c>.
    /// </summary>
    public void AddLatency(string name, string key, Latencies touchpoint, Latencies baseline, double targetP99Ms, int digits = 3)
    {
        var (p50, p99) = (touchpoint.Percentile(50), touchpoint.Percentile(99));
        Add($"{name} p50 (ms)", p50, baseline.Percentile(50), "", null);
        Add($"{name} p99 (ms)", p99, baseline.Percentile(99), string.Create(CultureInfo.InvariantCulture, $"≤ {targetP99Ms:#,0} ms"), p99 <= targetP99Ms);
        var rawKey = $"raw{char.ToUpperInvariant(key[0])}{key[1..]}";
        Figures[$"{key}P50Ms"] = Format.Json(p50, digits);
        Figures[$"{key}P99Ms"] = Format.Json(p99, digits);
        Figures[$"{rawKey}P50Ms"] = Format.Json(baseline.Percentile(50), digits);
        Figures[$"{rawKey}P99Ms"] = Format.Json(baseline.Percentile(99), digits);
    }

    /// <param name="run">What was measured (the benchmark, the database, the sizes): the JSON line's first fields.</param>
    public void Print(Dictionary<string, object?> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        Console.WriteLine();
        Console.WriteLine($"{"metric".PadRight(metricWidth)} {"touchpoint",12} {"raw baseline",13} {"ratio",7}  {"target",-26} {"met",-4}");
        foreach (var (metric, touchpoint, raw, target, met) in rows)
        {
            var format = metric.Contains("(ms)", StringComparison.Ordinal) ? "0.000" : "N0";
            Console.WriteLine($"{metric.PadRight(metricWidth)} {Format.Number(touchpoint, format),12} {Format.Number(raw, format),13} {Format.Number(touchpoint / raw, "0.00"),7}  {target,-26} {(met is null ? "" : met.Value ? "yes" : "NO"),-4}");
        }

        Console.WriteLine("ratio = touchpoint ÷ raw: above 1 is better for rates, below 1 is better for latencies.");
        var json = new Dictionary<string, object?>(run);
        foreach (var (key, value) in Figures)
        {
            json[key] = value;
        }

        json["targetsMet"] = rows.Where(r => r.Met is not null).All(r => r.Met == true);
        Console.WriteLine(JsonSerializer.Serialize(json));
    }
}
