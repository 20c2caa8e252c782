namespace Touchpoint.Domain.Customers;

/// <summary>Languages the operator serves customers in (ISO 639-1; Norwegian is Bokmål, "nb").</summary>
public static class PreferredLanguages
{
    public const string Swedish = "sv";
    public const string Danish = "da";
    public const string Dutch = "nl";
    public const string NorwegianBokmal = "nb";
    public const string Finnish = "fi";
    public const string German = "de";
    public const string English = "en";

    public static IReadOnlyList<string> All { get; } = [Swedish, Danish, Dutch, NorwegianBokmal, Finnish, German, English];

    /// <summary>True only for the canonical lower-case code.</summary>
    public static bool IsSupported(string? language) => language is not null && All.Contains(language, StringComparer.Ordinal);

    /// <summary>Accepts any case and surrounding spaces; returns the canonical lower-case code.</summary>
    public static bool TryValidate(string? text, out string language, out string error)
    {
        language = string.Empty;
        var candidate = text?.Trim() ?? string.Empty;
        var match = All.FirstOrDefault(code => string.Equals(code, candidate, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            error = candidate.Length == 0
                ? $"A preferred language is required; allowed values: {string.Join(", ", All)}."
                : $"'{text}' is not a supported language; allowed values: {string.Join(", ", All)}.";
            return false;
        }

        language = match;
        error = string.Empty;
        return true;
    }
}
