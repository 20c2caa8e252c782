using Touchpoint.Domain.Compensation;
using Touchpoint.Domain.Platform;
using Touchpoint.Domain.Promises;
using static Touchpoint.Domain.Tests.Compensation.CompensationSamples;

namespace Touchpoint.Domain.Tests.Compensation;

public sealed class CompensationMandatesTests
{
    private static readonly CompensationMandates Mandates = CompensationMandates.Default;

    [Theory]
    [InlineData(Currency.SEK, 500, 5_000, 50_000)]
    [InlineData(Currency.NOK, 500, 5_000, 50_000)]
    [InlineData(Currency.DKK, 350, 3_500, 35_000)]
    [InlineData(Currency.EUR, 50, 500, 5_000)]
    public void Default_mandates_per_currency(Currency currency, int agent, int teamLead, int headOfCare)
    {
        Assert.Equal(new Money(agent, currency), Mandates.MandateOf([Roles.Agent], currency));
        Assert.Equal(new Money(teamLead, currency), Mandates.MandateOf([Roles.TeamLead], currency));
        Assert.Equal(new Money(headOfCare, currency), Mandates.MandateOf([CompensationMandates.HeadOfCare], currency));
    }

    [Theory]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.PartnerAgent)]
    [InlineData("agent")] // roles are exact keys, as in Roles
    public void Roles_without_an_entry_have_no_mandate(string role) =>
        Assert.Equal(Money.Zero(Currency.SEK), Mandates.MandateOf([role], Currency.SEK));

    [Fact]
    public void A_users_mandate_is_the_highest_of_their_roles()
    {
        Assert.Equal(Sek(5_000m), Mandates.MandateOf([Roles.Agent, Roles.TeamLead, Roles.Admin], Currency.SEK));
        Assert.Equal(Sek(5_000m), Mandates.MandateOf([Roles.TeamLead, Roles.Agent], Currency.SEK));
        Assert.Equal(Money.Zero(Currency.SEK), Mandates.MandateOf([], Currency.SEK));
    }

    [Theory]
    [InlineData(1, Roles.Agent)]
    [InlineData(500, Roles.Agent)]
    [InlineData(500.01, Roles.TeamLead)]
    [InlineData(5_000, Roles.TeamLead)]
    [InlineData(5_001, CompensationMandates.HeadOfCare)]
    [InlineData(50_000, CompensationMandates.HeadOfCare)]
    [InlineData(50_000.01, null)]
    public void The_lowest_role_covering_an_amount(decimal kronor, string? expected) =>
        Assert.Equal(expected, Mandates.LowestRoleCovering(Sek(kronor)));

    [Fact]
    public void Within_the_mandate_is_granted_at_once_without_a_promise()
    {
        var decision = Mandates.Decide(Request(500m), [Roles.Agent]);

        Assert.Equal(CompensationOutcome.Granted, decision.Outcome);
        Assert.Null(decision.ApproverRole);
        Assert.Null(decision.AnswerDueAt);
        Assert.Null(decision.AnswerPromiseKind);
        Assert.Equal("500.00 SEK is within your mandate of 500.00 SEK: granted now.", decision.Explanation);
    }

    [Fact]
    public void Above_the_mandate_needs_the_lowest_role_that_covers_it_and_promises_an_answer_in_a_day()
    {
        var decision = Mandates.Decide(Request(6_000m, "lead-lena"), [Roles.TeamLead]);

        Assert.Equal(CompensationOutcome.NeedsApproval, decision.Outcome);
        Assert.Equal(Sek(5_000m), decision.RequesterMandate);
        Assert.Equal(CompensationMandates.HeadOfCare, decision.ApproverRole);
        Assert.Equal(RequestedAt.AddHours(24), decision.AnswerDueAt);
        Assert.Equal(PromiseKind.WrittenReply, decision.AnswerPromiseKind);
    }

    [Fact]
    public void Someone_without_a_mandate_needs_approval_for_any_amount()
    {
        var decision = Mandates.Decide(Request(50m, "admin-ola"), [Roles.Admin]);

        Assert.Equal(CompensationOutcome.NeedsApproval, decision.Outcome);
        Assert.Equal(Money.Zero(Currency.SEK), decision.RequesterMandate);
        Assert.Equal(Roles.Agent, decision.ApproverRole);
    }

    [Fact]
    public void More_than_any_mandate_is_refused_outright()
    {
        var decision = Mandates.Decide(Request(60_000m), [Roles.Agent]);

        Assert.Equal(CompensationOutcome.BeyondEveryMandate, decision.Outcome);
        Assert.Null(decision.ApproverRole);
        Assert.Null(decision.AnswerDueAt);
        Assert.Equal("60,000.00 SEK is above every mandate in SEK; lower the amount or have an administrator raise a mandate.", decision.Explanation);
    }

    [Fact]
    public void An_invalid_request_is_not_decided() =>
        Assert.Throws<ArgumentException>(() => Mandates.Decide(Request(350m) with { Reason = "" }, [Roles.Agent]));

    [Fact]
    public void The_answer_window_is_configurable()
    {
        var mandates = new CompensationMandates(Mandates.All, TimeSpan.FromHours(4));

        Assert.Equal(RequestedAt.AddHours(4), mandates.Decide(Request(1_000m), [Roles.Agent]).AnswerDueAt);
    }

    [Fact]
    public void Mandates_are_configurable_including_new_role_keys()
    {
        var mandates = new CompensationMandates([new Mandate(Roles.Agent, Sek(1_000m)), new Mandate("StoreManager", Sek(2_000m))]);

        Assert.Equal(CompensationOutcome.Granted, mandates.Decide(Request(1_000m), [Roles.Agent]).Outcome);
        Assert.Equal("StoreManager", mandates.Decide(Request(1_500m), [Roles.Agent]).ApproverRole);
        Assert.Equal(CompensationOutcome.BeyondEveryMandate, mandates.Decide(Request(2_500m), [Roles.Agent]).Outcome);
    }

    [Fact]
    public void Invalid_mandate_configurations_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new CompensationMandates([new Mandate(" ", Sek(10m))]));
        Assert.Throws<ArgumentException>(() => new CompensationMandates([new Mandate(Roles.Agent, Sek(0m))]));
        Assert.Throws<ArgumentException>(() => new CompensationMandates([new Mandate(Roles.Agent, Sek(10m)), new Mandate(Roles.Agent, Sek(20m))]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CompensationMandates([], TimeSpan.Zero));
    }

    [Fact]
    public void The_same_role_may_have_a_mandate_in_each_currency() =>
        Assert.Equal(4, new CompensationMandates(Mandates.All.Where(m => m.Role == Roles.Agent)).All.Count);

    [Fact]
    public void An_approver_whose_mandate_covers_it_may_approve()
    {
        Assert.True(Mandates.TryApprove(Request(1_000m), "lead-lena", [Roles.TeamLead], out var error), error);
        Assert.Equal(string.Empty, error);
    }

    [Fact]
    public void An_approver_whose_mandate_is_too_small_is_refused()
    {
        Assert.False(Mandates.TryApprove(Request(1_000m), "agent-per", [Roles.Agent], out var error));
        Assert.Equal("Your mandate of 500.00 SEK does not cover 1,000.00 SEK; a TeamLead must approve it.", error);
    }

    [Theory]
    [InlineData("agent-sara")]
    [InlineData("AGENT-SARA ")]
    public void Nobody_approves_their_own_request(string approver)
    {
        Assert.False(Mandates.TryApprove(Request(1_000m), approver, [Roles.TeamLead, Roles.Agent], out var error));
        Assert.Equal("You cannot approve your own compensation request; someone else whose mandate covers it must.", error);
    }

    [Fact]
    public void An_approval_needs_the_approver_and_a_valid_request()
    {
        Assert.False(Mandates.TryApprove(Request(1_000m), "", [Roles.TeamLead], out var missing));
        Assert.Equal("An approval needs the person approving.", missing);

        Assert.False(Mandates.TryApprove(Request(1_000m) with { Reason = " " }, "lead-lena", [Roles.TeamLead], out var invalid));
        Assert.Equal("State what the compensation is for; the customer sees it on their timeline.", invalid);
    }

    [Fact]
    public void Beyond_every_mandate_nobody_can_approve()
    {
        Assert.False(Mandates.TryApprove(Request(60_000m), "head-hans", [CompensationMandates.HeadOfCare], out var error));
        Assert.Equal("Your mandate of 50,000.00 SEK does not cover 60,000.00 SEK, and no role's does.", error);
    }
}
