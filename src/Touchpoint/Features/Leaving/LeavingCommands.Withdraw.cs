using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Contracts;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Interactions;
using Touchpoint.Domain.Leaving;
using Touchpoint.Domain.Subscriptions;
using Touchpoint.Features.Contracts;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Interactions;
using Touchpoint.Features.Languages;
using Touchpoint.Features.Promises;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Leaving;

/// <param name="Change">A change of the subscription to withdraw from (its order item id, see <see cref="LeavingChoices.Changes"/>); without it the subscription itself.</param>
public sealed record WithdrawInput(string? Channel, string? DeclinedRetentionOffer = null, Guid? Change = null);

public sealed partial class LeavingCommands
{
    public async Task<Outcome<Termination>> WithdrawAsync(Guid subscriptionId, WithdrawInput input, LeavingRequester? requester, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!TryLeavingRequest(input.Channel, input.DeclinedRetentionOffer, out var channel, out var offer, out var requestFailure))
        {
            return requestFailure;
        }

        if (input.Change is { } change)
        {
            return await WithdrawChangeAsync(subscriptionId, change, channel, offer, requester, cancellationToken);
        }

        var loaded = await LoadAsync(subscriptionId, tracked: true, cancellationToken);
        if (loaded is null)
        {
            return NotFound(subscriptionId);
        }

        var (subscription, customer, jurisdiction) = loaded;
        var today = Today;
        if (!SubscriptionLifecycle.CanMove(subscription.Status, SubscriptionStatus.Terminated))
        {
            return new Failure.Conflict($"This subscription has already ended ({subscription.Status.ToWireName()}).", new Dictionary<string, object?> { ["status"] = subscription.Status.ToWireName() });
        }

        var decision = rules.Withdrawal(subscription.ToContractFacts(jurisdiction), today);
        if (!decision.IsOpen)
        {
            // Refused by the law, not by anyone's choice: the reason names the rule, and cancelling with notice stays open,
            // as does withdrawing a change sold on its own.
            var openChanges = (await ChangeOptionsAsync(subscription, jurisdiction, today, cancellationToken)).Where(c => c.IsOpen).ToList();
            var changesHint = openChanges.Count == 0
                ? ""
                : $" A change of it can still be withdrawn on its own: {string.Join("; ", openChanges.Select(c => $"the {c.Description} of {Iso(c.SoldOn)}, until {Iso(c.OpenUntil!.Value)}"))} (give it as change).";
            return new Failure.Conflict($"{decision.Explanation} ({string.Join(", ", decision.RuleIds)}){changesHint}", new Dictionary<string, object?>
            {
                ["ruleIds"] = decision.RuleIds,
                ["openUntil"] = decision.OpenUntil is { } until ? Iso(until) : null,
                ["openChanges"] = openChanges.Select(c => c.ChangeId).ToList(),
            });
        }

        var now = Now;
        // A cancellation already pending is overtaken: the withdrawal ends the contract today.
        if (await PendingAsync(subscription.Id, tracked: true, cancellationToken) is { } pending)
        {
            pending.State = TerminationState.Revoked;
            pending.RevokedAt = now;
            pending.RevokedAtRequestOf = RequestedByCustomer;
            pending.RevokedVia = channel;
            pending.DueAt = null;
        }

        var termination = NewTermination(subscription, TerminationKind.Withdrawal, channel, requester, now, today, decision.RuleIds, decision.Explanation, offer);
        termination.State = TerminationState.Completed;
        termination.CompletedAt = now;
        subscription.Status = SubscriptionStatus.Terminated;
        subscription.UpdatedAt = now;
        AddLeaving(termination, now);
        await PromiseFlags.SubscriptionEndingAsync(db, subscription, termination.EffectiveDate, orderId: null, now, cancellationToken);
        AddTimeline(termination, now, $"Withdrawal from {PlanName(subscription)} (cooling-off): ended {Iso(today)}",
            $"Asked {PromiseEvents.Via(channel)}; reference {termination.Reference}. {decision.Explanation}{OfferText(offer)}", channel,
            StoredText.Of("Timeline.Leaving.Withdrawn", StoredText.Value(PlanName(subscription)), StoredText.Value(Iso(today))));
        Confirm(customer, termination, requester, now, voice => (
            voice["Message.Withdrawn.Subject"],
            $"{voice.Text("Message.Withdrawn.Body", voice.Time(now), $"{PlanName(subscription)}{Number(subscription)}", voice.Date(today), termination.Reference)} {voice.LawSentence(decision.RuleIds)}".TrimEnd()));
        await db.SaveChangesAsync(cancellationToken);
        return termination;
    }
}
