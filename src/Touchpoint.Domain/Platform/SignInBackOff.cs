namespace Touchpoint.Domain.Platform;

/// <summary>
/// How long an account waits after failed sign-ins in a row. Anyone who knows a user name can fail its sign-in, so
/// failures may slow an account down but never shut its owner out: after <see cref="FreeFailures"/> the wait starts
/// at <see cref="FirstWait"/>, doubles with each further failure and stops at <see cref="LongestWait"/>.
/// </summary>
public sealed record SignInBackOff
{
    public SignInBackOff(int freeFailures, TimeSpan firstWait, TimeSpan longestWait)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(freeFailures, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(firstWait, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(longestWait, firstWait);
        FreeFailures = freeFailures;
        FirstWait = firstWait;
        LongestWait = longestWait;
    }

    /// <summary>Five failures, then 15 s, 30 s and a minute from then on: a person mistyping barely notices.</summary>
    public static SignInBackOff Default { get; } = new(5, TimeSpan.FromSeconds(15), TimeSpan.FromMinutes(1));

    /// <summary>Failures in a row that cost nothing; the last of them starts the first wait.</summary>
    public int FreeFailures { get; }

    public TimeSpan FirstWait { get; }

    public TimeSpan LongestWait { get; }

    /// <summary>The wait after the <paramref name="failuresInARow"/>th failure in a row; zero before <see cref="FreeFailures"/>.</summary>
    public TimeSpan After(int failuresInARow)
    {
        if (failuresInARow < FreeFailures)
        {
            return TimeSpan.Zero;
        }

        var wait = FirstWait;
        for (var doubling = FreeFailures; doubling < failuresInARow && wait < LongestWait; doubling++)
        {
            wait += wait;
        }

        return wait < LongestWait ? wait : LongestWait;
    }
}
