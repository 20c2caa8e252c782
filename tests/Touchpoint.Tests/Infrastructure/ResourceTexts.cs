using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Touchpoint.Domain.Customers;

namespace Touchpoint.Tests.Infrastructure;

/// <summary>
/// The texts of one language's own resource file (English the neutral one), without falling back to English for a
/// missing one, and the checks every translated resource passes.
/// </summary>
public static partial class ResourceTexts
{
    /// <summary>Every supported language but English, for a theory over the translations.</summary>
    public static TheoryData<string> Translations => [.. PreferredLanguages.All.Where(l => l != PreferredLanguages.English)];

    public static Dictionary<string, string> Of(Type resources, string language)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var culture = language == PreferredLanguages.English ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(language);
        var set = new ResourceManager(resources.FullName!, resources.Assembly).GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"There is no {resources.Name} file for '{language}'.");
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);
    }

    /// <summary>Keys English has and <paramref name="language"/> lacks, keys only it has, and keys it leaves empty; none when whole.</summary>
    public static List<string> KeysAgainstEnglish(Type resources, string language)
    {
        var english = Of(resources, PreferredLanguages.English);
        var translated = Of(resources, language);
        return [
            .. english.Keys.Except(translated.Keys).Order(StringComparer.Ordinal).Select(key => $"missing: {key}"),
            .. translated.Keys.Except(english.Keys).Order(StringComparer.Ordinal).Select(key => $"not in English: {key}"),
            .. translated.Where(t => string.IsNullOrWhiteSpace(t.Value)).Select(t => $"empty: {t.Key}").Order(StringComparer.Ordinal),
        ];
    }

    /// <summary>The texts of <paramref name="language"/> whose numbered placeholders are not those of the English text.</summary>
    public static List<string> BrokenPlaceholders(Type resources, string language)
    {
        var english = Of(resources, PreferredLanguages.English);
        var translated = Of(resources, language);
        return [.. english.Keys.Intersect(translated.Keys)
            .Where(key => !Placeholders(english[key]).SetEquals(Placeholders(translated[key])))
            .Select(key => $"{key}: \"{translated[key]}\"")];
    }

    /// <summary>Texts, in any language, that still hold a brace once every placeholder is filled: a broken format.</summary>
    public static List<string> Unformattable(Type resources)
    {
        var broken = new List<string>();
        foreach (var language in PreferredLanguages.All)
        {
            foreach (var (key, text) in Of(resources, language))
            {
                var arguments = Enumerable.Range(0, Placeholders(text).DefaultIfEmpty(-1).Max() + 1).Select(i => (object)$"<{i}>").ToArray();
                var formatted = string.Format(CultureInfo.GetCultureInfo(language), text, arguments);
                if (formatted.Contains('{', StringComparison.Ordinal))
                {
                    broken.Add($"{language} {key}: {formatted}");
                }
            }
        }

        return broken;
    }

    public static HashSet<int> Placeholders(string text) =>
        [.. Placeholder().Matches(text).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];

    [GeneratedRegex(@"\{(\d+)[^}]*\}")]
    private static partial Regex Placeholder();
}
