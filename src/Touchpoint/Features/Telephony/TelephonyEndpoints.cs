using Microsoft.AspNetCore.Http.HttpResults;
using Touchpoint.Data;
using Touchpoint.Features.Identity;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Telephony;

/// <summary>
/// The queue API a telephony platform calls (docs/telephony.md): calls entering, waiting, hanging up, reaching an
/// agent and ending; callbacks taken and dialled; agents' states. The platform's account has the Telephony role.
/// Thin: the rules are in <see cref="CallCommands"/>, <see cref="CallbackCommands"/> and <see cref="AgentCommands"/>.
/// </summary>
public static class TelephonyEndpoints
{
    public static IEndpointRouteBuilder MapTelephonyEndpoints(this IEndpointRouteBuilder app)
    {
        var telephony = app.MapGroup("/api/telephony").WithTags("Telephony").RequireAuthorization(Policies.Telephony);
        telephony.MapPost("/queues/{queueId}/calls", Enter)
            .WithSummary("A caller entered the queue: their position, estimated wait and its basis, and whether to offer a callback.");
        telephony.MapGet("/calls/{callId}", Status).WithSummary("Where the caller stands now; the estimate is recomputed and recorded.");
        telephony.MapPost("/calls/{callId}/abandon", Abandon).WithSummary("The caller hung up while waiting.");
        telephony.MapPost("/calls/{callId}/callback", AcceptCallback)
            .WithSummary("The caller took a callback: it keeps the call's place in line, and a known customer is owed it as a promise.");
        telephony.MapPost("/calls/{callId}/connect", Connect).WithSummary("The caller reached an agent.");
        telephony.MapPost("/calls/{callId}/end", End).WithSummary("The call ended; its handling time feeds the queue's estimates.");
        telephony.MapPost("/calls/{callId}/callback-attempts", Attempt)
            .WithSummary("How a dispatched callback went: answered, or noAnswer/busy/failed (retried at its place, then the customer is told).");
        telephony.MapPut("/agents/{userId}/state", SetAgentState)
            .WithSummary("An agent's state: available, busy, wrapUp or away. An agent who becomes available may be handed a callback to dial.");
        telephony.MapGet("/agents/{userId}", AgentStatus).WithSummary("An agent's state, with the callback being dialled for them if any.");
        telephony.MapGet("/queues/{queueId}/settings", Settings).WithSummary("A queue's callback threshold, attempts, retry delay and opening hours.");
        app.MapGroup("/api/telephony").WithTags("Telephony").RequireAuthorization(Policies.TeamLead)
            .MapPut("/queues/{queueId}/settings", SetSettings)
            .WithSummary("Set a queue's callback threshold, attempts, retry delay and opening hours per jurisdiction (team leads and admins).");
        return app;
    }

    internal static async Task<Results<Created<CallStatus>, Ok<CallStatus>, CommandProblem>> Enter(
        string queueId, EnterCallInput input, CallCommands calls, CancellationToken cancellationToken)
    {
        var outcome = await calls.EnterAsync(queueId, input, cancellationToken);
        if (outcome.Failure is { } failure)
        {
            return failure.ToResult();
        }

        var status = outcome.Value!;
        return status.Duplicate ? TypedResults.Ok(status) : TypedResults.Created($"/api/telephony/calls/{Uri.EscapeDataString(status.CallId)}", status);
    }

    internal static async Task<Results<Ok<CallStatus>, CommandProblem>> Status(string callId, CallCommands calls, CancellationToken cancellationToken) =>
        Answer(await calls.StatusAsync(callId, cancellationToken));

    internal static async Task<Results<Ok<CallStatus>, CommandProblem>> Abandon(
        string callId, CallEventInput input, CallCommands calls, CancellationToken cancellationToken) =>
        Answer(await calls.AbandonAsync(callId, input, cancellationToken));

    internal static async Task<Results<Ok<CallStatus>, CommandProblem>> AcceptCallback(
        string callId, AcceptCallbackInput input, CallbackCommands callbacks, CancellationToken cancellationToken) =>
        Answer(await callbacks.AcceptAsync(callId, input, cancellationToken));

    internal static async Task<Results<Ok<CallStatus>, CommandProblem>> Connect(
        string callId, ConnectCallInput input, CallCommands calls, CancellationToken cancellationToken) =>
        Answer(await calls.ConnectAsync(callId, input, cancellationToken));

    internal static async Task<Results<Ok<CallStatus>, CommandProblem>> End(
        string callId, CallEventInput input, CallCommands calls, CancellationToken cancellationToken) =>
        Answer(await calls.EndAsync(callId, input, cancellationToken));

    internal static async Task<Results<Ok<CallStatus>, CommandProblem>> Attempt(
        string callId, CallbackAttemptInput input, CallbackCommands callbacks, CancellationToken cancellationToken) =>
        Answer(await callbacks.AttemptAsync(callId, input, cancellationToken));

    internal static async Task<Results<Ok<AgentStatus>, CommandProblem>> SetAgentState(
        string userId, AgentStateInput input, AgentCommands agents, CancellationToken cancellationToken) =>
        Answer(await agents.SetStateAsync(userId, input, cancellationToken));

    internal static async Task<Results<Ok<AgentStatus>, CommandProblem>> AgentStatus(string userId, AgentCommands agents, CancellationToken cancellationToken) =>
        Answer(await agents.StatusAsync(userId, cancellationToken));

    internal static async Task<Results<Ok<CallQueueSettingsView>, NotFoundProblem>> Settings(string queueId, TouchpointDbContext db, CancellationToken cancellationToken)
    {
        if (await Queues.WorkQueues.FindAsync(db, queueId, cancellationToken) is not { } queue)
        {
            return ProblemResults.NotFound($"There is no queue '{queueId}'.");
        }

        return TypedResults.Ok(CallQueues.View(await CallQueues.SettingsAsync(db, queue.Id, cancellationToken)));
    }

    internal static async Task<Results<Ok<CallQueueSettingsView>, CommandProblem>> SetSettings(
        string queueId, CallQueueSettingsView input, TouchpointDbContext db, CancellationToken cancellationToken)
    {
        var outcome = await CallQueues.SetAsync(db, queueId, input, cancellationToken);
        return outcome.Failure is { } failure ? failure.ToResult() : TypedResults.Ok(CallQueues.View(outcome.Value!));
    }

    private static Results<Ok<T>, CommandProblem> Answer<T>(Outcome<T> outcome) =>
        outcome.Failure is { } failure ? failure.ToResult() : TypedResults.Ok(outcome.Value!);
}
