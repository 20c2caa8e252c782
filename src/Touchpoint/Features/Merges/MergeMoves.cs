using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;

namespace Touchpoint.Features.Merges;

/// <summary>
/// The rows that belong to a customer and follow them into a merge: identities, subscriptions, interactions, the timeline
/// and promises. Moved by id, in the caller's transaction, so that a merge records exactly what moved and an undo moves
/// exactly that back. Cases, compensations and messages keep their customer id: the 360 page of a merged record points
/// at the kept one.
/// </summary>
internal static class MergeMoves
{
    public static async Task<MovedRows> MoveAsync(TouchpointDbContext db, Guid from, Guid to, CancellationToken cancellationToken)
    {
        var moved = new MovedRows(
            await db.CustomerIdentities.Where(i => i.CustomerId == from).Select(i => i.Id).ToListAsync(cancellationToken),
            await db.Subscriptions.Where(s => s.CustomerId == from).Select(s => s.Id).ToListAsync(cancellationToken),
            await db.Interactions.Where(i => i.CustomerId == from).Select(i => i.Id).ToListAsync(cancellationToken),
            await db.TimelineEntries.Where(t => t.CustomerId == from).Select(t => t.Id).ToListAsync(cancellationToken),
            await db.Promises.Where(p => p.CustomerId == from).Select(p => p.Id).ToListAsync(cancellationToken));
        await MoveAsync(db, moved, from, to, cancellationToken);
        return moved;
    }

    /// <summary>Moves back what a merge moved and the kept record still holds; what was added to it since stays.</summary>
    public static Task MoveBackAsync(TouchpointDbContext db, MovedRows moved, Guid keptId, Guid mergedId, CancellationToken cancellationToken) =>
        MoveAsync(db, moved, keptId, mergedId, cancellationToken);

    private static async Task MoveAsync(TouchpointDbContext db, MovedRows rows, Guid from, Guid to, CancellationToken cancellationToken)
    {
        var identities = rows.Identities.ToList();
        var subscriptions = rows.Subscriptions.ToList();
        var interactions = rows.Interactions.ToList();
        var timeline = rows.TimelineEntries.ToList();
        var promises = rows.Promises.ToList();
        await db.CustomerIdentities.Where(i => i.CustomerId == from && identities.Contains(i.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.CustomerId, to), cancellationToken);
        await db.Subscriptions.Where(s => s.CustomerId == from && subscriptions.Contains(s.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.CustomerId, to), cancellationToken);
        await db.Interactions.Where(i => i.CustomerId == from && interactions.Contains(i.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.CustomerId, to), cancellationToken);
        await db.TimelineEntries.Where(t => t.CustomerId == from && timeline.Contains(t.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.CustomerId, to), cancellationToken);
        // Promises follow the customer, so a contact with the kept record keeps the ones made to the merged one.
        await db.Promises.Where(p => p.CustomerId == from && promises.Contains(p.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.CustomerId, to), cancellationToken);
    }
}
