namespace Touchpoint.Domain.Platform;

/// <summary>Fitting free text into a column or a one-line view without hiding that something was cut.</summary>
public static class TextLimits
{
    /// <summary>The text as it is when it fits in <paramref name="max"/> characters, else cut to fit with an ellipsis at its end.</summary>
    public static string Clip(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        return text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
    }
}
