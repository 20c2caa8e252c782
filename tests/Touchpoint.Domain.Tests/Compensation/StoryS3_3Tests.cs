using Touchpoint.Domain.Compensation;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Interactions;
using Touchpoint.Domain.Platform;
using Touchpoint.Domain.Promises;
using static Touchpoint.Domain.Tests.Compensation.CompensationSamples;

namespace Touchpoint.Domain.Tests.Compensation;

/// <summary>
/// S3-3: it took 17 e-mails over two weeks to agree 350 kr of credit. With a policy and a mandate the agent
/// grants it during the first contact; a larger amount goes to a team lead with an answer promised within a day.
/// </summary>
public sealed class StoryS3_3Tests
{
    private static readonly CompensationMandates Mandates = CompensationMandates.Default;

    [Fact]
    public void An_agent_grants_350_kronor_at_once()
    {
        var request = Request(350m);
        Assert.True(request.TryValidate(out var error), error);

        var decision = Mandates.Decide(request, [Roles.Agent]);

        Assert.Equal(CompensationOutcome.Granted, decision.Outcome);
        Assert.Equal("350.00 SEK is within your mandate of 500.00 SEK: granted now.", decision.Explanation);
    }

    [Fact]
    public void A_thousand_kronor_needs_a_team_leads_approval_and_the_customer_is_promised_an_answer_tomorrow()
    {
        var decision = Mandates.Decide(Request(1_000m), [Roles.Agent]);

        Assert.Equal(CompensationOutcome.NeedsApproval, decision.Outcome);
        Assert.Equal(Roles.TeamLead, decision.ApproverRole);
        Assert.Equal(
            "1,000.00 SEK is above your mandate of 500.00 SEK: a TeamLead must approve it. The customer is promised an answer by 2026-05-05T13:30:00Z.",
            decision.Explanation);

        // The promise the customer gets is an ordinary promise: watched, warned about, broken if nobody answers.
        var answer = new Promise
        {
            Kind = decision.AnswerPromiseKind!.Value,
            CustomerId = Request(1_000m).CustomerId,
            OwnerUserId = "agent-sara",
            MadeByUserId = "agent-sara",
            MadeVia = InteractionChannel.Phone,
            MadeAt = RequestedAt,
            DueAt = decision.AnswerDueAt!.Value,
        };
        Assert.True(answer.TryValidateNew(RequestedAt, out var error), error);
        Assert.Equal(RequestedAt.AddHours(18), PromiseWatch.Default.WarningAt(answer));
    }

    [Fact]
    public void The_agent_cannot_approve_it_and_the_team_lead_can()
    {
        var request = Request(1_000m);

        Assert.False(Mandates.TryApprove(request, "agent-sara", [Roles.Agent], out _));
        Assert.False(Mandates.TryApprove(request, "agent-per", [Roles.Agent], out _));
        Assert.True(Mandates.TryApprove(request, "lead-lena", [Roles.TeamLead], out var error), error);
    }

    [Fact]
    public void The_policy_proposes_what_Bert_was_owed_without_negotiation()
    {
        Harm[] harms = [new DaysWithoutService(37, Sek(299m)), new BrokenPromise(PromiseKind.WrittenReply)];

        Assert.True(CompensationPolicy.Default.TryPropose(Jurisdiction.SE, harms, out var proposal, out var error), error);
        Assert.Equal(Sek(470m), proposal.Total);
        Assert.Equal(CompensationOutcome.Granted, Mandates.Decide(Request(proposal.Total.Amount), [Roles.Agent]).Outcome);
    }
}
