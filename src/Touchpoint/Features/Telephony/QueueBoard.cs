using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.ContactCentre;
using Touchpoint.Domain.Platform;
using Touchpoint.Features.Queues;

namespace Touchpoint.Features.Telephony;

/// <summary>
/// Reads a queue's live board (<see cref="QueueBoardView"/>). Built for a centre taking hundreds of calls an hour with
/// the board reloaded on every event: each figure is one query, and the day's figures are counted by the database hour
/// by hour, so what travels is a row per hour, never the day's calls. The one exception is the mean wait, which needs
/// connected minus entered: timestamps are text in SQLite, so the answered calls' two times are read and subtracted here.
/// </summary>
public static class QueueBoard
{
    // What a member is doing, as the board names it (BoardAgentView.State): the switch's states, with onCall for an
    // agent holding a queue call whatever state was last sent, and notReported for one the switch never mentioned.
    public const string Available = "available";
    public const string OnCall = "onCall";
    public const string WrapUp = "wrapUp";
    public const string Busy = "busy";
    public const string Away = "away";
    public const string NotReported = "notReported";

    public static async Task<QueueBoardView?> ReadAsync(TouchpointDbContext db, string queueId, DateTime now, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(zone);
        if (await WorkQueues.FindAsync(db, queueId, cancellationToken) is not { } queue)
        {
            return null;
        }

        var id = queue.Id;
        var inLine = await db.QueueCalls.AsNoTracking()
            .Where(c => c.QueueId == id && (c.State == CallState.Waiting || c.State == CallState.Callback || c.State == CallState.CallbackDialing))
            .GroupBy(c => new { c.State, Due = c.CallbackNotBefore == null || c.CallbackNotBefore <= now })
            .Select(g => new InLine(g.Key.State, g.Key.Due, g.Count()))
            .ToListAsync(cancellationToken);
        var waitingSince = await db.QueueCalls.AsNoTracking()
            .Where(c => c.QueueId == id && c.State == CallState.Waiting)
            .OrderBy(c => c.EnteredAt).Select(c => (DateTime?)c.EnteredAt).FirstOrDefaultAsync(cancellationToken);
        var agents = await AgentsAsync(db, id, cancellationToken);

        var today = WallClock.StartOfDay(now, zone);
        var hours = HoursOf(today, now);
        var hourly = await HourlyAsync(db, id, hours, zone, cancellationToken);
        var dialing = Count(inLine, CallState.CallbackDialing);
        return new QueueBoardView(
            id, queue.Name, now, zone.Id, today,
            Count(inLine, CallState.Waiting),
            waitingSince is { } since ? Math.Max(0, (now - since).TotalSeconds) : null,
            waitingSince,
            Count(inLine, CallState.Callback),
            inLine.Where(s => s.State == CallState.Callback && s.Due).Sum(s => s.Count) + dialing,
            dialing,
            new AgentCountsView(
                agents.Count(a => a.State == Available), agents.Count(a => a.State == OnCall), agents.Count(a => a.State == WrapUp),
                agents.Count(a => a.State == Busy), agents.Count(a => a.State == Away), agents.Count(a => a.State == NotReported)),
            agents,
            Total(hourly.Select(h => h.Accuracy)),
            hourly.ConvertAll(h => h.View));

        static int Count(List<InLine> groups, CallState state) => groups.Where(g => g.State == state).Sum(g => g.Count);
    }

    private sealed record InLine(CallState State, bool Due, int Count);

    /// <summary>The queue's members with what the switch last said of each, in one query.</summary>
    private static async Task<List<BoardAgentView>> AgentsAsync(TouchpointDbContext db, string queueId, CancellationToken cancellationToken)
    {
        var rows = await (from member in db.WorkQueueMembers
                          where member.QueueId == queueId
                          join user in db.Users on member.UserId equals user.Id
                          join agent in db.QueueAgents on member.UserId equals agent.UserId into reported
                          from agent in reported.DefaultIfEmpty()
                          select new
                          {
                              member.UserId,
                              Name = user.DisplayName != "" ? user.DisplayName : user.UserName ?? user.Id,
                              State = agent == null ? (AgentState?)null : agent.State,
                              Since = agent == null ? (DateTime?)null : agent.Since,
                              OnCall = agent != null && agent.QueueCallId != null,
                          }).AsNoTracking().ToListAsync(cancellationToken);
        return rows
            .Select(r => new BoardAgentView(r.UserId, r.Name, r.OnCall ? OnCall : r.State is { } state ? state.ToWireName() : NotReported, r.Since))
            .OrderBy(a => a.Name, StringComparer.CurrentCulture)
            .ToList();
    }

    /// <summary>The starts of today's hours up to now, in UTC: whole hours from the day's start, as the zone's clock reads them.</summary>
    private static List<DateTime> HoursOf(DateTime dayStart, DateTime now)
    {
        var hours = new List<DateTime> { dayStart };
        for (var next = dayStart.AddHours(1); next <= now; next = next.AddHours(1))
        {
            hours.Add(next);
        }

        return hours;
    }

    private sealed record Hour(BoardHourView View, Totals Accuracy);

    /// <summary>Sums of compared estimates: what <see cref="EstimateAccuracy"/> is made of, added up by the database.</summary>
    private sealed record Totals(int Count, double AbsoluteSeconds, double BiasSeconds, int Within);

