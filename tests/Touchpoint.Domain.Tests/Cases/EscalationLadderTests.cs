using Touchpoint.Domain.Cases;

namespace Touchpoint.Domain.Tests.Cases;

public sealed class EscalationLadderTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 3, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_default_ladder_goes_from_owner_to_team_lead_to_head_of_care() =>
        Assert.Equal(
            ["owner", "teamLead", "headOfCare"],
            EscalationLadder.Default.Steps.Select(s => s.Key));

    [Fact]
    public void Each_escalation_goes_one_step_further_up_and_stays_at_the_top()
    {
        var ladder = EscalationLadder.Default;

        Assert.Equal(
            [EscalationStep.Owner, EscalationStep.TeamLead, EscalationStep.HeadOfCare, EscalationStep.HeadOfCare, EscalationStep.HeadOfCare],
            Enumerable.Range(0, 5).Select(ladder.NextStep));
    }

    [Fact]
    public void A_configured_ladder_is_followed_in_its_order()
    {
        var director = new EscalationStep("director", "Director of operations");
        var ladder = new EscalationLadder([EscalationStep.TeamLead, director]);

        Assert.Equal(EscalationStep.TeamLead, ladder.NextStep(0));
        Assert.Equal(director, ladder.NextStep(1));
        Assert.Equal(director, ladder.NextStep(7));
    }

    [Fact]
    public void New_alerts_are_assigned_oldest_first_continuing_from_earlier_escalations()
    {
        var breach = new SlaAlert(SlaTarget.FirstResponse, SlaAlertKind.Breach, 1, Start.AddHours(4), Start);
        var warning = new SlaAlert(SlaTarget.FirstResponse, SlaAlertKind.Warning, 1, Start.AddHours(3), Start);

        var escalations = EscalationLadder.Default.Assign([breach, warning], escalationsSoFar: 1);

        Assert.Equal([new Escalation(warning, EscalationStep.TeamLead), new Escalation(breach, EscalationStep.HeadOfCare)], escalations);
    }

    [Fact]
    public void A_ladder_without_steps_or_with_a_repeated_step_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new EscalationLadder([]));
        Assert.Throws<ArgumentException>(() => new EscalationLadder([EscalationStep.Owner, EscalationStep.TeamLead, EscalationStep.Owner]));
        Assert.Throws<ArgumentOutOfRangeException>(() => EscalationLadder.Default.NextStep(-1));
    }
}
