using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.ContactCentre;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Telephony;

/// <summary>
/// Agents' states as the switch reports them. An agent who becomes available may be handed a callback whose turn has
/// come (<see cref="CallbackDispatcher"/>); the answer carries it for the switch to dial.
/// </summary>
public sealed class AgentCommands(TouchpointDbContext db, EventGate gate, AgentClaims agents, CallbackDispatcher dispatcher)
{
    public async Task<Outcome<AgentStatus>> SetStateAsync(string userId, AgentStateInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var gated = await gate.PassAsync(input.EventId, input.At, cancellationToken);
        if (gated.Failure is { } invalid)
        {
            return invalid;
        }

        var (at, repeat) = gated.Value!;
        if (repeat is not null)
        {
            return repeat.AgentUserId is { } repeated && await db.QueueAgents.AsNoTracking().FirstOrDefaultAsync(a => a.UserId == repeated, cancellationToken) is { } seen
                ? await ViewAsync(seen, null, duplicate: true, cancellationToken)
                : new Failure.Conflict($"Event '{repeat.EventId}' was received at {repeat.ReceivedAt:u} as a {repeat.Kind}; it is not applied again.");
        }

        if (!CallStates.TryParseAgentState(input.State, out var state, out var stateError))
        {
            return new Failure.Invalid("state", stateError);
        }

        if (await agents.FindOrAddAsync(userId, at, cancellationToken) is not { } agent)
        {
            return new Failure.NotFound($"There is no member of own staff with id '{userId}'.");
        }

        if (at < agent.LastEventAt)
        {
            return new Failure.Conflict($"This state change happened at {at:u}, before the agent's last event ({agent.LastEventAt:u}): it arrived out of order and was not applied.");
        }

        if (agent.QueueCallId is not null && state is AgentState.Available or AgentState.Away)
        {
            var call = await db.QueueCalls.Where(c => c.Id == agent.QueueCallId).Select(c => c.CallId).FirstOrDefaultAsync(cancellationToken);
            return new Failure.Conflict($"Agent '{agent.UserId}' is on call '{call}': end it (or report the callback attempt) before they become {state.ToWireName()}.");
        }

        agent.State = state;
        agent.Since = at;
        agent.LastEventAt = at;
        gate.Remember(input.EventId!, "agentState", null, agent.UserId);
        await db.SaveChangesAsync(cancellationToken);
        var dispatch = state == AgentState.Available ? await dispatcher.DispatchToAsync(agent.UserId, at, cancellationToken) : null;
        if (dispatch is not null)
        {
            await db.Entry(agent).ReloadAsync(cancellationToken);
        }

        return await ViewAsync(agent, dispatch, duplicate: false, cancellationToken);
    }

    /// <summary>The agent's state and, when a callback was handed to them and is being dialled, that callback.</summary>
    public async Task<Outcome<AgentStatus>> StatusAsync(string userId, CancellationToken cancellationToken)
    {
        var agent = await db.QueueAgents.AsNoTracking().FirstOrDefaultAsync(a => a.UserId == userId, cancellationToken);
        return agent is null
            ? new Failure.NotFound($"Agent '{userId}' has reported no state yet.")
            : await ViewAsync(agent, null, duplicate: false, cancellationToken);
    }

    private async Task<AgentStatus> ViewAsync(QueueAgent agent, CallbackDispatch? dispatch, bool duplicate, CancellationToken cancellationToken)
    {
        var call = agent.QueueCallId is { } id ? await db.QueueCalls.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken) : null;
        if (dispatch is null && call is { State: CallState.CallbackDialing })
        {
            var name = call.CustomerId is { } customerId ? await db.Customers.Where(c => c.Id == customerId).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken) : null;
            dispatch = new CallbackDispatch(call.CallId, call.QueueId, call.CallbackNumber, call.CustomerId, name, call.Reason, call.EnteredAt, call.CallbackAttempts + 1);
        }

        return new AgentStatus(agent.UserId, agent.State.ToWireName(), agent.Since, call?.CallId, dispatch, duplicate);
    }
}
