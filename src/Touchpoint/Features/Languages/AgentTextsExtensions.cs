using Microsoft.Extensions.Localization;
using Touchpoint.Domain.Promises;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Work;

namespace Touchpoint.Features.Languages;

/// <summary>
/// The words the agent UI shows for wire names and times left, in the reader's language. Each looks the wire name up
/// as "Group.wireName" in <see cref="AgentTexts"/>; a name no resource knows yet (a kind a later feature adds) reads
/// as <see cref="DisplayNames"/> says it, so nothing is hidden.
/// </summary>
public static class AgentTextsExtensions
{
    public static string CaseType(this IStringLocalizer<AgentTexts> texts, string type) => Named(texts, "CaseType", type, DisplayNames.CaseType(type));

    public static string CaseStatus(this IStringLocalizer<AgentTexts> texts, string status) => Named(texts, "CaseStatus", status, DisplayNames.CaseStatus(status));

    public static string CaseStatusAction(this IStringLocalizer<AgentTexts> texts, string status) =>
        Named(texts, "CaseStatusAction", status, DisplayNames.CaseStatusAction(status));

    public static string CasePriority(this IStringLocalizer<AgentTexts> texts, string priority) =>
        Named(texts, "CasePriority", priority, DisplayNames.CasePriority(priority));

    public static string SlaTarget(this IStringLocalizer<AgentTexts> texts, string target) => Named(texts, "SlaTarget", target, DisplayNames.SlaTarget(target));

    public static string SlaState(this IStringLocalizer<AgentTexts> texts, string state) => Named(texts, "SlaState", state, DisplayNames.SlaState(state));

    public static string PromiseKind(this IStringLocalizer<AgentTexts> texts, string kind) => Named(texts, "PromiseKind", kind, DisplayNames.PromiseKind(kind));

    public static string TimelineKind(this IStringLocalizer<AgentTexts> texts, string kind) => Named(texts, "TimelineKind", kind, DisplayNames.TimelineKind(kind));

    public static string IdentityKind(this IStringLocalizer<AgentTexts> texts, string? kind) =>
        kind is null ? DisplayNames.IdentityKind(kind) : Named(texts, "IdentityKind", kind, DisplayNames.IdentityKind(kind));

    public static string Channel(this IStringLocalizer<AgentTexts> texts, string? channel) =>
        channel is null ? "" : Named(texts, "Channel", channel, DisplayNames.Channel(channel));

    public static string Direction(this IStringLocalizer<AgentTexts> texts, string? direction) =>
        direction is null ? "" : Named(texts, "Direction", direction, DisplayNames.Direction(direction));

    public static string SubscriptionStatus(this IStringLocalizer<AgentTexts> texts, string status) =>
        Named(texts, "SubscriptionStatus", status, DisplayNames.SubscriptionStatus(status));

    public static string Language(this IStringLocalizer<AgentTexts> texts, string code) => Named(texts, "LanguageName", code, DisplayNames.Language(code));

    /// <summary>A language's name inside a sentence ("filled in Danish", "ifylld på danska"), where some languages write it in lower case.</summary>
    public static string LanguageInSentence(this IStringLocalizer<AgentTexts> texts, string code) =>
        Named(texts, "LanguageInSentence", code, DisplayNames.Language(code));

    /// <summary>
    /// A row of My work by its title: a case by its reference, a promise by its kind, which the row carries as
    /// <see cref="DisplayNames.PromiseKind"/> wrote it.
    /// </summary>
    public static string WorkTitle(this IStringLocalizer<AgentTexts> texts, WorkItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Kind != "promise")
        {
            return item.Title;
        }

        var kind = PromiseKinds.WireNames.FirstOrDefault(wire => DisplayNames.PromiseKind(wire) == item.Title);
        return kind is null ? item.Title : texts.PromiseKind(kind);
    }

    /// <summary>
    /// The clock a zone's times are on, named by its city ("Stockholm time"), as <see cref="Domain.Platform.WallClock.ZoneName"/>
    /// names it in English; a zone without a city ("UTC") by its id.
    /// </summary>
    public static string ZoneName(this IStringLocalizer<AgentTexts> texts, string zoneId)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(zoneId);
        var slash = zoneId.LastIndexOf('/');
        return slash < 0 ? zoneId : texts["Zone.Name", zoneId[(slash + 1)..].Replace('_', ' ')];
    }

    /// <summary>"20 min left", "overdue by 2 d 4 h", as <see cref="TimeLeft.Describe(DateTime, DateTime)"/> counts them.</summary>
    public static string TimeLeft(this IStringLocalizer<AgentTexts> texts, DateTime due, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var left = due - now;
        return left >= TimeSpan.Zero
            ? texts["TimeLeft.Left", Work.TimeLeft.Span(left, roundUp: true)]
            : texts["TimeLeft.Overdue", Work.TimeLeft.Span(left.Negate(), roundUp: false)];
    }

    /// <summary>The text of "<paramref name="group"/>.<paramref name="wireName"/>", else <paramref name="fallback"/>.</summary>
    public static string Named(this IStringLocalizer<AgentTexts> texts, string group, string wireName, string fallback)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var text = texts[$"{group}.{wireName}"];
        return text.ResourceNotFound ? fallback : text.Value;
    }
}
