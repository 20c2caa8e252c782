using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Features.Import;
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
/// nothing waits for a timer. The batches go through one long-lived connection with a prepared insert
/// (<see cref="BulkWriter"/>): a new scope, context and EF SaveChanges per batch cost more than the commit itself.
/// </summary>
public sealed partial class AuditWriter(IServiceScopeFactory scopes, ILogger<AuditWriter> logger) : BackgroundService
{
    private const int MaxBatch = 1000;

    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<AuditEntry> entries = new(MaxBatch);

    // Used by the single reader loop only; replaced after a failed batch, in case the connection is what failed.
    private Session? session;

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

        await CloseSessionAsync();
    }

    private async Task SaveAvailableAsync(List<Pending> batch)
    {
        batch.Clear();
        entries.Clear();
        while (batch.Count < MaxBatch && queue.Reader.TryRead(out var pending))
        {
            batch.Add(pending);
            entries.Add(pending.Entry);
        }

        try
        {
            session ??= await Session.OpenAsync(scopes);
            await session.SaveAsync(entries);
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

            await CloseSessionAsync();
        }
    }

    private async Task CloseSessionAsync()
    {
        if (session is not null)
        {
            try
            {
                await session.DisposeAsync();
            }
#pragma warning disable CA1031 // A connection that cannot even be closed is dropped; the next batch opens a new one.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogCloseFailed(exception);
            }

            session = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not save {Count} audit entries; their reads were refused.")]
    private partial void LogBatchFailed(Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not close the audit writer's connection after a failed batch.")]
    private partial void LogCloseFailed(Exception exception);

    private sealed record Pending(AuditEntry Entry, TaskCompletionSource Saved);

    /// <summary>A context of its own with its connection held open, so the writer's prepared insert stays prepared.</summary>
    private sealed class Session(AsyncServiceScope scope, TouchpointDbContext db) : IAsyncDisposable
    {
        private BulkWriter? writer;

        public static async Task<Session> OpenAsync(IServiceScopeFactory scopes)
        {
            var scope = scopes.CreateAsyncScope();
            try
            {
                var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
                await db.Database.OpenConnectionAsync(CancellationToken.None);
                if (db.Database.IsNpgsql())
                {
                    // The same trade-off as SQLite's synchronous=NORMAL: the commit does not wait for the disk flush,
                    // so a read is not held up by an fsync; a crash can lose at most the last fraction of a second of
                    // read entries, never corrupt them. Set for this connection's session, which writes nothing but
                    // read entries (the pool's reset clears it when the connection is given back); writes of data keep
                    // PostgreSQL's full durability. Once per session instead of per batch: one round trip less per read.
                    await db.Database.ExecuteSqlRawAsync("SET synchronous_commit TO OFF", CancellationToken.None);
                }

                return new Session(scope, db);
            }
            catch
            {
                await scope.DisposeAsync();
                throw;
            }
        }

        /// <summary>
        /// Commits <paramref name="entries"/> in one transaction. Not the requests' tokens: once accepted, an entry is
        /// saved even if its reader has gone away.
        /// </summary>
        public async Task SaveAsync(IReadOnlyCollection<AuditEntry> entries)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
            writer ??= BulkWriter.Create(db, largeCache: false);
            await writer.WriteAuditEntriesAsync(entries, CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
        }

        public async ValueTask DisposeAsync()
        {
            if (writer is not null)
            {
                await writer.DisposeAsync();
            }

            await db.Database.CloseConnectionAsync();
            await scope.DisposeAsync();
        }
    }
}
