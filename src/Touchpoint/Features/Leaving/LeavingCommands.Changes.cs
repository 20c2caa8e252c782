using Microsoft.EntityFrameworkCore;
using Touchpoint.Domain.Contracts;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Interactions;
using Touchpoint.Domain.Leaving;
using Touchpoint.Domain.Orders;
using Touchpoint.Domain.Subscriptions;
using Touchpoint.Features.Languages;
using Touchpoint.Features.Catalogue;
using Touchpoint.Features.Orders;
using Touchpoint.Features.Promises;
using Touchpoint.Features.Subscriptions;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Leaving;

/// <summary>
/// Withdrawal from a change sold on its own (CRD-9, CRD-10): a plan change, upgrade, new price or binding sold by phone,
/// on the web or off the premises is withdrawn within its own period, whatever the subscription's first sale was.
/// Withdrawing it puts back the plan, price and binding from before it; the subscription stays as it is, never ended.
/// </summary>
public sealed partial class LeavingCommands
{
    /// <summary>How many changes the choices list: the newest, where any withdrawal right still open is.</summary>
    public const int ChangesListed = 5;


    private async Task<List<ChangeWithdrawalOption>> ChangeOptionsAsync(Subscription subscription, Jurisdiction jurisdiction, DateOnly today, CancellationToken cancellationToken)
    {
        var inEffect = await ChangesInEffectAsync(subscription.Id, tracked: false, cancellationToken);
        var changes = inEffect.Select(c => c.ToChange()).ToList();
        return [.. inEffect.AsEnumerable().Reverse().Take(ChangesListed).Select(applied =>
        {
            var item = applied.Item;
            var decision = rules.WithdrawalOfChange(jurisdiction, applied.ToChange(), today);
            var effect = ContractChanges.Withdraw(changes, item.Id);
            return new ChangeWithdrawalOption(
                item.Id, item.OrderId, OrderTimeline.Describe(item), item.SoldVia, item.SoldByName, applied.SoldOn,
                decision.IsOpen, decision.OpenUntil, decision.RuleIds, decision.Explanation, applied.Restores(), [.. effect.Undone.Skip(1)],
                OrderedTerms.Of(item, applied.PreviousPlan.Currency));
        })];
    }

    private async Task<Outcome<Termination>> WithdrawChangeAsync(
        Guid subscriptionId, Guid changeId, InteractionChannel channel, string? offer, LeavingRequester? requester, CancellationToken cancellationToken)
    {
        var loaded = await LoadAsync(subscriptionId, tracked: true, cancellationToken);
        if (loaded is null)
        {
            return NotFound(subscriptionId);
        }

        var (subscription, customer, jurisdiction) = loaded;
        if (subscription.Status == SubscriptionStatus.Terminated)
        {
            return new Failure.Conflict($"This subscription has already ended ({subscription.Status.ToWireName()}); there is no change left to withdraw from.",
                new Dictionary<string, object?> { ["status"] = subscription.Status.ToWireName() });
        }

        var inEffect = await ChangesInEffectAsync(subscription.Id, tracked: true, cancellationToken);
        var applied = inEffect.FirstOrDefault(c => c.Item.Id == changeId);
        if (applied is null)
        {
            var earlier = await db.ProductOrderItems.AsNoTracking()
                .Where(i => i.Id == changeId && i.SubscriptionId == subscription.Id && i.WithdrawalId != null)
                .Select(i => db.Terminations.Where(t => t.Id == i.WithdrawalId).Select(t => t.Reference).FirstOrDefault())
                .FirstOrDefaultAsync(cancellationToken);
            return earlier is not null
                ? new Failure.Conflict($"This change was already withdrawn (reference {earlier}).", new Dictionary<string, object?> { ["reference"] = earlier })
                : new Failure.Invalid("change", $"'{changeId}' is not a change of this subscription still in effect; the subscription's leaving choices list them.");
        }

        var changes = inEffect.Select(c => c.ToChange()).ToList();
        var change = changes.Single(c => c.Id == changeId);
        var decision = rules.WithdrawalOfChange(jurisdiction, change, Today);
        if (!decision.IsOpen)
        {
            // Refused by the law, not by anyone's choice: the reason names the rule.
            return new Failure.Conflict($"{decision.Explanation} ({string.Join(", ", decision.RuleIds)})", new Dictionary<string, object?>
            {
                ["ruleIds"] = decision.RuleIds,
                ["openUntil"] = decision.OpenUntil is { } until ? Iso(until) : null,
            });
        }

        var now = Now;
        var effect = ContractChanges.Withdraw(changes, changeId);
        var changedPlan = PlanName(subscription);
        var termination = NewTermination(subscription, TerminationKind.ChangeWithdrawal, channel, requester, now, Today, decision.RuleIds, decision.Explanation, offer);
        termination.State = TerminationState.Completed;
        termination.CompletedAt = now;
        termination.OrderItemId = changeId;
        db.Terminations.Add(termination);
        foreach (var undone in inEffect.Select(c => c.Item).Where(i => effect.Undone.Contains(i.Id)))
        {
            undone.WithdrawnAt = now;
            undone.WithdrawalId = termination.Id;
        }

        var item = applied.Item;
        var restored = applied.Restores();
        subscription.PlanId = effect.Restored.PlanId;
        subscription.Plan = await db.Plans.FirstAsync(p => p.Id == effect.Restored.PlanId, cancellationToken);
        subscription.MonthlyPrice = effect.Restored.MonthlyPrice;
        subscription.BindingEndDate = effect.Restored.BindingEnd;
        subscription.UpdatedAt = now;

        // EU-102: the contract as it stands again gets its summary, as any changed contract does.
        await summaries.IssueAsync(db, subscription, "Change withdrawn", cancellationToken);

        var description = OrderTimeline.Describe(item);
        var alsoUndone = effect.Undone.Count > 1
            ? $" Later changes made on top of it go with it: {string.Join(", ", inEffect.Select(c => c.Item).Where(i => effect.Undone.Skip(1).Contains(i.Id)).Select(OrderTimeline.Describe))}."
            : "";
        AddTimeline(termination, now, $"Change withdrawn (cooling-off): {description}; back to {restored.PlanName}",
            $"Asked {PromiseEvents.Via(channel)}; reference {termination.Reference}. {decision.Explanation} Now {restored.Describe()}; " +
            $"the subscription stays {subscription.Status.ToWireName()}.{alsoUndone}{OfferText(offer)}", channel,
            StoredText.Of("Timeline.Leaving.ChangeWithdrawn", StoredText.Value(description), StoredText.Value(restored.PlanName)));
        Confirm(customer, termination, requester, now, voice => (
            voice["Message.ChangeWithdrawn.Subject"],
            $"{voice.Text("Message.ChangeWithdrawn.Body", voice.Time(now), $"{changedPlan}{Number(subscription)}", voice.Date(change.SoldOn), LeavingTexts.Restores(voice, restored), termination.Reference)} {voice.LawSentence(decision.RuleIds)}".TrimEnd()));
        await db.SaveChangesAsync(cancellationToken);
        return termination;
    }

