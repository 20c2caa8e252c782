using Touchpoint.Hosting;

namespace Touchpoint.Features.Audit;

/// <summary>
/// Records that someone read personal data. The entry is in the audit journal before the caller goes on, so data never
/// leaves without its audit entry; if it cannot be written, this throws and the read fails (<see cref="AuditJournal"/>).
/// </summary>
public sealed class ReadAudit(CurrentActor currentActor, TimeProvider clock, AuditJournal journal)
{
    /// <param name="customerId">Whose data it is, when the entity is not the customer row itself (a case, an order).</param>
    public void Record(string entityType, string entityId, string purpose, Guid? customerId = null) =>
        journal.Append(AuditEntry.Create(currentActor.Get(), clock.GetUtcNow().UtcDateTime, AuditAction.Read, entityType, entityId, purpose, customerId: customerId));
}
