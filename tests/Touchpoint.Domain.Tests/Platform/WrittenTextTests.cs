using Touchpoint.Domain.Platform;

namespace Touchpoint.Domain.Tests.Platform;

public sealed class WrittenTextTests
{
    [Theory]
    [InlineData("")]
    [InlineData("Lars Persson")]
    [InlineData("Two lines\r\nand\ta tab")]
    [InlineData("Ærø, Östersund, 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ☎")]
    public void Letters_lines_tabs_and_characters_outside_the_basic_plane_are_allowed(string text)
    {
        Assert.True(WrittenText.IsAllowed(text));
        Assert.Null(WrittenText.Problem(text));
        Assert.Same(text, WrittenText.Scrub(text));
    }

    [Theory]
    [InlineData("a\0b", "U+0000", 2)]
    [InlineData("bell\a", "U+0007", 5)]
    [InlineData("\u001b[31m", "U+001B", 1)]
    [InlineData("next\u0085line", "U+0085", 5)]
    public void Other_control_characters_are_refused_naming_the_character_and_where_it_is(string text, string code, int position)
    {
        var problem = WrittenText.Problem(text);

        Assert.False(WrittenText.IsAllowed(text));
        Assert.Contains($"control character ({code}) at position {position}", problem, StringComparison.Ordinal);
    }

    // Built in code: attribute arguments cannot carry half a surrogate pair (it becomes U+FFFD on the way).
    [Theory]
    [InlineData("", 0xD800, "")]
    [InlineData("a", 0xDC00, "")]
    [InlineData("", 0xD800, "x")]
    public void Half_a_surrogate_pair_is_refused(string before, int half, string after) =>
        Assert.Contains("half of a surrogate pair", WrittenText.Problem(before + (char)half + after), StringComparison.Ordinal);

    [Fact]
    public void Scrubbing_keeps_the_text_and_marks_each_refused_character() =>
        Assert.Equal("a\uFFFDb\n\uFFFD𝔘", WrittenText.Scrub("a\0b\n\ud800𝔘"));
}
