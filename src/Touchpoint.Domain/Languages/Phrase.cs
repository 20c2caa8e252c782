using System.Globalization;

namespace Touchpoint.Domain.Languages;

/// <summary>
/// A sentence a rule decided, as facts rather than words: the key of a text and the values that go into it. The domain
/// knows no resources; the web layer words a phrase in each reader's language (and stores it beside the English words
/// of a timeline entry), while the decision keeps its English sentence for the API and the export.
/// </summary>
/// <remarks>Keys start with <c>Reason.</c>; each must exist in the agent UI's texts in every language it is written in.</remarks>
public sealed record Phrase(string Key, IReadOnlyList<PhraseArg> Args)
{
    public static Phrase Of(string key, params PhraseArg[] args)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(args);
        return new Phrase(key, args);
    }

    /// <summary>A value put in as it is: a name, a place, a rule id, a day (yyyy-MM-dd), a number.</summary>
    public static PhraseArg Value(string value) => new PhraseArg.Plain(value ?? "");

    /// <summary>A whole number put in as it is; the reader's language may group its digits.</summary>
    public static PhraseArg Value(int value) => new PhraseArg.Plain(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>A phrase of its own inside this one, worded in the reader's language too.</summary>
    public static PhraseArg Part(Phrase phrase)
    {
        ArgumentNullException.ThrowIfNull(phrase);
        return new PhraseArg.Nested(phrase);
    }
}

/// <summary>What goes into a placeholder of a <see cref="Phrase"/>: a plain value, or a phrase of its own.</summary>
public abstract record PhraseArg
{
    private PhraseArg()
    {
    }

    public sealed record Plain(string Value) : PhraseArg;

    public sealed record Nested(Phrase Phrase) : PhraseArg;
}
