using Touchpoint.Hosting;

namespace Touchpoint.Features.Audit;

/// <summary>
/// Records that someone read personal data. The entry is durable (<see cref="IReadJournal"/>) before the caller goes
/// on, so data never leaves without its audit entry; if it cannot be written, this throws and the read fails.
/// </summary>
/// <remarks>
/// An API read is recorded by <see cref="ReadAuditFilter"/>, once per request, with every customer the response names.
/// What an endpoint records itself during such a request says what was read (a case, a contract) and goes into that
/// one entry; pages and other requests write their entries at once.
/// </remarks>
public sealed class ReadAudit(CurrentActor currentActor, TimeProvider clock, IReadJournal journal)
{
    private RequestRead? request;

    /// <summary>Records a read during an API read: it goes into the request's one entry, written as the request ends.</summary>
    /// <param name="customerId">Whose data it is, when the entity is not the customer row itself (a case, an order).</param>
    public void Record(string entityType, string entityId, string purpose, Guid? customerId = null)
    {
        var read = request ?? throw new InvalidOperationException(
            "Record is for API reads, which the read-audit filter writes as they end; elsewhere await RecordAsync, so the entry is durable before the data leaves.");
        read.Described.Add(new Described(entityType, entityId, purpose, customerId));
    }

    /// <summary>Records a read: into an API read's one entry, or else at once, durable when the task completes.</summary>
    /// <param name="customerId">Whose data it is, when the entity is not the customer row itself (a case, an order).</param>
    public ValueTask RecordAsync(string entityType, string entityId, string purpose, Guid? customerId, CancellationToken cancellationToken)
    {
        if (request is not null)
        {
            request.Described.Add(new Described(entityType, entityId, purpose, customerId));
            return ValueTask.CompletedTask;
        }

        return journal.AppendAsync(
            AuditEntry.Create(currentActor.Get(), clock.GetUtcNow().UtcDateTime, AuditAction.Read, entityType, entityId, purpose, customerId: customerId), cancellationToken);
    }

    /// <summary>From now until <see cref="EndRequestAsync"/>, what is recorded describes the request's one entry.</summary>
    internal void BeginRequest(string purpose) => request = new RequestRead(purpose);

    /// <summary>
    /// Writes the request's entry, naming <paramref name="shown"/> (the customers the response names) and every customer
    /// the endpoint recorded; nothing when neither the response nor the endpoint names anyone or anything.
    /// </summary>
    internal ValueTask EndRequestAsync(IReadOnlyCollection<Guid> shown, CancellationToken cancellationToken)
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
            return ValueTask.CompletedTask;
        }

        // One thing read is named as the endpoint named it; a list of many is named by its customers.
        var first = read.Described.FirstOrDefault();
        var one = first is not null && read.Described.All(d => d.EntityType == first.EntityType && d.EntityId == first.EntityId) ? first : null;
        var entityType = one?.EntityType ?? first?.EntityType ?? AuditEntry.CustomerEntity;
        var entityId = one?.EntityId ?? (subjects.Count == 1 && entityType == AuditEntry.CustomerEntity ? subjects[0].ToString() : null);
        var purpose = first?.Purpose ?? read.Purpose;
        return journal.AppendAsync(AuditEntry.Create(
            currentActor.Get(), clock.GetUtcNow().UtcDateTime, AuditAction.Read, entityType, entityId, purpose,
            customerId: subjects.Count == 1 ? subjects[0] : null,
            subjects: subjects.Count > 1 ? AuditEntry.SubjectList(subjects) : null), cancellationToken);
    }

    private sealed record RequestRead(string Purpose)
    {
        public List<Described> Described { get; } = [];
    }

    private sealed record Described(string EntityType, string EntityId, string Purpose, Guid? CustomerId);
}
