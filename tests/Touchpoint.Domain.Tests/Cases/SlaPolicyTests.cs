using Touchpoint.Domain.Cases;

namespace Touchpoint.Domain.Tests.Cases;

public sealed class SlaPolicyTests
{
    [Fact]
    public void The_defaults_cover_every_case_type_and_priority_once()
    {
        var defaults = SlaPolicySet.Default;

        Assert.Equal(12, defaults.Policies.Count);
        Assert.All(Enum.GetValues<CaseType>(), type => Assert.All(Enum.GetValues<CasePriority>(), priority =>
        {
            var policy = defaults.For(type, priority);
            Assert.Equal((type, priority), (policy.CaseType, policy.Priority));
            Assert.Equal(0.75, policy.WarningShare);
        }));
    }

    [Fact]
    public void A_high_priority_complaint_gets_a_reply_in_4_hours_news_daily_and_a_solution_in_5_days()
    {
        var policy = SlaPolicySet.Default.For(CaseType.Complaint, CasePriority.High);

        Assert.Equal(TimeSpan.FromHours(4), policy.FirstResponse);
        Assert.Equal(DefaultSlaPolicies.BusinessDay, policy.NextUpdate);
        Assert.Equal(DefaultSlaPolicies.BusinessDay * 5, policy.Resolution);
        Assert.Equal(TimeSpan.FromHours(8), DefaultSlaPolicies.BusinessDay);
        Assert.False(policy.AroundTheClock);
    }

    [Fact]
    public void More_urgent_never_means_slower()
    {
        Assert.All(Enum.GetValues<CaseType>(), type =>
        {
            var byUrgency = Enum.GetValues<CasePriority>().Select(p => SlaPolicySet.Default.For(type, p)).ToList();
            for (var i = 1; i < byUrgency.Count; i++)
            {
                Assert.True(byUrgency[i - 1].FirstResponse <= byUrgency[i].FirstResponse);
                Assert.True(byUrgency[i - 1].NextUpdate <= byUrgency[i].NextUpdate);
                Assert.True(byUrgency[i - 1].Resolution <= byUrgency[i].Resolution);
            }
        });
    }

    [Fact]
    public void Only_critical_incidents_run_around_the_clock()
    {
        Assert.Equal(
            [(CaseType.Incident, CasePriority.Critical)],
            SlaPolicySet.Default.Policies.Where(p => p.AroundTheClock).Select(p => (p.CaseType, p.Priority)));

        var office = BusinessCalendar.Weekdays("Europe/Stockholm", new TimeOnly(8, 0), new TimeOnly(16, 0));
        Assert.Same(BusinessCalendar.AlwaysOpen, SlaPolicySet.Default.For(CaseType.Incident, CasePriority.Critical).CalendarFrom(office));
        Assert.Same(office, SlaPolicySet.Default.For(CaseType.Incident, CasePriority.High).CalendarFrom(office));
    }

    [Fact]
    public void An_operator_override_replaces_only_the_matching_policy()
    {
        var stricter = SlaPolicySet.Default.For(CaseType.Complaint, CasePriority.Medium) with { Resolution = TimeSpan.FromHours(24), WarningShare = 0.5 };

        var set = SlaPolicySet.Default.WithOverrides([stricter]);

        Assert.Equal(stricter, set.For(CaseType.Complaint, CasePriority.Medium));
        Assert.Equal(SlaPolicySet.Default.For(CaseType.Complaint, CasePriority.High), set.For(CaseType.Complaint, CasePriority.High));
        Assert.Equal(DefaultSlaPolicies.BusinessDay * 10, SlaPolicySet.Default.For(CaseType.Complaint, CasePriority.Medium).Resolution);
    }

    [Fact]
    public void A_set_with_a_gap_or_a_duplicate_is_refused()
    {
        var missing = Assert.Throws<ArgumentException>(() => new SlaPolicySet(DefaultSlaPolicies.All.Skip(1)));
        Assert.StartsWith("SLA policies are missing for: complaint/critical.", missing.Message, StringComparison.Ordinal);

        var twice = Assert.Throws<ArgumentException>(() => new SlaPolicySet([.. DefaultSlaPolicies.All, DefaultSlaPolicies.All[0]]));
        Assert.StartsWith("There is more than one SLA policy for complaint cases of critical priority.", twice.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    public void A_warning_share_outside_0_to_1_is_refused(double share) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DefaultSlaPolicies.All[0] with { WarningShare = share });

    [Fact]
    public void Targets_must_be_longer_than_zero()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DefaultSlaPolicies.All[0] with { FirstResponse = TimeSpan.Zero });
        Assert.Throws<ArgumentOutOfRangeException>(() => DefaultSlaPolicies.All[0] with { NextUpdate = TimeSpan.FromMinutes(-5) });
        Assert.Throws<ArgumentOutOfRangeException>(() => DefaultSlaPolicies.All[0] with { Resolution = TimeSpan.Zero });
    }
}
