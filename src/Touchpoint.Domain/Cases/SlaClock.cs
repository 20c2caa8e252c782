namespace Touchpoint.Domain.Cases;

/// <summary>The three promises every case makes (ISO 10002: acknowledgement, response deadline).</summary>
public enum SlaTarget
{
    FirstResponse,
    NextUpdate,
    Resolution,
}

public enum SlaState
{
    /// <summary>Running, less than the warning share used.</summary>
    Ok,

    /// <summary>Running, past the warning share.</summary>
    Warning,

    /// <summary>Past due, whether still running or done too late.</summary>
    Breached,

    /// <summary>Done in time.</summary>
    Met,
}

public enum SlaAlertKind
{
    Warning,
    Breach,
}

public static class SlaWireNames
{
    private static readonly WireNameTable<SlaTarget> Targets = new(
        "SLA target",
        (SlaTarget.FirstResponse, "firstResponse"),
        (SlaTarget.NextUpdate, "nextUpdate"),
        (SlaTarget.Resolution, "resolution"));

    private static readonly WireNameTable<SlaState> States = new(
        "SLA state",
        (SlaState.Ok, "ok"),
        (SlaState.Warning, "warning"),
        (SlaState.Breached, "breached"),
        (SlaState.Met, "met"));

    private static readonly WireNameTable<SlaAlertKind> AlertKinds = new(
        "SLA alert kind",
        (SlaAlertKind.Warning, "warning"),
        (SlaAlertKind.Breach, "breach"));

    public static string ToWireName(this SlaTarget target) => Targets.NameOf(target);

    public static string ToWireName(this SlaState state) => States.NameOf(state);

    public static string ToWireName(this SlaAlertKind kind) => AlertKinds.NameOf(kind);
}

/// <summary>A stretch in which the case was pending (waiting on the customer); <paramref name="Until"/> is null while it still is.</summary>
public sealed record SlaPause(DateTimeOffset From, DateTimeOffset? Until);

/// <summary>What the SLA clock needs to know about a case.</summary>
public sealed record SlaFacts
{
    public required DateTimeOffset OpenedAt { get; init; }

    /// <summary>The first reply to the customer. Null until there is one.</summary>
    public DateTimeOffset? FirstResponseAt { get; init; }

    /// <summary>The latest update sent to the customer (the first response counts as one).</summary>
    public DateTimeOffset? LastUpdateAt { get; init; }

    /// <summary>When the case was resolved; null while it is not (a reopened case is not resolved).</summary>
    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>Stretches in status pending, in any order.</summary>
    public IReadOnlyList<SlaPause> Pauses { get; init; } = [];
}

/// <summary>
/// A warning or breach that has happened. A deadline still missed a whole target later breaches again
/// (<see cref="Occurrence"/> 2, 3, …), so a case left alone keeps escalating instead of going quiet (S3-2).
/// Value equality lets a watcher recognise alerts it has already acted on.
/// </summary>
/// <param name="ClockStartedAt">Tells next-update alerts after different updates apart.</param>
public sealed record SlaAlert(SlaTarget Target, SlaAlertKind Kind, int Occurrence, DateTimeOffset At, DateTimeOffset ClockStartedAt);

/// <summary>One deadline as the case page shows it.</summary>
/// <param name="Allowed">The target, in business time.</param>
/// <param name="WarnAt">When the warning share is used up. While paused: projected as if the case resumed now.</param>
/// <param name="DueAt">When the target is used up. While paused: projected as if the case resumed now.</param>
/// <param name="CompletedAt">When the response, update or resolution that ended this deadline happened.</param>
/// <param name="BusinessTimeLeft">Negative once overdue; frozen at completion.</param>
/// <param name="Alerts">Warnings and breaches so far, oldest first.</param>
public sealed record SlaDeadline(
    SlaTarget Target,
    DateTimeOffset ClockStartedAt,
    TimeSpan Allowed,
    DateTimeOffset WarnAt,
    DateTimeOffset DueAt,
    SlaState State,
    DateTimeOffset? CompletedAt,
    TimeSpan BusinessTimeLeft,
    IReadOnlyList<SlaAlert> Alerts);

