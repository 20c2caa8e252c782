using System.Collections.Frozen;

namespace Touchpoint.Domain.Customers;

/// <summary>
/// The words that, sent alone by SMS, object to direct marketing (GDPR-21): STOP and its equivalents in every language
/// the operator serves. A keyword counts only as the whole message (any case, surrounding spaces and a closing full stop
/// or exclamation mark allowed): "Stop calling me about my invoice" is a request for a person, not an objection.
/// Words that could mean ending the contract (CANCEL, AVSLUTA) are deliberately not here: they must reach an agent.
/// </summary>
public static class StopKeywords
{
    /// <summary>The keywords of each language of <see cref="PreferredLanguages.All"/>, upper case.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ByLanguage { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        [PreferredLanguages.English] = ["STOP", "UNSUBSCRIBE"],
        [PreferredLanguages.Swedish] = ["STOPP", "AVREGISTRERA"],
        [PreferredLanguages.Danish] = ["STOP", "AFMELD"],
        [PreferredLanguages.NorwegianBokmal] = ["STOPP", "AVMELD"],
        [PreferredLanguages.Dutch] = ["STOP", "AFMELDEN"],
        [PreferredLanguages.Finnish] = ["STOP", "LOPETA"],
        [PreferredLanguages.German] = ["STOP", "STOPP", "ABMELDEN"],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every keyword once, in order: what docs and the SMS confirmation may list.</summary>
    public static IReadOnlyList<string> All { get; } = [.. ByLanguage.Values.SelectMany(words => words).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private static readonly FrozenSet<string> Words = All.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether the whole of <paramref name="text"/> is a stop keyword.</summary>
    public static bool IsStop(string? text)
    {
        var word = text?.Trim().TrimEnd('.', '!').TrimEnd() ?? "";
        return word.Length > 0 && Words.Contains(word);
    }
}
