using Touchpoint.Domain.Platform;

namespace Touchpoint.Domain.Tests.Platform;

public sealed class StaffLanguagesTests
{
    [Theory]
    [InlineData("en", "en")]
    [InlineData("sv", "sv")]
    [InlineData(" SV ", "sv")]
    public void English_and_Swedish_may_be_chosen_in_any_case(string text, string expected)
    {
        Assert.True(StaffLanguages.TryValidate(text, out var language, out var error));
        Assert.Equal(expected, language);
        Assert.Empty(error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("da")]
    [InlineData("sv-SE")]
    [InlineData("klingon")]
    public void A_language_the_agent_UI_is_not_written_in_is_refused_with_the_allowed_values(string? text)
    {
        Assert.False(StaffLanguages.TryValidate(text, out var language, out var error));
        Assert.Empty(language);
        Assert.Contains("en, sv", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_language_asked_for_on_a_request_may_be_left_out_but_not_be_one_the_UI_lacks()
    {
        Assert.True(StaffLanguages.TryValidateAsked(null, out var none, out _));
        Assert.Null(none);
        Assert.True(StaffLanguages.TryValidateAsked("SV", out var swedish, out _));
        Assert.Equal("sv", swedish);
        Assert.False(StaffLanguages.TryValidateAsked("da", out var danish, out var error));
        Assert.Null(danish);
        Assert.Contains("en, sv", error, StringComparison.Ordinal);
    }
}
