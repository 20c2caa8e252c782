using Touchpoint.Domain.Cases;

namespace Touchpoint.Domain.Tests.Cases;

/// <summary>
/// S3-2: Bert complains about mobile broadband that cannot work at his summer house; after 37 days of letters
/// there is still no solution. Replayed against the default complaint policy, the complaint cannot go quiet.
/// </summary>
public sealed class S3_2_ThirtySevenDaysTests
{
    private static readonly TimeSpan Summer = TimeSpan.FromHours(2);

    // Swedish office hours; National Day (Friday 6 June) and Midsummer Eve (Friday 20 June) closed.
    private static readonly BusinessCalendar Office = BusinessCalendar.Weekdays(
        "Europe/Stockholm", new TimeOnly(8, 0), new TimeOnly(16, 0), [new DateOnly(2025, 6, 6), new DateOnly(2025, 6, 20)]);

    // Resolution within 5 business days.
    private static readonly SlaPolicy Complaint = SlaPolicySet.Default.For(CaseType.Complaint, CasePriority.High);

    private static readonly DateTimeOffset Opened = new(2025, 6, 2, 9, 0, 0, Summer);

    private static readonly DateTimeOffset Day37 = Opened.AddDays(37).AddHours(8); // Wednesday 9 July, 17:00

    // A letter every Monday at 10:00 (the first one two hours in): the customer hears something, nothing is solved.
    private static SlaFacts FactsAt(DateTimeOffset now)
    {
        var letters = Enumerable.Range(0, 6).Select(week => Opened.AddDays(7 * week).AddHours(week == 0 ? 2 : 1)).Where(at => at <= now).ToList();
        return new SlaFacts { OpenedAt = Opened, FirstResponseAt = letters.FirstOrDefault(), LastUpdateAt = letters.LastOrDefault() };
    }

    private static DateTimeOffset Local(int month, int day, int hour) => new(2025, month, day, hour, 0, 0, Summer);

    [Fact]
    public void The_resolution_target_breaches_and_keeps_breaching_every_five_business_days()
    {
        var resolution = SlaClock.Read(Complaint, Office, FactsAt(Day37), Day37)[SlaTarget.Resolution];

        Assert.Equal(SlaState.Breached, resolution.State);
        Assert.Equal(
            [Local(6, 10, 9), Local(6, 17, 9), Local(6, 25, 9), Local(7, 2, 9), Local(7, 9, 9)],
            resolution.Alerts.Where(a => a.Kind == SlaAlertKind.Breach).Select(a => a.At));
    }

    [Fact]
    public void The_resolution_alerts_climb_the_ladder_to_the_head_of_care()
    {
        var alerts = SlaClock.Read(Complaint, Office, FactsAt(Day37), Day37)[SlaTarget.Resolution].Alerts;

        var escalations = EscalationLadder.Default.Assign(alerts, escalationsSoFar: 0);

        Assert.Equal(
            [
                (SlaAlertKind.Warning, "owner"),
                (SlaAlertKind.Breach, "teamLead"),
                (SlaAlertKind.Breach, "headOfCare"),
                (SlaAlertKind.Breach, "headOfCare"),
                (SlaAlertKind.Breach, "headOfCare"),
                (SlaAlertKind.Breach, "headOfCare"),
            ],
            escalations.Select(e => (e.Alert.Kind, e.To.Key)));
    }

    [Fact]
    public void A_watcher_checking_every_hour_escalates_every_breach_as_it_happens()
    {
        var fired = new HashSet<SlaAlert>();
        var escalations = new List<(DateTimeOffset SeenAt, Escalation Escalation)>();

        for (var now = Opened; now <= Day37; now = now.AddHours(1))
        {
            var fresh = SlaClock.Read(Complaint, Office, FactsAt(now), now).Alerts.Where(fired.Add).ToList();
            escalations.AddRange(EscalationLadder.Default.Assign(fresh, escalations.Count).Select(e => (now, e)));
        }

        var resolutionBreaches = escalations.Where(e => e.Escalation.Alert is { Target: SlaTarget.Resolution, Kind: SlaAlertKind.Breach }).ToList();
        Assert.Equal(5, resolutionBreaches.Count);
        Assert.All(resolutionBreaches, e =>
        {
            Assert.True(e.SeenAt - e.Escalation.Alert.At < TimeSpan.FromHours(1), "escalated within the hour it happened");
            Assert.NotEqual("owner", e.Escalation.To.Key);
        });

        // Weekly letters also miss the daily next-update target, so the ladder is climbed from the first week.
        Assert.Equal(["owner", "teamLead", "headOfCare"], escalations.Select(e => e.Escalation.To.Key).Distinct());
        Assert.Equal(SlaTarget.NextUpdate, escalations[0].Escalation.Alert.Target);

        // Never five business days without an escalation.
        Assert.All(
            escalations.Zip(escalations.Skip(1)),
            pair => Assert.True(Office.Between(pair.First.Escalation.Alert.At, pair.Second.Escalation.Alert.At) <= Complaint.Resolution));
    }

    [Fact]
    public void No_default_complaint_policy_lets_37_days_pass_without_a_breach()
    {
        Assert.All(Enum.GetValues<CasePriority>(), priority =>
        {
            var policy = SlaPolicySet.Default.For(CaseType.Complaint, priority);
            var reading = SlaClock.Read(policy, Office, FactsAt(Day37), Day37);
            Assert.Equal(SlaState.Breached, reading[SlaTarget.Resolution].State);
        });
    }
}
