using System.Globalization;
using System.Text.RegularExpressions;
using Touchpoint.Domain.Customers;
using Touchpoint.Features.Languages;

namespace Touchpoint.Tests.Languages;

/// <summary>Issue 20's checks on the resources themselves: every key in every language, the same placeholders in each.</summary>
public sealed partial class CustomerTextsTests
{
    public static TheoryData<string> Translations => [.. PreferredLanguages.All.Where(l => l != PreferredLanguages.English)];

    /// <summary>The texts of one language's own file, without falling back to English for a missing one.</summary>
    internal static Dictionary<string, string> TextsOf(string language) => ResourceTexts.Of(typeof(CustomerTexts), language);

    [Theory]
    [MemberData(nameof(Translations))]
    public void Every_key_is_in_every_language_and_no_language_has_a_key_English_lacks(string language)
    {
        var english = TextsOf(PreferredLanguages.English);
        var translated = TextsOf(language);
        Assert.Empty(english.Keys.Except(translated.Keys).Order(StringComparer.Ordinal));
        Assert.Empty(translated.Keys.Except(english.Keys).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(translated, t => string.IsNullOrWhiteSpace(t.Value));
    }

    [Theory]
    [MemberData(nameof(Translations))]
    public void Every_translation_keeps_the_placeholders_of_the_English_text(string language)
    {
        var english = TextsOf(PreferredLanguages.English);
        var translated = TextsOf(language);
        var broken = english.Keys.Intersect(translated.Keys)
            .Where(key => !Placeholders(english[key]).SetEquals(Placeholders(translated[key])))
            .Select(key => $"{key}: \"{translated[key]}\"")
            .ToList();
        Assert.Empty(broken);
    }

    [Fact]
    public void Every_text_formats_in_its_own_language()
    {
        foreach (var language in PreferredLanguages.All)
        {
            foreach (var (key, text) in TextsOf(language))
            {
                var arguments = Enumerable.Range(0, Placeholders(text).DefaultIfEmpty(-1).Max() + 1).Select(i => (object)$"<{i}>").ToArray();
                var formatted = string.Format(CultureInfo.GetCultureInfo(language), text, arguments);
                Assert.False(formatted.Contains('{', StringComparison.Ordinal), $"{language} {key} leaves a brace: {formatted}");
            }
        }
    }

    [Fact]
    public void The_English_leak_check_finds_an_English_sentence_in_a_Danish_text_and_nothing_in_the_Danish_one()
    {
        var danish = TextsOf("da")["Leave.Done.Keep"];
        var english = TextsOf(PreferredLanguages.English)["Leave.Done.Keep"];
        Assert.Empty(EnglishLeaks.In($"Mette Sørensen, {danish} L-20261207-ABC123", "da"));
        Assert.NotEmpty(EnglishLeaks.In($"{danish} {english}", "da"));
        Assert.NotEmpty(EnglishLeaks.In(TextsOf(PreferredLanguages.English)["Message.Code.Body"].Replace("{0}", "123456", StringComparison.Ordinal), "da"));
    }

    internal static HashSet<int> Placeholders(string text) =>
        [.. Placeholder().Matches(text).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];

    [GeneratedRegex(@"\{(\d+)[^}]*\}")]
    private static partial Regex Placeholder();
}
