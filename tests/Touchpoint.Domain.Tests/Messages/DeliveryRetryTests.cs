using Touchpoint.Domain.Messages;

namespace Touchpoint.Domain.Tests.Messages;

public sealed class DeliveryRetryTests
{
    private static readonly DateTime Now = new(2026, 12, 6, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void An_accepted_message_is_completed_and_not_tried_again() =>
        Assert.Equal(new AttemptOutcome(MessageState.Completed, null), DeliveryRetry.Default.After(AttemptResult.Accepted, 3, Now));

    [Fact]
    public void A_refused_message_fails_at_once_without_retries() =>
        Assert.Equal(new AttemptOutcome(MessageState.Failed, null), DeliveryRetry.Default.After(AttemptResult.Refused, 1, Now));

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 5)]
    [InlineData(3, 15)]
    [InlineData(4, 60)]
    [InlineData(5, 120)]
    [InlineData(27, 120)]
    public void A_gateway_that_cannot_take_it_now_gets_it_again_after_a_growing_wait(int attempts, int minutes)
    {
        var outcome = DeliveryRetry.Default.After(AttemptResult.TryAgain, attempts, Now);
        Assert.Equal(new AttemptOutcome(MessageState.InProgress, Now.AddMinutes(minutes)), outcome);
    }

    [Fact]
    public void After_the_last_attempt_the_message_fails_so_staff_see_it()
    {
        var retry = DeliveryRetry.Default;
        Assert.Equal(MessageState.InProgress, retry.After(AttemptResult.TryAgain, retry.MaxAttempts - 1, Now).State);
        Assert.Equal(new AttemptOutcome(MessageState.Failed, null), retry.After(AttemptResult.TryAgain, retry.MaxAttempts, Now));
    }

    [Fact]
    public void Retries_span_about_two_days_so_a_server_down_for_a_night_still_gets_every_message()
    {
        var retry = DeliveryRetry.Default;
        var total = Enumerable.Range(1, retry.MaxAttempts - 1).Aggregate(TimeSpan.Zero, (sum, n) => sum + retry.WaitAfter(n));
        Assert.InRange(total, TimeSpan.FromHours(36), TimeSpan.FromHours(60));
    }

    [Theory]
    [InlineData("initial", MessageState.Initial)]
    [InlineData("inProgress", MessageState.InProgress)]
    [InlineData("completed", MessageState.Completed)]
    [InlineData("failed", MessageState.Failed)]
    public void States_have_the_TMF681_names(string wireName, MessageState state)
    {
        Assert.Equal(wireName, state.ToWireName());
        Assert.True(MessageStates.TryParse(wireName, out var parsed, out _));
        Assert.Equal(state, parsed);
    }
}
