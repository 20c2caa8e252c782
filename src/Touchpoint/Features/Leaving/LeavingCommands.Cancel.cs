using Microsoft.EntityFrameworkCore;
using Touchpoint.Domain.Contracts;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Interactions;
using Touchpoint.Domain.Leaving;
using Touchpoint.Domain.Subscriptions;
using Touchpoint.Features.Contracts;
using Touchpoint.Features.Interactions;
using Touchpoint.Features.Languages;
using Touchpoint.Features.Promises;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Leaving;

/// <param name="Channel">Where the customer asked: phone, chat, store, web … (TP-2: every channel can cancel).</param>
/// <param name="EffectiveDate">A later day the customer wishes to leave on; the earliest lawful day when left out.</param>
/// <param name="DeclinedRetentionOffer">A retention offer made before confirming, which the customer declined.</param>
public sealed record CancelInput(string? Channel, DateOnly? EffectiveDate = null, string? DeclinedRetentionOffer = null);

public sealed partial class LeavingCommands
{
    public async Task<Outcome<Termination>> CancelAsync(Guid subscriptionId, CancelInput input, LeavingRequester? requester, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!TryLeavingRequest(input.Channel, input.DeclinedRetentionOffer, out var channel, out var offer, out var requestFailure))
        {
            return requestFailure;
        }

        var today = Today;
        if (input.EffectiveDate < today)
        {
            return new Failure.Invalid("effectiveDate", $"effectiveDate {Iso(input.EffectiveDate.Value)} is in the past; a cancellation takes effect today at the earliest.");
        }

        var loaded = await LoadAsync(subscriptionId, tracked: true, cancellationToken);
        if (loaded is null)
        {
            return NotFound(subscriptionId);
        }

        var (subscription, customer, jurisdiction) = loaded;
        if (subscription.Status == SubscriptionStatus.PendingTerminate)
        {
            var pending = await PendingAsync(subscription.Id, tracked: false, cancellationToken);
            return new Failure.Conflict(pending is null
                ? "This subscription is already being terminated."
                : $"This subscription is already cancelled (reference {pending.Reference}); it ends on {Iso(pending.EffectiveDate)}.");
        }

        if (!SubscriptionLifecycle.CanMove(subscription.Status, SubscriptionStatus.PendingTerminate))
        {
            return new Failure.Conflict($"A {subscription.Status.ToWireName()} subscription cannot be cancelled.", new Dictionary<string, object?> { ["status"] = subscription.Status.ToWireName() });
        }

        var decision = rules.Leaving(subscription.ToContractFacts(jurisdiction), today, input.EffectiveDate);
        if (input.EffectiveDate is { } wished && wished != decision.EffectiveDate)
        {
            var earliest = rules.Leaving(subscription.ToContractFacts(jurisdiction), today).EffectiveDate;
            return new Failure.Invalid("effectiveDate",
                $"effectiveDate {Iso(wished)} is too early: the earliest lawful day is {Iso(earliest)} ({string.Join(", ", decision.RuleIds)}).");
        }

        var now = Now;
        var termination = NewTermination(subscription, TerminationKind.Cancellation, channel, requester, now, decision.EffectiveDate,
            decision.RuleIds, decision.Explanation, offer);
        termination.DueAt = decision.EffectiveDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        subscription.Status = SubscriptionStatus.PendingTerminate;
        subscription.UpdatedAt = now;
        AddLeaving(termination, now);
        await PromiseFlags.SubscriptionEndingAsync(db, subscription, termination.EffectiveDate, orderId: null, now, cancellationToken);
        AddTimeline(termination, now, $"Cancellation of {PlanName(subscription)} confirmed: ends {Iso(decision.EffectiveDate)}",
            $"Asked {PromiseEvents.Via(channel)}; reference {termination.Reference}. {decision.Explanation}{OfferText(offer)}", channel,
            StoredText.Of("Timeline.Leaving.Cancelled", StoredText.Value(PlanName(subscription)), StoredText.Value(Iso(decision.EffectiveDate))));
        Confirm(customer, termination, requester, now, voice => (
            voice["Message.Cancelled.Subject"],
            voice.Text("Message.Cancelled.Body", voice.Time(now), $"{PlanName(subscription)}{Number(subscription)}", voice.Date(decision.EffectiveDate),
                termination.Reference, $"{LeavingTexts.CancellationReason(voice, CancellationOption.Of(decision))} {voice.LawSentence(decision.RuleIds)}".TrimEnd())));
        await db.SaveChangesAsync(cancellationToken);
        return termination;
    }
}
