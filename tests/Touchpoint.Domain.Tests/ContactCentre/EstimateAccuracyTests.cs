using Touchpoint.Domain.ContactCentre;

namespace Touchpoint.Domain.Tests.ContactCentre;

public sealed class EstimateAccuracyTests
{
    [Fact]
    public void The_mean_absolute_error_the_share_within_a_minute_and_the_bias_are_read_from_each_pair()
    {
        var accuracy = EstimateAccuracy.Of([
            (TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(14.5)),
            (TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5)),
            (TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(9)),
            (TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(2.5)),
        ]);

        Assert.Equal(4, accuracy.Estimates);
        Assert.Equal(TimeSpan.FromMinutes(1.5), accuracy.MeanAbsoluteError);
        Assert.Equal(0.5, accuracy.WithinAMinute);
        Assert.Equal(TimeSpan.FromMinutes(0.25), accuracy.MeanBias);
    }

    [Fact]
    public void Nothing_compared_is_no_figure_rather_than_a_perfect_one() =>
        Assert.Equal(new EstimateAccuracy(0, null, null, null), EstimateAccuracy.Of([]));
}
