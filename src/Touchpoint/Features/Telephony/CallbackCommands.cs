using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.ContactCentre;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Platform;
using Touchpoint.Domain.Interactions;
using Touchpoint.Domain.Promises;
using Touchpoint.Features.Interactions;
using Touchpoint.Features.Languages;
using Touchpoint.Features.Messages;
using Touchpoint.Features.Promises;
using Touchpoint.Hosting;
using static Touchpoint.Domain.Platform.TextLimits;

namespace Touchpoint.Features.Telephony;

/// <summary>
/// A callback that keeps the caller's place (S4-3): taken instead of holding, it waits in line with the time its call
/// entered, is handed to the next free agent when that place's turn comes (or at the time the caller chose), and is
/// owed as a promise in the ledger, warned before due, broken at due and escalated like any other. An unanswered
/// attempt goes back to its place after the retry delay; after the last, the customer is told and the promise stays owed.
/// </summary>
public sealed class CallbackCommands(
    TouchpointDbContext db, CallCommands calls, QueueWaits waits, AgentClaims agents, PromiseCommands promises, CustomerVoices voices)
{
    /// <summary>A caller may choose a time this far ahead at most.</summary>
    private static readonly TimeSpan FarthestChoice = TimeSpan.FromDays(7);

    public async Task<Outcome<CallStatus>> AcceptAsync(string callId, AcceptCallbackInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return await calls.ApplyAsync(callId, input.EventId, input.At, "callback", async (call, at, writes) =>
        {
            if (call.State != CallState.Waiting)
            {
                return CallCommands.NotNow(call, "take a callback: only a caller waiting on the line can");
            }

            string? number = call.CallerNumber;
            if (input.Number is not null)
            {
                if (!CallerNumbers.TryRead(input.Number, out number, out var numberError) || number is null)
                {
                    return new Failure.Invalid("number", numberError.Length > 0 ? numberError.Replace("callerNumber", "number", StringComparison.Ordinal) : "number is the number to call back, in international form.");
                }
            }

            if (number is null)
            {
                return new Failure.Invalid("number", "The caller withheld their number: give number, the one to call back.");
            }

            var callAt = input.CallAt?.UtcDateTime;
            if (callAt is { } chosen && (chosen <= at || chosen > at + FarthestChoice))
            {
                return new Failure.Invalid("callAt", $"callAt is a time after the call and within {FarthestChoice.TotalDays:0} days of it.");
            }

            if (callAt is { } wanted && await ClosedAtAsync(call, number, wanted, cancellationToken) is { } closed)
            {
                return closed;
            }

            var wait = await waits.ForAsync(call, at, cancellationToken);
            call.State = CallState.Callback;
            call.CallbackAcceptedAt = at;
            call.CallbackNumber = number;
            call.CallbackNotBefore = callAt;
            if (call.CustomerId is { } customerId)
            {
                await writes.BeginAsync(cancellationToken);
                var made = await promises.MakeAsync(new MakePromiseInput(
                    customerId, PromiseKind.Callback.ToWireName(), CallbackRules.PromiseDueAt(at, wait.Estimate, callAt), null,
                    InteractionChannel.Phone.ToWireName(), Description(call, wait, callAt), null, null, null, null, OwnerQueue: call.QueueId), cancellationToken);
                if (made.Failure is { } failure)
                {
                    return failure;
                }

                call.CallbackPromiseId = made.Value!.Id;
            }

            return null;
        }, cancellationToken);
    }

    public async Task<Outcome<CallStatus>> AttemptAsync(string callId, CallbackAttemptInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!CallStates.TryParseOutcome(input.Outcome, out var outcome, out var outcomeError))
        {
            return new Failure.Invalid("outcome", outcomeError);
        }

        return await calls.ApplyAsync(callId, input.EventId, input.At, "callbackAttempt", async (call, at, writes) =>
        {
            if (call.State != CallState.CallbackDialing)
            {
                return CallCommands.NotNow(call, "report a callback attempt: it was not dispatched to an agent");
            }

            call.CallbackAttempts++;
            if (outcome == CallbackOutcome.Answered)
            {
                call.State = CallState.Connected;
                call.ConnectedAt = at;
                await waits.SettleAsync(call, at, cancellationToken);
                return null;
            }

            await agents.ReleaseAsync(call, AgentState.Available, at, writes, cancellationToken);
            var settings = await CallQueues.SettingsAsync(db, call.QueueId, cancellationToken);
            var next = CallbackRules.NextAttemptAt(call.CallbackAttempts, at, settings.Callbacks);
            var agentName = call.AgentUserId is { } agentId
                ? await db.Users.Where(u => u.Id == agentId).Select(u => u.DisplayName != "" ? u.DisplayName : u.UserName).FirstOrDefaultAsync(cancellationToken)
                : null;
            RecordAttempt(call, outcome, at, settings.CallbackAttempts, next, agentName);
            call.AgentUserId = null;
            if (next is { } retryAt)
            {
                // Back in line at the place the call had, once the retry delay has passed.
                call.State = CallState.Callback;
                call.CallbackNotBefore = retryAt;
            }
            else
            {
                call.State = CallState.CallbackFailed;
                call.EndedAt = at;
                await TellCustomerAsync(call, at, cancellationToken);
            }

            return null;
        }, cancellationToken);
    }

    /// <summary>
    /// A time the caller chose must be one the queue is open in their country (the customer's, else the number's):
    /// nobody is there to call back at night. The refusal names the next opening, for the switch to offer instead.
    /// </summary>
    private async Task<Failure?> ClosedAtAsync(QueueCall call, string number, DateTime wanted, CancellationToken cancellationToken)
    {
        var hours = CallQueues.Hours(await CallQueues.SettingsAsync(db, call.QueueId, cancellationToken));
        var customerCountry = call.CustomerId is { } customerId
            ? await db.Customers.Where(c => c.Id == customerId).Select(c => c.Jurisdiction).FirstOrDefaultAsync(cancellationToken)
            : null;
        var country = Jurisdictions.TryParse(customerCountry, out var known, out _) ? known : CallerNumbers.JurisdictionOf(number);
        if (country is not { } jurisdiction || hours.IsOpen(jurisdiction, wanted))
        {
            return null;
        }

        var opens = hours.NextOpening(jurisdiction, wanted);
        return new Failure.Invalid("callAt", $"The queue is closed at callAt ({TimeStamps.Write(wanted)}) for callers in {jurisdiction}; it opens again at {TimeStamps.Write(opens)}.");
    }

    private static string Description(QueueCall call, CallWait wait, DateTime? callAt)
    {
        var place = wait.Position is { } position ? string.Create(CultureInfo.InvariantCulture, $" as number {position} in line") : "";
        var when = callAt is { } chosen ? $" at {TimeStamps.Write(chosen)}, as the caller chose" : " when their place's turn comes";
        var reason = call.Reason is null ? "" : $" about: {call.Reason}";
        return Clip($"Call back on {call.CallbackNumber}{when}{reason}. The call entered {TimeStamps.Write(call.EnteredAt)}{place}; the callback keeps that place.", PromiseRecord.MaxDescriptionLength);
    }

    /// <param name="agentName">Who the attempt was dispatched to, as the timeline names people.</param>
    private void RecordAttempt(QueueCall call, CallbackOutcome outcome, DateTime at, int attempts, DateTime? next, string? agentName)
    {
        if (call.CustomerId is not { } customerId)
        {
            return;
        }

        var (detail, detailText) = next is { } retryAt
            ? ($"Next attempt from {TimeStamps.Write(retryAt)}, at the callback's place in line.", StoredText.Of("Timeline.Callback.NextAttempt", StoredText.Value(TimeStamps.Write(retryAt))))
            : ("No attempt left: the customer is told, and the callback is still owed.", StoredText.Of("Timeline.Callback.NoAttemptLeft"));
        db.TimelineEntries.Add(new TimelineEntry
        {
            CustomerId = customerId,
            At = at,
            Kind = TimelineEntryKind.Promise,
            Channel = InteractionChannel.Phone.ToWireName(),
            Title = Clip(string.Create(CultureInfo.InvariantCulture, $"Callback attempt {call.CallbackAttempts} of {attempts} to {call.CallbackNumber}: {outcome.ToWireName()}"), 300),
            Detail = detail,
            ActorName = Clip(agentName ?? PromiseEvents.WatcherName, 200),
            SourceId = call.CallbackPromiseId?.ToString() ?? call.Id.ToString(),
        }.Says(
            StoredText.Of("Timeline.Callback.Attempt", StoredText.Value(call.CallbackAttempts), StoredText.Value(attempts), StoredText.Value(call.CallbackNumber),
                StoredText.Code("CallbackOutcome", outcome.ToWireName())),
            detailText));
    }

    /// <summary>After the last attempt: the customer hears we tried, in their language, by SMS to the number we called.</summary>
    private async Task TellCustomerAsync(QueueCall call, DateTime at, CancellationToken cancellationToken)
    {
        if (call.CustomerId is not { } customerId || call.CallbackNumber is not { } number)
        {
            return;
        }

        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == customerId)
            .Select(c => new { c.Name, c.Jurisdiction, c.PreferredLanguage }).SingleAsync(cancellationToken);
        var voice = voices.For(customer.PreferredLanguage, customer.Jurisdiction);
        MessageOutbox.Queue(db, new NewMessage(customerId, customer.Name, MessageTypes.Sms, number, voice["Callback.Missed.Subject"],
            voice.Text("Callback.Missed.Body", call.CallbackAttempts, voice.Time(at)), MessagePurposes.CallbackMissed) { Language = voice.Language }, at);
    }
}
