using Touchpoint.Domain.Cases;
using Touchpoint.Domain.Customers;
using DomainJurisdiction = Touchpoint.Domain.Customers.Jurisdiction;

namespace Touchpoint.Features.Cases;

/// <summary>
/// Reads a stored case as the domain's values. Stored wire names were validated on the way in, so one that no
/// longer parses is corrupt data and throws rather than being guessed at.
/// </summary>
public static class CaseWire
{
    public static DomainJurisdiction Jurisdiction(Case @case) => Parse<DomainJurisdiction>(@case.Jurisdiction, Jurisdictions.TryParse);

    public static CaseOwner Owner(Case @case) => new(@case.OwnerKind, @case.OwnerId, @case.OwnerName);

    public static CaseOwner? HandoffTo(Case @case) =>
        @case.HandoffToKind is { } kind && @case.HandoffToId is { } id && @case.HandoffToName is { } name
            ? new CaseOwner(kind, id, name)
            : null;

    public static CaseOwner Owner(CaseOwnerHistoryEntry entry) => new(entry.OwnerKind, entry.OwnerId, entry.OwnerName);

    public static CustomerNeed Need(Case @case) => new(@case.NeedStatement, @case.NeedResolved, @case.NeedReasonNotResolved);

    public static IReadOnlyList<CustomerQuestion> Questions(IEnumerable<CaseQuestion> questions) =>
        [.. questions.OrderBy(q => q.Position).Select(q => new CustomerQuestion(q.Text, q.Answer))];

    /// <summary>
    /// The domain's ownership value of a stored case, rebuilt by replaying its history through the domain's own
    /// steps (handoff requested, accepted), so the rules that act on it next see exactly what they produced.
    /// </summary>
    public static CaseOwnership Ownership(Case @case, IEnumerable<CaseOwnerHistoryEntry> history)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var owners = history.OrderBy(h => h.Sequence).ToList();
        if (owners.Count == 0)
        {
            throw new InvalidOperationException($"Case {@case.Reference} has no owner history.");
        }

        var ownership = CaseOwnership.StartWith(Owner(owners[0]));
        foreach (var entry in owners.Skip(1))
        {
            var next = Owner(entry);
            ownership = Replayed(@case, ownership.RequestHandoff(next, SlaClockInstant(entry.From), "(history)"));
            ownership = Replayed(@case, ownership.Accept(next.Id));
        }

        if (HandoffTo(@case) is { } to)
        {
            ownership = Replayed(@case, ownership.RequestHandoff(to, SlaClockInstant(@case.HandoffRequestedAt ?? @case.OpenedAt), @case.HandoffReason ?? "(no reason)"));
        }

        return ownership;
    }

    private static CaseOwnership Replayed(Case @case, OwnershipChange change) =>
        change.Succeeded
            ? change.Ownership
            : throw new InvalidOperationException($"The stored ownership of case {@case.Reference} breaks the ownership rules: {change.Error}");

    private static DateTimeOffset SlaClockInstant(DateTime utc) => CaseSla.AsInstant(utc);

    private delegate bool TryParser<T>(string? text, out T value, out string error);

    private static T Parse<T>(string stored, TryParser<T> parse) =>
        parse(stored, out var value, out var error) ? value : throw new InvalidOperationException($"Stored value is corrupt: {error}");
}
