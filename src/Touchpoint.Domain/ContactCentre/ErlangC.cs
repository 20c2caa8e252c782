namespace Touchpoint.Domain.ContactCentre;

/// <summary>
/// What Erlang C says of a queue with <see cref="Agents"/> agents offered <see cref="TrafficErlangs"/> of work (arrival
/// rate × mean handling time): the chance a caller waits at all, and the mean wait of all callers. It assumes Poisson
/// arrivals, exponential handling and callers who never give up, so it is the staffing view, not a promise to one caller.
/// </summary>
/// <param name="Stable">False when the work offered is at least what the agents can do: the queue grows without end.</param>
public sealed record ErlangCResult(double TrafficErlangs, int Agents, TimeSpan MeanHandlingTime, bool Stable, double WaitProbability, TimeSpan? MeanWait)
{
    /// <summary>Offered work per agent: how busy each agent is on average.</summary>
    public double Occupancy => Agents == 0 ? double.PositiveInfinity : TrafficErlangs / Agents;

    /// <summary>The share of callers answered within <paramref name="target"/> (the service level, e.g. 80 % in 20 s).</summary>
    public double AnsweredWithin(TimeSpan target)
    {
        if (!Stable)
        {
            return 0;
        }

        var rate = (Agents - TrafficErlangs) / MeanHandlingTime.TotalSeconds;
        return 1 - (WaitProbability * Math.Exp(-rate * Math.Max(0, target.TotalSeconds)));
    }
}

/// <summary>Erlang C (A. K. Erlang, 1917): the M/M/n queue's waiting probability and mean wait.</summary>
public static class ErlangC
{
    /// <param name="arrivalsPerHour">Calls arriving per hour.</param>
    /// <param name="meanHandlingTime">Talk plus wrap-up, on average.</param>
    /// <param name="agents">Agents taking calls.</param>
    public static ErlangCResult Compute(double arrivalsPerHour, TimeSpan meanHandlingTime, int agents)
    {
        if (!double.IsFinite(arrivalsPerHour) || arrivalsPerHour < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(arrivalsPerHour), arrivalsPerHour, "Arrivals per hour are a finite number, 0 or more.");
        }

        if (meanHandlingTime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(meanHandlingTime), meanHandlingTime, "A mean handling time is more than zero.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(agents);
        var traffic = arrivalsPerHour / 3600 * meanHandlingTime.TotalSeconds;
        if (traffic == 0)
        {
            return new ErlangCResult(0, agents, meanHandlingTime, agents > 0, agents > 0 ? 0 : 1, agents > 0 ? TimeSpan.Zero : null);
        }

        if (agents <= traffic)
        {
            return new ErlangCResult(traffic, agents, meanHandlingTime, Stable: false, WaitProbability: 1, MeanWait: null);
        }

        // Erlang B by its recurrence, which never forms A^n or n! (both overflow long before a large centre's sizes);
        // Erlang C follows from it.
        var blocking = 1.0;
        for (var n = 1; n <= agents; n++)
        {
            blocking = traffic * blocking / (n + (traffic * blocking));
        }

        var waiting = agents * blocking / (agents - (traffic * (1 - blocking)));
        var meanWait = TimeSpan.FromSeconds(waiting * meanHandlingTime.TotalSeconds / (agents - traffic));
        return new ErlangCResult(traffic, agents, meanHandlingTime, Stable: true, waiting, meanWait);
    }
}
