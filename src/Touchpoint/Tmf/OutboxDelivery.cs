using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Features.Cases;
using Touchpoint.Hosting;

namespace Touchpoint.Tmf;

/// <summary>
/// Sends queued TMF621 events to their hubs, run by the <see cref="DueWatcher"/>. It reads only rows whose
/// <see cref="TroubleTicketEventDelivery.NextAttemptAt"/> has come, from that column's index, and claims them in a
/// short transaction (<see cref="RowLocks"/>) by moving their next attempt a lease ahead. The POSTs happen outside
/// any transaction, so a slow listener holds no lock; the outcome is written afterwards. A node that dies mid-attempt leaves the lease to run out, and the event is sent again:
/// delivery is at least once, and the eventId lets a listener drop a repeat.
/// <para>
/// Order: a hub gets the events of one case in the order they happened. A row is only claimed while no earlier
/// event of its case waits for the same hub, so one that is retried holds back its successors, not other cases.
/// </para>
/// <para>
/// Failures are never the end: the next attempt waits 5 s, 10 s, 20 s … up to an hour, and stays at an hour for
/// as long as it takes. A listener that is down (no connection, no answer in time, 408, 429 or 5xx) holds back all
/// of its hub's events until the retry, and the delay follows the hub's run of failures, so a dead listener costs
/// one attempt per retry rather than one per event; one that refuses a single event (another 4xx, or a redirect)
/// holds back only that case.
/// </para>
/// </summary>
public sealed partial class OutboxDelivery(IHttpClientFactory httpClients, CaseSla sla, TimeProvider clock, ILogger<OutboxDelivery> logger) : IDueWork
{
    public const string HttpClientName = "tmf621-hub";

    /// <summary>How long a listener has to answer.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan MaxRetry = TimeSpan.FromHours(1);

    /// <summary>How long a claimed row is left to its node; far more than a round of attempts can take.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <summary>Rows claimed at a time; a round's attempts run 8 hubs at once, each hub's one after the other.</summary>
    private const int RoundSize = 50;

    private const int Parallelism = 8;

    /// <summary>No attempt starts after a run has taken this long, so slow listeners never keep promises and deadlines waiting.</summary>
    private static readonly TimeSpan RunBudget = TimeSpan.FromSeconds(20);

    private enum Result
    {
        Delivered,

        /// <summary>The listener refused this event: only its case waits.</summary>
        Refused,

        /// <summary>The listener cannot take anything now: all of its hub's events wait.</summary>
        Unavailable,

        /// <summary>Not tried: an earlier attempt in the round found the listener unavailable.</summary>
        NotTried,

        /// <summary>Not tried: the run's time was up. Due again at once, for the next run.</summary>
        Postponed,
    }

    private sealed record Attempt(TroubleTicketEventDelivery Delivery, Result Result, string? Error);

    public string Name => "TMF621 hub events";

    /// <summary>The wait after the <paramref name="failures"/>th failure in a row: 5 s, doubling, at most an hour.</summary>
    public static TimeSpan Backoff(int failures)
    {
        var doublings = Math.Clamp(failures - 1, 0, 30);
        var delay = FirstRetry * Math.Pow(2, doublings);
        return delay < MaxRetry ? delay : MaxRetry;
    }

    public async Task<int> RunAsync(TouchpointDbContext db, DateTime now, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        now = CaseTime.Truncate(now);

        // Most ticks find nothing due; a look at the index is cheaper than a transaction (on SQLite, the write lock).
        if (!await db.TroubleTicketEventDeliveries.AnyAsync(d => d.NextAttemptAt != null && d.NextAttemptAt <= now, cancellationToken))
        {
            return 0;
        }

        var started = clock.GetTimestamp();
        var handled = 0;
        // A delivered event lets the next one of its case go, so rounds go on while there is something to claim.
        while (handled < limit && clock.GetElapsedTime(started) < RunBudget)
        {
            var claimed = await ClaimAsync(db, now, Math.Min(RoundSize, limit - handled), cancellationToken);
            if (claimed.Count == 0)
            {
                break;
            }

            var hubIds = claimed.Select(d => d.HubId).Distinct().ToList();
            var hubs = await db.TroubleTicketHubs.AsNoTracking().Where(h => hubIds.Contains(h.Id)).ToDictionaryAsync(h => h.Id, cancellationToken);
            var bodies = await TroubleTicketEventBodies.RenderAsync(db, claimed, sla, now, cancellationToken);
            var attempts = await AttemptAsync(claimed, hubs, bodies, started, cancellationToken);
            await RecordAsync(db, attempts, hubs, now, cancellationToken);
            // Rows put off for time do not count, so a run cut short tells the watcher to move on to other work.
            handled += claimed.Count - attempts.Count(a => a.Result == Result.Postponed);
        }

        return handled;
    }

