using Touchpoint.Domain.Cases;

namespace Touchpoint.Domain.Tests.Cases;

public sealed class ResolutionGuardTests
{
    private static readonly CustomerNeed Met = new("Keep my number and get the renewal offer", IsResolved: true);

    [Fact]
    public void A_case_with_every_question_answered_and_its_need_met_may_be_resolved()
    {
        var check = ResolutionGuard.Check([new("Why did I get a port-out form?", "A mistake in our sales system.")], Met);

        Assert.True(check.MayResolve);
        Assert.Equal(string.Empty, check.Error);
        Assert.Empty(check.UnansweredQuestions);
    }

    [Fact]
    public void One_unanswered_question_blocks_and_is_named()
    {
        var check = ResolutionGuard.Check(
            [new("Why did I get a port-out form?", "A mistake."), new("Why is my notice period three months?", null)],
            Met);

        Assert.False(check.MayResolve);
        Assert.Equal("This case cannot be resolved yet: 1 question is unanswered: \"Why is my notice period three months?\".", check.Error);
    }

    [Fact]
    public void Several_unanswered_questions_are_counted_and_listed_in_order()
    {
        var check = ResolutionGuard.Check(
            [new("Who can see the offer I got?", " "), new("Why is my notice period three months?", null)],
            Met);

        Assert.Equal(2, check.UnansweredQuestions.Count);
        Assert.Equal(
            "This case cannot be resolved yet: 2 questions are unanswered: \"Who can see the offer I got?\", \"Why is my notice period three months?\".",
            check.Error);
    }

    [Fact]
    public void An_unresolved_need_without_a_reason_blocks_even_with_compensation_given()
    {
        var check = ResolutionGuard.Check([], new CustomerNeed("Broadband at the summer house on Vätö", IsResolved: false));

        Assert.True(check.NeedUnresolvedWithoutReason);
        Assert.Equal(
            "This case cannot be resolved yet: the need \"Broadband at the summer house on Vätö\" is not resolved and no reason is given why.",
            check.Error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_blank_reason_is_no_reason(string? reason) =>
        Assert.False(ResolutionGuard.Check([], new CustomerNeed("Broadband", IsResolved: false, reason)).MayResolve);

    [Fact]
    public void An_unresolved_need_with_a_stated_reason_may_be_resolved() =>
        Assert.True(ResolutionGuard.Check(
            [],
            new CustomerNeed("Broadband at the summer house", IsResolved: false, "No 4G coverage at the address; the sale was reversed and a fixed line offered.")).MayResolve);

    [Fact]
    public void Questions_and_need_are_both_named_when_both_block()
    {
        var check = ResolutionGuard.Check([new("When will it work?", null)], new CustomerNeed("Broadband", IsResolved: false));

        Assert.Equal(
            "This case cannot be resolved yet: 1 question is unanswered: \"When will it work?\"; and the need \"Broadband\" is not resolved and no reason is given why.",
            check.Error);
    }

    [Fact]
    public void The_guard_applies_to_resolving_and_closing_only() =>
        Assert.Equal(
            [CaseStatus.Resolved, CaseStatus.Closed],
            Enum.GetValues<CaseStatus>().Where(ResolutionGuard.AppliesTo));
}