    /// <summary>A change as applied: its order item and the day it was sold (the order's date for an item placed before sales were recorded).</summary>
    private sealed record AppliedChange(ProductOrderItem Item, DateOnly SoldOn, Plan PreviousPlan)
    {
        public ContractChange ToChange() => new(
            Item.Id, SoldOn, OrderItemSales.ModeOf(Item), Item.WithdrawalInformationGiven,
            new ContractTerms(Item.PreviousPlanId!.Value, Item.PreviousMonthlyPrice ?? 0m, Item.PreviousBindingEndDate), Item.SoldToConsumer);

        public RestoredTerms Restores() => new(PreviousPlan.Code, PreviousPlan.Name, Item.PreviousMonthlyPrice ?? 0m, PreviousPlan.Currency, Item.PreviousBindingEndDate);
    }

    /// <summary>The subscription's changes still in effect, in the order they were applied (oldest first).</summary>
    private async Task<List<AppliedChange>> ChangesInEffectAsync(Guid subscriptionId, bool tracked, CancellationToken cancellationToken)
    {
        var items = tracked ? db.ProductOrderItems : db.ProductOrderItems.AsNoTracking();
        var changes = await items.Include(i => i.Plan)
            .Where(i => i.SubscriptionId == subscriptionId && i.PreviousPlanId != null && i.WithdrawnAt == null && i.State == OrderItemState.Completed)
            .ToListAsync(cancellationToken);
        if (changes.Count == 0)
        {
            return [];
        }

        var orderIds = changes.Select(i => i.OrderId).Distinct().ToList();
        var orders = await db.ProductOrders.AsNoTracking().Where(o => orderIds.Contains(o.Id))
            .Select(o => new { o.Id, o.OrderDate, o.CompletionDate }).ToDictionaryAsync(o => o.Id, cancellationToken);
        var planIds = changes.Select(i => i.PreviousPlanId!.Value).Distinct().ToList();
        var plans = await db.Plans.AsNoTracking().Where(p => planIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);

        // A change is made on top of those applied before it: the order of completion, not of placing, stacks them
        // (orders completed in the same instant by their ids, which grow with time).
        return [.. changes
            .OrderBy(i => orders[i.OrderId].CompletionDate ?? orders[i.OrderId].OrderDate).ThenBy(i => i.OrderId).ThenBy(i => i.Position)
            .Select(i => new AppliedChange(i, DateOnly.FromDateTime(i.SoldAt ?? orders[i.OrderId].OrderDate), plans[i.PreviousPlanId!.Value]))];
    }
}
