using System.Globalization;

namespace Touchpoint.Domain.ContactCentre;

/// <summary>How a wait estimate was reached; said to the caller's platform with the estimate, never left to guess.</summary>
public enum EstimateBasis
{
    /// <summary>No wait: an agent is free for this caller now.</summary>
    AgentFree,

    /// <summary>From the calls ahead and the agents taking calls, at the queue's recent handling time.</summary>
    Queue,

    /// <summary>From Erlang C for the queue's recent arrivals, handling time and staffing: the mean wait of a caller arriving now.</summary>
    ErlangC,

    /// <summary>Nothing to estimate from (no agent taking calls, or no call handled yet): no number is given.</summary>
    None,
}

/// <param name="Wait">Null when <see cref="Basis"/> is <see cref="EstimateBasis.None"/>.</param>
/// <param name="Explanation">The basis in words, for the platform's log and the lead's board.</param>
public sealed record WaitEstimate(TimeSpan? Wait, EstimateBasis Basis, string Explanation)
{
    /// <summary>Erlang C's mean wait for the queue's recent arrivals, handling time and staffing, whichever basis was used; null when it cannot be had (too few arrivals, no handling time, more work than agents).</summary>
    public TimeSpan? ErlangCWait { get; init; }
}

/// <summary>What a queue is doing now, as far as a wait estimate needs it.</summary>
/// <param name="CallsAhead">Callers ahead of this one, callbacks keeping their place included.</param>
/// <param name="AgentsAvailable">Agents free to take a call now.</param>
/// <param name="AgentsBusy">Agents on a call or in wrap-up: they take the next calls as they finish.</param>
/// <param name="ArrivalsPerHour">Recent arrivals, for Erlang C; null when too few were seen to say.</param>
public sealed record QueueNow(int CallsAhead, int AgentsAvailable, int AgentsBusy, HandlingTime HandlingTime, double? ArrivalsPerHour = null);

/// <summary>
/// A caller's estimated wait from what the queue is doing now. With calls ahead and agents working, the position
/// estimate: with <c>n</c> agents each finishing a call on average every <c>h</c>, one frees every <c>h / n</c>, and
/// this caller is the (<c>ahead − free + 1</c>)-th to be freed for. Without calls ahead to count on but with recent
/// arrivals, Erlang C's mean wait. Neither when no agent takes calls or no call was handled yet: then it says so.
/// </summary>
public static class WaitEstimates
{
    public static WaitEstimate For(QueueNow queue)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentOutOfRangeException.ThrowIfNegative(queue.CallsAhead);
        ArgumentOutOfRangeException.ThrowIfNegative(queue.AgentsAvailable);
        ArgumentOutOfRangeException.ThrowIfNegative(queue.AgentsBusy);
        var erlangC = ErlangCOf(queue);
        return Estimate(queue, erlangC) with { ErlangCWait = erlangC?.MeanWait };
    }

    private static ErlangCResult? ErlangCOf(QueueNow queue)
    {
        var agents = queue.AgentsAvailable + queue.AgentsBusy;
        return agents > 0 && queue.HandlingTime is { Calls: > 0, Average: var handling } && handling > TimeSpan.Zero && queue.ArrivalsPerHour is { } arrivals
            ? ErlangC.Compute(arrivals, handling, agents)
            : null;
    }

    private static WaitEstimate Estimate(QueueNow queue, ErlangCResult? erlang)
    {
        if (queue.AgentsAvailable > queue.CallsAhead)
        {
            return new WaitEstimate(TimeSpan.Zero, EstimateBasis.AgentFree, $"{queue.AgentsAvailable} agent(s) free, {queue.CallsAhead} call(s) ahead.");
        }

        var agents = queue.AgentsAvailable + queue.AgentsBusy;
        if (agents == 0)
        {
            return new WaitEstimate(null, EstimateBasis.None, "No agent is taking calls in this queue now.");
        }

        if (queue.HandlingTime.Calls == 0)
        {
            return new WaitEstimate(null, EstimateBasis.None, "No call has been handled in this queue yet: there is no handling time to estimate from.");
        }

        var handling = queue.HandlingTime.Average;
        if (queue.CallsAhead == 0 && erlang?.MeanWait is { } mean)
        {
            return new WaitEstimate(mean, EstimateBasis.ErlangC, string.Create(CultureInfo.InvariantCulture,
                $"Erlang C: {queue.ArrivalsPerHour:0.#} calls an hour at {handling.TotalSeconds:0} s each on {agents} agent(s); {erlang.WaitProbability:P0} of callers wait."));
        }

        var freedFor = queue.CallsAhead - queue.AgentsAvailable + 1;
        var wait = handling * freedFor / agents;
        return new WaitEstimate(wait, EstimateBasis.Queue, string.Create(CultureInfo.InvariantCulture,
            $"{queue.CallsAhead} call(s) ahead, {agents} agent(s) taking calls, {handling.TotalSeconds:0} s per call lately."));
    }
}

public static class EstimateBases
{
    private static readonly WireNameTable<EstimateBasis> Table = new(
        "basis",
        (EstimateBasis.AgentFree, "agentFree"),
        (EstimateBasis.Queue, "queue"),
        (EstimateBasis.ErlangC, "erlangC"),
        (EstimateBasis.None, "none"));

    public static string ToWireName(this EstimateBasis basis) => Table.NameOf(basis);
}
