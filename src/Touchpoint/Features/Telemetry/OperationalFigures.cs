using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Cases;
using Touchpoint.Features.Mail;
using Touchpoint.Features.Messages;
using Touchpoint.Features.Privacy;

namespace Touchpoint.Features.Telemetry;

/// <param name="Outbox">What waits: <c>tmf621-events</c> for TMF621 hubs, or a message channel (<c>email</c>, <c>sms</c>).</param>
/// <param name="OldestAge">How long the oldest undelivered item has waited since it was queued; zero when none waits.</param>
public sealed record OutboxFigure(string Outbox, long Backlog, TimeSpan OldestAge);

/// <param name="Work">A kind of due work the watcher runs (<c>promises</c>, <c>case-sla</c>, …).</param>
/// <param name="Lag">How long the earliest item that is due has been due: a watcher that keeps up stays near its interval.</param>
public sealed record WatcherLag(string Work, TimeSpan Lag);

public sealed record QueueFigure(string Queue, long OpenCases);

/// <summary>
/// What an operator watches to see Touchpoint keep up, read at one moment: outboxes, the due-time watchers, the audit
/// log's unsealed tail and this node's read-audit journal, team queues and dropped incoming mail.
/// </summary>
/// <param name="JournalBytes">This node's read-audit journal not yet moved into the database (a per-node folder).</param>
/// <param name="IncomingMailFiles">Mail files waiting in the drop folder; zero when there is none.</param>
public sealed record OperationalFigures(
    DateTime At,
    IReadOnlyList<OutboxFigure> Outboxes,
    IReadOnlyList<WatcherLag> Watchers,
    long UnsealedAuditEntries,
    long JournalBytes,
    IReadOnlyList<QueueFigure> Queues,
    long IncomingMailFiles)
{
    /// <summary>
    /// Reads every figure. Each is one statement over an index, whose cost grows with what waits (the backlog, the
    /// due rows, the unsealed tail), never with the table: outboxes of millions of delivered rows cost nothing.
    /// </summary>
    /// <param name="deliveredChannels">Message channels with a gateway: only their messages are due work; the others wait by design.</param>
    public static OperationalFigures Read(
        TouchpointDbContext db, DatabaseSettings database, MailSettings mail, IReadOnlyCollection<string> deliveredChannels, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(mail);
        var outboxes = new List<OutboxFigure>
        {
            Outbox("tmf621-events", db.TroubleTicketEventDeliveries.AsNoTracking().Where(d => d.NextAttemptAt != null).Select(d => d.EventTime), now),
        };
        foreach (var channel in MessageTypes.All)
        {
            outboxes.Add(Outbox(channel, db.OutboundMessages.AsNoTracking().Where(m => m.Type == channel && m.NextAttemptAt != null).Select(m => m.CreatedAt), now));
        }

        var watchers = new List<WatcherLag>
        {
            Lag("promises", db.Promises.Select(p => p.NextAlarmAt), now),
            Lag("case-sla", db.Cases.Select(c => c.NextSlaAlarmAt), now),
            Lag("orders", db.ProductOrders.Select(o => o.DueAt), now),
            Lag("terminations", db.Terminations.Select(t => t.DueAt), now),
            Lag("term-changes", db.TermChanges.Select(t => t.DueAt), now),
            Lag("erasures", db.ErasureRequests.Where(r => r.State == ErasureState.Scheduled).Select(r => r.DueAt), now),
            Lag("retention", db.Customers.Select(c => c.PrivacyReviewAt), now),
            Lag("tmf621-events", db.TroubleTicketEventDeliveries.Select(d => d.NextAttemptAt), now),
        };
        foreach (var channel in MessageTypes.All.Where(deliveredChannels.Contains))
        {
            watchers.Add(Lag(channel, db.OutboundMessages.Where(m => m.Type == channel).Select(m => m.NextAttemptAt), now));
        }

        return new OperationalFigures(now, outboxes, watchers, UnsealedEntries(db), JournalSize(database), QueuedCases(db), IncomingMail(mail));
    }

    private static OutboxFigure Outbox(string name, IQueryable<DateTime> queuedAt, DateTime now)
    {
        var backlog = queuedAt.LongCount();
        var oldest = backlog == 0 ? (DateTime?)null : queuedAt.Min(at => (DateTime?)at);
        return new OutboxFigure(name, backlog, Since(oldest, now));
    }

    // ORDER BY … LIMIT 1 rather than MIN(…) WHERE: both databases read the first index entry and stop.
    private static WatcherLag Lag(string work, IQueryable<DateTime?> dueAt, DateTime now) =>
        new(work, Since(dueAt.Where(at => at != null && at <= now).OrderBy(at => at).FirstOrDefault(), now));

    private static TimeSpan Since(DateTime? at, DateTime now) => at is { } time && time < now ? now - time : TimeSpan.Zero;

    /// <summary>Entries after the last seal: the sealer's tail, a few seconds' worth while it keeps up.</summary>
    private static long UnsealedEntries(TouchpointDbContext db)
    {
        var sealedUpTo = db.AuditSeals.AsNoTracking().OrderByDescending(s => s.Number).Select(s => (long?)s.LastEntryId).FirstOrDefault() ?? 0;
        return db.AuditEntries.AsNoTracking().LongCount(e => e.Id > sealedUpTo);
    }

    private static long JournalSize(DatabaseSettings database)
    {
        var folder = new DirectoryInfo(database.AuditJournalDirectory);
        return folder.Exists ? folder.EnumerateFiles("reads-*.ndjson").Sum(f => f.Length) : 0;
    }

    /// <summary>Open cases each team queue holds, waiting for a member to pick them up (through the owner index).</summary>
    private static List<QueueFigure> QueuedCases(TouchpointDbContext db)
    {
        var queues = db.WorkQueues.AsNoTracking().Select(q => q.Id).ToList();
        var waiting = db.Cases.AsNoTracking()
            .Where(c => queues.Contains(c.OwnerId) && c.OwnerKind == OwnerKind.Queue && c.ClosedAt == null)
            .GroupBy(c => c.OwnerId)
            .Select(g => new { Queue = g.Key, Count = g.LongCount() })
            .ToDictionary(g => g.Queue, g => g.Count, StringComparer.Ordinal);
        return [.. queues.Select(q => new QueueFigure(q, waiting.GetValueOrDefault(q)))];
    }

    private static long IncomingMail(MailSettings mail)
    {
        var folder = new DirectoryInfo(mail.IncomingFolder);
        return folder.Exists ? folder.EnumerateFiles("*.eml").LongCount() : 0;
    }
}
