using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.ContactCentre;
using Touchpoint.Domain.Customers;
using Touchpoint.Features.Queues;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Telephony;

/// <summary>
/// What the switch tells Touchpoint about a call on the line: it entered a queue, hung up, reached an agent, ended.
/// Each answer says where the caller stands now. Events are applied once (<see cref="EventGate"/>), in order: one
/// that happened before the call's last event, or that does not fit the call's state, is refused with what is so.
/// </summary>
public sealed class CallCommands(TouchpointDbContext db, EventGate gate, QueueWaits waits, AgentClaims agents)
{
    public async Task<Outcome<CallStatus>> EnterAsync(string queueId, EnterCallInput input, CancellationToken cancellationToken)
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
            return await RepeatAsync(repeat, cancellationToken);
        }

        var callId = input.CallId?.Trim();
        if (string.IsNullOrEmpty(callId) || callId.Length > QueueCall.MaxCallIdLength)
        {
            return new Failure.Invalid("callId", $"callId is required: the switch's id for the call (at most {QueueCall.MaxCallIdLength} characters).");
        }

        var reason = input.Reason?.Trim();
        if (reason is { Length: > QueueCall.MaxReasonLength })
        {
            return new Failure.Invalid("reason", $"reason is at most {QueueCall.MaxReasonLength} characters.");
        }

        if (!CallerNumbers.TryRead(input.CallerNumber, out var number, out var numberError))
        {
            return new Failure.Invalid("callerNumber", numberError);
        }

        var language = string.IsNullOrWhiteSpace(input.Language) ? null : input.Language.Trim();
        if (language is not null && !PreferredLanguages.IsSupported(language))
        {
            return new Failure.Invalid("language", $"language '{language}' is not one Touchpoint speaks: {string.Join(", ", PreferredLanguages.All)}.");
        }

        if (await CallQueues.OfQueueAsync(db, queueId, cancellationToken) is not { } settings)
        {
            return new Failure.NotFound($"There is no queue '{queueId}'.");
        }

        if (await db.QueueCalls.AsNoTracking().FirstOrDefaultAsync(c => c.CallId == callId, cancellationToken) is { } known)
        {
            return new Failure.Conflict($"Call '{callId}' entered queue '{known.QueueId}' at {known.EnteredAt:u} already (another event id).");
        }

        var customer = number is null ? null : await CallerNumbers.CustomerAsync(db, number, cancellationToken);
        var call = new QueueCall
        {
            Id = Guid.CreateVersion7(),
            CallId = callId,
            QueueId = settings.QueueId,
            CallerNumber = number,
            CustomerId = customer?.Id,
            Reason = string.IsNullOrEmpty(reason) ? null : reason,
            Language = language ?? customer?.PreferredLanguage,
            EnteredAt = at,
            LastEventAt = at,
            State = CallState.Waiting,
        };

        var hours = CallQueues.Hours(settings);
        var jurisdiction = customer?.Jurisdiction ?? CallerNumbers.JurisdictionOf(number);
        DateTime? opensAt = null;
        if (jurisdiction is { } country && !hours.IsOpen(country, at))
        {
            call.State = CallState.Closed;
            call.EndedAt = at;
            opensAt = hours.NextOpening(country, at);
        }

        db.QueueCalls.Add(call);
        gate.Remember(input.EventId!, "enter", call.Id, null);
        CallStatus status;
        if (call.State == CallState.Closed)
        {
            status = View(call, customer?.Name, null, false, opensAt);
        }
        else
        {
            var wait = await waits.ForAsync(call, at, cancellationToken);
            waits.Record(call, wait.Estimate, at);
            status = View(call, customer?.Name, wait, number is not null && CallbackRules.ShouldOffer(wait.Estimate, wait.Position, settings.Callbacks), null);
        }

        await db.SaveChangesAsync(cancellationToken);
        return status;
    }

    /// <summary>Where the caller stands now: position and estimate recomputed, the estimate recorded beside the wait they will have.</summary>
    public async Task<Outcome<CallStatus>> StatusAsync(string callId, CancellationToken cancellationToken)
    {
        if (await FindAsync(callId, cancellationToken) is not { } call)
        {
            return new Failure.NotFound($"There is no call '{callId}'.");
        }

        var now = gate.Now;
        var status = await StatusOfAsync(call, now, cancellationToken);
        if (call.State.IsInLine() && status.Estimate is not null)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return status;
    }

    public async Task<Outcome<CallStatus>> AbandonAsync(string callId, CallEventInput input, CancellationToken cancellationToken) =>
        await ApplyAsync(callId, input.EventId, input.At, "abandon", (call, at, _) =>
        {
            if (call.State != CallState.Waiting)
            {
                return Task.FromResult<Failure?>(NotNow(call, "hang up while waiting"));
            }

            call.State = CallState.Abandoned;
            call.EndedAt = at;
            return Task.FromResult<Failure?>(null);
        }, cancellationToken);

    public async Task<Outcome<CallStatus>> ConnectAsync(string callId, ConnectCallInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return await ApplyAsync(callId, input.EventId, input.At, "connect", async (call, at, writes) =>
        {
            if (call.State is not (CallState.Waiting or CallState.CallbackDialing))
            {
                return NotNow(call, "be connected");
            }

            await waits.SettleAsync(call, at, cancellationToken);
            if (await agents.ClaimForCallAsync(input.AgentUserId, call, at, writes, cancellationToken) is { } refused)
            {
                return refused;
            }

            call.State = CallState.Connected;
            call.AgentUserId = input.AgentUserId!.Trim();
            call.ConnectedAt = at;
            return null;
        }, cancellationToken);
    }

    public async Task<Outcome<CallStatus>> EndAsync(string callId, CallEventInput input, CancellationToken cancellationToken) =>
        await ApplyAsync(callId, input.EventId, input.At, "end", async (call, at, writes) =>
        {
            if (call.State != CallState.Connected)
            {
                return NotNow(call, "end: only a connected call ends (a waiting caller who hangs up abandons)");
            }

            call.State = CallState.Ended;
            call.EndedAt = at;
            await agents.ReleaseAsync(call, AgentState.WrapUp, at, writes, cancellationToken);
            return null;
        }, cancellationToken);

    /// <summary>
    /// Applies one event to one call in one transaction: the gate, the order check, the change, the event remembered.
    /// <paramref name="change"/> answers a failure when the event does not fit the call; it opens the transaction
    /// (<see cref="EventWrites"/>) before any write of its own, and the save checks the call's version, so an event
    /// applied to the same call meanwhile makes this one a conflict rather than a lost update.
    /// </summary>
    internal async Task<Outcome<CallStatus>> ApplyAsync(
        string callId, string? eventId, DateTimeOffset? at, string kind, Func<QueueCall, DateTime, EventWrites, Task<Failure?>> change, CancellationToken cancellationToken)
    {
        var gated = await gate.PassAsync(eventId, at, cancellationToken);
        if (gated.Failure is { } invalid)
        {
            return invalid;
        }

        var (when, repeat) = gated.Value!;
        if (repeat is not null)
        {
            return await RepeatAsync(repeat, cancellationToken);
        }

        await using var writes = new EventWrites(db);
        if (await FindAsync(callId, cancellationToken) is not { } call)
        {
            return new Failure.NotFound($"There is no call '{callId}': it must enter a queue first.");
        }

        if (when < call.LastEventAt)
        {
            return new Failure.Conflict($"This {kind} happened at {when:u}, before the call's last event ({call.LastEventAt:u}): it arrived out of order and was not applied.");
        }

        call.Version++;
        try
        {
            if (await change(call, when, writes) is { } refused)
            {
                return refused;
            }

            call.LastEventAt = when;
            gate.Remember(eventId!, kind, call.Id, call.AgentUserId);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Failure.Conflict($"Another event on call '{call.CallId}' was applied at the same moment; this {kind} was not. Send it again with the same eventId.");
        }

        await writes.CommitAsync(cancellationToken);
        return await StatusOfAsync(call, when, cancellationToken, record: false);
    }

    internal async Task<CallStatus> StatusOfAsync(QueueCall call, DateTime now, CancellationToken cancellationToken, bool record = true)
    {
        var name = call.CustomerId is { } customerId
            ? await db.Customers.Where(c => c.Id == customerId).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken)
            : null;
        if (!call.State.IsInLine())
        {
            return await WithPromiseAsync(View(call, name, null, false, null), call, cancellationToken);
        }

        var wait = await waits.ForAsync(call, now, cancellationToken);
        if (record && call.State == CallState.Waiting)
        {
            waits.Record(call, wait.Estimate, now);
        }

        var settings = await CallQueues.SettingsAsync(db, call.QueueId, cancellationToken);
        var offer = call.State == CallState.Waiting && call.CallerNumber is not null && CallbackRules.ShouldOffer(wait.Estimate, wait.Position, settings.Callbacks);
        return await WithPromiseAsync(View(call, name, wait, offer, null), call, cancellationToken);
    }

    internal Task<QueueCall?> FindAsync(string? callId, CancellationToken cancellationToken)
    {
        var id = callId?.Trim();
        return string.IsNullOrEmpty(id) ? Task.FromResult<QueueCall?>(null) : db.QueueCalls.FirstOrDefaultAsync(c => c.CallId == id, cancellationToken);
    }

    internal static Failure NotNow(QueueCall call, string what) =>
        new Failure.Conflict($"Call '{call.CallId}' is {call.State.ToWireName()}: it cannot {what}.");

    private async Task<Outcome<CallStatus>> RepeatAsync(TelephonyEvent repeat, CancellationToken cancellationToken)
    {
        var call = repeat.QueueCallId is { } id ? await db.QueueCalls.FirstOrDefaultAsync(c => c.Id == id, cancellationToken) : null;
        if (call is null)
        {
            return new Failure.Conflict($"Event '{repeat.EventId}' was received at {repeat.ReceivedAt:u} as a {repeat.Kind} of no call; it is not applied again.");
        }

        var status = await StatusOfAsync(call, gate.Now, cancellationToken, record: false);
        return status with { Duplicate = true };
    }

    private async Task<CallStatus> WithPromiseAsync(CallStatus status, QueueCall call, CancellationToken cancellationToken)
    {
        if (call.CallbackPromiseId is not { } promiseId)
        {
            return status;
        }

        var due = await db.Promises.Where(p => p.Id == promiseId).Select(p => (DateTime?)p.DueAt).FirstOrDefaultAsync(cancellationToken);
        return status with { CallbackDueAt = due };
    }

    private static CallStatus View(QueueCall call, string? customerName, CallWait? wait, bool offerCallback, DateTime? opensAt) =>
        new(call.CallId, call.QueueId, call.State.ToWireName(), call.CustomerId, customerName, call.EnteredAt, wait?.Position,
            wait is null ? null : new EstimateView(wait.Estimate.Wait?.TotalSeconds, EstimateBases.ToWireName(wait.Estimate.Basis), wait.Estimate.Explanation, wait.Estimate.ErlangCWait?.TotalSeconds),
            offerCallback, call.State != CallState.Closed, opensAt, call.CallbackPromiseId, null, call.CallbackNotBefore, call.CallbackAttempts,
            call.AgentUserId, false);
}
