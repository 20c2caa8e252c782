namespace Touchpoint.Domain.ContactCentre;

/// <summary>How handling times are drawn: exponential (Erlang C's assumption) or log-normal (closer to real calls).</summary>
public enum HandlingDistribution
{
    Exponential,
    LogNormal,
}

/// <summary>Callbacks in a simulation: offered as the queue API offers them, taken by a share of callers offered one.</summary>
/// <param name="Acceptance">The share of callers offered a callback who take it.</param>
/// <param name="DialTime">Agent time spent dialling and reaching the customer, on top of handling.</param>
public sealed record SimulatedCallbacks(CallbackSettings Settings, double Acceptance, TimeSpan DialTime)
{
    public static SimulatedCallbacks Default { get; } = new(CallbackSettings.Default, 0.5, TimeSpan.FromSeconds(20));
}

/// <param name="ArrivalsPerHour">Poisson arrivals.</param>
/// <param name="Patience">A caller's mean patience (exponential); null: nobody gives up, as Erlang C assumes.</param>
/// <param name="Seed">The same seed gives the same calls, so two runs (with and without a change) meet the same day.</param>
/// <param name="Callbacks">Null: no callback is offered.</param>
public sealed record SimulationSettings(
    double ArrivalsPerHour, int Agents, TimeSpan MeanHandlingTime, TimeSpan Duration,
    TimeSpan? Patience = null, HandlingDistribution Handling = HandlingDistribution.Exponential, int Seed = 1,
    SimulatedCallbacks? Callbacks = null)
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

        if (Callbacks is { } callbacks)
        {
            if (callbacks.Settings.Threshold < TimeSpan.Zero || callbacks.Settings.Threshold > TimeSpan.FromHours(2))
            {
                problems.Add("callback-threshold is between 0 and 7,200 seconds.");
            }

            if (!double.IsFinite(callbacks.Acceptance) || callbacks.Acceptance is < 0 or > 1)
            {
                problems.Add("callback-acceptance is a share between 0 and 1.");
            }
        }

        return problems;
    }
}

/// <param name="WaitProbability">The share of callers answered on the line who waited at all.</param>
/// <param name="MeanWait">On hold, over callers answered on the line.</param>
/// <param name="Occupancy">Agents' time spent handling calls (and dialling callbacks), over all agents' time.</param>
/// <param name="CallbacksKept">Callbacks made by the time promised (<see cref="CallbackRules.PromiseDueAt"/>).</param>
/// <param name="CallbackMeanWait">From taking the callback to being called, over callbacks made.</param>
/// <param name="Accuracy">Each estimate given on entering, beside the wait the caller had (on hold or for their callback).</param>
/// <param name="AgentMinutes">Agents' minutes spent on calls and callbacks.</param>
/// <param name="HoldMinutes">Customers' minutes on hold, those who gave up included.</param>
public sealed record SimulationResult(
    int Calls, int Answered, int Abandoned, double WaitProbability, TimeSpan MeanWait,
    TimeSpan WaitP50, TimeSpan WaitP90, TimeSpan WaitP99, double Occupancy,
    int CallbacksOffered = 0, int CallbacksAccepted = 0, int CallbacksKept = 0, TimeSpan CallbackMeanWait = default,
    EstimateAccuracy? Accuracy = null, double AgentMinutes = 0, double HoldMinutes = 0)
{
    public double AbandonRate => Calls == 0 ? 0 : (double)Abandoned / Calls;
}

