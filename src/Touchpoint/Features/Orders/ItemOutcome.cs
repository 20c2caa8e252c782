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

    /// <summary>
    /// Stored texts one after the other ("{0} {1} {2}"), side by side rather than nested, so an order of many items stays
    /// within the depth a stored text is read to; past the longest join, the rest go into its last place.
    /// </summary>
    public static StoredText Joined(IReadOnlyList<StoredText> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 1)
        {
            return parts[0];
        }

        var width = Math.Min(parts.Count, JoinKeys.Length + 1);
        var placed = parts.Count == width ? parts : [.. parts.Take(width - 1), Joined([.. parts.Skip(width - 1)])];
        return StoredText.Of(JoinKeys[width - 2], [.. placed.Select(StoredText.Nested)]);
    }

    private static readonly string[] JoinKeys =
        ["OrderWords.Sentences.2", "OrderWords.Sentences.3", "OrderWords.Sentences.4", "OrderWords.Sentences.5", "OrderWords.Sentences.6"];
}
