namespace Touchpoint.Domain.ContactCentre;

/// <summary>A queue's callback settings.</summary>
/// <param name="Threshold">A caller told to wait this long or longer is offered a callback.</param>
/// <param name="Attempts">How often a callback is dialled before the customer is told it failed.</param>
/// <param name="RetryDelay">How long after an unanswered attempt the next may be made.</param>
public sealed record CallbackSettings(TimeSpan Threshold, int Attempts, TimeSpan RetryDelay)
{
    public static CallbackSettings Default { get; } = new(TimeSpan.FromMinutes(2), 3, TimeSpan.FromMinutes(10));

    public const int MaxAttempts = 10;

    /// <summary>What is wrong with these settings, each naming its field; empty when they hold.</summary>
    public IReadOnlyList<(string Field, string Error)> Problems()
    {
        var problems = new List<(string, string)>();
        if (Threshold < TimeSpan.Zero || Threshold > TimeSpan.FromHours(2))
        {
            problems.Add(("callbackThresholdSeconds", "callbackThresholdSeconds is between 0 (always offer) and 7200."));
        }

        if (Attempts is < 1 or > MaxAttempts)
        {
            problems.Add(("callbackAttempts", $"callbackAttempts is between 1 and {MaxAttempts}."));
        }

        if (RetryDelay < TimeSpan.FromMinutes(1) || RetryDelay > TimeSpan.FromDays(1))
        {
            problems.Add(("callbackRetryMinutes", "callbackRetryMinutes is between 1 and 1440."));
        }

        return problems;
    }
}

/// <summary>
/// When a caller is offered a callback, and what a callback promises. The S4 customer waited 14 minutes as 8th in line
/// and was never offered one; here every caller told to wait at least the queue's threshold is, and so is one whose
/// wait nobody can estimate while others are ahead: silence is no reason to keep someone on hold.
/// </summary>
public static class CallbackRules
{
    /// <summary>A callback is promised for when its turn should come, plus this much room for the call ahead of it to run long.</summary>
    public static readonly TimeSpan Slack = TimeSpan.FromMinutes(15);

    /// <summary>Assumed until the queue can say: a callback promised when no wait could be estimated.</summary>
    public static readonly TimeSpan UnknownWait = TimeSpan.FromMinutes(30);

    public static bool ShouldOffer(WaitEstimate estimate, int? position, CallbackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        ArgumentNullException.ThrowIfNull(settings);
        return estimate.Wait is { } wait
            ? wait >= settings.Threshold
            : position is > 1 || estimate.Basis == EstimateBasis.None;
    }

    /// <summary>When the callback promise falls due: the time the caller chose, else when their turn is estimated to come; plus <see cref="Slack"/>.</summary>
    public static DateTime PromiseDueAt(DateTime acceptedAt, WaitEstimate estimate, DateTime? callAt)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        var turn = callAt ?? acceptedAt + (estimate.Wait ?? UnknownWait);
        return turn + Slack;
    }

    /// <summary>When the next attempt may be made after <paramref name="attemptsMade"/> unanswered ones; null when none is left.</summary>
    public static DateTime? NextAttemptAt(int attemptsMade, DateTime lastAttemptAt, CallbackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return attemptsMade < settings.Attempts ? lastAttemptAt + settings.RetryDelay : null;
    }
}
