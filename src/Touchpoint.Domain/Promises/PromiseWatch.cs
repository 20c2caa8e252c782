namespace Touchpoint.Domain.Promises;

public enum PromiseAlarmKind
{
    /// <summary>Tell the owner the promise is about to fall due.</summary>
    Warning,

    /// <summary>The promise is due and still open: break it and alert the team lead.</summary>
    Breach,
}

/// <param name="At">When to fire; at or before "now" means fire at once.</param>
public sealed record PromiseAlarm(PromiseAlarmKind Kind, DateTime At);

/// <summary>
/// When the watcher must act on a promise (S4-2: an unkept promise alerts before it breaks). The warning comes
/// at a share of the span from made to due (default 75 %), but never less than a minimum lead before due
/// (default 5 minutes), so the owner always has time to act; when the span is shorter than the lead the
/// warning fires as soon as the promise is made. A 20-minute callback warns at 15 minutes and breaks at 20.
/// </summary>
public sealed record PromiseWatch
{
    public const int DefaultWarningPercent = 75;

    public static readonly TimeSpan DefaultMinimumWarningLead = TimeSpan.FromMinutes(5);

    /// <param name="warningPercentOfSpan">1–99: how far from made to due the warning fires.</param>
    /// <param name="minimumWarningLead">The least time the owner gets between warning and due; zero or more.</param>
    public PromiseWatch(int warningPercentOfSpan = DefaultWarningPercent, TimeSpan? minimumWarningLead = null)
    {
        if (warningPercentOfSpan is < 1 or > 99)
        {
            throw new ArgumentOutOfRangeException(nameof(warningPercentOfSpan), warningPercentOfSpan, "The warning must come between 1 % and 99 % of the way to the due time.");
        }

        var lead = minimumWarningLead ?? DefaultMinimumWarningLead;
        if (lead < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(minimumWarningLead), lead, "The minimum warning lead cannot be negative.");
        }

        WarningPercentOfSpan = warningPercentOfSpan;
        MinimumWarningLead = lead;
    }

    public static PromiseWatch Default { get; } = new();

    public int WarningPercentOfSpan { get; }

    public TimeSpan MinimumWarningLead { get; }

    public DateTime WarningAt(Promise promise)
    {
        ArgumentNullException.ThrowIfNull(promise);

        var span = promise.DueAt - promise.MadeAt;
        // Whole ticks, no floating point; Int128 because a span near DateTime's range times 99 overflows a long.
        var byShare = promise.MadeAt + TimeSpan.FromTicks((long)((Int128)span.Ticks * WarningPercentOfSpan / 100));
        var byLead = promise.DueAt - MinimumWarningLead;
        var warning = byShare < byLead ? byShare : byLead;
        return warning < promise.MadeAt ? promise.MadeAt : warning;
    }

    /// <summary>
    /// The next thing to fire for <paramref name="promise"/>, or null when nothing will (it is no longer open).
    /// A warning not sent before the due time is skipped: past due only the breach matters. The watcher stores
    /// <see cref="PromiseAlarm.At"/> in the column its index scans, and recomputes after each change.
    /// </summary>
    public PromiseAlarm? NextAlarm(Promise promise, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(promise);

        if (promise.State != PromiseState.Open)
        {
            return null;
        }

        return promise.WarnedAt is null && now < promise.DueAt
            ? new PromiseAlarm(PromiseAlarmKind.Warning, WarningAt(promise))
            : new PromiseAlarm(PromiseAlarmKind.Breach, promise.DueAt);
    }
}