    private static async Task<List<TroubleTicketEventDelivery>> ClaimAsync(TouchpointDbContext db, DateTime now, int limit, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = await db.ClaimAsync(
            db.TroubleTicketEventDeliveries.AsNoTracking()
                .Where(d => d.NextAttemptAt != null && d.NextAttemptAt <= now)
                .Where(d => !db.TroubleTicketEventDeliveries.Any(e =>
                    e.CaseId == d.CaseId && e.HubId == d.HubId && e.Sequence < d.Sequence && e.DeliveredAt == null))
                .OrderBy(d => d.NextAttemptAt).ThenBy(d => d.Sequence),
            limit,
            cancellationToken);
        if (due.Count > 0)
        {
            var ids = due.Select(d => d.Id).ToList();
            var leaseEnd = now + Lease;
            await db.TroubleTicketEventDeliveries.Where(d => ids.Contains(d.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptAt, leaseEnd), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return due;
    }

    private async Task<List<Attempt>> AttemptAsync(
        List<TroubleTicketEventDelivery> claimed, Dictionary<Guid, TroubleTicketHub> hubs, Dictionary<Guid, string> bodies, long started,
        CancellationToken cancellationToken)
    {
        var attempts = new ConcurrentBag<Attempt>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(claimed.GroupBy(d => d.HubId), options, async (queue, token) =>
        {
            // A hub unregistered since the claim took its rows with it.
            if (!hubs.TryGetValue(queue.Key, out var hub))
            {
                return;
            }

            var unavailable = false;
            // A case deleted since the claim took its rows with it too.
            foreach (var delivery in queue.Where(d => bodies.ContainsKey(d.EventId)))
            {
                if (unavailable || clock.GetElapsedTime(started) >= RunBudget)
                {
                    attempts.Add(new Attempt(delivery, unavailable ? Result.NotTried : Result.Postponed, null));
                    continue;
                }

                var (result, error) = await PostAsync(hub.Callback, bodies[delivery.EventId], token);
                attempts.Add(new Attempt(delivery, result, error));
                unavailable = result == Result.Unavailable;
            }
        });
        return [.. attempts];
    }

    private async Task<(Result Result, string? Error)> PostAsync(string callback, string payload, CancellationToken cancellationToken)
    {
        var client = httpClients.CreateClient(HttpClientName);
        using var content = new StringContent(payload, Encoding.UTF8, "application/json");
        try
        {
            using var response = await client.PostAsync(new Uri(callback, UriKind.Absolute), content, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return (Result.Delivered, null);
            }

            var status = (int)response.StatusCode;
            var error = string.Create(CultureInfo.InvariantCulture, $"HTTP {status} {response.ReasonPhrase}");
            return status is 408 or 429 or >= 500 ? (Result.Unavailable, error) : (Result.Refused, error);
        }
        catch (HttpRequestException e)
        {
            return (Result.Unavailable, e.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (Result.Unavailable, $"No answer within {Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.");
        }
    }

    /// <summary>
    /// Writes a round's outcome in one transaction. Nodes record rounds at the same time, so the hubs are locked
    /// first, in id order, and every row is then changed hub by hub in that order: two nodes never wait for each other
    /// in opposite orders (a deadlock rolled back delivered marks and sent their events twice). The hubs' failure
    /// runs are read under that lock, so a delivery in this round ends a run that an earlier read still counted.
    /// </summary>
    private async Task RecordAsync(
        TouchpointDbContext db, List<Attempt> attempts, Dictionary<Guid, TroubleTicketHub> hubs, DateTime now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var hubIds = attempts.Select(a => a.Delivery.HubId).Distinct().ToList();
        var locked = await db.LockAsync(
            db.TroubleTicketHubs.AsNoTracking().Where(h => hubIds.Contains(h.Id)).OrderBy(h => h.Id), cancellationToken);
        var failureRuns = locked.ToDictionary(h => h.Id, h => h.ConsecutiveFailures);

        foreach (var hubAttempts in attempts.GroupBy(a => a.Delivery.HubId).OrderBy(g => g.Key))
        {
            // A hub unregistered since the claim took its rows with it.
            if (failureRuns.TryGetValue(hubAttempts.Key, out var failureRun))
            {
                var inOrder = hubAttempts.OrderBy(a => a.Delivery.CaseId).ThenBy(a => a.Delivery.Sequence).ToList();
                await RecordHubAsync(db, hubs[hubAttempts.Key], failureRun, inOrder, now, cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private async Task RecordHubAsync(
        TouchpointDbContext db, TroubleTicketHub hub, int failureRun, List<Attempt> attempts, DateTime now, CancellationToken cancellationToken)
    {
        var deliveries = db.TroubleTicketEventDeliveries;
        var anyDelivered = false;
        foreach (var delivered in attempts.Where(a => a.Result == Result.Delivered).Select(a => a.Delivery))
        {
            anyDelivered = true;
            await deliveries.Where(d => d.Id == delivered.Id).ExecuteUpdateAsync(s => s
                .SetProperty(d => d.DeliveredAt, now)
                .SetProperty(d => d.NextAttemptAt, (DateTime?)null)
                .SetProperty(d => d.Attempts, delivered.Attempts + 1)
                .SetProperty(d => d.LastAttemptAt, now)
                .SetProperty(d => d.LastError, (string?)null), cancellationToken);
        }

        if (anyDelivered)
        {
            failureRun = 0;
            await db.TroubleTicketHubs.Where(h => h.Id == hub.Id).ExecuteUpdateAsync(s => s
                .SetProperty(h => h.ConsecutiveFailures, 0)
                .SetProperty(h => h.LastDeliveredAt, now)
                .SetProperty(h => h.LastError, (string?)null), cancellationToken);
        }

        foreach (var refused in attempts.Where(a => a.Result == Result.Refused))
        {
            var row = refused.Delivery;
            var failures = row.Attempts + 1;
            var next = now + Backoff(failures);
            await FailedAsync(db, row, failures, now, next, refused.Error!, cancellationToken);
            // Its case's later events for this hub wait behind it, rather than being looked at on every tick.
            await deliveries
                .Where(d => d.CaseId == row.CaseId && d.HubId == row.HubId && d.Sequence > row.Sequence && d.DeliveredAt == null && d.NextAttemptAt < next)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptAt, next), cancellationToken);
            LogFailed(row.EventType, row.EventId, hub.Callback, failures, refused.Error!, next, "only this case's events wait");
        }

        var postponed = attempts.Where(a => a.Result == Result.Postponed).Select(a => a.Delivery.Id).ToList();
        if (postponed.Count > 0)
        {
            await deliveries.Where(d => postponed.Contains(d.Id)).ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptAt, now), cancellationToken);
        }

        // A hub's queue stops at its first unavailable answer, so there is at most one.
        var unavailable = attempts.FirstOrDefault(a => a.Result == Result.Unavailable);
        if (unavailable is null)
        {
            return;
        }

        var failed = unavailable.Delivery;
        var rowFailures = failed.Attempts + 1;
        var hubFailures = failureRun + 1;
        var delay = Backoff(Math.Max(rowFailures, hubFailures));
        var retryAt = now + delay;
        await FailedAsync(db, failed, rowFailures, now, retryAt, unavailable.Error!, cancellationToken);
        await db.TroubleTicketHubs.Where(h => h.Id == hub.Id).ExecuteUpdateAsync(s => s
            .SetProperty(h => h.ConsecutiveFailures, hubFailures)
            .SetProperty(h => h.LastError, Truncate(unavailable.Error!)), cancellationToken);
        // Everything else queued for this listener, the rows not tried in this round among them, waits for the retry.
        await deliveries
            .Where(d => d.HubId == hub.Id && d.DeliveredAt == null && d.NextAttemptAt < retryAt)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptAt, retryAt), cancellationToken);
        var notTried = attempts.Where(a => a.Result == Result.NotTried).Select(a => a.Delivery.Id).ToList();
        if (notTried.Count > 0)
        {
            // Give back the lease: these rows are due again with their hub's retry.
            await deliveries.Where(d => notTried.Contains(d.Id)).ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptAt, retryAt), cancellationToken);
        }

