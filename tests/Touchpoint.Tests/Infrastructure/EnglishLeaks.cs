using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Touchpoint.Features.Languages;

namespace Touchpoint.Tests.Infrastructure;

/// <summary>
/// Finds English customer texts in what a non-English customer was shown or sent (issue 20): every phrase of the
/// English resources, cut at its placeholders, that is long enough to be more than a name or a shared word and that
/// the language does not itself use for the same text.
/// </summary>
public static partial class EnglishLeaks
{
    private const int ShortestPhrase = 12;

    private static readonly ResourceManager Resources = new(typeof(CustomerTexts).FullName!, typeof(CustomerTexts).Assembly);

    /// <summary>The English phrases found in <paramref name="shown"/>, a text meant for a reader of <paramref name="language"/>.</summary>
    public static IReadOnlyList<string> In(string shown, string language)
    {
        ArgumentNullException.ThrowIfNull(shown);
        var english = Texts(CultureInfo.InvariantCulture);
        var own = Texts(CultureInfo.GetCultureInfo(language));
        var normalised = Normalised(shown);
        return [.. english
            .SelectMany(text => Phrases(text.Value).Where(phrase => !own.TryGetValue(text.Key, out var translated) || !Normalised(translated).Contains(phrase, StringComparison.Ordinal)))
            .Where(phrase => normalised.Contains(phrase, StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)];
    }

    private static Dictionary<string, string> Texts(CultureInfo culture) =>
        (Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false) ?? throw new InvalidOperationException($"No customer texts for {culture.Name}."))
        .Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);

    private static IEnumerable<string> Phrases(string text) =>
        Placeholder().Split(Normalised(text)).Select(p => p.Trim(' ', '.', ',', ':', ';', '(', ')', '—', '-')).Where(p => p.Length >= ShortestPhrase && p.Contains(' ', StringComparison.Ordinal));

    private static string Normalised(string text) => Whitespace().Replace(text.Replace('\u00A0', ' ').Replace('\u202F', ' '), " ");

    [GeneratedRegex(@"\{\d+[^}]*\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
