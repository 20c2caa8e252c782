using System.Diagnostics;
using System.Globalization;

namespace Touchpoint.Bench;

/// <summary>Latencies of one measured operation, kept as Stopwatch ticks until asked for percentiles.</summary>
internal sealed class Latencies
{
    private readonly List<long> ticks = [];

    public int Count => ticks.Count;

    public void Add(long elapsedTicks) => ticks.Add(elapsedTicks);

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

/// <summary>A progress line: redrawn in place on a terminal, a plain line every few seconds when redirected.</summary>
internal sealed class ProgressLine : IDisposable
{
    private readonly Func<string> text;
    private readonly bool interactive = !Console.IsOutputRedirected;
    private readonly Timer timer;
    private readonly Lock gate = new();
    private int lastLength;
    private bool stopped;

    public ProgressLine(Func<string> text)
    {
        this.text = text;
        var period = interactive ? TimeSpan.FromMilliseconds(500) : TimeSpan.FromSeconds(5);
        timer = new Timer(_ => Draw(), null, period, period);
    }

    public void Dispose()
    {
        timer.Dispose();
        lock (gate)
        {
            stopped = true;
            Write(text());
            if (interactive)
            {
                Console.WriteLine();
            }
        }
    }

    private void Draw()
    {
        lock (gate)
        {
            if (!stopped)
            {
                Write(text());
            }
        }
    }

    private void Write(string line)
    {
        if (interactive)
        {
            Console.Write($"\r{line}".PadRight(lastLength + 1));
            lastLength = line.Length;
        }
        else
        {
            Console.WriteLine(line);
        }
    }
}

internal static class Format
{
    public static string Number(double value, string format) =>
        double.IsNaN(value) ? "—" : value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>JSON has no NaN; a figure that was not measured is null.</summary>
    public static double? Json(double value, int digits) => double.IsNaN(value) || double.IsInfinity(value) ? null : Math.Round(value, digits);
}