        if (delay >= MaxRetry)
        {
            LogStillFailing(hub.Callback, hubFailures, unavailable.Error!, retryAt);
        }
        else
        {
            LogFailed(failed.EventType, failed.EventId, hub.Callback, rowFailures, unavailable.Error!, retryAt, "all of this hub's events wait");
        }
    }

    private static Task<int> FailedAsync(
        TouchpointDbContext db, TroubleTicketEventDelivery row, int failures, DateTime now, DateTime next, string error, CancellationToken cancellationToken) =>
        db.TroubleTicketEventDeliveries.Where(d => d.Id == row.Id).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.Attempts, failures)
            .SetProperty(d => d.LastAttemptAt, now)
            .SetProperty(d => d.LastError, Truncate(error))
            .SetProperty(d => d.NextAttemptAt, next), cancellationToken);

    private static string Truncate(string error) =>
        error.Length <= TroubleTicketEventDelivery.ErrorLength ? error : error[..TroubleTicketEventDelivery.ErrorLength];

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Delivering {EventType} {EventId} to {Callback} failed (attempt {Attempts}): {Error}. Next attempt at {NextAttemptAt:O}; {Held}.")]
    private partial void LogFailed(string eventType, Guid eventId, string callback, int attempts, string error, DateTime nextAttemptAt, string held);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "The TMF621 listener at {Callback} has failed {Failures} times in a row ({Error}); its events are kept and tried again hourly, next at {NextAttemptAt:O}.")]
    private partial void LogStillFailing(string callback, int failures, string error, DateTime nextAttemptAt);
}
