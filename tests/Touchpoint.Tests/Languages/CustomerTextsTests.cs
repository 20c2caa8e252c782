using Touchpoint.Domain.Customers;
using Touchpoint.Features.Languages;

namespace Touchpoint.Tests.Languages;

/// <summary>Issue 20's checks on the resources themselves: every key in every language, the same placeholders in each.</summary>
public sealed class CustomerTextsTests
{
    public static TheoryData<string> Translations => ResourceTexts.Translations;

    /// <summary>The texts of one language's own file, without falling back to English for a missing one.</summary>
    internal static Dictionary<string, string> TextsOf(string language) => ResourceTexts.Of(typeof(CustomerTexts), language);

    [Theory]
    [MemberData(nameof(Translations))]
    public void Every_key_is_in_every_language_and_no_language_has_a_key_English_lacks(string language) =>
        Assert.Empty(ResourceTexts.KeysAgainstEnglish(typeof(CustomerTexts), language));

    [Theory]
    [MemberData(nameof(Translations))]
    public void Every_translation_keeps_the_placeholders_of_the_English_text(string language) =>
        Assert.Empty(ResourceTexts.BrokenPlaceholders(typeof(CustomerTexts), language));

    [Fact]
    public void Every_text_formats_in_its_own_language() => Assert.Empty(ResourceTexts.Unformattable(typeof(CustomerTexts)));

    [Fact]
    public void The_English_leak_check_finds_an_English_sentence_in_a_Danish_text_and_nothing_in_the_Danish_one()
    {
        var danish = TextsOf("da")["Leave.Done.Keep"];
        var english = TextsOf(PreferredLanguages.English)["Leave.Done.Keep"];
        Assert.Empty(EnglishLeaks.In($"Mette Sørensen, {danish} L-20261207-ABC123", "da"));
        Assert.NotEmpty(EnglishLeaks.In($"{danish} {english}", "da"));
        Assert.NotEmpty(EnglishLeaks.In(TextsOf(PreferredLanguages.English)["Message.Code.Body"].Replace("{0}", "123456", StringComparison.Ordinal), "da"));
    }
}
