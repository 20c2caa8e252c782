using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.ContactCentre;
using Touchpoint.Features.Inbox;
using Touchpoint.Features.Languages;
using Touchpoint.Hosting;
using static Touchpoint.Domain.Platform.TextLimits;

namespace Touchpoint.Features.Telephony;

/// <summary>
/// Hands a callback to a free agent when it is first in line: of the callers and due callbacks in the agent's queues,
/// the one whose call entered first. When that is a caller on the line, the switch routes them and nothing is
/// dispatched, so a callback never goes before an earlier caller. The agent's row and the callback are each taken
/// by a conditional update, so no callback goes to two agents and no agent gets two.
/// </summary>
public sealed class CallbackDispatcher(TouchpointDbContext db)
{
    public async Task<CallbackDispatch?> DispatchToAsync(string userId, DateTime now, CancellationToken cancellationToken)
    {
        // The first due callback, then whether a caller on the line entered before it: each one range of the
        // (queue, state, entered) index, where "first of either" would sort every call the queues ever had.
        var queueIds = db.WorkQueueMembers.Where(m => m.UserId == userId).Select(m => m.QueueId);
        var first = await db.QueueCalls
            .Where(c => queueIds.Contains(c.QueueId) && c.State == CallState.Callback && (c.CallbackNotBefore == null || c.CallbackNotBefore <= now))
            .OrderBy(c => c.EnteredAt).ThenBy(c => c.CallId).FirstOrDefaultAsync(cancellationToken);
#pragma warning disable CA1309 // string.Compare is translated to SQL; an ordinal overload is not.
        if (first is null || await db.QueueCalls.AnyAsync(c => queueIds.Contains(c.QueueId) && c.State == CallState.Waiting
                && c.EnteredAt <= first.EnteredAt && (c.EnteredAt < first.EnteredAt || string.Compare(c.CallId, first.CallId) < 0), cancellationToken))
#pragma warning restore CA1309
        {
            return null;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var agentTaken = await db.QueueAgents.Where(a => a.UserId == userId && a.QueueCallId == null && a.State == AgentState.Available)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.QueueCallId, first.Id).SetProperty(a => a.State, AgentState.Busy).SetProperty(a => a.Since, now), cancellationToken);
        var callTaken = agentTaken == 0 ? 0 : await db.QueueCalls.Where(c => c.Id == first.Id && c.State == CallState.Callback)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.State, CallState.CallbackDialing).SetProperty(c => c.AgentUserId, userId).SetProperty(c => c.LastEventAt, now).SetProperty(c => c.Version, c => c.Version + 1), cancellationToken);
        if (callTaken == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return null;
        }

        ContactCentreChanges.PublishAtCommit(db);

        var customer = first.CustomerId is { } customerId
            ? await db.Customers.Where(c => c.Id == customerId).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken)
            : null;
        if (first.CustomerId is { } id)
        {
            // The agent's screen opens the customer's 360 page, with why they called.
            Inbox.Inbox.Notify(db, userId, now, NotificationKinds.CallbackDispatched,
                Clip($"Call back {customer} now ({first.CallbackNumber})", 300),
                first.Reason is null ? "A callback whose turn has come. Log the call on the customer to keep the promise." : $"They called about: {first.Reason}. Log the call on the customer to keep the promise.",
                link: $"/customers/{id}", customerId: id,
                titleText: StoredText.Of("Notification.CallbackDispatched", StoredText.Value(customer), StoredText.Value(first.CallbackNumber)),
                detailText: first.Reason is null
                    ? StoredText.Of("Notification.CallbackDispatched.Detail")
                    : StoredText.Of("Notification.CallbackDispatched.Reason", StoredText.Value(first.Reason)));
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new CallbackDispatch(first.CallId, first.QueueId, first.CallbackNumber, first.CustomerId, customer, first.Reason, first.EnteredAt, first.CallbackAttempts + 1);
    }

    /// <summary>Dispatches callbacks that are first in line to free agents; returns how many. The watcher's tick and the tests call it.</summary>
    public async Task<int> DispatchDueAsync(DateTime now, int limit, CancellationToken cancellationToken)
    {
        if (!await db.QueueCalls.AnyAsync(c => c.State == CallState.Callback && (c.CallbackNotBefore == null || c.CallbackNotBefore <= now), cancellationToken))
        {
            return 0;
        }

        var free = await (from agent in db.QueueAgents
                          where agent.State == AgentState.Available && agent.QueueCallId == null
                          orderby agent.Since
                          select agent.UserId).Take(limit).ToListAsync(cancellationToken);
        var dispatched = 0;
        foreach (var userId in free)
        {
            dispatched += await DispatchToAsync(userId, now, cancellationToken) is null ? 0 : 1;
        }

        return dispatched;
    }
}

/// <summary>A callback whose chosen time or retry delay passed while agents sat free: dispatched on the watcher's tick.</summary>
public sealed class CallbackDue : IDueWork
{
    public string Name => "callbacks";

    public Task<int> RunAsync(TouchpointDbContext db, DateTime now, int limit, CancellationToken cancellationToken) =>
        new CallbackDispatcher(db).DispatchDueAsync(now, limit, cancellationToken);
}
