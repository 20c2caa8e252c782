using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Touchpoint.Features.Languages;
using Touchpoint.Features.Privacy;

namespace Touchpoint.Tests.Infrastructure;

/// <summary>
/// Finds English customer texts in what a non-English customer was shown or sent (issue 20): every phrase of the
/// English resources, cut at its placeholders, that is long enough to be more than a name or a shared word and that
/// the language does not itself use for the same text. <see cref="InExport"/> also scans the export page's texts.
/// </summary>
public static partial class EnglishLeaks
{
    private const int ShortestPhrase = 12;

    private static readonly ResourceManager CustomerResources = new(typeof(CustomerTexts).FullName!, typeof(CustomerTexts).Assembly);
    private static readonly ResourceManager ExportResources = new(typeof(ExportTexts).FullName!, typeof(ExportTexts).Assembly);

    /// <summary>The English phrases found in <paramref name="shown"/>, a text meant for a reader of <paramref name="language"/>.</summary>
    public static IReadOnlyList<string> In(string shown, string language) => In(shown, language, CustomerResources);

    /// <summary>As <see cref="In(string, string)"/> for an export's readable page: its own texts are scanned too.</summary>
    public static IReadOnlyList<string> InExport(string shown, string language) => In(shown, language, CustomerResources, ExportResources);

    private static string[] In(string shown, string language, params ResourceManager[] resources)
    {
        ArgumentNullException.ThrowIfNull(shown);
        var normalised = Normalised(shown);
        return [.. resources.SelectMany(resource =>
            {
                var own = Texts(resource, CultureInfo.GetCultureInfo(language));
                return Texts(resource, CultureInfo.InvariantCulture)
                    .SelectMany(text => Phrases(text.Value).Where(phrase => !own.TryGetValue(text.Key, out var translated) || !Normalised(translated).Contains(phrase, StringComparison.Ordinal)));
            })
            .Where(phrase => normalised.Contains(phrase, StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)];
    }

    private static Dictionary<string, string> Texts(ResourceManager resources, CultureInfo culture) =>
        (resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false) ?? throw new InvalidOperationException($"No {resources.BaseName} for {culture.Name}."))
        .Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);

    private static IEnumerable<string> Phrases(string text) =>
        Placeholder().Split(Normalised(text)).Select(p => p.Trim(' ', '.', ',', ':', ';', '(', ')', '—', '-')).Where(p => p.Length >= ShortestPhrase && p.Contains(' ', StringComparison.Ordinal));

    private static string Normalised(string text) => Whitespace().Replace(text.Replace('\u00A0', ' ').Replace('\u202F', ' '), " ");

    [GeneratedRegex(@"\{\d+[^}]*\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
