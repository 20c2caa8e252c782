using Touchpoint.Domain.Customers;
using Touchpoint.Features.Interactions;

namespace Touchpoint.Features.Cases;

/// <summary>
/// A case's own history is kept as timeline entries of kind <c>case</c> whose SourceId is the case id: the
/// customer's one timeline shows it beside every contact (S1-3), and the case page reads it back from there.
/// </summary>
public static class CaseTimeline
{
    public static TimelineEntry Entry(Case @case, DateTime at, string actorName, string what, string detail = "", string? channel = null)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var title = $"Case {@case.Reference}: {what}";
        return new TimelineEntry
        {
            CustomerId = @case.CustomerId,
            At = at,
            Kind = TimelineEntryKind.Case,
            Channel = channel,
            Title = title.Length > 300 ? title[..300] : title,
            Detail = detail.Length > 4000 ? detail[..4000] : detail,
            ActorName = actorName,
            SourceId = @case.Id.ToString(),
        };
    }
}
