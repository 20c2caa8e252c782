using Touchpoint.Features.Languages;

namespace Touchpoint.Features.Orders;

/// <summary>
/// What running an order item did, in English (the item's <c>outcome</c> in the API) and as a stored text, so the
/// order's timeline entry reads in each reader's language.
/// </summary>
public sealed record ItemOutcome(string Words, StoredText Text)
{
    public static ItemOutcome Unchanged { get; } = new("Unchanged.", StoredText.Of("OrderWords.Outcome.Unchanged"));

    /// <summary>Sentences one after the other, as the English joins them with a space.</summary>
    public static ItemOutcome Sentences(IReadOnlyList<ItemOutcome> sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        return sentences.Count == 0
            ? Unchanged
            : new ItemOutcome(string.Join(" ", sentences.Select(s => s.Words)), Joined([.. sentences.Select(s => s.Text)]));
    }

    /// <summary>Stored texts one after the other, as sentences ("{0} {1} {2}").</summary>
    public static StoredText Joined(IReadOnlyList<StoredText> parts) => StoredText.Joined(parts, JoinKeys);

    private static readonly string[] JoinKeys =
        ["OrderWords.Sentences.2", "OrderWords.Sentences.3", "OrderWords.Sentences.4", "OrderWords.Sentences.5", "OrderWords.Sentences.6"];
}
