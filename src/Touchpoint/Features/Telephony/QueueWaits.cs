using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.ContactCentre;

namespace Touchpoint.Features.Telephony;

/// <summary>A caller's place and estimated wait, from the queue as it is now (<see cref="WaitEstimates"/>).</summary>
public sealed record CallWait(int? Position, WaitEstimate Estimate);

/// <summary>
/// Reads what a wait estimate needs from the queue's rows: who is ahead in line (callers and due callbacks that entered
/// earlier: <see cref="QueueLine"/>'s order), the members free and busy, the handling time of the calls ended lately and
/// the arrivals of the last hour. Nothing is kept between requests, so any node answers the same.
/// </summary>
public sealed class QueueWaits(TouchpointDbContext db)
{
    /// <summary>Handling time is smoothed over at most this many recent calls; older ones weigh under 0.5 % anyway.</summary>
    private const int RecentCalls = 20;

    /// <summary>Calls that ended longer ago than this say nothing about the queue now, as CCAI and Webex window theirs.</summary>
    private static readonly TimeSpan HandlingWindow = TimeSpan.FromHours(8);

    /// <summary>Fewer arrivals than this in the last hour are too few for Erlang C to read a rate from.</summary>
    private const int MinimumArrivals = 10;

    public async Task<CallWait> ForAsync(QueueCall call, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var inLine = call.State == CallState.Waiting || (call.State == CallState.Callback && (call.CallbackNotBefore is null || call.CallbackNotBefore <= now));
        var counts = await CountsAsync(call, now, cancellationToken);
        var handling = await HandlingTimeAsync(call.QueueId, now, cancellationToken);
        // A caller entering now is one of the hour's arrivals before their row is saved.
        var arrivals = counts.Arrivals + (db.Entry(call).State == EntityState.Added ? 1 : 0);
        var estimate = WaitEstimates.For(new QueueNow(
            inLine ? counts.Ahead : 0, counts.Available, counts.Busy, handling, arrivals >= MinimumArrivals ? arrivals : null));
        return new CallWait(inLine ? counts.Ahead + 1 : null, estimate);
    }

    /// <summary>
    /// Everything an estimate counts, in one round trip: who is ahead of <paramref name="call"/> in line (ties of the same
    /// instant go by the switch's call id, in the database's own order: any order will do, so long as it is one), the
    /// members free and those on a call or in wrap-up (they take the next as they finish), and the last hour's arrivals.
    /// </summary>
    private async Task<QueueCounts> CountsAsync(QueueCall call, DateTime now, CancellationToken cancellationToken)
    {
        var since = now - TimeSpan.FromHours(1);
#pragma warning disable CA1309 // string.Compare is translated to SQL; an ordinal overload is not.
        return await db.WorkQueues.Where(q => q.Id == call.QueueId).Select(q => new QueueCounts(
            // Two counts, each one range of the (queue, state, entered) index; one with "either state" reads every call the queue ever had.
            db.QueueCalls.Count(c => c.QueueId == q.Id && c.State == CallState.Waiting
                && c.EnteredAt <= call.EnteredAt && (c.EnteredAt < call.EnteredAt || string.Compare(c.CallId, call.CallId) < 0))
            + db.QueueCalls.Count(c => c.QueueId == q.Id && c.State == CallState.Callback && (c.CallbackNotBefore == null || c.CallbackNotBefore <= now)
                && c.EnteredAt <= call.EnteredAt && (c.EnteredAt < call.EnteredAt || string.Compare(c.CallId, call.CallId) < 0)),
            db.WorkQueueMembers.Where(m => m.QueueId == q.Id).Join(db.QueueAgents, m => m.UserId, a => a.UserId, (m, a) => a)
                .Count(a => a.State == AgentState.Available && a.QueueCallId == null),
            db.WorkQueueMembers.Where(m => m.QueueId == q.Id).Join(db.QueueAgents, m => m.UserId, a => a.UserId, (m, a) => a)
                .Count(a => a.State == AgentState.Busy || a.State == AgentState.WrapUp || (a.State == AgentState.Available && a.QueueCallId != null)),
            db.QueueCalls.Count(c => c.QueueId == q.Id && c.EnteredAt > since && c.EnteredAt <= now && c.State != CallState.Closed)))
            .FirstOrDefaultAsync(cancellationToken) ?? new QueueCounts(0, 0, 0, 0);
#pragma warning restore CA1309
    }

    private sealed record QueueCounts(int Ahead, int Available, int Busy, int Arrivals);

    /// <summary>The queue's handling time lately: the calls ended in the window, oldest first, through <see cref="HandlingTime.Observe"/>.</summary>
    public async Task<HandlingTime> HandlingTimeAsync(string queueId, DateTime now, CancellationToken cancellationToken)
    {
        var since = now - HandlingWindow;
        var recent = await db.QueueCalls
            .Where(c => c.QueueId == queueId && c.State == CallState.Ended && c.EndedAt > since && c.ConnectedAt != null)
            .OrderByDescending(c => c.EndedAt).Take(RecentCalls)
            .Select(c => new { c.ConnectedAt, c.EndedAt }).ToListAsync(cancellationToken);
        var handling = HandlingTime.None;
        for (var i = recent.Count - 1; i >= 0; i--)
        {
            handling = handling.Observe(recent[i].EndedAt!.Value - recent[i].ConnectedAt!.Value);
        }

        return handling;
    }

    /// <summary>Records an estimate given to the caller, so the wait they then had can be set beside it.</summary>
    public void Record(QueueCall call, WaitEstimate estimate, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(estimate);
        db.QueueCallEstimates.Add(new QueueCallEstimate
        {
            QueueCallId = call.Id,
            QueueId = call.QueueId,
            GivenAt = now,
            EstimatedSeconds = estimate.Wait?.TotalSeconds,
            Basis = estimate.Basis,
        });
    }

    /// <summary>The caller reached an agent: each estimate they were given gets the wait they actually had from then.</summary>
    public async Task SettleAsync(QueueCall call, DateTime connectedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        foreach (var estimate in await db.QueueCallEstimates.Where(e => e.QueueCallId == call.Id && e.ActualSeconds == null).ToListAsync(cancellationToken))
        {
            estimate.ActualSeconds = Math.Max(0, (connectedAt - estimate.GivenAt).TotalSeconds);
        }
    }
}