/// <summary>Every deadline of a case at one instant: the case shows all of them, not just the nearest.</summary>
public sealed record SlaReading(IReadOnlyList<SlaDeadline> Deadlines, bool IsPaused)
{
    public SlaDeadline this[SlaTarget target] => Deadlines.Single(d => d.Target == target);

    /// <summary>The running deadline due first, for sorting "my work" by what breaks first; null when none runs.</summary>
    public SlaDeadline? NextDue => Deadlines.Where(d => d.State is SlaState.Ok or SlaState.Warning).MinBy(d => d.DueAt);

    public IReadOnlyList<SlaAlert> Alerts => [.. Deadlines.SelectMany(d => d.Alerts).OrderBy(a => a.At).ThenBy(a => a.Target)];

    /// <summary>
    /// The first of <see cref="Alerts"/> after <paramref name="instant"/>: the next one a watcher acts on. Each deadline's
    /// alerts are oldest first, so this looks at one alert per deadline instead of ordering every alert.
    /// </summary>
    public SlaAlert? FirstAlertAfter(DateTimeOffset instant)
    {
        SlaAlert? first = null;
        foreach (var deadline in Deadlines)
        {
            var alerts = deadline.Alerts;
            var index = FirstIndexAfter(alerts, instant);
            if (index < alerts.Count && (first is null || alerts[index].At < first.At || (alerts[index].At == first.At && alerts[index].Target < first.Target)))
            {
                first = alerts[index];
            }
        }

        return first;
    }

    /// <summary>The index of the first of <paramref name="alerts"/> (oldest first) after <paramref name="instant"/>; their count when none is.</summary>
    private static int FirstIndexAfter(IReadOnlyList<SlaAlert> alerts, DateTimeOffset instant)
    {
        var (low, high) = (0, alerts.Count);
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (alerts[middle].At <= instant)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}

/// <summary>
/// Reads a case's SLA deadlines at an instant (passed in: the domain never reads the clock). Business time
/// runs on the policy's calendar and stops while the case is pending on the customer.
/// </summary>
public static class SlaClock
{
    public static SlaReading Read(SlaPolicy policy, BusinessCalendar businessHours, SlaFacts facts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(facts);
        if (now < facts.OpenedAt)
        {
            throw new ArgumentOutOfRangeException(nameof(now), now, "The SLA cannot be read before the case was opened.");
        }

        var clock = new PausableClock(policy.CalendarFrom(businessHours), facts.Pauses, now);

        // A resolution tells the customer the outcome, so it is also a response and the last update needed.
        var nextUpdateFrom = LatestUpTo(now, facts.OpenedAt, facts.FirstResponseAt, facts.LastUpdateAt);
        IReadOnlyList<SlaDeadline> deadlines =
        [
            Deadline(SlaTarget.FirstResponse, facts.OpenedAt, policy.FirstResponse, facts.FirstResponseAt ?? facts.ResolvedAt),
            Deadline(SlaTarget.NextUpdate, nextUpdateFrom, policy.NextUpdate, facts.ResolvedAt),
            Deadline(SlaTarget.Resolution, facts.OpenedAt, policy.Resolution, facts.ResolvedAt),
        ];

        return new SlaReading(deadlines, clock.IsPausedNow);

        SlaDeadline Deadline(SlaTarget target, DateTimeOffset start, TimeSpan allowed, DateTimeOffset? completedAt)
        {
            // Something done before this clock started (a resolution before the latest update) ends it at once;
            // something recorded after now has not happened yet.
            DateTimeOffset? done = completedAt is { } c && c <= now ? (c < start ? start : c) : null;
            var warnAt = clock.Advance(start, allowed * policy.WarningShare);
            var dueAt = clock.Advance(start, allowed);
            var measuredUntil = done ?? now;

            var state = done is { } finished
                ? (finished <= dueAt ? SlaState.Met : SlaState.Breached)
                : now >= dueAt ? SlaState.Breached : now >= warnAt ? SlaState.Warning : SlaState.Ok;

            var alerts = new List<SlaAlert>();
            if (HasHappened(warnAt))
            {
                alerts.Add(new SlaAlert(target, SlaAlertKind.Warning, 1, warnAt, start));
            }

            var breachAt = dueAt;
            for (var occurrence = 1; HasHappened(breachAt); occurrence++)
            {
                alerts.Add(new SlaAlert(target, SlaAlertKind.Breach, occurrence, breachAt, start));
                breachAt = clock.Advance(breachAt, allowed);
            }

            return new SlaDeadline(target, start, allowed, warnAt, dueAt, state, done, allowed - clock.Elapsed(start, measuredUntil), alerts);

            // Completing exactly at an alert's instant is in time: the alert does not fire.
            bool HasHappened(DateTimeOffset at) => at <= now && (done is null || at < done);
        }
    }

