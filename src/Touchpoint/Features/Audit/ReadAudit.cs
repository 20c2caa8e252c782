using Touchpoint.Hosting;

namespace Touchpoint.Features.Audit;

/// <summary>
/// Records that someone read personal data. The entry is in the audit journal before the caller goes on, so data never
/// leaves without its audit entry; if it cannot be written, this throws and the read fails (<see cref="AuditJournal"/>).
/// </summary>
/// <remarks>
/// An API read is recorded by <see cref="ReadAuditFilter"/>, once per request, with every customer the response names.
/// What an endpoint records itself during such a request says what was read (a case, a contract) and goes into that
/// one entry; pages and other requests write their entries at once.
/// </remarks>
public sealed class ReadAudit(CurrentActor currentActor, TimeProvider clock, AuditJournal journal)
{
    private RequestRead? request;

    /// <param name="customerId">Whose data it is, when the entity is not the customer row itself (a case, an order).</param>
    public void Record(string entityType, string entityId, string purpose, Guid? customerId = null)
    {
        if (request is not null)
        {
            request.Described.Add(new Described(entityType, entityId, purpose, customerId));
            return;
        }

        journal.Append(AuditEntry.Create(currentActor.Get(), clock.GetUtcNow().UtcDateTime, AuditAction.Read, entityType, entityId, purpose, customerId: customerId));
    }

    /// <summary>From now until <see cref="EndRequest"/>, what is recorded describes the request's one entry.</summary>
    internal void BeginRequest(string purpose) => request = new RequestRead(purpose);

    /// <summary>
    /// Writes the request's entry, naming <paramref name="shown"/> (the customers the response names) and every customer
    /// the endpoint recorded; nothing when neither the response nor the endpoint names anyone or anything.
    /// </summary>
    internal void EndRequest(IReadOnlyCollection<Guid> shown)
    {
        var read = request ?? throw new InvalidOperationException("No API read was begun.");
        request = null;
        var subjects = shown.ToList();
        foreach (var described in read.Described)
        {
            var customer = described.CustomerId
                ?? (described.EntityType == AuditEntry.CustomerEntity && Guid.TryParse(described.EntityId, out var id) ? id : (Guid?)null);
            if (customer is { } known && !subjects.Contains(known))
            {
                subjects.Add(known);
            }
        }

        if (subjects.Count == 0 && read.Described.Count == 0)
        {
            return;
        }

        // One thing read is named as the endpoint named it; a list of many is named by its customers.
        var first = read.Described.FirstOrDefault();
        var one = first is not null && read.Described.All(d => d.EntityType == first.EntityType && d.EntityId == first.EntityId) ? first : null;
        var entityType = one?.EntityType ?? first?.EntityType ?? AuditEntry.CustomerEntity;
        var entityId = one?.EntityId ?? (subjects.Count == 1 && entityType == AuditEntry.CustomerEntity ? subjects[0].ToString() : null);
        var purpose = first?.Purpose ?? read.Purpose;
        journal.Append(AuditEntry.Create(
            currentActor.Get(), clock.GetUtcNow().UtcDateTime, AuditAction.Read, entityType, entityId, purpose,
            customerId: subjects.Count == 1 ? subjects[0] : null,
            subjects: subjects.Count > 1 ? AuditEntry.SubjectList(subjects) : null));
    }

    private sealed record RequestRead(string Purpose)
    {
        public List<Described> Described { get; } = [];
    }

    private sealed record Described(string EntityType, string EntityId, string Purpose, Guid? CustomerId);
}
