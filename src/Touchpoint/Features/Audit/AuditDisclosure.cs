using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Audit;

/// <summary>
/// Shows an admin the personal values an audit entry keeps, on request and with a stated reason. The request is itself a
/// read of personal data: it is audited (<see cref="ReadAudit"/>) on the record whose data it shows, with the reason,
/// before the values are returned.
/// </summary>
public sealed class AuditDisclosure(TouchpointDbContext db, ReadAudit readAudit)
{
    public const int MaxReasonLength = 500;

    public async Task<Outcome<AuditEntryView>> RevealAsync(long entryId, string? reason, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return new Failure.Invalid("reason", "Say why you need to see the values (e.g. the customer's access request or a complaint): it is kept in the audit.");
        }

        if (reason.Trim().Length > MaxReasonLength)
        {
            return new Failure.Invalid("reason", $"The reason is at most {MaxReasonLength} characters.");
        }

        var entry = await db.AuditEntries.AsNoTracking().FirstOrDefaultAsync(e => e.Id == entryId, cancellationToken);
        if (entry is null)
        {
            return new Failure.NotFound($"There is no audit entry with id {entryId}.");
        }

        var view = AuditViews.ToView(entry, unmasked: true);
        var fields = view.Changes.Where(c => c.Sensitivity == "personal").Select(c => c.Field).ToList();
        if (fields.Count == 0)
        {
            return new Failure.Conflict($"Audit entry {entryId} keeps no personal values; everything it holds is shown in the list.");
        }

        // On the record whose data is shown, so it is among the reads of that customer (or user, or subscription).
        await readAudit.RecordAsync(entry.EntityType, entry.EntityId ?? $"audit entry {entryId}",
            $"personal values of audit entry {entryId} shown ({string.Join(", ", fields)}); reason: {reason.Trim()}", null, cancellationToken);
        return view;
    }
}
