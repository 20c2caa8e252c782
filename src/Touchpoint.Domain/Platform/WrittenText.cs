using System.Buffers;
using System.Globalization;

namespace Touchpoint.Domain.Platform;

/// <summary>
/// The one rule for text a person or a partner system may write into Touchpoint: any characters, lines and tabs,
/// but no other control characters (a NUL cannot be stored in PostgreSQL, and none of them can be shown or printed)
/// and no half of a surrogate pair (it is not a character and has no UTF-8 form). The API, the import and the last
/// check before the database all ask this class, so they refuse the same text with the same words.
/// </summary>
public static class WrittenText
{
    // Every character that may be refused: control characters and halves of surrogate pairs, which are kept only in pairs.
    private static readonly SearchValues<char> Suspects = SearchValues.Create(
        [.. Enumerable.Range(0, 0x10000).Select(c => (char)c).Where(c => IsRefused(c))]);

    /// <summary>Why <paramref name="text"/> cannot be stored, in words for the person who wrote it; null when it can.</summary>
    public static string? Problem(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var at = IndexOfRefused(text);
        if (at < 0)
        {
            return null;
        }

        var code = ((int)text[at]).ToString("X4", CultureInfo.InvariantCulture);
        return char.IsSurrogate(text[at])
            ? $"The text has half of a surrogate pair (U+{code}) at position {at + 1}, which is not a character."
            : $"The text has a control character (U+{code}) at position {at + 1}; only tabs and line breaks are allowed.";
    }

    public static bool IsAllowed(string text) => IndexOfRefused(text) < 0;

    /// <summary>
    /// For text nobody at Touchpoint typed and that must not be lost for one bad character (a customer's e-mail):
    /// each refused character becomes U+FFFD, so what arrived is kept and shows where something was unreadable.
    /// </summary>
    public static string Scrub(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (IndexOfRefused(text) < 0)
        {
            return text;
        }

        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (IsRefused(chars[i]))
            {
                chars[i] = '\uFFFD';
            }
        }

        return new string(chars);
    }

    // Vectorized: text is checked on every request and every save, and almost all of it has no suspect at all.
    private static int IndexOfRefused(string text)
    {
        var from = 0;
        while (text.AsSpan(from).IndexOfAny(Suspects) is var found and >= 0)
        {
            var at = from + found;
            if (!char.IsHighSurrogate(text[at]) || at + 1 >= text.Length || !char.IsLowSurrogate(text[at + 1]))
            {
                return at;
            }

            from = at + 2;
        }

        return -1;
    }

    private static bool IsRefused(char c) => c is not ('\t' or '\n' or '\r') && (char.IsControl(c) || char.IsSurrogate(c));
}
