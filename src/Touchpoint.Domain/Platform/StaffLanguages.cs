using Touchpoint.Domain.Customers;

namespace Touchpoint.Domain.Platform;

/// <summary>
/// The languages the agent UI is written in completely, so a member of staff may choose them: English (the default)
/// and Swedish. The codes are <see cref="PreferredLanguages"/>' own, so a language added here is one customers know too.
/// </summary>
public static class StaffLanguages
{
    public static IReadOnlyList<string> All { get; } = [PreferredLanguages.English, PreferredLanguages.Swedish];

    /// <summary>
    /// The canonical code of <paramref name="text"/> when the agent UI is written in it; any case and surrounding
    /// spaces are accepted, as <see cref="PreferredLanguages.TryValidate"/> accepts them.
    /// </summary>
    public static bool TryValidate(string? text, out string language, out string error)
    {
        if (PreferredLanguages.TryValidate(text, out language, out _) && All.Contains(language, StringComparer.Ordinal))
        {
            error = string.Empty;
            return true;
        }

        language = string.Empty;
        var allowed = string.Join(", ", All);
        error = string.IsNullOrWhiteSpace(text)
            ? $"A language is required; allowed values: {allowed}."
            : $"'{Clip(text)}' is not a language the agent UI is written in; allowed values: {allowed}.";
        return false;
    }

    /// <summary>
    /// A reader's language asked for on a request (<c>?language=</c>): none asked is fine (<paramref name="language"/>
    /// null), one asked must be one the agent UI is written in.
    /// </summary>
    public static bool TryValidateAsked(string? text, out string? language, out string error)
    {
        if (text is null)
        {
            (language, error) = (null, string.Empty);
            return true;
        }

        var valid = TryValidate(text, out var asked, out error);
        language = valid ? asked : null;
        return valid;
    }

    private static string Clip(string text) => text.Length <= 16 ? text : $"{text[..16]}…";
}
