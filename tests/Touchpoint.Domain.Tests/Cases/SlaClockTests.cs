using Touchpoint.Domain.Cases;

namespace Touchpoint.Domain.Tests.Cases;

public sealed class SlaClockTests
{
    private static readonly TimeSpan Winter = TimeSpan.FromHours(1);

    private static readonly BusinessCalendar Office = BusinessCalendar.Weekdays("Europe/Stockholm", new TimeOnly(8, 0), new TimeOnly(16, 0));

    // First response 4 business hours, next update 8, resolution 40; warning at 75 %.
    private static readonly SlaPolicy ComplaintHigh = SlaPolicySet.Default.For(CaseType.Complaint, CasePriority.High);

    // Monday 3 March 2025, 09:00 in Stockholm.
    private static readonly DateTimeOffset Opened = At(3, 9, 0);

    private static DateTimeOffset At(int day, int hour, int minute) => new(2025, 3, day, hour, minute, 0, Winter);

    private static SlaReading Read(DateTimeOffset now, SlaFacts? facts = null, SlaPolicy? policy = null) =>
        SlaClock.Read(policy ?? ComplaintHigh, Office, facts ?? new SlaFacts { OpenedAt = Opened }, now);

    [Fact]
    public void A_new_case_shows_every_deadline_with_its_warning_and_due_time()
    {
        var reading = Read(At(3, 10, 0));

        Assert.Equal([SlaTarget.FirstResponse, SlaTarget.NextUpdate, SlaTarget.Resolution], reading.Deadlines.Select(d => d.Target));
        Assert.All(reading.Deadlines, d => Assert.Equal(SlaState.Ok, d.State));

        Assert.Equal((At(3, 12, 0), At(3, 13, 0)), (reading[SlaTarget.FirstResponse].WarnAt, reading[SlaTarget.FirstResponse].DueAt));
        Assert.Equal((At(3, 15, 0), At(4, 9, 0)), (reading[SlaTarget.NextUpdate].WarnAt, reading[SlaTarget.NextUpdate].DueAt));

        // 30 of 40 business hours: Monday 7, Tuesday 8, Wednesday 8, Thursday 7 → Thursday 15:00; due next Monday 09:00.
        Assert.Equal((At(6, 15, 0), At(10, 9, 0)), (reading[SlaTarget.Resolution].WarnAt, reading[SlaTarget.Resolution].DueAt));

        Assert.Equal(TimeSpan.FromHours(3), reading[SlaTarget.FirstResponse].BusinessTimeLeft);
        Assert.Equal(SlaTarget.FirstResponse, reading.NextDue!.Target);
        Assert.Empty(reading.Alerts);
        Assert.False(reading.IsPaused);
    }

    [Fact]
    public void Past_the_warning_share_the_deadline_is_in_warning_and_a_warning_fires()
    {
        var deadline = Read(At(3, 12, 30))[SlaTarget.FirstResponse];

        Assert.Equal(SlaState.Warning, deadline.State);
        Assert.Equal(TimeSpan.FromMinutes(30), deadline.BusinessTimeLeft);
        Assert.Equal([new SlaAlert(SlaTarget.FirstResponse, SlaAlertKind.Warning, 1, At(3, 12, 0), Opened)], deadline.Alerts);
    }

    [Fact]
    public void Just_before_the_warning_share_nothing_fires() =>
        Assert.Equal(SlaState.Ok, Read(At(3, 11, 59))[SlaTarget.FirstResponse].State);

    [Fact]
    public void At_the_due_time_the_deadline_is_breached()
    {
        var deadline = Read(At(3, 13, 0))[SlaTarget.FirstResponse];

        Assert.Equal(SlaState.Breached, deadline.State);
        Assert.Equal(TimeSpan.Zero, deadline.BusinessTimeLeft);
        Assert.Equal(
            [SlaAlertKind.Warning, SlaAlertKind.Breach],
            deadline.Alerts.Select(a => a.Kind));
    }

    [Fact]
    public void Overdue_time_counts_only_business_hours()
    {
        // Due Monday 13:00; at Tuesday 09:00 it is 3 + 1 = 4 business hours overdue, not 20 hours.
        Assert.Equal(TimeSpan.FromHours(-4), Read(At(4, 9, 0))[SlaTarget.FirstResponse].BusinessTimeLeft);
    }