    private static DateTimeOffset LatestUpTo(DateTimeOffset now, DateTimeOffset first, params DateTimeOffset?[] others) =>
        others.OfType<DateTimeOffset>().Where(at => at <= now).Aggregate(first, (latest, next) => next > latest ? next : latest);

    /// <summary>Business time that stands still during pauses. Pauses are known only up to now; after now the clock runs.</summary>
    private sealed class PausableClock
    {
        private readonly BusinessCalendar calendar;
        private readonly List<(DateTimeOffset From, DateTimeOffset Until)> pauses;

        public PausableClock(BusinessCalendar calendar, IReadOnlyList<SlaPause> pauses, DateTimeOffset now)
        {
            ArgumentNullException.ThrowIfNull(pauses);
            this.calendar = calendar;
            this.pauses = [];
            foreach (var pause in pauses.Where(p => p.From < now).OrderBy(p => p.From))
            {
                if (pause.Until < pause.From)
                {
                    throw new ArgumentException($"A pause cannot end ({pause.Until:O}) before it starts ({pause.From:O}).", nameof(pauses));
                }

                // A pause still running (or recorded as ending in the future) holds the clock until now.
                var until = pause.Until is { } u && u < now ? u : now;
                IsPausedNow |= pause.Until is null || pause.Until > now;
                if (this.pauses.Count > 0 && pause.From <= this.pauses[^1].Until)
                {
                    var last = this.pauses[^1];
                    this.pauses[^1] = (last.From, until > last.Until ? until : last.Until);
                }
                else
                {
                    this.pauses.Add((pause.From, until));
                }
            }
        }

        public bool IsPausedNow { get; }

        /// <summary>The instant at which <paramref name="businessTime"/> has run on the clock since <paramref name="from"/>.</summary>
        public DateTimeOffset Advance(DateTimeOffset from, TimeSpan businessTime)
        {
            var cursor = from;
            var remaining = businessTime;
            foreach (var (pauseFrom, pauseUntil) in pauses)
            {
                if (pauseUntil <= cursor)
                {
                    continue;
                }

                if (pauseFrom > cursor)
                {
                    var available = calendar.Between(cursor, pauseFrom);
                    if (remaining <= available)
                    {
                        return calendar.Add(cursor, remaining);
                    }

                    remaining -= available;
                }

                cursor = pauseUntil;
            }

            return calendar.Add(cursor, remaining);
        }

        /// <summary>Business time run on the clock between two instants.</summary>
        public TimeSpan Elapsed(DateTimeOffset from, DateTimeOffset to)
        {
            var paused = TimeSpan.Zero;
            foreach (var (pauseFrom, pauseUntil) in pauses)
            {
                var overlapFrom = pauseFrom > from ? pauseFrom : from;
                var overlapUntil = pauseUntil < to ? pauseUntil : to;
                if (overlapUntil > overlapFrom)
                {
                    paused += calendar.Between(overlapFrom, overlapUntil);
                }
            }

            return calendar.Between(from, to) - paused;
        }
    }
}
