using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.ContactCentre;
using Touchpoint.Domain.Platform;
using Touchpoint.Features.Identity;
using Touchpoint.Features.Queues;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Telephony;

/// <summary>A clock the simulation moves: every service that asks the time in-process gets the simulated one.</summary>
public sealed class SimulatedClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>
/// One queue's day played against the queue API itself, in-process: the simulation is the switch. Callers arrive
/// (Poisson) and enter; a free agent is connected at once, else the caller is told their place and estimate and,
/// offered a callback, takes it or holds until their patience runs out and hangs up. An agent who ends a call reports
/// being available, and is handed a callback when the API finds one first in line; otherwise the switch connects the
/// longest-waiting caller. Every position, estimate, offer, dispatch and record is the API's own, on a simulated clock.
/// The same settings and seed draw the same callers as <see cref="QueueSimulation"/>'s model, so the two can be set
/// side by side. The results are read as the model's (<see cref="SimulationResult"/>).
/// </summary>
public sealed class ApiQueueSimulation(IServiceProvider services, SimulatedClock clock)
{
    /// <summary>Runs one day in its own queue and agents (named after <paramref name="run"/>); <paramref name="progress"/> gets the share of the day done.</summary>
    public async Task<SimulationResult> RunAsync(SimulationSettings settings, string run, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Problems() is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(settings));
        }

        await using var scope = services.CreateAsyncScope();
        var day = new Day(scope.ServiceProvider, clock, settings, run, progress);
        await day.SetUpAsync(cancellationToken);
        return await day.PlayAsync(cancellationToken);
    }

    private sealed class Caller(string run, int index, double enteredAt)
    {
        public string CallId { get; } = string.Create(CultureInfo.InvariantCulture, $"{run}-c{index}");
        public double EnteredAt { get; } = enteredAt;
        public bool Waiting { get; set; } = true;
        public double? EstimateSeconds { get; set; }
        public DateTime? CallbackDueAt { get; set; }
        public double StartedAt { get; set; }
    }

    private enum Happening
    {
        Arrival,
        GiveUp,
        CallbackAnswered,
        End,
    }

    private sealed record Event(Happening What, Caller? Caller, int Agent);

    private sealed class Day(IServiceProvider scope, SimulatedClock clock, SimulationSettings settings, string run, IProgress<double>? progress)
    {
        private readonly TouchpointDbContext db = scope.GetRequiredService<TouchpointDbContext>();
        private readonly CallCommands calls = scope.GetRequiredService<CallCommands>();
        private readonly CallbackCommands callbacks = scope.GetRequiredService<CallbackCommands>();
        private readonly AgentCommands agentStates = scope.GetRequiredService<AgentCommands>();
        private readonly DateTimeOffset start = clock.Now;
        private readonly string queueId = $"sim-{run}";
        private readonly List<string> agentIds = [];
        private readonly Stack<int> freeAgents = new();
        private readonly Queue<Caller> line = new();
        private readonly PriorityQueue<Event, (double At, long Order)> events = new();
        private readonly Random arrivals = new(settings.Seed);
        private readonly Random handlings = new(settings.Seed + 1);
        private readonly Random patiences = new(settings.Seed + 2);
        private readonly Random offers = new(settings.Seed + 3);
        private readonly Dictionary<string, Caller> inCallback = [];
        private readonly List<double> waits = [];
        private long order;
        private long eventIds;
        private int callers;
        private int abandoned;
        private int waited;
        private int offered;
        private int accepted;
        private int kept;
        private double busy;
        private double lastFree;
        private double hold;
        private double callbackWait;

        private double End => settings.Duration.TotalSeconds;

        /// <summary>The queue with its agents (who cannot sign in: they are only the API's members) and its callback threshold; every agent available.</summary>
        public async Task SetUpAsync(CancellationToken cancellationToken)
        {
            var users = scope.GetRequiredService<UserManager<TouchpointUser>>();
            var lead = await AddUserAsync(users, $"sim-{run}-lead", Roles.TeamLead);
            for (var i = 0; i < settings.Agents; i++)
            {
                agentIds.Add(await AddUserAsync(users, string.Create(CultureInfo.InvariantCulture, $"sim-{run}-agent-{i}"), Roles.Agent));
            }

            Check(await scope.GetRequiredService<QueueCommands>().CreateAsync(new QueueInput(queueId, $"Simulated {run}", lead, agentIds), cancellationToken));
            var threshold = settings.Callbacks?.Settings.Threshold ?? CallbackSettings.Default.Threshold;
            Check(await CallQueues.SetAsync(db, queueId, new CallQueueSettingsView((int)threshold.TotalSeconds, null, null, null), cancellationToken));
            for (var agent = settings.Agents - 1; agent >= 0; agent--)
            {
                Check(await agentStates.SetStateAsync(agentIds[agent], new AgentStateInput(NextEventId(), AgentState.Available.ToWireName(), null), cancellationToken));
                freeAgents.Push(agent);
            }

            db.ChangeTracker.Clear();
        }

        public async Task<SimulationResult> PlayAsync(CancellationToken cancellationToken)
        {
            if (QueueSimulation.Exponential(arrivals, MeanGap) is var first && first < End)
            {
                Schedule(first, new Event(Happening.Arrival, null, -1));
            }

            var reported = 0.0;
            while (events.TryDequeue(out var next, out var key))
            {
                cancellationToken.ThrowIfCancellationRequested();
                clock.Now = start.AddSeconds(key.At);
                await (next.What switch
                {
                    Happening.Arrival => ArriveAsync(key.At, cancellationToken),
                    Happening.GiveUp => GiveUpAsync(next.Caller!, key.At, cancellationToken),
                    Happening.CallbackAnswered => AnswerCallbackAsync(next.Caller!, next.Agent, key.At, cancellationToken),
                    _ => EndAsync(next.Caller!, next.Agent, key.At, cancellationToken),
                });
                db.ChangeTracker.Clear();
                if (progress is not null && key.At - reported >= End / 100)
                {
                    reported = key.At;
                    progress.Report(Math.Min(1, key.At / End));
                }
            }

            progress?.Report(1);
            return await ResultAsync(cancellationToken);
        }

        private double MeanGap => 3600 / settings.ArrivalsPerHour;

        private async Task ArriveAsync(double now, CancellationToken cancellationToken)
        {
            var caller = new Caller(run, callers++, now);
            var next = now + QueueSimulation.Exponential(arrivals, MeanGap);
            if (next < End)
            {
                Schedule(next, new Event(Happening.Arrival, null, -1));
            }

            var number = string.Create(CultureInfo.InvariantCulture, $"+4670{1_000_000 + (callers % 9_000_000)}");
            var status = Check(await calls.EnterAsync(queueId, new EnterCallInput(NextEventId(), caller.CallId, number, null, null, null), cancellationToken));
            caller.EstimateSeconds = status.Estimate?.Seconds;
            if (freeAgents.TryPop(out var agent))
            {
                await ConnectAsync(caller, agent, now, cancellationToken);
                return;
            }

            if (settings.Callbacks is { } offer && status.OfferCallback)
            {
                offered++;
                if (offers.NextDouble() < offer.Acceptance)
                {
                    Check(await callbacks.AcceptAsync(caller.CallId, new AcceptCallbackInput(NextEventId(), null, null, null), cancellationToken));
                    accepted++;
                    caller.Waiting = false;
                    var estimate = new WaitEstimate(caller.EstimateSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null, EstimateBasis.None, "");
                    caller.CallbackDueAt = CallbackRules.PromiseDueAt(clock.Now.UtcDateTime, estimate, null);
                    inCallback.Add(caller.CallId, caller);
                    return;
                }
            }

            line.Enqueue(caller);
            if (settings.Patience is { } patience)
            {
                Schedule(now + QueueSimulation.Exponential(patiences, patience.TotalSeconds), new Event(Happening.GiveUp, caller, -1));
            }
        }

        private async Task GiveUpAsync(Caller caller, double now, CancellationToken cancellationToken)
        {
            if (!caller.Waiting)
            {
                return;
            }

            caller.Waiting = false;
            Check(await calls.AbandonAsync(caller.CallId, new CallEventInput(NextEventId(), null), cancellationToken));
            abandoned++;
            hold += now - caller.EnteredAt;
        }

        private async Task ConnectAsync(Caller caller, int agent, double now, CancellationToken cancellationToken)
        {
            caller.Waiting = false;
            Check(await calls.ConnectAsync(caller.CallId, new ConnectCallInput(NextEventId(), agentIds[agent], null), cancellationToken));
            var wait = now - caller.EnteredAt;
            waits.Add(wait);
            hold += wait;
            waited += wait > 0 ? 1 : 0;
            caller.StartedAt = now;
            Schedule(now + Talk(), new Event(Happening.End, caller, agent));
        }

        private async Task AnswerCallbackAsync(Caller caller, int agent, double now, CancellationToken cancellationToken)
        {
            Check(await callbacks.AttemptAsync(caller.CallId, new CallbackAttemptInput(NextEventId(), CallbackOutcome.Answered.ToWireName(), null), cancellationToken));
            Schedule(now + Talk(), new Event(Happening.End, caller, agent));
        }

        private async Task EndAsync(Caller caller, int agent, double now, CancellationToken cancellationToken)
        {
            Check(await calls.EndAsync(caller.CallId, new CallEventInput(NextEventId(), null), cancellationToken));
            busy += now - caller.StartedAt;
            lastFree = Math.Max(lastFree, now);
            await FreeAsync(agent, now, cancellationToken);
        }

        /// <summary>The agent is available again: the API hands them a callback that is first in line, else they take the longest-waiting caller.</summary>
        private async Task FreeAsync(int agent, double now, CancellationToken cancellationToken)
        {
            var status = Check(await agentStates.SetStateAsync(agentIds[agent], new AgentStateInput(NextEventId(), AgentState.Available.ToWireName(), null), cancellationToken));
            if (status.Dispatch is { } dispatch)
            {
                // The switch dials the number; the customer answers after the dial time, and the agent's time counts from now.
                var caller = inCallback[dispatch.CallId];
                inCallback.Remove(dispatch.CallId);
                callbackWait += now - caller.EnteredAt;
                kept += clock.Now.UtcDateTime <= caller.CallbackDueAt ? 1 : 0;
                caller.StartedAt = now;
                Schedule(now + settings.Callbacks!.DialTime.TotalSeconds, new Event(Happening.CallbackAnswered, caller, agent));
                return;
            }

            while (line.TryDequeue(out var caller))
            {
                if (caller.Waiting)
                {
                    await ConnectAsync(caller, agent, now, cancellationToken);
                    return;
                }
            }

            freeAgents.Push(agent);
        }

        private double Talk() => settings.Handling == HandlingDistribution.Exponential
            ? QueueSimulation.Exponential(handlings, settings.MeanHandlingTime.TotalSeconds)
            : QueueSimulation.LogNormal(handlings, settings.MeanHandlingTime.TotalSeconds);

        private void Schedule(double at, Event happening) => events.Enqueue(happening, (at, order++));

        private string NextEventId() => string.Create(CultureInfo.InvariantCulture, $"{run}-{eventIds++}");

        /// <summary>The day as the model reports it; estimate accuracy from the estimates the API recorded and settled.</summary>
        private async Task<SimulationResult> ResultAsync(CancellationToken cancellationToken)
        {
            var settled = await db.QueueCallEstimates.AsNoTracking()
                .Where(e => e.QueueId == queueId && e.EstimatedSeconds != null && e.ActualSeconds != null)
                .Select(e => new { e.EstimatedSeconds, e.ActualSeconds }).ToListAsync(cancellationToken);
            waits.Sort();
            var span = Math.Max(End, lastFree) * settings.Agents;
            return new SimulationResult(
                callers, waits.Count + accepted, abandoned,
                waits.Count == 0 ? 0 : (double)waited / waits.Count,
                TimeSpan.FromSeconds(waits.Count == 0 ? 0 : waits.Average()),
                Percentile(0.50), Percentile(0.90), Percentile(0.99),
                span == 0 ? 0 : busy / span,
                offered, accepted, kept, TimeSpan.FromSeconds(accepted == 0 ? 0 : callbackWait / accepted),
                EstimateAccuracy.Of(settled.Select(e => (TimeSpan.FromSeconds(e.EstimatedSeconds!.Value), TimeSpan.FromSeconds(e.ActualSeconds!.Value)))),
                busy / 60, hold / 60);
        }

        private TimeSpan Percentile(double share) =>
            waits.Count == 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(waits[Math.Min(waits.Count - 1, (int)Math.Ceiling(share * waits.Count) - 1)]);

        private async Task<string> AddUserAsync(UserManager<TouchpointUser> users, string userName, string role)
        {
            var user = new TouchpointUser { UserName = userName, DisplayName = userName, CreatedAt = clock.Now.UtcDateTime };
            CheckIdentity(await users.CreateAsync(user), userName);
            CheckIdentity(await users.AddToRoleAsync(user, role), userName);
            return user.Id;
        }

        private static void CheckIdentity(IdentityResult result, string userName)
        {
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"The simulation could not add user {userName}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
            }
        }

        /// <summary>The API refusing what a switch sends in order is a fault of the API (or of this switch): the run stops and says which.</summary>
        private static T Check<T>(Outcome<T> outcome) =>
            outcome.Failure is { } failure ? throw new InvalidOperationException($"The queue API refused an event of the simulation: {failure.Message}") : outcome.Value!;
    }
}