    [Fact]
    public void A_reply_before_the_due_time_meets_the_deadline_and_stops_its_alerts()
    {
        var facts = new SlaFacts { OpenedAt = Opened, FirstResponseAt = At(3, 12, 59) };

        var deadline = Read(At(5, 10, 0), facts)[SlaTarget.FirstResponse];

        Assert.Equal(SlaState.Met, deadline.State);
        Assert.Equal(At(3, 12, 59), deadline.CompletedAt);
        Assert.Equal(TimeSpan.FromMinutes(1), deadline.BusinessTimeLeft);
        Assert.Single(deadline.Alerts); // the warning at 12:00 had fired; no breach
    }

    [Fact]
    public void A_reply_exactly_at_the_due_time_is_in_time() =>
        Assert.Equal(SlaState.Met, Read(At(4, 10, 0), new SlaFacts { OpenedAt = Opened, FirstResponseAt = At(3, 13, 0) })[SlaTarget.FirstResponse].State);

    [Fact]
    public void A_late_reply_leaves_the_deadline_breached()
    {
        var deadline = Read(At(5, 10, 0), new SlaFacts { OpenedAt = Opened, FirstResponseAt = At(3, 13, 1) })[SlaTarget.FirstResponse];

        Assert.Equal(SlaState.Breached, deadline.State);
        Assert.Equal(TimeSpan.FromMinutes(-1), deadline.BusinessTimeLeft);
        Assert.Single(deadline.Alerts, a => a.Kind == SlaAlertKind.Breach);
    }

    [Fact]
    public void The_next_update_is_due_a_full_target_after_the_latest_update()
    {
        var facts = new SlaFacts { OpenedAt = Opened, FirstResponseAt = At(3, 11, 0), LastUpdateAt = At(4, 10, 0) };

        var deadline = Read(At(4, 11, 0), facts)[SlaTarget.NextUpdate];

        Assert.Equal(At(4, 10, 0), deadline.ClockStartedAt);
        Assert.Equal(At(5, 10, 0), deadline.DueAt);
        Assert.Equal(SlaState.Ok, deadline.State);
    }

    [Fact]
    public void Resolving_meets_every_running_deadline()
    {
        var facts = new SlaFacts { OpenedAt = Opened, ResolvedAt = At(3, 10, 30) };

        var reading = Read(At(20, 10, 0), facts);

        Assert.All(reading.Deadlines, d => Assert.Equal(SlaState.Met, d.State));
        Assert.Null(reading.NextDue);
        Assert.Empty(reading.Alerts);
    }

    [Fact]
    public void Time_pending_on_the_customer_does_not_count()
    {
        // Pending Monday 10:00 to Tuesday 10:00: one business hour used before, three left after.
        var facts = new SlaFacts { OpenedAt = Opened, Pauses = [new SlaPause(At(3, 10, 0), At(4, 10, 0))] };

        var deadline = Read(At(4, 11, 0), facts)[SlaTarget.FirstResponse];

        Assert.Equal(At(4, 13, 0), deadline.DueAt);
        Assert.Equal(TimeSpan.FromHours(2), deadline.BusinessTimeLeft);
        Assert.Equal(SlaState.Ok, deadline.State);
    }

    [Fact]
    public void While_pending_the_clock_stands_still_and_due_times_are_projected_from_now()
    {
        var facts = new SlaFacts { OpenedAt = Opened, Pauses = [new SlaPause(At(3, 10, 0), null)] };

        var reading = Read(At(5, 12, 0), facts);

        Assert.True(reading.IsPaused);
        Assert.Equal(At(5, 15, 0), reading[SlaTarget.FirstResponse].DueAt);
        Assert.Equal(TimeSpan.FromHours(3), reading[SlaTarget.FirstResponse].BusinessTimeLeft);
        Assert.Equal(SlaState.Ok, reading[SlaTarget.FirstResponse].State);
        Assert.Empty(reading.Alerts);
    }

    [Fact]
    public void A_pause_after_a_breach_does_not_undo_it()
    {
        var facts = new SlaFacts { OpenedAt = Opened, Pauses = [new SlaPause(At(3, 14, 0), null)] };

        var deadline = Read(At(5, 12, 0), facts)[SlaTarget.FirstResponse];

        Assert.Equal(At(3, 13, 0), deadline.DueAt);
        Assert.Equal(SlaState.Breached, deadline.State);
        Assert.Equal(TimeSpan.FromHours(-1), deadline.BusinessTimeLeft);
    }

