namespace Touchpoint.Domain.Cases;

/// <summary>
/// The targets Touchpoint ships with; the host may override any of them. They assume a business day of
/// <see cref="BusinessDay"/> (one day of an 08:00–16:00 calendar), so "5 business days" is 40 business hours.
/// Complaints get a reply within hours because an unanswered complaint is how S1 and S3 started; faults that
/// take a service down (critical incidents) run around the clock; nothing waits longer than four weeks.
/// </summary>
public static class DefaultSlaPolicies
{
    public static readonly TimeSpan BusinessDay = TimeSpan.FromHours(8);

    public static IReadOnlyList<SlaPolicy> All { get; } =
    [
        Policy(CaseType.Complaint, CasePriority.Critical, Hours(1), Hours(4), Days(2)),
        Policy(CaseType.Complaint, CasePriority.High, Hours(4), Days(1), Days(5)),
        Policy(CaseType.Complaint, CasePriority.Medium, Days(1), Days(2), Days(10)),
        Policy(CaseType.Complaint, CasePriority.Low, Days(2), Days(5), Days(20)),

        Policy(CaseType.Incident, CasePriority.Critical, Minutes(15), Hours(1), Hours(8), aroundTheClock: true),
        Policy(CaseType.Incident, CasePriority.High, Hours(1), Hours(4), Days(1)),
        Policy(CaseType.Incident, CasePriority.Medium, Hours(4), Days(1), Days(3)),
        Policy(CaseType.Incident, CasePriority.Low, Days(1), Days(2), Days(5)),

        Policy(CaseType.Request, CasePriority.Critical, Hours(1), Hours(4), Days(1)),
        Policy(CaseType.Request, CasePriority.High, Hours(4), Days(1), Days(2)),
        Policy(CaseType.Request, CasePriority.Medium, Days(1), Days(2), Days(5)),
        Policy(CaseType.Request, CasePriority.Low, Days(2), Days(5), Days(10)),
    ];

    private static SlaPolicy Policy(CaseType type, CasePriority priority, TimeSpan firstResponse, TimeSpan nextUpdate, TimeSpan resolution, bool aroundTheClock = false) =>
        new()
        {
            CaseType = type,
            Priority = priority,
            FirstResponse = firstResponse,
            NextUpdate = nextUpdate,
            Resolution = resolution,
            AroundTheClock = aroundTheClock,
        };

    private static TimeSpan Minutes(int minutes) => TimeSpan.FromMinutes(minutes);

    private static TimeSpan Hours(int hours) => TimeSpan.FromHours(hours);

    private static TimeSpan Days(int businessDays) => BusinessDay * businessDays;
}
