namespace Touchpoint.Domain.ContactCentre;

/// <summary>How handling times are drawn: exponential (Erlang C's assumption) or log-normal (closer to real calls).</summary>
public enum HandlingDistribution
{
    Exponential,
    LogNormal,
}

/// <param name="ArrivalsPerHour">Poisson arrivals.</param>
/// <param name="Patience">A caller's mean patience (exponential); null: nobody gives up, as Erlang C assumes.</param>
/// <param name="Seed">The same seed gives the same calls, so two runs (with and without a change) meet the same day.</param>
public sealed record SimulationSettings(
    double ArrivalsPerHour, int Agents, TimeSpan MeanHandlingTime, TimeSpan Duration,
    TimeSpan? Patience = null, HandlingDistribution Handling = HandlingDistribution.Exponential, int Seed = 1)
{
    /// <summary>What is wrong with these settings, each naming its option; empty when they can be run.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!double.IsFinite(ArrivalsPerHour) || ArrivalsPerHour <= 0 || ArrivalsPerHour > 1_000_000)
        {
            problems.Add("arrivals-per-hour is more than 0 and at most 1,000,000.");
        }

        if (Agents is < 1 or > 100_000)
        {
            problems.Add("agents is between 1 and 100,000.");
        }

        if (MeanHandlingTime <= TimeSpan.Zero || MeanHandlingTime > TimeSpan.FromHours(8))
        {
            problems.Add("handle-time is more than 0 and at most 8 hours.");
        }

        if (Duration <= TimeSpan.Zero || Duration > TimeSpan.FromDays(3650))
        {
            problems.Add("hours is more than 0 and at most 87,600 (ten years).");
        }

        if (Patience is { } patience && (patience <= TimeSpan.Zero || patience > TimeSpan.FromDays(1)))
        {
            problems.Add("patience is more than 0 and at most a day.");
        }

        return problems;
    }
}

/// <param name="WaitProbability">The share of callers answered who waited at all.</param>
/// <param name="MeanWait">Over callers answered.</param>
/// <param name="Occupancy">Agents' time spent handling calls, over all agents' time.</param>
public sealed record SimulationResult(
    int Calls, int Answered, int Abandoned, double WaitProbability, TimeSpan MeanWait,
    TimeSpan WaitP50, TimeSpan WaitP90, TimeSpan WaitP99, double Occupancy)
{
    public double AbandonRate => Calls == 0 ? 0 : (double)Abandoned / Calls;
}

/// <summary>
/// One queue's day, call by call, on a simulated clock: Poisson arrivals, first come first served, each caller taken by
/// the agent free first, a caller who waits longer than their patience giving up. Run without patience and with
/// exponential handling it is Erlang C's queue, so the two check each other.
/// </summary>
public static class QueueSimulation
{
    public static SimulationResult Run(SimulationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Problems() is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(settings));
        }

        // One stream each for arrivals, handling and patience: the same seed brings the same callers whatever else changes.
        var arrivals = new Random(settings.Seed);
        var handlings = new Random(settings.Seed + 1);
        var patiences = new Random(settings.Seed + 2);
        var meanGap = 3600 / settings.ArrivalsPerHour;
        var handling = settings.MeanHandlingTime.TotalSeconds;
        var end = settings.Duration.TotalSeconds;

        // Each agent by the second they are free again; the one free first takes the next caller.
        var agents = new PriorityQueue<int, double>(settings.Agents);
        for (var agent = 0; agent < settings.Agents; agent++)
        {
            agents.Enqueue(agent, 0);
        }

        var waits = new List<double>();
        int calls = 0, abandoned = 0, waited = 0;
        double busy = 0, lastFree = 0;
        for (var now = Exponential(arrivals, meanGap); now < end; now += Exponential(arrivals, meanGap))
        {
            calls++;
            agents.TryPeek(out var first, out var freeAt);
            var wait = Math.Max(0, freeAt - now);
            if (settings.Patience is { } patience && wait > Exponential(patiences, patience.TotalSeconds))
            {
                abandoned++;
                continue;
            }

            var handled = settings.Handling == HandlingDistribution.Exponential
                ? Exponential(handlings, handling)
                : LogNormal(handlings, handling);
            agents.DequeueEnqueue(first, now + wait + handled);
            busy += handled;
            lastFree = Math.Max(lastFree, now + wait + handled);
            waits.Add(wait);
            waited += wait > 0 ? 1 : 0;
        }

        waits.Sort();
        var span = Math.Max(end, lastFree) * settings.Agents;
        return new SimulationResult(
            calls, waits.Count, abandoned,
            waits.Count == 0 ? 0 : (double)waited / waits.Count,
            TimeSpan.FromSeconds(waits.Count == 0 ? 0 : waits.Average()),
            Percentile(waits, 0.50), Percentile(waits, 0.90), Percentile(waits, 0.99),
            span == 0 ? 0 : busy / span);
    }

    private static TimeSpan Percentile(List<double> sorted, double share) =>
        sorted.Count == 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(share * sorted.Count) - 1)]);

    private static double Exponential(Random random, double mean) => -mean * Math.Log(1 - random.NextDouble());

    /// <summary>Log-normal with the given mean and a coefficient of variation of 1, as call lengths commonly have.</summary>
    private static double LogNormal(Random random, double mean)
    {
        const double Sigma2 = 0.6931471805599453; // ln(1 + cv²) with cv = 1
        var mu = Math.Log(mean) - (Sigma2 / 2);
        var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return Math.Exp(mu + (Math.Sqrt(Sigma2) * normal));
    }
}
