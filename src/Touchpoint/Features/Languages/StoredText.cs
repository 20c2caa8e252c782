using System.Globalization;
using System.Text.Json;
using Touchpoint.Domain.Languages;

namespace Touchpoint.Features.Languages;

/// <summary>
/// The facts of a stored text (a timeline title, a notification's body) rather than its words: a key of
/// <see cref="AgentTexts"/> and the values of its placeholders, so each reader sees it in their own language
/// (<see cref="StoredTexts"/>). The row keeps its English words beside it as the fallback, for the export and the audit.
/// </summary>
/// <remarks>
/// Args are plain strings. One that names a code (a priority, a channel, a state) is written with <see cref="Code"/>
/// as <c>@Group.wireName</c> and read in the reader's words; <see cref="CodeInSentence"/> writes <c>@~Group.wireName</c>,
/// read in lower case mid-sentence ("medium priority"). A text of its own inside the text ("the Billing queue") is
/// written with <see cref="Nested"/> as <c>@["Key","arg",…]</c>. A value of the user's that itself starts with <c>@</c> is
/// written <c>@@…</c> by <see cref="Value"/>, so no customer's words are ever taken for a key.
/// </remarks>
public sealed record StoredText(string Key, IReadOnlyList<string> Args)
{
    /// <summary>An arg that is a key of its own.</summary>
    public const char CodeMark = '@';

    /// <summary>After <see cref="CodeMark"/>: the key's text is read in lower case, as inside a sentence.</summary>
    public const char InSentenceMark = '~';

    /// <summary>Room for a key ("Timeline.Case.HandoffRequested").</summary>
    public const int KeyLength = 64;

    /// <summary>Room for the args as JSON; longer ones are not kept and the reader sees the English words instead.</summary>
    public const int ArgsLength = 4000;

    /// <summary><paramref name="key"/> with <paramref name="args"/>, each made with <see cref="Value"/>, <see cref="Code"/> or <see cref="CodeInSentence"/>.</summary>
    public static StoredText Of(string key, params string[] args)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(args);
        return key.Length > KeyLength ? throw new ArgumentException($"A stored text key is at most {KeyLength} characters.", nameof(key)) : new StoredText(key, args);
    }

    /// <summary>A value shown as it is: a name, a reference, the customer's words.</summary>
    public static string Value(string? value) =>
        value is { Length: > 0 } && value[0] == CodeMark ? CodeMark + value : value ?? "";

    /// <summary>A number shown as it is.</summary>
    public static string Value(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A code read as the text of <c>Group.wireName</c> (e.g. <c>CasePriority.medium</c>).</summary>
    public static string Code(string group, string wireName) => $"{CodeMark}{group}.{wireName}";

    /// <summary>A code read as <see cref="Code"/> but in lower case, for the middle of a sentence.</summary>
    public static string CodeInSentence(string group, string wireName) => $"{CodeMark}{InSentenceMark}{group}.{wireName}";

    /// <summary>A text of its own as an arg, read in the reader's language too: <c>@["Case.Owner.Queue","Billing"]</c>.</summary>
    public static string Nested(StoredText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return CodeMark + JsonSerializer.Serialize<string[]>([text.Key, .. text.Args]);
    }

    /// <summary>A rule's reason (<see cref="Phrase"/>) as it is stored: its values as they are, its parts as texts of their own.</summary>
    public static StoredText From(Phrase phrase)
    {
        ArgumentNullException.ThrowIfNull(phrase);
        return Of(phrase.Key, [.. phrase.Args.Select(ArgOf)]);
    }

    private static string ArgOf(PhraseArg arg) => arg switch
    {
        PhraseArg.Plain plain => Value(plain.Value),
        PhraseArg.Nested nested => Nested(From(nested.Phrase)),
        _ => throw new ArgumentOutOfRangeException(nameof(arg), arg, "A phrase arg is a plain value or a phrase."),
    };

    /// <summary>
    /// Texts one after the other in one text of <paramref name="joinKeys"/> (the first joins two, "{0} {1}", the next three,
    /// and so on): side by side rather than nested pairwise, so many parts stay within the depth a stored text is read to.
    /// Past the longest join, the rest go into its last place.
    /// </summary>
    public static StoredText Joined(IReadOnlyList<StoredText> parts, IReadOnlyList<string> joinKeys)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(joinKeys);
        ArgumentOutOfRangeException.ThrowIfZero(parts.Count);
        if (parts.Count == 1)
        {
            return parts[0];
        }

        var width = Math.Min(parts.Count, joinKeys.Count + 1);
        var placed = parts.Count == width ? parts : [.. parts.Take(width - 1), Joined([.. parts.Skip(width - 1)], joinKeys)];
        return Of(joinKeys[width - 2], [.. placed.Select(Nested)]);
    }

    /// <summary>Texts one under the other, as English details join their lines with a line break.</summary>
    public static StoredText Lines(IReadOnlyList<StoredText> lines) => Joined(lines, LineKeys);

    private static readonly string[] LineKeys = ["Timeline.Lines.2", "Timeline.Lines.3", "Timeline.Lines.4", "Timeline.Lines.5"];

    /// <summary>This text with <paramref name="first"/> as its first arg: how a case puts its reference before every case title.</summary>
    public StoredText Prefixed(string first) => new(Key, [first, .. Args]);

    /// <summary>The args as they are stored; null when they would not fit, so the row falls back to its English words.</summary>
    public string? ArgsJson()
    {
        var json = JsonSerializer.Serialize(Args);
        return json.Length <= ArgsLength ? json : null;
    }
}
