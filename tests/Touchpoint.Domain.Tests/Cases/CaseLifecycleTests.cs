using Touchpoint.Domain.Cases;

namespace Touchpoint.Domain.Tests.Cases;

public sealed class CaseLifecycleTests
{
    // The TMF621 transitions Touchpoint allows, written out independently of the production table.
    private static readonly HashSet<(string From, string To)> Allowed =
    [
        ("acknowledged", "inProgress"), ("acknowledged", "pending"), ("acknowledged", "held"),
        ("acknowledged", "resolved"), ("acknowledged", "cancelled"), ("acknowledged", "rejected"),
        ("inProgress", "pending"), ("inProgress", "held"), ("inProgress", "resolved"),
        ("inProgress", "cancelled"), ("inProgress", "rejected"),
        ("pending", "inProgress"), ("pending", "cancelled"),
        ("held", "inProgress"), ("held", "cancelled"),
        ("resolved", "closed"), ("resolved", "inProgress"),
    ];

    public static TheoryData<CaseStatus, CaseStatus> EveryPair()
    {
        var data = new TheoryData<CaseStatus, CaseStatus>();
        foreach (var from in Enum.GetValues<CaseStatus>())
        {
            foreach (var to in Enum.GetValues<CaseStatus>())
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Each_move_is_allowed_exactly_when_the_table_says_so(CaseStatus from, CaseStatus to)
    {
        var expected = Allowed.Contains((from.ToWireName(), to.ToWireName()));
        Assert.Equal(expected, CaseLifecycle.CanMove(from, to));
        Assert.Equal(expected, CaseLifecycle.AllowedFrom(from).Contains(to));
        Assert.Equal(expected, CaseLifecycle.TryMove(from, to, out var error));
        Assert.Equal(expected, error.Length == 0);
    }

    [Fact]
    public void Staying_in_the_same_status_is_never_a_move() =>
        Assert.All(Enum.GetValues<CaseStatus>(), status => Assert.False(CaseLifecycle.CanMove(status, status)));

    [Fact]
    public void Closed_cancelled_and_rejected_are_the_final_statuses() =>
        Assert.Equal(
            [CaseStatus.Closed, CaseStatus.Cancelled, CaseStatus.Rejected],
            Enum.GetValues<CaseStatus>().Where(CaseLifecycle.IsFinal));

    [Fact]
    public void Open_statuses_are_those_where_the_operator_still_has_work() =>
        Assert.Equal(
            [CaseStatus.Acknowledged, CaseStatus.InProgress, CaseStatus.Pending, CaseStatus.Held],
            Enum.GetValues<CaseStatus>().Where(CaseLifecycle.IsOpen));

    [Fact]
    public void Only_waiting_on_the_customer_pauses_the_SLA() =>
        Assert.Equal([CaseStatus.Pending], Enum.GetValues<CaseStatus>().Where(CaseLifecycle.PausesSla));

    [Fact]
    public void A_customer_can_reopen_a_resolved_case_but_not_a_closed_one()
    {
        Assert.True(CaseLifecycle.CanMove(CaseStatus.Resolved, CaseStatus.InProgress));
        Assert.False(CaseLifecycle.CanMove(CaseStatus.Closed, CaseStatus.InProgress));
    }

    [Fact]
    public void Only_resolved_back_to_in_progress_is_a_reopening()
    {
        var statuses = Enum.GetValues<CaseStatus>();
        var reopenings = statuses.SelectMany(from => statuses.Select(to => (From: from, To: to))).Where(m => CaseLifecycle.IsReopening(m.From, m.To)).ToList();

        Assert.Equal([(CaseStatus.Resolved, CaseStatus.InProgress)], reopenings);
        Assert.All(reopenings, m => Assert.True(CaseLifecycle.CanMove(m.From, m.To)));
    }

    [Fact]
    public void A_resolved_case_can_be_reopened() =>
        Assert.True(CaseLifecycle.TryReopen(CaseStatus.Resolved, out _));

    [Theory]
    [InlineData(CaseStatus.Closed)]
    [InlineData(CaseStatus.Cancelled)]
    [InlineData(CaseStatus.Rejected)]
    public void A_final_case_cannot_be_reopened_a_new_problem_is_a_new_case(CaseStatus status)
    {
        Assert.False(CaseLifecycle.TryReopen(status, out var error));
        Assert.Equal($"A case that is {status.ToWireName()} cannot be reopened: {status.ToWireName()} is final, so a new problem is a new case.", error);
    }

    [Theory]
    [InlineData(CaseStatus.Acknowledged)]
    [InlineData(CaseStatus.InProgress)]
    [InlineData(CaseStatus.Pending)]
    [InlineData(CaseStatus.Held)]
    public void An_open_case_has_nothing_to_reopen(CaseStatus status)
    {
        Assert.False(CaseLifecycle.TryReopen(status, out var error));
        Assert.EndsWith("is not resolved, so there is nothing to reopen: it is still being worked on.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_move_names_the_allowed_ones()
    {
        Assert.False(CaseLifecycle.TryMove(CaseStatus.Pending, CaseStatus.Resolved, out var error));
        Assert.Equal("A case that is pending cannot move to resolved; allowed: inProgress, cancelled.", error);
    }

    [Fact]
    public void A_refused_move_from_a_final_status_says_it_is_final()
    {
        Assert.False(CaseLifecycle.TryMove(CaseStatus.Closed, CaseStatus.InProgress, out var error));
        Assert.Equal("A case that is closed cannot move to inProgress: closed is final.", error);
    }

    [Fact]
    public void Wire_names_are_the_TMF621_status_values()
    {
        Assert.Equal(
            ["acknowledged", "inProgress", "pending", "held", "resolved", "closed", "cancelled", "rejected"],
            Enum.GetValues<CaseStatus>().Select(s => s.ToWireName()));
        Assert.Equal(["complaint", "request", "incident"], Enum.GetValues<CaseType>().Select(t => t.ToWireName()));
        Assert.Equal(["critical", "high", "medium", "low"], Enum.GetValues<CasePriority>().Select(p => p.ToWireName()));
    }

    [Fact]
    public void Every_wire_name_parses_back_to_its_value()
    {
        Assert.All(Enum.GetValues<CaseStatus>(), v => Assert.True(CaseStatuses.TryParse(v.ToWireName(), out var back, out _) && back == v));
        Assert.All(Enum.GetValues<CaseType>(), v => Assert.True(CaseTypes.TryParse(v.ToWireName(), out var back, out _) && back == v));
        Assert.All(Enum.GetValues<CasePriority>(), v => Assert.True(CasePriorities.TryParse(v.ToWireName(), out var back, out _) && back == v));
    }

    [Fact]
    public void An_unknown_ticket_type_is_refused_naming_the_allowed_values()
    {
        Assert.False(CaseTypes.TryParse("fault", out _, out var error));
        Assert.Equal("'fault' is not a valid case type; allowed values: complaint, request, incident.", error);
    }
}
