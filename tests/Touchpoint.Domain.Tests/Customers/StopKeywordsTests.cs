using Touchpoint.Domain.Customers;

namespace Touchpoint.Domain.Tests.Customers;

public sealed class StopKeywordsTests
{
    [Theory]
    [InlineData("STOP")]
    [InlineData("stop")]
    [InlineData("  Stop \n")]
    [InlineData("Stopp")]
    [InlineData("STOP!")]
    [InlineData("stopp.")]
    [InlineData("unsubscribe")]
    [InlineData("Avregistrera")]
    [InlineData("afmeld")]
    [InlineData("AVMELD")]
    [InlineData("Afmelden")]
    [InlineData("lopeta")]
    [InlineData("Abmelden")]
    public void A_keyword_alone_in_any_case_and_trimmed_is_a_stop(string text) => Assert.True(StopKeywords.IsStop(text));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("!")]
    [InlineData("Stop calling me about my invoice")]
    [InlineData("Please stop")]
    [InlineData("STOP STOP")]
    [InlineData("stopper")]
    [InlineData("ST OP")]
    [InlineData("cancel")]
    [InlineData("avsluta")]
    [InlineData("s\u0074op?")]
    public void Anything_else_is_not_a_stop(string? text) => Assert.False(StopKeywords.IsStop(text));

    [Fact]
    public void Every_supported_language_has_its_keywords_and_STOP_is_understood_in_each()
    {
        Assert.Equal(PreferredLanguages.All.Order(StringComparer.Ordinal), StopKeywords.ByLanguage.Keys.Order(StringComparer.Ordinal));
        Assert.All(StopKeywords.ByLanguage.Values, words => Assert.Contains(words, w => w is "STOP" or "STOPP"));
        Assert.All(StopKeywords.ByLanguage.Values.SelectMany(w => w), word => Assert.True(StopKeywords.IsStop(word)));
        Assert.Equal(StopKeywords.All.Count, StopKeywords.All.Distinct(StringComparer.Ordinal).Count());
    }
}
