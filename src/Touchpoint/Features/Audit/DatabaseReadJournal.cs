using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Data.Bulk;

namespace Touchpoint.Features.Audit;

/// <summary>
/// Writes reads' audit entries straight into <c>AuditEntries</c> on PostgreSQL, committed before the read answers, by
/// group commit: one writer takes every entry waiting and writes them with one COPY in one transaction, while the next
/// ones queue behind it. A read waits for its batch's commit, never for a round trip of its own, so the audit costs a
/// read a share of one commit rather than one each, and nothing of it lives on the node.
/// </summary>
public sealed partial class DatabaseReadJournal(IServiceScopeFactory scopes, ILogger<DatabaseReadJournal> logger) : IReadJournal, IAsyncDisposable
{
    /// <summary>The most entries one commit takes; more wait for the next one.</summary>
    public const int MaxBatch = 2000;

    private readonly Channel<Waiting> queue = Channel.CreateUnbounded<Waiting>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock starting = new();
    private Task? writer;

    public ValueTask AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        StartWriter();
        var waiting = new Waiting(entry, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!queue.Writer.TryWrite(waiting))
        {
            throw new InvalidOperationException("Touchpoint is stopping: the read cannot be audited, so it is not answered.");
        }

        return new ValueTask(waiting.Committed.Task.WaitAsync(cancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        if (writer is { } running)
        {
            await running;
        }
    }

    private void StartWriter()
    {
        if (writer is not null)
        {
            return;
        }

        lock (starting)
        {
            writer ??= Task.Run(WriteAllAsync);
        }
    }

    private async Task WriteAllAsync()
    {
        var batch = new List<Waiting>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            try
            {
                await WriteAsync(batch);
                foreach (var waiting in batch)
                {
                    waiting.Committed.TrySetResult();
                }
            }
#pragma warning disable CA1031 // Each read waiting on this batch fails with the reason; the writer goes on with the next.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogWriteFailed(exception, batch.Count);
                foreach (var waiting in batch)
                {
                    waiting.Committed.TrySetException(exception);
                }
            }

            batch.Clear();
        }
    }

    private async Task WriteAsync(List<Waiting> batch)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        // As durable as the file journal on SQLite: once PostgreSQL has the commit, a crash of Touchpoint loses nothing;
        // only the server's own crash within its WAL writer's delay (200 ms by default) could, and a read no longer
        // waits for a disk flush of its own.
        await db.Database.ExecuteSqlRawAsync("SET LOCAL synchronous_commit TO OFF");
        await using (var bulk = BulkWriter.Create(db))
        {
            await bulk.WriteAuditEntriesAsync([.. batch.Select(w => w.Entry)], CancellationToken.None);
        }

        await transaction.CommitAsync();
    }

    private sealed record Waiting(AuditEntry Entry, TaskCompletionSource Committed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write {Count} reads' audit entries; those reads fail.")]
    private partial void LogWriteFailed(Exception exception, int count);
}
