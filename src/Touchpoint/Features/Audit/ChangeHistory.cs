using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Subscriptions;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Audit;

/// <summary>
/// A customer's change history for own staff: who created, changed or merged the customer and their subscriptions, when,
/// and what changed, old → new, with personal values masked (<see cref="AuditViews"/>). Read from the audit log through
/// its (EntityType, EntityId, At) index; reads of the customer are not part of it.
/// </summary>
public static class ChangeHistory
{
    private static readonly AuditAction[] RowChanges =
    [
        AuditAction.Created, AuditAction.Updated, AuditAction.Deleted, AuditAction.Merged, AuditAction.MergeRequested, AuditAction.MergeRefused, AuditAction.Unmerged,
    ];

    public static async Task<(List<AuditEntryView> Items, int Total)> ForCustomerAsync(
        TouchpointDbContext db, Guid customerId, Page page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var customer = customerId.ToString();
        var subscriptions = (await db.Subscriptions.AsNoTracking().Where(s => s.CustomerId == customerId).Select(s => s.Id).ToListAsync(cancellationToken))
            .Select(id => id.ToString()).ToList();
        var entries = db.AuditEntries.AsNoTracking().Where(e => RowChanges.Contains(e.Action)
            && ((e.EntityType == nameof(Customer) && e.EntityId == customer)
                || (e.EntityType == nameof(Subscription) && subscriptions.Contains(e.EntityId!))));
        var total = await entries.CountAsync(cancellationToken);
        var items = await AuditEndpoints.NewestFirst(entries).Skip(page.Offset).Take(page.Limit).ToListAsync(cancellationToken);
        return ([.. items.Select(e => AuditViews.ToView(e))], total);
    }
}
