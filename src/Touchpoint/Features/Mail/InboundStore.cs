using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;

namespace Touchpoint.Features.Mail;

/// <summary>How arrived messages, mail or SMS, are stored: once per Message-ID, with what routing made for them.</summary>
public static class InboundStore
{
    /// <summary>What a message stored before is answered.</summary>
    public static InboundResult Duplicate(InboundMessage row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new InboundResult(InboundOutcome.Duplicate, $"<{row.MessageId}> was received before");
    }

    /// <summary>
    /// Routes and stores <paramref name="batch"/> in one transaction and one SaveChanges. When that fails, each message
    /// is stored on its own (as <see cref="StoreOnceAsync"/> would), so one the database refuses holds back none of the
    /// others; it is answered <see cref="InboundOutcome.Failed"/>, for its source to hand over again later. Only
    /// cancellation throws.
    /// </summary>
    /// <param name="rowOf">The inbound row each message will be (its id and Message-ID are set).</param>
    /// <param name="routeAll">
    /// Routes the messages given, in their order, adding their rows and what follows to the context; returns a result
    /// per message (a duplicate adds nothing). A message routed again alone after its batch failed starts over.
    /// </param>
    public static async Task<IReadOnlyList<InboundResult>> StoreBatchAsync<T>(
        TouchpointDbContext db, IReadOnlyList<T> batch, Func<T, InboundMessage> rowOf,
        Func<IReadOnlyList<T>, CancellationToken, Task<List<InboundResult>>> routeAll, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(rowOf);
        ArgumentNullException.ThrowIfNull(routeAll);
        if (batch.Count > 1)
        {
            try
            {
                return await StoreTogetherAsync(db, batch, rowOf, routeAll, cancellationToken);
            }
#pragma warning disable CA1031 // Whatever failed the batch, each message gets its own chance; what fails alone is reported for it.
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                db.ChangeTracker.Clear();
            }
        }

        var results = new List<InboundResult>(batch.Count);
        foreach (var message in batch)
        {
            try
            {
                results.Add((await StoreTogetherAsync(db, [message], rowOf, routeAll, cancellationToken))[0]);
            }
#pragma warning disable CA1031 // One message the database refuses must not hold back the others; its source keeps it.
            catch (Exception failure) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                db.ChangeTracker.Clear();
                results.Add(new InboundResult(InboundOutcome.Failed, $"<{rowOf(message).MessageId}> could not be stored: {failure.Message}", Failure: failure));
            }
        }

        return results;
    }

    /// <summary>
    /// One transaction, so a contact or case made for a message never exists without it: a crash between them would
    /// otherwise leave a case that the redelivered message cannot thread to, and open a second one. A message another
    /// node stored meanwhile fails a batch; alone, it is a duplicate.
    /// </summary>
    private static async Task<List<InboundResult>> StoreTogetherAsync<T>(
        TouchpointDbContext db, IReadOnlyList<T> batch, Func<T, InboundMessage> rowOf,
        Func<IReadOnlyList<T>, CancellationToken, Task<List<InboundResult>>> routeAll, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // A batch's contacts, timeline entries and notifications are written in bulk without the change tracker.
        using var aside = batch.Count > 1 ? db.AddingRowsAside() : null;
        try
        {
            var results = await routeAll(batch, cancellationToken);
            // A batch adds thousands of rows; a message stored alone after its batch failed goes EF's usual way.
            await (batch.Count > 1 ? db.SaveChangesWritingAddedInBulkAsync(cancellationToken) : db.SaveChangesAsync(cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            return results;
        }
        catch (DbUpdateException) when (batch.Count == 1)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            var row = rowOf(batch[0]);
            if (!await db.InboundMessages.AnyAsync(m => m.MessageId == row.MessageId, cancellationToken))
            {
                throw;
            }

            return [Duplicate(row)];
        }
    }

    /// <summary>
    /// Routes and stores one <paramref name="row"/> (an SMS from the provider's webhook) in one transaction, so a contact
    /// or case made for it never exists without it. When another node stored the same message meanwhile, nothing of
    /// this attempt is kept.
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
