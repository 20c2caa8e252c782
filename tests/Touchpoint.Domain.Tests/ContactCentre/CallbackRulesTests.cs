using Touchpoint.Domain.ContactCentre;

namespace Touchpoint.Domain.Tests.ContactCentre;

/// <summary>Issue 21 (S4-3): who is offered a callback, when it is owed, and how often it is tried.</summary>
public sealed class CallbackRulesTests
{
    private static readonly DateTime Nine = new(2026, 12, 7, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_caller_told_to_wait_the_threshold_or_longer_is_offered_a_callback_one_with_a_short_wait_is_not()
    {
        var settings = CallbackSettings.Default;
        Assert.True(CallbackRules.ShouldOffer(new WaitEstimate(TimeSpan.FromMinutes(14), EstimateBasis.Queue, ""), 8, settings));
        Assert.True(CallbackRules.ShouldOffer(new WaitEstimate(TimeSpan.FromMinutes(2), EstimateBasis.Queue, ""), 2, settings));
        Assert.False(CallbackRules.ShouldOffer(new WaitEstimate(TimeSpan.FromSeconds(119), EstimateBasis.Queue, ""), 2, settings));
        Assert.False(CallbackRules.ShouldOffer(new WaitEstimate(TimeSpan.Zero, EstimateBasis.AgentFree, ""), 1, settings));
    }

    [Fact]
    public void A_caller_whose_wait_nobody_can_estimate_is_offered_a_callback_rather_than_left_on_hold()
    {
        Assert.True(CallbackRules.ShouldOffer(new WaitEstimate(null, EstimateBasis.None, "No agent"), 1, CallbackSettings.Default));
    }

    [Fact]
    public void The_promise_falls_due_when_the_turn_should_come_or_at_the_chosen_time_with_slack_for_the_call_before()
    {
        var estimate = new WaitEstimate(TimeSpan.FromMinutes(14), EstimateBasis.Queue, "");
        Assert.Equal(Nine.AddMinutes(29), CallbackRules.PromiseDueAt(Nine, estimate, null));
        Assert.Equal(Nine.AddHours(3).AddMinutes(15), CallbackRules.PromiseDueAt(Nine, estimate, Nine.AddHours(3)));
        Assert.Equal(Nine.AddMinutes(45), CallbackRules.PromiseDueAt(Nine, new WaitEstimate(null, EstimateBasis.None, ""), null));
    }

    [Fact]
    public void Unanswered_attempts_are_retried_after_the_delay_until_the_last()
    {
        var settings = new CallbackSettings(TimeSpan.FromMinutes(2), 3, TimeSpan.FromMinutes(10));
        Assert.Equal(Nine.AddMinutes(10), CallbackRules.NextAttemptAt(1, Nine, settings));
        Assert.Equal(Nine.AddMinutes(10), CallbackRules.NextAttemptAt(2, Nine, settings));
        Assert.Null(CallbackRules.NextAttemptAt(3, Nine, settings));
    }

    [Theory]
    [InlineData(-1, 3, 10, "callbackThresholdSeconds")]
    [InlineData(120, 0, 10, "callbackAttempts")]
    [InlineData(120, 11, 10, "callbackAttempts")]
    [InlineData(120, 3, 0, "callbackRetryMinutes")]
    public void Settings_out_of_range_name_their_field(int thresholdSeconds, int attempts, int retryMinutes, string field)
    {
        var problems = new CallbackSettings(TimeSpan.FromSeconds(thresholdSeconds), attempts, TimeSpan.FromMinutes(retryMinutes)).Problems();
        Assert.Equal(field, Assert.Single(problems).Field);
    }
}