/// <summary>
/// One queue's day, call by call, on a simulated clock: Poisson arrivals, first come first served, each caller taken by
/// the agent free first, a caller who waits longer than their patience giving up. Each caller is told what the queue
/// API would tell them, from the same rules (<see cref="WaitEstimates"/> over the queue as it is at that moment, the
/// handling time smoothed by <see cref="HandlingTime"/>, <see cref="CallbackRules"/>), so the day also shows how good
/// the estimates are and what callbacks cost. A callback keeps its place: first come first served still holds, the
/// caller just waits off the line and cannot give up. Run without patience and callbacks and with exponential
/// handling, it is Erlang C's queue, so the two check each other.
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

        // One stream each for arrivals, handling, patience and answers to offers: the same seed brings the same callers whatever else changes.
        var arrivals = new Random(settings.Seed);
        var handlings = new Random(settings.Seed + 1);
        var patiences = new Random(settings.Seed + 2);
        var offers = new Random(settings.Seed + 3);
        var meanGap = 3600 / settings.ArrivalsPerHour;
        var handling = settings.MeanHandlingTime.TotalSeconds;
        var end = settings.Duration.TotalSeconds;
        var callbacks = settings.Callbacks;

        // Each agent by the second they are free again; the one free first takes the next caller.
        var agents = new PriorityQueue<int, double>(settings.Agents);
        var freeAtOf = new double[settings.Agents];
        for (var agent = 0; agent < settings.Agents; agent++)
        {
            agents.Enqueue(agent, 0);
        }

        // What the queue API would see at each arrival: callers not yet taken, calls ending (to learn their length), recent arrivals.
        var notYetTaken = new PriorityQueue<byte, double>();
        var underWay = new PriorityQueue<double, double>();
        var lastHour = new Queue<double>();
        var handled = HandlingTime.None;

        var waits = new List<double>();
        var estimates = new List<(TimeSpan Estimated, TimeSpan Actual)>();
        int calls = 0, abandoned = 0, waited = 0, offered = 0, accepted = 0, kept = 0;
        double busy = 0, lastFree = 0, hold = 0, callbackWait = 0;
        for (var now = Exponential(arrivals, meanGap); now < end; now += Exponential(arrivals, meanGap))
        {
            calls++;
            while (notYetTaken.TryPeek(out _, out var taken) && taken <= now)
            {
                notYetTaken.Dequeue();
            }

            while (underWay.TryPeek(out var length, out var endsAt) && endsAt <= now)
            {
                underWay.Dequeue();
                handled = handled.Observe(TimeSpan.FromSeconds(length));
            }

            lastHour.Enqueue(now);
            while (lastHour.Peek() <= now - 3600)
            {
                lastHour.Dequeue();
            }

            var free = 0;
            foreach (var at in freeAtOf)
            {
                free += at <= now ? 1 : 0;
            }

            var estimate = WaitEstimates.For(new QueueNow(
                notYetTaken.Count, free, settings.Agents - free, handled, lastHour.Count >= 10 && now >= 3600 ? lastHour.Count : null));

            agents.TryPeek(out var first, out var freeAt);
            var wait = Math.Max(0, freeAt - now);
            var takesCallback = false;
            if (callbacks is not null && CallbackRules.ShouldOffer(estimate, notYetTaken.Count + 1, callbacks.Settings))
            {
                offered++;
                takesCallback = offers.NextDouble() < callbacks.Acceptance;
            }

            if (!takesCallback && settings.Patience is { } patience && Exponential(patiences, patience.TotalSeconds) is var giveUpAfter && wait > giveUpAfter)
            {
                abandoned++;
                hold += giveUpAfter;
                notYetTaken.Enqueue(0, now + giveUpAfter);
                continue;
            }

            var talk = settings.Handling == HandlingDistribution.Exponential ? Exponential(handlings, handling) : LogNormal(handlings, handling);
            var work = talk + (takesCallback ? callbacks!.DialTime.TotalSeconds : 0);
            agents.DequeueEnqueue(first, now + wait + work);
            freeAtOf[first] = now + wait + work;
            underWay.Enqueue(work, now + wait + work);
            notYetTaken.Enqueue(0, now + wait);
            busy += work;
            lastFree = Math.Max(lastFree, now + wait + work);
            if (estimate.Wait is { } told)
            {
                estimates.Add((told, TimeSpan.FromSeconds(wait)));
            }

            if (takesCallback)
            {
                accepted++;
                callbackWait += wait;
                var due = CallbackRules.PromiseDueAt(DateTime.UnixEpoch.AddSeconds(now), estimate, null);
                kept += DateTime.UnixEpoch.AddSeconds(now + wait) <= due ? 1 : 0;
                continue;
            }

            waits.Add(wait);
            hold += wait;
            waited += wait > 0 ? 1 : 0;
        }

        waits.Sort();
        var span = Math.Max(end, lastFree) * settings.Agents;
        return new SimulationResult(
            calls, waits.Count + accepted, abandoned,
            waits.Count == 0 ? 0 : (double)waited / waits.Count,
            TimeSpan.FromSeconds(waits.Count == 0 ? 0 : waits.Average()),
            Percentile(waits, 0.50), Percentile(waits, 0.90), Percentile(waits, 0.99),
            span == 0 ? 0 : busy / span,
            offered, accepted, kept, TimeSpan.FromSeconds(accepted == 0 ? 0 : callbackWait / accepted),
            EstimateAccuracy.Of(estimates), busy / 60, hold / 60);
    }

    private static TimeSpan Percentile(List<double> sorted, double share) =>
        sorted.Count == 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(share * sorted.Count) - 1)]);

    /// <summary>A draw from the exponential distribution with <paramref name="mean"/>: Poisson gaps, Erlang C's handling times, patience.</summary>
    public static double Exponential(Random random, double mean)
    {
        ArgumentNullException.ThrowIfNull(random);
        return -mean * Math.Log(1 - random.NextDouble());
    }

    /// <summary>Log-normal with the given mean and a coefficient of variation of 1, as call lengths commonly have.</summary>
    public static double LogNormal(Random random, double mean)
    {
        ArgumentNullException.ThrowIfNull(random);
        const double Sigma2 = 0.6931471805599453; // ln(1 + cv²) with cv = 1
        var mu = Math.Log(mean) - (Sigma2 / 2);
        var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return Math.Exp(mu + (Math.Sqrt(Sigma2) * normal));
    }
}
