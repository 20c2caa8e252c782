using System.Threading.RateLimiting;

namespace Touchpoint.Features.Identity;

/// <summary>The limits of <see cref="SignInThrottle"/>, under <c>Touchpoint:Auth</c>.</summary>
public sealed record SignInThrottleOptions(int FailuresPerClient, int FailuresPerAccount, TimeSpan Window)
{
    public const string FailuresPerClientKey = "Touchpoint:Auth:FailedSignInsPerClient";
    public const string FailuresPerAccountKey = "Touchpoint:Auth:FailedSignInsPerAccount";
    public const string WindowKey = "Touchpoint:Auth:FailedSignInWindowMinutes";

    /// <summary>Generous for an office behind one address and for a person who forgot a password; tight for a guesser.</summary>
    public static SignInThrottleOptions FromConfiguration(IConfiguration configuration) => new(
        configuration.GetValue(FailuresPerClientKey, 50),
        configuration.GetValue(FailuresPerAccountKey, 10),
        TimeSpan.FromMinutes(configuration.GetValue(WindowKey, 5.0)));
}

/// <summary>
/// Failed sign-ins counted per client address (one guesser trying many accounts) and per user name (many guessers
/// trying one account), each in a fixed window. Only failures count, so an office signing in at nine behind one
/// address never meets it. User names are counted whether or not such a user exists: the answer must not tell.
/// </summary>
/// <remarks>
/// The ASP.NET Core rate-limiting middleware is built on these partitioned limiters, but it decides before the body is
/// read (the user name is in it) and charges every request, not just the failures; so the sign-in asks them itself.
/// The limiters keep their own clock: tests set small limits rather than wait for a window to pass. Checking and counting
/// are two steps, so attempts racing in parallel may each pass the check before any is counted; the account's back-off
/// (<see cref="Touchpoint.Domain.Platform.SignInBackOff"/>), kept in the database, bounds what that gains a guesser.
/// </remarks>
public sealed class SignInThrottle : IDisposable
{
    // Long enough for any real user name; longer ones are counted by their beginning, not kept whole in memory.
    private const int LongestAccountKey = 256;

    private readonly PartitionedRateLimiter<string> byClient;
    private readonly PartitionedRateLimiter<string> byAccount;

    public SignInThrottle(SignInThrottleOptions options)
    {
        byClient = FixedWindow(options.FailuresPerClient, options.Window);
        byAccount = FixedWindow(options.FailuresPerAccount, options.Window);
    }

    /// <summary>How long to wait before trying again when a limit is used up; null when the attempt may go ahead.</summary>
    public SignInRefusal? Check(string? clientAddress, string userName)
    {
        var client = Peek(byClient, ClientKey(clientAddress));
        var account = Peek(byAccount, AccountKey(userName));
        return (client, account) switch
        {
            (null, null) => null,
            ({ } wait, null) => new SignInRefusal(SignInLimit.Client, wait),
            (null, { } wait) => new SignInRefusal(SignInLimit.Account, wait),
            ({ } clientWait, { } accountWait) => clientWait >= accountWait
                ? new SignInRefusal(SignInLimit.Client, clientWait)
                : new SignInRefusal(SignInLimit.Account, accountWait),
        };
    }

    /// <summary>Counts a failed attempt against the client address and the user name.</summary>
    public void RecordFailure(string? clientAddress, string userName)
    {
        byClient.AttemptAcquire(ClientKey(clientAddress)).Dispose();
        byAccount.AttemptAcquire(AccountKey(userName)).Dispose();
    }

    public void Dispose()
    {
        byClient.Dispose();
        byAccount.Dispose();
    }

    private static PartitionedRateLimiter<string> FixedWindow(int failures, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = failures,
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>Asking for no permit tells whether one is left without using it up.</summary>
    private static TimeSpan? Peek(PartitionedRateLimiter<string> limiter, string key)
    {
        using var lease = limiter.AttemptAcquire(key, permitCount: 0);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
    }

    private static string ClientKey(string? clientAddress) => clientAddress ?? "";

    private static string AccountKey(string userName)
    {
        var name = userName.Trim().ToUpperInvariant();
        return name.Length <= LongestAccountKey ? name : name[..LongestAccountKey];
    }
}

public enum SignInLimit
{
    Client,
    Account,
}

/// <summary>A sign-in refused before the password was looked at: which limit, and how long until it lifts.</summary>
public sealed record SignInRefusal(SignInLimit Limit, TimeSpan RetryAfter)
{
    /// <summary>Whole seconds, rounded up, as the Retry-After header wants them.</summary>
    public int RetryAfterSeconds => (int)Math.Ceiling(RetryAfter.TotalSeconds);
}
