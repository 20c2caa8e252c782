using Touchpoint.Domain.Platform;

namespace Touchpoint.Domain.Tests.Platform;

public sealed class SignInBackOffTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(4, 0)]
    [InlineData(5, 15)]
    [InlineData(6, 30)]
    [InlineData(7, 60)]
    [InlineData(8, 60)]
    [InlineData(int.MaxValue, 60)]
    public void The_default_waits_after_five_failures_doubling_from_15_seconds_to_a_minute(int failuresInARow, int expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), SignInBackOff.Default.After(failuresInARow));

    [Fact]
    public void A_longest_wait_that_is_not_a_doubling_of_the_first_is_reached_and_kept()
    {
        var backOff = new SignInBackOff(1, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(10));

        Assert.Equal(
            [4, 8, 10, 10],
            Enumerable.Range(1, 4).Select(failures => (int)backOff.After(failures).TotalSeconds));
    }

    [Fact]
    public void No_number_of_failures_waits_longer_than_the_longest_wait()
    {
        var backOff = new SignInBackOff(3, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(45));

        Assert.All(Enumerable.Range(0, 200), failures => Assert.InRange(backOff.After(failures), TimeSpan.Zero, TimeSpan.FromSeconds(45)));
    }

    [Theory]
    [InlineData(0, 15, 60)]
    [InlineData(5, 0, 60)]
    [InlineData(5, 60, 15)]
    public void A_back_off_that_would_never_wait_or_wait_less_at_its_longest_is_refused(int freeFailures, int firstSeconds, int longestSeconds) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SignInBackOff(freeFailures, TimeSpan.FromSeconds(firstSeconds), TimeSpan.FromSeconds(longestSeconds)));
}
