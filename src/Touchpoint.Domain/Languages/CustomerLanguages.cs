using System.Globalization;
using Touchpoint.Domain.Customers;

namespace Touchpoint.Domain.Languages;

/// <summary>
/// Which language a customer is written to in, and the culture their dates, times and amounts are written in. The
/// customer's own choice wins; else their jurisdiction's language; else English.
/// </summary>
public static class CustomerLanguages
{
    /// <summary>The language a customer reads: their preferred one when Touchpoint writes it, else their jurisdiction's, else English.</summary>
    public static string Choose(string? preferred, string? jurisdiction)
    {
        if (PreferredLanguages.TryValidate(preferred, out var language, out _))
        {
            return language;
        }

        return Jurisdictions.TryParse(jurisdiction, out var known, out _) ? known.DefaultLanguage() : PreferredLanguages.English;
    }

    /// <summary>
    /// The culture for <paramref name="language"/> as written in <paramref name="jurisdiction"/>: "sv-FI" for a Swedish
    /// speaker in Finland, so amounts carry the country's currency and the language's separators. Without a
    /// jurisdiction: the language's home country (English: Britain's day-month-year order).
    /// </summary>
    public static CultureInfo Culture(string language, Jurisdiction? jurisdiction)
    {
        if (!PreferredLanguages.IsSupported(language))
        {
            throw new ArgumentException($"'{language}' is not a language Touchpoint writes.", nameof(language));
        }

        var region = jurisdiction?.DefaultRegion() ?? HomeRegion(language);
        return CultureInfo.GetCultureInfo($"{language}-{region}");
    }

    /// <summary>As <see cref="Culture(string, Jurisdiction?)"/> for a stored jurisdiction (its wire name), or none.</summary>
    public static CultureInfo Culture(string language, string? jurisdiction) =>
        Culture(language, Jurisdictions.TryParse(jurisdiction, out var known, out _) ? known : null);

    /// <summary>A language by its own name, as a switcher lists it: "Dansk", "Suomi".</summary>
    public static string Endonym(string language) => language switch
    {
        PreferredLanguages.Swedish => "Svenska",
        PreferredLanguages.Danish => "Dansk",
        PreferredLanguages.NorwegianBokmal => "Norsk bokmål",
        PreferredLanguages.Dutch => "Nederlands",
        PreferredLanguages.Finnish => "Suomi",
        PreferredLanguages.German => "Deutsch",
        PreferredLanguages.English => "English",
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, "Not a language Touchpoint writes."),
    };

    /// <summary>The country a language is mostly written in, for a reader whose jurisdiction is not known.</summary>
    public static string HomeRegion(string language) => language switch
    {
        PreferredLanguages.Swedish => "SE",
        PreferredLanguages.Danish => "DK",
        PreferredLanguages.NorwegianBokmal => "NO",
        PreferredLanguages.Dutch => "NL",
        PreferredLanguages.Finnish => "FI",
        PreferredLanguages.German => "DE",
        _ => "GB",
    };
}
