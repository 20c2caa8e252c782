namespace Touchpoint.Domain.Cases;

/// <summary>One contact about a case in any channel; <paramref name="StaffId"/> is null for self-service and automated contacts.</summary>
public sealed record CaseContact(DateTimeOffset At, string? StaffId);

/// <summary>The facts the effort figures are computed from.</summary>
/// <param name="EndedAt">When the case reached a status that is not open (resolved, closed, cancelled, rejected); null while open.</param>
/// <param name="Reopenings">How often the case was reopened after being resolved: each time the customer said it was not solved.</param>
/// <param name="Solved">The case is resolved or closed, as opposed to still open, cancelled or rejected.</param>
public sealed record CaseEffortFacts(
    DateTimeOffset OpenedAt, DateTimeOffset? EndedAt, IReadOnlyList<CaseContact> Contacts, int AcceptedHandoffs, int Reopenings, bool Solved);

/// <summary>
/// What a case cost the customer in effort (S1-3: nine contacts, eight people). Shown on the case so an
/// agent sees at a glance that the customer has been passed around, or had to come back.
/// </summary>
/// <param name="Reopenings">Times the customer had to come back because a resolved case was not solved after all.</param>
/// <param name="Solved">Resolved or closed, as opposed to open, cancelled or rejected.</param>
/// <param name="FirstContactResolution">
/// Solved at the first contact: resolved with at most the one contact that raised it, never handed over and never
/// reopened. A reopened case was not solved the first time, whatever happened later.
/// </param>
public sealed record CaseEffort(int Contacts, int DistinctStaff, int Handoffs, int Reopenings, TimeSpan OpenFor, bool Solved, bool FirstContactResolution)
{
    /// <summary>Whole days, as a customer counts them ("37 days and no solution", S3-2).</summary>
    public int DaysOpen => (int)OpenFor.TotalDays;

    public static CaseEffort Of(CaseEffortFacts facts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentOutOfRangeException.ThrowIfNegative(facts.AcceptedHandoffs);
        ArgumentOutOfRangeException.ThrowIfNegative(facts.Reopenings);
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

        var firstContact = facts.Solved && facts.Contacts.Count <= 1 && facts.AcceptedHandoffs == 0 && facts.Reopenings == 0;
        return new CaseEffort(facts.Contacts.Count, staff, facts.AcceptedHandoffs, facts.Reopenings, end - facts.OpenedAt, facts.Solved, firstContact);
    }
}

/// <summary>Effort over many cases, e.g. one team's: what team leads compare (S1-3).</summary>
/// <param name="Reopened">Cases reopened at least once.</param>
/// <param name="Reopenings">Reopenings over all cases: a case reopened twice counts two.</param>
/// <param name="Solved">Cases resolved or closed: what first-contact resolution is a share of.</param>
/// <param name="FirstContactResolutions">Solved cases that were solved at the first contact (never reopened).</param>
public sealed record EffortSummary(
    int Cases,
    int Contacts,
    int Handoffs,
    double AverageContacts,
    double AverageDistinctStaff,
    double AverageHandoffs,
    double AverageDaysOpen,
    int MostDaysOpen,
    int Reopened,
    int Reopenings,
    int Solved,
    int FirstContactResolutions)
{
    public static EffortSummary Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Share of the solved cases solved at the first contact; null while none is solved, rather than a made-up 0 or 1.</summary>
    public double? FirstContactResolutionRate => Solved == 0 ? null : (double)FirstContactResolutions / Solved;

    public static EffortSummary Of(IEnumerable<CaseEffort> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var all = cases.ToList();
        if (all.Count == 0)
        {
            return Empty;
        }

        // First-contact resolution is a share of the solved cases: an open case has not failed it yet.
        var solved = all.Where(c => c.Solved).ToList();

        return new EffortSummary(
            all.Count,
            all.Sum(c => c.Contacts),
            all.Sum(c => c.Handoffs),
            all.Average(c => c.Contacts),
            all.Average(c => c.DistinctStaff),
            all.Average(c => c.Handoffs),
            all.Average(c => c.OpenFor.TotalDays),
            all.Max(c => c.DaysOpen),
            all.Count(c => c.Reopenings > 0),
            all.Sum(c => c.Reopenings),
            solved.Count,
            solved.Count(c => c.FirstContactResolution));
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
