using Microsoft.EntityFrameworkCore.Storage;
using Touchpoint.Data;

namespace Touchpoint.Features.Telephony;

/// <summary>
/// The transaction of one switch event, opened at its first write rather than at its start. SQLite has one writer, and
/// everything done inside a transaction holds it: reading the call, the agent and the estimates before the first
/// write lets other events be written meanwhile. Those reads are made safe by the call's version, checked by the save.
/// </summary>
public sealed class EventWrites(TouchpointDbContext db) : IAsyncDisposable
{
    private IDbContextTransaction? transaction;

    /// <summary>Opens the transaction, once; every write of the event after this commits or rolls back together.</summary>
    public async Task BeginAsync(CancellationToken cancellationToken) =>
        transaction ??= await db.Database.BeginTransactionAsync(cancellationToken);

    public Task CommitAsync(CancellationToken cancellationToken) =>
        transaction?.CommitAsync(cancellationToken) ?? Task.CompletedTask;

    public ValueTask DisposeAsync() => transaction?.DisposeAsync() ?? ValueTask.CompletedTask;
}
