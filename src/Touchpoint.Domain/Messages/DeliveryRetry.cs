namespace Touchpoint.Domain.Messages;

/// <summary>What one attempt to hand a message to a gateway came to.</summary>
public enum AttemptResult
{
    /// <summary>The gateway took the message.</summary>
    Accepted,

    /// <summary>The gateway could not take it now (down, busy, a 4xx answer, a timeout): try again later.</summary>
    TryAgain,

    /// <summary>The gateway refused it for good (a 5xx answer, an address that does not exist).</summary>
    Refused,
}

/// <summary>What happens to a message after an attempt: its new state and, while it waits, when it is tried again.</summary>
public sealed record AttemptOutcome(MessageState State, DateTime? NextAttemptAt);

/// <summary>
/// Messages are delivered at least once: a gateway that cannot take a message now gets it again later, with the wait
/// growing (1 min, 5 min, 15 min, 1 h, then every 2 h) so a server that is down for a night is not hammered and a
/// message written before it went down still arrives, until <see cref="MaxAttempts"/> (about two days) have failed.
/// </summary>
public sealed record DeliveryRetry(IReadOnlyList<TimeSpan> Waits, int MaxAttempts)
{
    public static DeliveryRetry Default { get; } = new(
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1), TimeSpan.FromHours(2)],
        MaxAttempts: 28);

    /// <summary>
    /// How long a claimed message is held by the node sending it. A node that dies mid-send lets go when this
    /// passes, and another sends it again under the same Message-ID, so the receiver can tell it is the same message.
    /// </summary>
    public static TimeSpan Lease { get; } = TimeSpan.FromMinutes(10);

    /// <summary>The wait after the <paramref name="attempts"/>-th failed attempt (1-based).</summary>
    public TimeSpan WaitAfter(int attempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        return Waits[Math.Min(attempts, Waits.Count) - 1];
    }

    /// <summary>The message's state after its <paramref name="attempts"/>-th attempt, made at <paramref name="now"/>, came to <paramref name="result"/>.</summary>
    public AttemptOutcome After(AttemptResult result, int attempts, DateTime now) => result switch
    {
        AttemptResult.Accepted => new(MessageState.Completed, null),
        AttemptResult.Refused => new(MessageState.Failed, null),
        _ when attempts >= MaxAttempts => new(MessageState.Failed, null),
        _ => new(MessageState.InProgress, now + WaitAfter(attempts)),
    };
}
