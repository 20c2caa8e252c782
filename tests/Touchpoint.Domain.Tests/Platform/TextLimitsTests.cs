using Touchpoint.Domain.Platform;

namespace Touchpoint.Domain.Tests.Platform;

public sealed class TextLimitsTests
{
    [Theory]
    [InlineData("", 5, "")]
    [InlineData("short", 5, "short")]
    [InlineData("a longer text", 5, "a lo…")]
    [InlineData("ab", 1, "…")]
    public void Text_that_fits_is_kept_and_longer_text_is_cut_to_the_limit_with_an_ellipsis(string text, int max, string expected)
    {
        var clipped = TextLimits.Clip(text, max);

        Assert.Equal(expected, clipped);
        Assert.True(clipped.Length <= max);
    }

    [Fact]
    public void A_limit_below_one_character_is_a_programming_error() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TextLimits.Clip("text", 0));
}
