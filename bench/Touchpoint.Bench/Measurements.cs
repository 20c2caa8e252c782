using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Touchpoint.Features.Import;

namespace Touchpoint.Bench;

/// <summary>Latencies of one measured operation, kept as Stopwatch ticks until asked for percentiles.</summary>
internal sealed class Latencies
{
    private readonly List<long> ticks = [];

    public int Count => ticks.Count;

    public void Add(long elapsedTicks) => ticks.Add(elapsedTicks);

    /// <summary>Adds a call's Stopwatch ticks unless it was a warm-up call, numbered below zero.</summary>
    public void AddUnlessWarmUp(int call, long elapsedTicks)
    {
        if (call >= 0)
        {
            ticks.Add(elapsedTicks);
        }
    }

    public static Latencies Merge(IEnumerable<Latencies> parts)
    {
        var merged = new Latencies();
        foreach (var part in parts)
        {
            merged.ticks.AddRange(part.ticks);
        }

        return merged;
    }

    /// <summary>Nearest-rank percentile in milliseconds; NaN when nothing was measured.</summary>
    public double Percentile(double percent)
    {
        if (ticks.Count == 0)
        {
            return double.NaN;
        }

        var sorted = ticks.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)] * 1000.0 / Stopwatch.Frequency;
    }
}

/// <summary>The console progress is drawn on: a live bar on a terminal, plain lines in a log.</summary>
internal static class BenchConsole
{
    public static IAnsiConsole Output { get; } = ImportProgressDisplay.Console(Console.Out, interactive: !Console.IsOutputRedirected);
}

internal static class Format
{
    public static string Number(double value, string format) =>
        double.IsNaN(value) ? "—" : value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>JSON has no NaN; a figure that was not measured is null.</summary>
    public static double? Json(double value, int digits) => double.IsNaN(value) || double.IsInfinity(value) ? null : Math.Round(value, digits);
}