    private static async Task<List<Hour>> HourlyAsync(TouchpointDbContext db, string queueId, List<DateTime> hours, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var from = hours[0];
        var calls = db.QueueCalls.AsNoTracking().Where(c => c.QueueId == queueId);
        var entered = await CountByHourAsync(
            calls.Where(c => c.EnteredAt >= from && c.State != CallState.Closed), c => c.EnteredAt, hours, cancellationToken);
        var abandoned = await CountByHourAsync(
            calls.Where(c => c.State == CallState.Abandoned && c.EndedAt >= from), c => c.EndedAt!.Value, hours, cancellationToken);
        var callbacks = await CountByHourAsync(
            calls.Where(c => c.CallbackAcceptedAt >= from), c => c.CallbackAcceptedAt!.Value, hours, cancellationToken);
        var answered = await calls.Where(c => c.ConnectedAt >= from && c.CallbackAcceptedAt == null)
            .Select(c => new { c.EnteredAt, ConnectedAt = c.ConnectedAt!.Value }).ToListAsync(cancellationToken);
        var waits = answered.GroupBy(c => IndexOf(c.ConnectedAt, hours))
            .ToDictionary(g => g.Key, g => (Count: g.Count(), Mean: g.Average(c => Math.Max(0, (c.ConnectedAt - c.EnteredAt).TotalSeconds))));

        var tolerance = EstimateAccuracy.Tolerance.TotalSeconds;
        var accuracy = await db.QueueCallEstimates.AsNoTracking()
            .Where(e => e.QueueId == queueId && e.GivenAt >= from && e.EstimatedSeconds != null && e.ActualSeconds != null)
            .GroupBy(HourOf<QueueCallEstimate>(e => e.GivenAt, hours))
            .Select(g => new
            {
                Hour = g.Key,
                Count = g.Count(),
                Absolute = g.Sum(e => Math.Abs(e.ActualSeconds!.Value - e.EstimatedSeconds!.Value)),
                Bias = g.Sum(e => e.ActualSeconds!.Value - e.EstimatedSeconds!.Value),
                Within = g.Count(e => Math.Abs(e.ActualSeconds!.Value - e.EstimatedSeconds!.Value) <= tolerance),
            })
            .ToDictionaryAsync(a => a.Hour, a => new Totals(a.Count, a.Absolute, a.Bias, a.Within), cancellationToken);

        return hours.Select((start, i) =>
        {
            var wait = waits.GetValueOrDefault(i);
            var compared = accuracy.GetValueOrDefault(i) ?? new Totals(0, 0, 0, 0);
            var view = new BoardHourView(
                start, Label(start, zone), entered.GetValueOrDefault(i), wait.Count, abandoned.GetValueOrDefault(i), callbacks.GetValueOrDefault(i),
                wait.Count == 0 ? null : wait.Mean, View(compared));
            return new Hour(view, compared);
        }).ToList();
    }

    private static async Task<Dictionary<int, int>> CountByHourAsync(
        IQueryable<QueueCall> calls, Expression<Func<QueueCall, DateTime>> at, List<DateTime> hours, CancellationToken cancellationToken) =>
        await calls.GroupBy(HourOf(at, hours)).Select(g => new { Hour = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Hour, g => g.Count, cancellationToken);

    /// <summary>
    /// The hour a row falls in, as SQL: <c>CASE WHEN at &lt; h1 THEN 0 WHEN at &lt; h2 THEN 1 … ELSE n-1 END</c>. Hours
    /// on the viewer's clock are instants in UTC, so no zone arithmetic is asked of the database.
    /// </summary>
    private static Expression<Func<T, int>> HourOf<T>(Expression<Func<T, DateTime>> at, List<DateTime> hours)
    {
        Expression hour = Expression.Constant(hours.Count - 1);
        for (var i = hours.Count - 2; i >= 0; i--)
        {
            hour = Expression.Condition(Expression.LessThan(at.Body, Expression.Constant(hours[i + 1])), Expression.Constant(i), hour);
        }

        return Expression.Lambda<Func<T, int>>(hour, at.Parameters);
    }

    private static int IndexOf(DateTime at, List<DateTime> hours)
    {
        var index = hours.BinarySearch(at);
        return Math.Clamp(index >= 0 ? index : ~index - 1, 0, hours.Count - 1);
    }

    private static EstimateAccuracyView Total(IEnumerable<Totals> hours)
    {
        var all = hours.Aggregate(new Totals(0, 0, 0, 0), (sum, h) => new Totals(sum.Count + h.Count, sum.AbsoluteSeconds + h.AbsoluteSeconds, sum.BiasSeconds + h.BiasSeconds, sum.Within + h.Within));
        return View(all);
    }

    /// <summary>As <see cref="EstimateAccuracy.Of"/> reads pairs, from the sums the database made of them.</summary>
    private static EstimateAccuracyView View(Totals totals) =>
        totals.Count == 0
            ? new EstimateAccuracyView(0, null, null, null)
            : new EstimateAccuracyView(totals.Count, totals.AbsoluteSeconds / totals.Count, (double)totals.Within / totals.Count, totals.BiasSeconds / totals.Count);

    /// <summary>"09:00": an hour's start on the viewer's clock.</summary>
    public static string Label(DateTime hourStartUtc, TimeZoneInfo zone) =>
        WallClock.FromUtc(hourStartUtc, zone).ToString("HH:mm", CultureInfo.InvariantCulture);
}
