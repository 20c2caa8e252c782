using System.Globalization;
using System.Resources;
using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace Touchpoint.Features.Languages;

/// <summary>
/// The one place a stored text (<see cref="StoredText"/>: a key and its args) becomes words for its reader: the key's
/// text in the reader's language with each arg put in, a code arg (<c>@Group.wireName</c>) in the reader's words too.
/// Anything that does not fit — no key (an old row), args erased or unreadable, a key or code no resource knows, a
/// placeholder without its arg — reads as the English words the row stored, never as an error on a page.
/// </summary>
public static class StoredTexts
{
    /// <summary>How deep texts may sit inside texts; deeper ones are not read, so a crafted row cannot recurse for long.</summary>
    private const int NestingLimit = 6;

    private static readonly ResourceManager Resources = new(typeof(AgentTexts).FullName!, typeof(AgentTexts).Assembly);

    /// <summary>In the UI culture of this circuit or request (the signed-in user's language), as pages read <see cref="AgentTexts"/>.</summary>
    public static string Render(this IStringLocalizer<AgentTexts> texts, string? key, string? argsJson, string stored)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return Render(name => texts[name] is { ResourceNotFound: false } text ? text.Value : null, CultureInfo.CurrentUICulture, key, argsJson, stored);
    }

    /// <summary><paramref name="text"/> as it would read stored, in the UI culture of this circuit or request; else <paramref name="stored"/>.</summary>
    public static string Render(this IStringLocalizer<AgentTexts> texts, StoredText text, string stored)
    {
        ArgumentNullException.ThrowIfNull(text);
        return texts.Render(text.Key, text.ArgsJson(), stored);
    }

    /// <summary>In <paramref name="culture"/>, for a reader who is not the one of this request (an API caller's chosen language).</summary>
    public static string Render(CultureInfo culture, string? key, string? argsJson, string stored)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return Render(name => Resources.GetString(name, culture), culture, key, argsJson, stored);
    }

    /// <summary>With <paramref name="find"/> giving a key's text in <paramref name="culture"/>, or null when there is none.</summary>
    public static string Render(Func<string, string?> find, CultureInfo culture, string? key, string? argsJson, string stored)
    {
        ArgumentNullException.ThrowIfNull(find);
        ArgumentNullException.ThrowIfNull(culture);
        return string.IsNullOrEmpty(key) || argsJson is null || ReadArgs(argsJson) is not { } args
            ? stored
            : Format(find, culture, key, args, NestingLimit) ?? stored;
    }

    private static string? Format(Func<string, string?> find, CultureInfo culture, string key, string?[] args, int depth)
    {
        if (find(key) is not { } format)
        {
            return null;
        }

        var values = new object[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            if (Arg(find, culture, args[i], depth) is not { } value)
            {
                return null;
            }

            values[i] = AsNumber(value);
        }

        try
        {
            return string.Format(culture, format, values);
        }
        catch (FormatException)
        {
            // A text with more placeholders than the row has args (an older row, a changed text): the stored words are right.
            return null;
        }
    }

    private static string? Arg(Func<string, string?> find, CultureInfo culture, string? arg, int depth)
    {
        if (arg is not { Length: > 0 } || arg[0] != StoredText.CodeMark)
        {
            return arg ?? "";
        }

        if (arg.Length > 1 && arg[1] == StoredText.CodeMark)
        {
            return arg[1..];
        }

        if (arg.Length > 1 && arg[1] == '[')
        {
            return depth > 0 && ReadArgs(arg[1..]) is [{ Length: > 0 } key, .. var args] ? Format(find, culture, key, args, depth - 1) : null;
        }

        var inSentence = arg.Length > 1 && arg[1] == StoredText.InSentenceMark;
        var text = find(arg[(inSentence ? 2 : 1)..]);
        return text is null || !inSentence ? text : InSentence(text, culture);
    }

    /// <summary>
    /// A whole number as a number, so a placeholder with a format (<c>{0:N0}</c>) writes it as the reader's language
    /// does ("1 234"); a value that would not read back the same ("007") stays text.
    /// </summary>
    private static object AsNumber(string value) =>
        value.Length is > 0 and < 19 && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            && number.ToString(CultureInfo.InvariantCulture) == value
            ? number
            : value;

    /// <summary>"Medium" as "medium", "Talsvar (IVR)" as "talsvar (IVR)"; a word that is an abbreviation ("SMS") stays as it is.</summary>
    private static string InSentence(string text, CultureInfo culture) =>
        text.Length == 0 || (text.Length > 1 && char.IsUpper(text[1])) ? text : char.ToLower(text[0], culture) + text[1..];

    private static string?[]? ReadArgs(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<string?[]>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
