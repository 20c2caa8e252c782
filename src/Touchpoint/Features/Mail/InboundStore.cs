using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;

namespace Touchpoint.Features.Mail;

/// <summary>How an arrived message, mail or SMS, is stored: once per Message-ID, with what routing it made.</summary>
public static class InboundStore
{
    /// <summary>
    /// Routes and stores <paramref name="row"/> in one transaction, so a contact or case made for it never exists
    /// without it: a crash between them would otherwise leave a case that the redelivered message cannot thread to,
    /// and open a second one. When another node stored the same message meanwhile, nothing of this attempt is kept.
    /// </summary>
    /// <param name="route">Finds or makes the customer and case, adds what follows to the context, and says how.</param>
    /// <param name="duplicate">What to report when the message turns out to be stored already.</param>
    public static async Task<InboundResult> StoreOnceAsync(
        TouchpointDbContext db, InboundMessage row, Func<Task<string>> route, string duplicate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(route);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            row.Routing = await route();
            db.InboundMessages.Add(row);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new InboundResult(InboundOutcome.Stored, row.Routing, row.Id, row.CaseId);
        }
        catch (DbUpdateException)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            if (!await db.InboundMessages.AnyAsync(m => m.MessageId == row.MessageId, cancellationToken))
            {
                throw;
            }

            return new InboundResult(InboundOutcome.Duplicate, duplicate);
        }
    }
}
