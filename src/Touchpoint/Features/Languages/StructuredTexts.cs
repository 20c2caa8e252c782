using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Touchpoint.Features.Languages;

/// <summary>A row's title and detail as facts (<see cref="IHasStoredTexts"/>), carried by the views pages and the API read.</summary>
public sealed record StructuredTexts(string? TitleKey, string? TitleArgs, string? DetailKey, string? DetailArgs)
{
    public static StructuredTexts Of(IHasStoredTexts row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(row.TitleKey, row.TitleArgs, row.DetailKey, row.DetailArgs);
    }

    /// <summary>The title in <paramref name="culture"/>, else <paramref name="stored"/>.</summary>
    public string Title(CultureInfo culture, string stored) => StoredTexts.Render(culture, TitleKey, TitleArgs, stored);

    /// <summary>The detail in <paramref name="culture"/>, else <paramref name="stored"/>.</summary>
    public string Detail(CultureInfo culture, string stored) => StoredTexts.Render(culture, DetailKey, DetailArgs, stored);
}

/// <summary>How pages read a view's title and detail: <c>@T.Title(entry.Texts, entry.Title)</c>.</summary>
public static class StructuredTextsOnPages
{
    public static string Title(this IStringLocalizer<AgentTexts> texts, StructuredTexts? facts, string stored) =>
        facts is null ? stored : texts.Render(facts.TitleKey, facts.TitleArgs, stored);

    public static string Detail(this IStringLocalizer<AgentTexts> texts, StructuredTexts? facts, string stored) =>
        facts is null ? stored : texts.Render(facts.DetailKey, facts.DetailArgs, stored);
}
