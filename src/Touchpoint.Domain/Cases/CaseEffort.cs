namespace Touchpoint.Domain.Cases;

/// <summary>One contact about a case in any channel; <paramref name="StaffId"/> is null for self-service and automated contacts.</summary>
public sealed record CaseContact(DateTimeOffset At, string? StaffId);

/// <summary>The facts the effort figures are computed from.</summary>
/// <param name="EndedAt">When the case reached a status that is not open (resolved, closed, cancelled, rejected); null while open.</param>
public sealed record CaseEffortFacts(DateTimeOffset OpenedAt, DateTimeOffset? EndedAt, IReadOnlyList<CaseContact> Contacts, int AcceptedHandoffs);

/// <summary>
/// What a case cost the customer in effort (S1-3: nine contacts, eight people). Shown on the case so an
/// agent sees at a glance that the customer has been passed around.
/// </summary>
public sealed record CaseEffort(int Contacts, int DistinctStaff, int Handoffs, TimeSpan OpenFor)
{
    /// <summary>Whole days, as a customer counts them ("37 days and no solution", S3-2).</summary>
    public int DaysOpen => (int)OpenFor.TotalDays;

    public static CaseEffort Of(CaseEffortFacts facts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentOutOfRangeException.ThrowIfNegative(facts.AcceptedHandoffs);
        var end = facts.EndedAt ?? now;
        if (end < facts.OpenedAt)
        {
            throw new ArgumentOutOfRangeException(nameof(facts), end, "A case cannot end, or be measured, before it was opened.");
        }

        var staff = facts.Contacts
            .Select(c => c.StaffId)
            .OfType<string>()
            .Where(id => !string.IsNullOrWhiteSpace(id))
            .Distinct(StringComparer.Ordinal)
            .Count();

        return new CaseEffort(facts.Contacts.Count, staff, facts.AcceptedHandoffs, end - facts.OpenedAt);
    }
}

/// <summary>Effort over many cases, e.g. one team's: what team leads compare (S1-3).</summary>
public sealed record EffortSummary(
    int Cases,
    int Contacts,
    int Handoffs,
    double AverageContacts,
    double AverageDistinctStaff,
    double AverageHandoffs,
    double AverageDaysOpen,
    int MostDaysOpen)
{
    public static EffortSummary Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, 0);

    public static EffortSummary Of(IEnumerable<CaseEffort> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var all = cases.ToList();
        if (all.Count == 0)
        {
            return Empty;
        }

        return new EffortSummary(
            all.Count,
            all.Sum(c => c.Contacts),
            all.Sum(c => c.Handoffs),
            all.Average(c => c.Contacts),
            all.Average(c => c.DistinctStaff),
            all.Average(c => c.Handoffs),
            all.Average(c => c.OpenFor.TotalDays),
            all.Max(c => c.DaysOpen));
    }

    /// <summary>Which team a case counts for (say, its owner's team) is the caller's choice.</summary>
    public static IReadOnlyDictionary<string, EffortSummary> PerTeam(IEnumerable<(string Team, CaseEffort Effort)> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        return cases
            .GroupBy(c => c.Team, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Of(g.Select(c => c.Effort)), StringComparer.Ordinal);
    }
}
