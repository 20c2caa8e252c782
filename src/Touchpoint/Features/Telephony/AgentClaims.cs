using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.ContactCentre;
using Touchpoint.Domain.Platform;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Telephony;

/// <summary>
/// An agent is on at most one call. Taking one is a single conditional update (the agent's row with no call gets
/// this one), so two nodes connecting two calls to the same agent at the same moment cannot both succeed.
/// </summary>
public sealed class AgentClaims(TouchpointDbContext db)
{
    private static readonly string[] OwnStaffRoles = [Roles.Agent, Roles.TeamLead, Roles.Admin];

    /// <summary>The agent's row, added (away, since now) for one who never took a call; null when the id is not own staff's.</summary>
    public async Task<QueueAgent?> FindOrAddAsync(string? userId, DateTime now, CancellationToken cancellationToken)
    {
        var id = userId?.Trim();
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }

        if (await db.QueueAgents.FirstOrDefaultAsync(a => a.UserId == id, cancellationToken) is { } agent)
        {
            return agent;
        }

        var isStaff = await (from userRole in db.UserRoles
                             join role in db.Roles on userRole.RoleId equals role.Id
                             where userRole.UserId == id && OwnStaffRoles.Contains(role.Name!)
                             select userRole).AnyAsync(cancellationToken);
        if (!isStaff)
        {
            return null;
        }

        agent = new QueueAgent { UserId = id, State = AgentState.Away, Since = now, LastEventAt = now };
        db.QueueAgents.Add(agent);
        await db.SaveChangesAsync(cancellationToken);
        return agent;
    }

    /// <summary>Puts <paramref name="call"/> on the agent; a failure when they are not own staff or are on another call.</summary>
    public async Task<Failure?> ClaimForCallAsync(string? userId, QueueCall call, DateTime at, EventWrites writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(writes);
        var id = userId?.Trim();
        var known = !string.IsNullOrEmpty(id) && await db.QueueAgents.AnyAsync(a => a.UserId == id, cancellationToken);
        // From here the event writes: an agent's first row is added in the same transaction as the claim.
        await writes.BeginAsync(cancellationToken);
        if (!known && await FindOrAddAsync(id, at, cancellationToken) is null)
        {
            return new Failure.Invalid("agentUserId", $"agentUserId '{userId}' is not the id of a member of own staff.");
        }

        var claimed = await db.QueueAgents
            .Where(a => a.UserId == id && (a.QueueCallId == null || a.QueueCallId == call.Id))
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.QueueCallId, call.Id).SetProperty(a => a.State, AgentState.Busy).SetProperty(a => a.Since, at), cancellationToken);
        if (claimed == 0)
        {
            var other = await db.QueueAgents.Where(a => a.UserId == id)
                .Join(db.QueueCalls, a => a.QueueCallId, c => (Guid?)c.Id, (a, c) => c.CallId).FirstOrDefaultAsync(cancellationToken);
            return new Failure.Conflict($"Agent '{id}' is on call '{other}': an agent takes one call at a time. End it first.");
        }

        // A callback dispatched to one agent and taken by another frees the first.
        if (call.AgentUserId is { } reserved && reserved != id)
        {
            await FreeAsync(reserved, call.Id, AgentState.Available, at, cancellationToken);
        }

        return null;
    }

    /// <summary>The call is over for its agent: they go to <paramref name="next"/> (wrap-up after a call, available after an unanswered callback).</summary>
    public async Task ReleaseAsync(QueueCall call, AgentState next, DateTime at, EventWrites writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(writes);
        if (call.AgentUserId is { } userId)
        {
            await writes.BeginAsync(cancellationToken);
            await FreeAsync(userId, call.Id, next, at, cancellationToken);
        }
    }

    private Task<int> FreeAsync(string userId, Guid callId, AgentState next, DateTime at, CancellationToken cancellationToken) =>
        db.QueueAgents.Where(a => a.UserId == userId && a.QueueCallId == callId)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.QueueCallId, (Guid?)null).SetProperty(a => a.State, next).SetProperty(a => a.Since, at), cancellationToken);
}
