using Touchpoint.Domain.Compensation;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Platform;
using Touchpoint.Domain.Promises;
using static Touchpoint.Domain.Tests.Compensation.CompensationSamples;

namespace Touchpoint.Domain.Tests.Compensation;

/// <summary>
/// A token cannot replace what is owed (S3-3): 350 kr of call credit for 37 days without the broadband Bert pays for.
/// Less than the policy's proposal needs a reason the customer is told and the approval of someone whose mandate
/// covers the proposal; at least the proposal, within one's mandate, stays instant.
/// </summary>
public sealed class BelowProposalTests
{
    private const string Why = "The customer used the line as a mobile hotspot on 20 of the days.";

    private static readonly CompensationMandates Mandates = CompensationMandates.Default;

    /// <summary>37 days without service at 899 kr a month: 30 kr a day, 1,110 kr.</summary>
    private static readonly Money ThirtySevenDays = Sek(1_110m);

    private static CompensationRequest Offer(decimal kronor, string? why = Why, string requester = "agent-sara") =>
        Request(kronor, requester) with { Proposal = ThirtySevenDays, BelowProposalReason = why };

    [Fact]
    public void The_policy_prices_37_days_without_service_at_1110_kr()
    {
        Assert.True(CompensationPolicy.Default.TryPropose(
            Jurisdiction.SE, [new DaysWithoutService(37, Sek(899m))], out var proposal, out var error), error);

        Assert.Equal(ThirtySevenDays, proposal.Total);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Less_than_the_proposal_without_a_reason_is_refused_naming_the_proposal(string? why)
    {
        Assert.False(Offer(350m, why).TryValidate(out var error));

        Assert.Equal(
            "The policy proposes 1,110.00 SEK for what went wrong; granting 350.00 SEK, less than that, needs a stated reason: the customer is told the policy's amount and why they get less.",
            error);
    }

    [Fact]
    public void At_least_the_proposal_needs_no_reason_for_giving_less()
    {
        Assert.True(Offer(1_110m, why: null).TryValidate(out var exactly), exactly);
        Assert.True(Offer(1_500m, why: null).TryValidate(out var more), more);
        Assert.False(Offer(1_110m).IsBelowProposal);
        Assert.Equal(Sek(1_500m), Offer(1_500m).AmountToCover);
    }

    [Fact]
    public void Without_a_proposal_there_is_nothing_to_fall_short_of()
    {
        var goodwill = Request(350m);

        Assert.False(goodwill.IsBelowProposal);
        Assert.Equal(Sek(350m), goodwill.AmountToCover);
        Assert.Equal(CompensationOutcome.Granted, Mandates.Decide(goodwill, [Roles.Agent]).Outcome);
    }

    [Fact]
    public void A_proposal_in_another_currency_or_of_nothing_is_refused()
    {
        Assert.False((Offer(350m) with { Proposal = new Money(111m, Currency.EUR) }).TryValidate(out var currency));
        Assert.Equal("The policy's proposal must be above zero and in SEK, the currency of the compensation.", currency);
        Assert.False((Offer(350m) with { Proposal = Money.Zero(Currency.SEK) }).TryValidate(out _));
    }

    [Fact]
    public void A_token_within_the_agents_mandate_is_not_granted_at_once_but_waits_for_someone_whose_mandate_covers_the_proposal()
    {
        var decision = Mandates.Decide(Offer(350m), [Roles.Agent]);

        Assert.Equal(CompensationOutcome.NeedsApproval, decision.Outcome);
        Assert.Equal(Roles.TeamLead, decision.ApproverRole);
        Assert.Equal(RequestedAt.AddDays(1), decision.AnswerDueAt);
        Assert.Equal(PromiseKind.WrittenReply, decision.AnswerPromiseKind);
        Assert.Equal(
            "350.00 SEK is below the policy's proposal of 1,110.00 SEK: a token cannot replace what is owed, so a TeamLead must approve it with your reason. The customer is promised an answer by 2026-05-05T13:30:00Z.",
            decision.Explanation);
    }

    [Fact]
    public void Below_the_proposal_needs_approval_even_when_the_requesters_own_mandate_covers_the_proposal()
    {
        var decision = Mandates.Decide(Offer(350m, requester: "lead-lena"), [Roles.TeamLead]);

        Assert.Equal(CompensationOutcome.NeedsApproval, decision.Outcome);
        // An agent's 500 kr does not cover 1,110 kr; a team lead's does.
        Assert.Equal(Roles.TeamLead, decision.ApproverRole);
    }

    [Fact]
    public void Granting_at_least_the_proposal_within_ones_mandate_stays_instant()
    {
        var lead = Mandates.Decide(Offer(1_110m, requester: "lead-lena"), [Roles.TeamLead]);
        var small = Mandates.Decide(Request(470m) with { Proposal = Sek(470m) }, [Roles.Agent]);

        Assert.Equal(CompensationOutcome.Granted, lead.Outcome);
        Assert.Equal(CompensationOutcome.Granted, small.Outcome);
    }

    [Fact]
    public void The_proposal_above_the_agents_mandate_and_granted_in_full_is_an_ordinary_approval()
    {
        var decision = Mandates.Decide(Offer(1_110m), [Roles.Agent]);

        Assert.Equal(CompensationOutcome.NeedsApproval, decision.Outcome);
        Assert.StartsWith("1,110.00 SEK is above your mandate of 500.00 SEK: a TeamLead must approve it.", decision.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_proposal_beyond_every_mandate_cannot_be_undercut_by_anyone()
    {
        var decision = Mandates.Decide(Request(1_000m) with { Proposal = Sek(60_000m), BelowProposalReason = Why }, [Roles.Agent]);

        Assert.Equal(CompensationOutcome.BeyondEveryMandate, decision.Outcome);
        Assert.Equal(
            "The policy proposes 60,000.00 SEK, above every mandate in SEK; less than that needs the approval of someone whose mandate covers it, so have an administrator raise a mandate.",
            decision.Explanation);
    }

    [Fact]
    public void The_approvers_mandate_must_cover_the_proposal_not_only_the_token()
    {
        Assert.False(Mandates.TryApprove(Offer(350m), "agent-per", [Roles.Agent], out var error));
        Assert.Equal("Your mandate of 500.00 SEK does not cover the policy's proposal of 1,110.00 SEK, which 350.00 SEK falls short of; a TeamLead must approve it.", error);

        Assert.True(Mandates.TryApprove(Offer(350m), "lead-lena", [Roles.TeamLead], out var none), none);
    }

    [Fact]
    public void Nobody_approves_their_own_token()
    {
        Assert.False(Mandates.TryApprove(Offer(350m, requester: "lead-lena"), "lead-lena", [Roles.TeamLead], out var error));
        Assert.Equal("You cannot approve your own compensation request; someone else whose mandate covers it must.", error);
    }

    [Fact]
    public void An_approval_of_a_token_without_a_reason_is_refused() =>
        Assert.False(Mandates.TryApprove(Offer(350m, why: null), "lead-lena", [Roles.TeamLead], out _));
}
