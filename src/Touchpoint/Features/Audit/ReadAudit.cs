using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Audit;

/// <summary>
/// Records that someone read personal data. The caller awaits the write, so data never leaves without its
/// audit entry, but the entries of concurrent reads share one transaction (<see cref="AuditWriter"/>).
/// </summary>
public sealed class ReadAudit(CurrentActor currentActor, TimeProvider clock, AuditWriter writer)
{
    public Task RecordAsync(string entityType, string entityId, string purpose, CancellationToken cancellationToken) =>
        writer.WriteAsync(AuditEntry.Create(currentActor.Get(), clock.GetUtcNow().UtcDateTime, AuditAction.Read, entityType, entityId, purpose), cancellationToken);
}

/// <summary>
/// Group commit for audit entries that belong to no other write: whatever arrived while the previous batch was
/// being saved goes in the next transaction. Under load one commit serves many requests instead of each request
/// paying for its own (and on SQLite queueing for the single writer lock); when idle a batch is one entry and
/// nothing waits for a timer.
/// </summary>
public sealed partial class AuditWriter(IServiceScopeFactory scopes, ILogger<AuditWriter> logger) : BackgroundService
{
    private const int MaxBatch = 1000;

    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Completes when the entry is committed; fails if it could not be.</summary>
    public Task WriteAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var pending = new Pending(entry, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("Touchpoint is stopping: the read could not be audited, so it is refused.");
        }

        return pending.Saved.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await SaveAvailableAsync(batch);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: refuse new entries, then save the ones already accepted.
        }

        queue.Writer.TryComplete();
        while (queue.Reader.TryPeek(out _))
        {
            await SaveAvailableAsync(batch);
        }
    }

    private async Task SaveAvailableAsync(List<Pending> batch)
    {
        batch.Clear();
        while (batch.Count < MaxBatch && queue.Reader.TryRead(out var pending))
        {
            batch.Add(pending);
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
            db.AuditEntries.AddRange(batch.Select(p => p.Entry));
            // Not the request's token: once accepted, an entry is saved even if its reader has gone away.
            await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
            db.Database.AutoSavepointsEnabled = false; // One insert statement: nothing to roll back to but the whole batch.
            if (db.Database.IsNpgsql())
            {
                // The same trade-off as SQLite's synchronous=NORMAL: the commit does not wait for the disk flush,
                // so a read is not held up by an fsync; a crash can lose at most the last fraction of a second of
                // read entries, never corrupt them. Writes of data keep PostgreSQL's full durability.
                await db.Database.ExecuteSqlRawAsync("SET LOCAL synchronous_commit TO OFF", CancellationToken.None);
            }

            await db.SaveChangesAsync(CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
            foreach (var pending in batch)
            {
                pending.Saved.TrySetResult();
            }
        }
#pragma warning disable CA1031 // Every waiting reader must learn of the failure; the loop must go on for the next batch.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogBatchFailed(exception, batch.Count);
            foreach (var pending in batch)
            {
                pending.Saved.TrySetException(exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not save {Count} audit entries; their reads were refused.")]
    private partial void LogBatchFailed(Exception exception, int count);

    private sealed record Pending(AuditEntry Entry, TaskCompletionSource Saved);
}
