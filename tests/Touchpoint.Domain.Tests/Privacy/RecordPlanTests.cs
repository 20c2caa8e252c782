using Touchpoint.Domain.Privacy;

namespace Touchpoint.Domain.Tests.Privacy;

public sealed class RecordPlanTests
{
    private static readonly DateOnly Today = new(2026, 12, 7);
    private static readonly PrivacyFacts FormerCustomer = new(Today.AddMonths(-3), []);

    private static PlannedFate Of(IReadOnlyList<PlannedFate> plan, string kind) => plan.Single(p => p.Kind == kind);

    [Fact]
    public void Erasure_of_a_former_customer_anonymises_his_timeline_and_keeps_his_contract_summary_until_its_retention_ends()
    {
        var plan = RecordPlan.ForErasure(RetentionRules.Defaults, FormerCustomer, Today);

        Assert.Equal(RecordFate.Anonymise, Of(plan, "timeline").Fate);
        Assert.Equal(RecordFate.Delete, Of(plan, "identities").Fate);
        var summary = Of(plan, "contractSummaries");
        Assert.Equal(RecordFate.Keep, summary.Fate);
        Assert.Equal(Today.AddMonths(-3).AddMonths(84), summary.KeptUntil);
        Assert.Contains("bookkeeping", summary.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Erasure_while_a_contract_is_in_force_keeps_everything_and_says_why()
    {
        var plan = RecordPlan.ForErasure(RetentionRules.Defaults, new PrivacyFacts(null, []), Today);

        Assert.All(plan, p => Assert.Equal(RecordFate.Keep, p.Fate));
        Assert.Contains("contract is in force", Of(plan, "timeline").Why, StringComparison.Ordinal);
        Assert.Null(RecordPlan.NextReview(plan, new PrivacyFacts(null, []), Today));
    }

    [Fact]
    public void An_open_dispute_keeps_its_evidence_and_nothing_else()
    {
        var facts = FormerCustomer with { OpenDisputes = ["case C-1042 is open"] };
        var plan = RecordPlan.ForErasure(RetentionRules.Defaults, facts, Today);

        Assert.Equal(RecordFate.Keep, Of(plan, "cases").Fate);
        Assert.Contains("C-1042", Of(plan, "messagesReceived").Why, StringComparison.Ordinal);
        Assert.Equal(RecordFate.Delete, Of(plan, "identities").Fate);
        Assert.Equal(Today.AddDays(1), RecordPlan.NextReview(plan, facts, Today));
    }

    [Fact]
    public void A_legal_hold_keeps_every_kind_until_it_ends()
    {
        var facts = FormerCustomer with { LegalHoldUntil = Today.AddMonths(2), LegalHoldReason = "police request 2026/881" };
        var plan = RecordPlan.ForErasure(RetentionRules.Defaults, facts, Today);

        Assert.All(plan.Where(p => p.Kind != "audit"), p => Assert.Equal((RecordFate.Keep, Today.AddMonths(2)), (p.Fate, p.KeptUntil)));
        Assert.Contains("police request", Of(plan, "contacts").Why, StringComparison.Ordinal);
        Assert.Equal(Today.AddMonths(2).AddDays(1), RecordPlan.NextReview(plan, facts, Today));
    }

    [Fact]
    public void A_legal_hold_that_ended_holds_nothing() =>
        Assert.Equal(RecordFate.Anonymise, Of(RecordPlan.ForErasure(RetentionRules.Defaults, FormerCustomer with { LegalHoldUntil = Today.AddDays(-1), LegalHoldReason = "x" }, Today), "timeline").Fate);

    [Fact]
    public void Without_a_request_a_kind_goes_the_day_after_its_retention_ends()
    {
        var ended = Today.AddMonths(-24);
        var facts = new PrivacyFacts(ended, []);

        Assert.Equal(RecordFate.Keep, Of(RecordPlan.ForRetention(RetentionRules.Defaults, facts, Today), "timeline").Fate);
        var dayAfter = RecordPlan.ForRetention(RetentionRules.Defaults, facts, Today.AddDays(1));
        Assert.Equal(RecordFate.Anonymise, Of(dayAfter, "timeline").Fate);
        Assert.Equal(RecordFate.Keep, Of(dayAfter, "contractSummaries").Fate);
        // Requests for copies of the data (36 months) are the next kind to go.
        Assert.Equal(ended.AddMonths(36).AddDays(1), RecordPlan.NextReview(dayAfter, facts, Today.AddDays(1)));
    }

    [Fact]
    public void The_next_review_is_the_day_after_the_first_kept_kind_may_go() =>
        // Coverage checks and notices to staff (12 months) go first; call lists (0 months) went as the relationship ended.
        Assert.Equal(FormerCustomer.RelationshipEnded!.Value.AddMonths(12).AddDays(1),
            RecordPlan.NextReview(RecordPlan.ForRetention(RetentionRules.Defaults, FormerCustomer, Today), FormerCustomer, Today));

    [Fact]
    public void The_audit_log_is_never_disposed_of()
    {
        var plan = RecordPlan.ForRetention(RetentionRules.Defaults, new PrivacyFacts(Today.AddYears(-50), []), Today);

        Assert.Equal(RecordFate.Keep, Of(plan, "audit").Fate);
        Assert.All(plan.Where(p => p.Kind != "audit"), p => Assert.NotEqual(RecordFate.Keep, p.Fate));
        Assert.Null(RecordPlan.NextReview(plan, new PrivacyFacts(Today.AddYears(-50), []), Today));
    }

    [Fact]
    public void Configured_months_replace_the_default_of_their_kind_only()
    {
        var rules = RetentionRules.With(new Dictionary<string, int> { ["Timeline"] = 6 });

        Assert.Equal(6, rules.Single(r => r.Kind == "timeline").Months);
        Assert.Equal(RetentionRules.BookkeepingMonths, rules.Single(r => r.Kind == "contractSummaries").Months);
    }

    [Theory]
    [InlineData("timelines", 6, "not a kind of record")]
    [InlineData("timeline", -1, "0 to 1200 months")]
    [InlineData("audit", 12, "never disposed of")]
    public void Configuration_that_cannot_be_right_is_refused(string kind, int months, string message) =>
        Assert.Contains(message, Assert.Throws<ArgumentException>(() => RetentionRules.With(new Dictionary<string, int> { [kind] = months })).Message, StringComparison.Ordinal);
}
