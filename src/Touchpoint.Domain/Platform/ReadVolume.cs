using System.Collections.Concurrent;

namespace Touchpoint.Domain.Platform;

/// <summary>How many different customers one user may read in a window, and from how many on it is unusual.</summary>
public sealed record ReadVolumeLimits(int UnusualAt, int Limit, TimeSpan Window)
{
    /// <summary>What is wrong with the limits, or null: both at least 1, the unusual volume not above the limit, a window.</summary>
    public string? Problem() => this switch
    {
        { UnusualAt: < 1 } or { Limit: < 1 } => "Both read volumes must be at least 1.",
        _ when UnusualAt > Limit => "The unusual read volume cannot be above the limit.",
        _ when Window <= TimeSpan.Zero => "The read window must be longer than zero.",
        _ => null,
    };
}

/// <summary>What to tell the admins about a user's reads, once per window each.</summary>
public enum ReadVolumeAlert
{
    None,

    /// <summary>The user has now read <see cref="ReadVolumeLimits.UnusualAt"/> different customers in the window.</summary>
    Unusual,

    /// <summary>The user asked for more customers than the limit allows; the read was refused.</summary>
    Stopped,
}

/// <param name="Allowed">Whether the data may be sent; when not, nothing of it is counted.</param>
/// <param name="Customers">Different customers the user has read in the window, this read included when allowed.</param>
/// <param name="WindowEnds">When the count starts again.</param>
public sealed record ReadVolumeVerdict(bool Allowed, int Customers, DateTime WindowEnds, ReadVolumeAlert Alert);

/// <summary>
/// Counts the different customers each user reads in fixed windows (an hour by default), so one person cannot pull
/// the customer base through the API: the same customers read again and again (a list kept open, a case worked all
/// day) count once, and only a sweep across many customers meets the limit. Counts are kept in memory, per server.
/// </summary>
public sealed class ReadVolume(ReadVolumeLimits limits)
{
    private readonly ConcurrentDictionary<string, UserWindow> users = new(StringComparer.Ordinal);
    private long prunedBefore;

    public ReadVolumeLimits Limits { get; } = limits;

    /// <summary>Counts a read of <paramref name="customers"/> by <paramref name="user"/> at <paramref name="now"/>, or refuses it.</summary>
    public ReadVolumeVerdict Count(string user, IReadOnlyCollection<Guid> customers, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var start = new DateTime(now.Ticks - (now.Ticks % Limits.Window.Ticks), now.Kind);
        var ends = start + Limits.Window;
        PruneBefore(start);
        var window = users.GetOrAdd(user, _ => new UserWindow());
        lock (window)
        {
            if (window.Start != start)
            {
                window.Start = start;
                window.Customers.Clear();
                window.ToldUnusual = false;
                window.ToldStopped = false;
            }

            var added = customers.Count(c => !window.Customers.Contains(c));
            if (window.Customers.Count + added > Limits.Limit)
            {
                var first = !window.ToldStopped;
                window.ToldStopped = true;
                return new ReadVolumeVerdict(false, window.Customers.Count, ends, first ? ReadVolumeAlert.Stopped : ReadVolumeAlert.None);
            }

            window.Customers.UnionWith(customers);
            var unusual = window.Customers.Count >= Limits.UnusualAt && !window.ToldUnusual;
            window.ToldUnusual |= unusual;
            return new ReadVolumeVerdict(true, window.Customers.Count, ends, unusual ? ReadVolumeAlert.Unusual : ReadVolumeAlert.None);
        }
    }

    /// <summary>Forgets the users of windows gone by, once per window, so those who stopped reading hold no memory.</summary>
    private void PruneBefore(DateTime start)
    {
        var previous = Interlocked.Read(ref prunedBefore);
        if (start.Ticks <= previous || Interlocked.CompareExchange(ref prunedBefore, start.Ticks, previous) != previous)
        {
            return;
        }

        foreach (var (user, window) in users)
        {
            lock (window)
            {
                if (window.Start < start)
                {
                    users.TryRemove(new KeyValuePair<string, UserWindow>(user, window));
                }
            }
        }
    }

    private sealed class UserWindow
    {
        public DateTime Start { get; set; }
        public HashSet<Guid> Customers { get; } = [];
        public bool ToldUnusual { get; set; }
        public bool ToldStopped { get; set; }
    }
}
