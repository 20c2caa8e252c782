using Touchpoint.Domain.Feedback;

namespace Touchpoint.Domain.Tests.Feedback;

public sealed class SurveyRulesTests
{
    private static readonly DateTime Now = new(2026, 12, 7, 10, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Window = TimeSpan.FromDays(30);
    private static readonly TimeSpan LongestDeferral = TimeSpan.FromDays(30);

    private static readonly SurveyContactFacts Clear = new(
        ObjectsToMarketing: false, LastSurveySentAt: null, HasOpenComplaint: false, HandledByAgency: false, AgencyName: null, HasContactOnFile: true);

    [Theory]
    [InlineData(SurveyKind.Csat, 1, 5)]
    [InlineData(SurveyKind.Nps, 0, 10)]
    [InlineData(SurveyKind.Ces, 1, 7)]
    public void Each_kind_has_its_scale(SurveyKind kind, int lowest, int highest)
    {
        var scale = SurveyKinds.ScaleOf(kind);
        Assert.Equal((lowest, highest), (scale.Lowest, scale.Highest));
        Assert.False(scale.Contains(lowest - 1));
        Assert.False(scale.Contains(highest + 1));
    }

    [Theory]
    [InlineData(0, NpsGroup.Detractor)]
    [InlineData(6, NpsGroup.Detractor)]
    [InlineData(7, NpsGroup.Passive)]
    [InlineData(8, NpsGroup.Passive)]
    [InlineData(9, NpsGroup.Promoter)]
    [InlineData(10, NpsGroup.Promoter)]
    public void NPS_answers_fall_into_detractors_passives_and_promoters(int score, NpsGroup group) => Assert.Equal(group, SurveyKinds.GroupOf(score));

    [Theory]
    [InlineData(SurveyKind.Csat, 2, true)]
    [InlineData(SurveyKind.Csat, 3, false)]
    [InlineData(SurveyKind.Nps, 6, true)]
    [InlineData(SurveyKind.Nps, 7, false)]
    [InlineData(SurveyKind.Ces, 5, true)]
    [InlineData(SurveyKind.Ces, 4, false)]
    public void The_default_low_answers_are_CSAT_2_or_less_NPS_6_or_less_and_CES_5_or_more(SurveyKind kind, int score, bool low) =>
        Assert.Equal(low, LowScores.Default.IsLow(kind, score));

    [Fact]
    public void Three_ones_are_low_and_one_low_answer_among_good_ones_is_low_too()
    {
        Assert.True(LowScores.Default.AnyLow(SurveyKind.Csat, [1, 1, 1]));
        Assert.True(LowScores.Default.AnyLow(SurveyKind.Csat, [5, 5, 2]));
        Assert.False(LowScores.Default.AnyLow(SurveyKind.Csat, [3, 4, 5]));
        Assert.Equal(2, LowScores.Worst(SurveyKind.Csat, [5, 2, 4]));
        Assert.Equal(6, LowScores.Worst(SurveyKind.Ces, [1, 6, 3]));
    }

    [Fact]
    public void A_threshold_off_its_scale_is_refused_naming_it()
    {
        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => new LowScores(csatAtMost: 6));
        Assert.Equal("csatAtMost", refused.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new LowScores(cesAtLeast: 0));
    }

    [Fact]
    public void Only_CSAT_asks_several_questions() =>
        Assert.Equal((5, 1, 1), (SurveyKinds.MostQuestions(SurveyKind.Csat), SurveyKinds.MostQuestions(SurveyKind.Nps), SurveyKinds.MostQuestions(SurveyKind.Ces)));

    [Fact]
    public void A_survey_with_nothing_against_it_is_sent() => Assert.Equal(SurveyDecision.Send, Decide(Clear));

    [Fact]
    public void An_objection_to_marketing_means_never_whatever_else_is_true() =>
        Assert.Equal(new SurveyDecision(SurveyDispatch.Suppress, SurveyContactRules.Objection), Decide(Clear with { ObjectsToMarketing = true, HasOpenComplaint = true }));

    [Fact]
    public void No_address_or_number_on_file_means_never() =>
        Assert.Equal(new SurveyDecision(SurveyDispatch.Suppress, SurveyContactRules.NoContact), Decide(Clear with { HasContactOnFile = false }));

    [Fact]
    public void A_contact_an_agency_handled_is_asked_about_only_naming_the_agency()
    {
        Assert.Equal(SurveyContactRules.AgencyUnnamed, Decide(Clear with { HandledByAgency = true, AgencyName = " " }).Reason);
        Assert.Equal(SurveyDecision.Send, Decide(Clear with { HandledByAgency = true, AgencyName = "Vendator" }));
    }

    [Theory]
    [InlineData(29, SurveyDispatch.Suppress)]
    [InlineData(30, SurveyDispatch.Send)]
    public void One_survey_per_window_across_all_channels(int daysSinceLast, SurveyDispatch dispatch) =>
        Assert.Equal(dispatch, Decide(Clear with { LastSurveySentAt = Now.AddDays(-daysSinceLast) }).Dispatch);

    [Fact]
    public void An_open_complaint_makes_a_survey_wait_and_one_that_waited_too_long_is_dropped()
    {
        Assert.Equal(new SurveyDecision(SurveyDispatch.Defer, SurveyContactRules.OpenComplaint), Decide(Clear with { HasOpenComplaint = true }, scheduledDaysAgo: 29));
        Assert.Equal(new SurveyDecision(SurveyDispatch.Suppress, SurveyContactRules.Stale), Decide(Clear with { HasOpenComplaint = true }, scheduledDaysAgo: 30));
    }

    [Fact]
    public void Fatigue_is_final_while_a_complaint_only_postpones() =>
        Assert.Equal(SurveyContactRules.Fatigue, Decide(Clear with { HasOpenComplaint = true, LastSurveySentAt = Now.AddDays(-1) }).Reason);

    [Fact]
    public void Wire_names_are_the_APIs()
    {
        Assert.Equal(["csat", "nps", "ces"], SurveyKinds.WireNames);
        Assert.Equal(["interaction", "caseResolved", "termination", "promiseMadeGood"], SurveyTriggers.WireNames);
        Assert.Equal(["scheduled", "sent", "answered", "suppressed"], SurveyStates.WireNames);
        Assert.False(SurveyKinds.TryParse("stars", out _, out var error));
        Assert.Contains("csat, nps, ces", error, StringComparison.Ordinal);
    }

    private static SurveyDecision Decide(SurveyContactFacts facts, int scheduledDaysAgo = 0) =>
        SurveyContactRules.Decide(facts, Now, Now.AddDays(-scheduledDaysAgo), Window, LongestDeferral);
}
