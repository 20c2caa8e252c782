using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Audit;

namespace Touchpoint.Features.Audit;

/// <summary>
/// Seals the audit log in id order (<see cref="AuditSeal"/>), a while after entries are written, so sealing never holds
/// up a write: entries are inserted by many transactions at once, and a chain computed at insert time would need one
/// global lock on the hottest table.
/// </summary>
/// <remarks>
/// <para>
/// An id may be sealed only once no transaction can still commit an entry with a smaller one. Each run therefore first
/// settles the previous run's observation — the highest committed id, and the transactions then in flight — and then
/// observes again. The observed ids are sealed when, <see cref="Settle"/> later, every transaction that was in flight
/// has ended (PostgreSQL: <c>pg_xact_status</c> of the snapshot's running transactions; an identity value is taken by a
/// running transaction, so every id below the highest committed one belongs to a transaction that had committed, had
/// rolled back, or was running then; ids are handed out in time order because the identity's sequence caches one
/// value at a time, PostgreSQL's default). On SQLite writes are serial, so what is committed is always every id so far.
/// The time margin covers the instant between taking an id and the transaction getting its id.
/// </para>
/// <para>
/// Ids of rolled-back inserts never come: a seal's range simply does not hold them, so they never stop sealing.
/// Seals are numbered by the sealer; a second node sealing at the same moment fails on the number and tries again.
/// </para>
/// </remarks>
public sealed partial class AuditSealer(IServiceScopeFactory scopes, TimeProvider clock, ILogger<AuditSealer> logger) : BackgroundService
{
    /// <summary>How long observed entries wait before they are sealed; also how often the sealer runs.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);

    /// <summary>Entries per seal: the range a failed check names.</summary>
    public const int EntriesPerSeal = 1_000;

    // Seals per commit when catching up on a large unsealed log: progress is kept, and the tracker stays small.
    private const int SealsPerCommit = 50;

    private readonly SemaphoreSlim running = new(1, 1);
    private Observation? pending;

    /// <summary>
    /// Seals what the previous run observed, if it has settled, and observes again; returns how many entries were sealed.
    /// Tests call it themselves, moving the clock by <see cref="Settle"/> in between.
    /// </summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await running.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
            var now = clock.GetUtcNow().UtcDateTime;
            var sealedEntries = 0;
            if (pending is { } observed && now - observed.At >= Settle)
            {
                if (!await AllEndedAsync(db, observed.Snapshot, cancellationToken))
                {
                    // A transaction from then still runs (a long import): wait for it, keeping the observation.
                    return 0;
                }

                pending = null;
                sealedEntries = await SealUpToAsync(db, observed.UpToId, now, cancellationToken);
            }

            pending ??= await ObserveAsync(db, now, cancellationToken);
            return sealedEntries;
        }
        finally
        {
            running.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await RunSafelyAsync(stoppingToken);
                await Task.Delay(Settle, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is unsealed is sealed after the next start.
        }
    }

    public override void Dispose()
    {
        running.Dispose();
        base.Dispose();
    }

    private async Task RunSafelyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RunOnceAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Unsealed entries stay unsealed until the next run; the log itself is not at risk.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            // Observed again from scratch: another node may have sealed meanwhile.
            pending = null;
            LogSealingFailed(exception);
        }
    }

    private static async Task<int> SealUpToAsync(TouchpointDbContext db, long upToId, DateTime now, CancellationToken cancellationToken)
    {
        var last = await db.AuditSeals.AsNoTracking().OrderByDescending(s => s.Number).FirstOrDefaultAsync(cancellationToken);
        var sealedEntries = 0;
        var unsaved = 0;
        using var hasher = AuditChain.HashEntries();
        while ((last?.LastEntryId ?? 0) < upToId)
        {
            var after = last?.LastEntryId ?? 0;
            var page = await db.AuditEntries.AsNoTracking()
                .Where(e => e.Id > after && e.Id <= upToId)
                .OrderBy(e => e.Id)
                .Take(EntriesPerSeal)
                .ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                // Only ids of rolled-back inserts are left: the next seal's range takes them in.
                break;
            }

            foreach (var entry in page)
            {
                hasher.Add(entry.Content);
            }

            last = AuditSeal.After(last, page[^1].Id, page.Count, hasher.Finish(), now);
            db.AuditSeals.Add(last);
            sealedEntries += page.Count;
            if (++unsaved == SealsPerCommit)
            {
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
                unsaved = 0;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return sealedEntries;
    }

    private static async Task<Observation?> ObserveAsync(TouchpointDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var sealedUpTo = await db.AuditSeals.MaxAsync(s => (long?)s.LastEntryId, cancellationToken) ?? 0;
        var committedUpTo = await db.AuditEntries.MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
        if (committedUpTo <= sealedUpTo)
        {
            return null;
        }

        // Taken after the maximum was read: whatever held a smaller id then has committed, rolled back or runs in it.
        var snapshot = db.Database.IsNpgsql()
            ? await db.Database.SqlQueryRaw<string>("SELECT pg_current_snapshot()::text AS \"Value\"").SingleAsync(cancellationToken)
            : null;
        return new Observation(committedUpTo, snapshot, now);
    }

    private static async Task<bool> AllEndedAsync(TouchpointDbContext db, string? snapshot, CancellationToken cancellationToken)
    {
        if (snapshot is null)
        {
            return true;
        }

        // Transaction ids are the cluster's: only those of sessions on this database can insert audit entries, so a long
        // transaction of another database on the same server does not hold sealing up. (backend_xid is the 32-bit form
        // of the snapshot's 64-bit ids.)
        var running = await db.Database.SqlQuery<int>(
            $"""
            SELECT COUNT(*)::int AS "Value" FROM pg_snapshot_xip({snapshot}::pg_snapshot) AS x
            WHERE pg_xact_status(x) = 'in progress'
              AND EXISTS (SELECT 1 FROM pg_stat_activity AS a
                          WHERE a.datname = current_database() AND a.backend_xid::text = (x::text::bigint % 4294967296)::text)
            """)
            .SingleAsync(cancellationToken);
        return running == 0;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not seal the audit log; unsealed entries are sealed at a later run.")]
    private partial void LogSealingFailed(Exception exception);

    /// <summary>The highest committed entry id at <see cref="At"/>, and (PostgreSQL) the snapshot naming the transactions then in flight.</summary>
    private sealed record Observation(long UpToId, string? Snapshot, DateTime At);
}