    [Fact]
    public void Overlapping_pauses_count_once()
    {
        var facts = new SlaFacts
        {
            OpenedAt = Opened,
            Pauses = [new SlaPause(At(3, 12, 0), At(3, 14, 0)), new SlaPause(At(3, 10, 0), At(3, 13, 0))],
        };

        // Paused 10:00–14:00 once: 1 hour before, 3 after → 17:00 is past closing, so Tuesday 09:00.
        Assert.Equal(At(4, 9, 0), Read(At(3, 15, 0), facts)[SlaTarget.FirstResponse].DueAt);
    }

    [Fact]
    public void A_pause_ending_before_it_starts_is_refused() =>
        Assert.Throws<ArgumentException>(() => Read(At(4, 9, 0), new SlaFacts { OpenedAt = Opened, Pauses = [new SlaPause(At(3, 12, 0), At(3, 11, 0))] }));

    [Fact]
    public void A_deadline_still_missed_a_whole_target_later_breaches_again()
    {
        // Resolution due Monday 10 March 09:00; missed by another 40 business hours on Monday 17 March 09:00.
        var alerts = Read(At(17, 9, 0))[SlaTarget.Resolution].Alerts;

        Assert.Equal(
            [(SlaAlertKind.Warning, 1, At(6, 15, 0)), (SlaAlertKind.Breach, 1, At(10, 9, 0)), (SlaAlertKind.Breach, 2, At(17, 9, 0))],
            alerts.Select(a => (a.Kind, a.Occurrence, a.At)));
    }

    [Fact]
    public void The_first_alert_after_an_instant_is_the_earliest_of_every_deadline_s_alerts_after_it()
    {
        // Resolution warns Thursday 6 March 15:00 and breaches Monday 10 and 17 March 09:00; first response and next
        // update breach again every 4 and 8 business hours, so the deadlines' alerts interleave and sometimes coincide.
        var reading = Read(At(17, 9, 0));
        var instants = reading.Alerts.Select(a => a.At).SelectMany(at => new[] { at.AddTicks(-1), at, at.AddTicks(1) }).Prepend(Opened).Distinct();

        foreach (var instant in instants)
        {
            Assert.Equal(reading.Alerts.FirstOrDefault(a => a.At > instant), reading.FirstAlertAfter(instant));
        }

        Assert.Equal(new SlaAlert(SlaTarget.FirstResponse, SlaAlertKind.Warning, 1, At(3, 12, 0), Opened), reading.FirstAlertAfter(Opened));
        // At 17 March 09:00 all three breach at once: the first response's comes first, as in Alerts.
        Assert.Equal(SlaTarget.FirstResponse, reading.FirstAlertAfter(At(17, 9, 0).AddTicks(-1))?.Target);
        Assert.Null(reading.FirstAlertAfter(At(17, 9, 0)));
    }

    [Fact]
    public void The_warning_share_is_the_policy_s()
    {
        var early = ComplaintHigh with { WarningShare = 0.5 };

        Assert.Equal(At(3, 11, 0), Read(At(3, 10, 0), policy: early)[SlaTarget.FirstResponse].WarnAt);
    }

    [Fact]
    public void A_critical_incident_does_not_wait_for_office_hours()
    {
        var outage = SlaPolicySet.Default.For(CaseType.Incident, CasePriority.Critical);
        var saturdayNight = new DateTimeOffset(2025, 3, 8, 22, 0, 0, Winter);

        var reading = SlaClock.Read(outage, Office, new SlaFacts { OpenedAt = saturdayNight }, saturdayNight.AddMinutes(20));

        Assert.Equal(saturdayNight.AddMinutes(15), reading[SlaTarget.FirstResponse].DueAt);
        Assert.Equal(SlaState.Breached, reading[SlaTarget.FirstResponse].State);
    }

    [Fact]
    public void The_next_deadline_to_break_is_the_earliest_running_one()
    {
        var facts = new SlaFacts { OpenedAt = Opened, FirstResponseAt = At(3, 9, 30) };

        Assert.Equal(SlaTarget.NextUpdate, Read(At(3, 10, 0), facts).NextDue!.Target);
    }

    [Fact]
    public void The_clock_cannot_be_read_before_the_case_opened() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Read(Opened.AddMinutes(-1)));

    [Fact]
    public void Targets_states_and_alert_kinds_have_wire_names()
    {
        Assert.Equal(["firstResponse", "nextUpdate", "resolution"], Enum.GetValues<SlaTarget>().Select(t => t.ToWireName()));
        Assert.Equal(["ok", "warning", "breached", "met"], Enum.GetValues<SlaState>().Select(s => s.ToWireName()));
        Assert.Equal(["warning", "breach"], Enum.GetValues<SlaAlertKind>().Select(k => k.ToWireName()));
    }
}
