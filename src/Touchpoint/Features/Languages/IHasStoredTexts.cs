namespace Touchpoint.Features.Languages;

/// <summary>
/// A row whose title and detail are kept as English words and as facts (<see cref="StoredText"/>): a timeline entry, a
/// notification. The args are as personal as the words; erasure clears them with the words, and a row whose args are
/// gone reads as its (erased) words.
/// </summary>
public interface IHasStoredTexts
{
    string Title { get; }
    string Detail { get; }
    string? TitleKey { get; set; }
    string? TitleArgs { get; set; }
    string? DetailKey { get; set; }
    string? DetailArgs { get; set; }
}

public static class StoredTextRows
{
    /// <summary>Keeps <paramref name="title"/> and <paramref name="detail"/> as facts beside the row's English words; returns the row.</summary>
    public static T Says<T>(this T row, StoredText? title, StoredText? detail = null)
        where T : IHasStoredTexts
    {
        ArgumentNullException.ThrowIfNull(row);
        if (title is not null)
        {
            row.TitleKey = title.Key;
            row.TitleArgs = title.ArgsJson();
        }

        if (detail is not null)
        {
            row.DetailKey = detail.Key;
            row.DetailArgs = detail.ArgsJson();
        }

        return row;
    }
}
