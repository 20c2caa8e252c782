using Touchpoint.Domain.Cases;
using Touchpoint.Domain.Customers;
using Touchpoint.Features.Interactions;
using Touchpoint.Features.Languages;

namespace Touchpoint.Features.Cases;

/// <summary>
/// A case's own history is kept as timeline entries of kind <c>case</c> whose SourceId is the case id: the
/// customer's one timeline shows it beside every contact (S1-3), and the case page reads it back from there.
/// </summary>
public static class CaseTimeline
{
    /// <summary>
    /// An entry titled "Case {reference}: {what}". <paramref name="whatText"/> is <paramref name="what"/> as a stored
    /// text whose key's text starts with the reference as <c>{0}</c> ("Case {0}: note added"); its own args follow from <c>{1}</c>.
    /// </summary>
    public static TimelineEntry Entry(
        Case @case, DateTime at, string actorName, string what, string detail = "", string? channel = null, StoredText? whatText = null, StoredText? detailText = null)
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
        }.Says(whatText?.Prefixed(StoredText.Value(@case.Reference)), detailText);
    }

    /// <summary>An owner as an arg: a person by name, a queue as "the Billing queue" in the reader's words.</summary>
    public static string Owner(CaseOwner owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return owner.Kind == OwnerKind.Queue ? StoredText.Nested(StoredText.Of("Case.Owner.Queue", StoredText.Value(owner.Name))) : StoredText.Value(owner.Name);
    }
}
