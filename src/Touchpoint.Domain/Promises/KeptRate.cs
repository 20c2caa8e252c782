namespace Touchpoint.Domain.Promises;

/// <summary>
/// How reliably promises due in a period were kept.
/// <see cref="Rate"/> = kept / (kept + broken). Withdrawn promises are left out of the rate: the customer was
/// told in time, and counting them as kept would reward withdrawing instead of keeping. They are counted
/// separately so a team withdrawing a lot is still visible. A promise not yet due is not counted as either.
/// </summary>
/// <param name="Broken">Includes promises still open past their due time (the watcher may lag) and those kept late.</param>
/// <param name="KeptLate">The part of <paramref name="Broken"/> that was done after all, late.</param>
/// <param name="NotYetDue">Open promises whose due time is still ahead.</param>
public sealed record KeptRate(int Kept, int Broken, int KeptLate, int Withdrawn, int NotYetDue)
{
    public static KeptRate None { get; } = new(0, 0, 0, 0, 0);

    /// <summary>Between 0 and 1; null when no promise in the period has an outcome yet, which is not the same as 0.</summary>
    public decimal? Rate => Kept + Broken == 0 ? null : (decimal)Kept / (Kept + Broken);

    public KeptRate Plus(KeptRate other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Kept + other.Kept, Broken + other.Broken, KeptLate + other.KeptLate, Withdrawn + other.Withdrawn, NotYetDue + other.NotYetDue);
    }
}

/// <summary>
/// Kept-rates over a period for team leads (S4-5). A promise belongs to the period its due time falls in
/// (start inclusive, end exclusive), and to its owner: the person who had to keep it, not the one who made it.
/// </summary>
public static class KeptRates
{
    public static KeptRate Of(IEnumerable<Promise> promises, DateTime periodStart, DateTime periodEnd, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(promises);
        RequirePeriod(periodStart, periodEnd);

        return promises
            .Where(p => p.DueAt >= periodStart && p.DueAt < periodEnd)
            .Aggregate(KeptRate.None, (total, promise) => total.Plus(Count(promise, now)));
    }

    /// <summary>One figure per owner who had a promise due in the period.</summary>
    public static IReadOnlyDictionary<string, KeptRate> ByOwner(IEnumerable<Promise> promises, DateTime periodStart, DateTime periodEnd, DateTime now) =>
        ByGroup(promises, p => p.OwnerUserId, periodStart, periodEnd, now);

    /// <summary>
    /// One figure per team. <paramref name="teamOfOwner"/> names an owner's team; owners it returns null for
    /// are in no team and left out (they still appear in <see cref="ByOwner"/>).
    /// </summary>
    public static IReadOnlyDictionary<string, KeptRate> ByTeam(
        IEnumerable<Promise> promises, Func<string, string?> teamOfOwner, DateTime periodStart, DateTime periodEnd, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(teamOfOwner);
        return ByGroup(promises, p => teamOfOwner(p.OwnerUserId), periodStart, periodEnd, now);
    }

    private static Dictionary<string, KeptRate> ByGroup(
        IEnumerable<Promise> promises, Func<Promise, string?> groupOf, DateTime periodStart, DateTime periodEnd, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(promises);
        RequirePeriod(periodStart, periodEnd);

        var figures = new Dictionary<string, KeptRate>(StringComparer.Ordinal);
        foreach (var promise in promises.Where(p => p.DueAt >= periodStart && p.DueAt < periodEnd))
        {
            if (groupOf(promise) is { } group)
            {
                figures[group] = figures.GetValueOrDefault(group, KeptRate.None).Plus(Count(promise, now));
            }
        }

        return figures;
    }

    private static KeptRate Count(Promise promise, DateTime now) => promise.State switch
    {
        PromiseState.Kept => new(1, 0, 0, 0, 0),
        PromiseState.Broken => new(0, 1, promise.IsKeptLate ? 1 : 0, 0, 0),
        PromiseState.Withdrawn => new(0, 0, 0, 1, 0),

        // Open past due is broken in fact even if the watcher has not recorded it yet.
        PromiseState.Open when promise.DueAt <= now => new(0, 1, 0, 0, 0),
        PromiseState.Open => new(0, 0, 0, 0, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(promise), promise.State, "Unknown promise state."),
    };

    private static void RequirePeriod(DateTime periodStart, DateTime periodEnd)
    {
        if (periodEnd <= periodStart)
        {
            throw new ArgumentOutOfRangeException(nameof(periodEnd), periodEnd, "A period must end after it starts.");
        }
    }
}
