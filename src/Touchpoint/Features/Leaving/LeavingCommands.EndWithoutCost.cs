using Microsoft.EntityFrameworkCore;
using Touchpoint.Domain.Contracts;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Interactions;
using Touchpoint.Domain.Leaving;
using Touchpoint.Domain.Subscriptions;
using Touchpoint.Features.Languages;
using Touchpoint.Features.Contracts;
using Touchpoint.Features.Promises;
using Touchpoint.Features.Subscriptions;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Leaving;

/// <param name="Channel">Where the customer asked (TP-2).</param>
/// <param name="FindingId">The finding to rest on; the newest one that allows it when left out.</param>
/// <param name="EffectiveDate">A later day the customer wishes to leave on; today when left out.</param>
public sealed record EndWithoutCostInput(string? Channel, Guid? FindingId = null, DateOnly? EffectiveDate = null);

/// <summary>
/// Ending free of cost when the service does not conform to the contract (EU-105-5, S3-1): on the strength of a recorded
/// finding that allows it, the subscription ends today (or on a later day the customer chooses) with no fee and nothing
/// of its binding; device instalments follow the rules file.
/// </summary>
public sealed partial class LeavingCommands
{
    private async Task<EndWithoutCostOption> EndWithoutCostOptionAsync(Subscription subscription, Jurisdiction jurisdiction, DateOnly today, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> ruleIds = [NonConformityKinds.RuleId];
        if (subscription.Status == SubscriptionStatus.Terminated)
        {
            return new EndWithoutCostOption(false, null, null, false, null, ruleIds, "The subscription has ended.");
        }

        var finding = await AllowingFindingAsync(subscription.Id, cancellationToken);
        if (finding is null)
        {
            return new EndWithoutCostOption(false, null, null, false, null, ruleIds, NoFinding);
        }

        var decision = rules.EndWithoutCost(subscription.ToContractFacts(jurisdiction), today);
        return new EndWithoutCostOption(true, finding.Id, decision.EffectiveDate, decision.BindingWaived, decision.DeviceInstalments.ToWireName(),
            decision.RuleIds, $"{finding.Explanation} {decision.Explanation}");
    }

    public async Task<Outcome<Termination>> EndWithoutCostAsync(
        Guid subscriptionId, EndWithoutCostInput input, LeavingRequester? requester, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!TryChannel(input.Channel, out var channel, out var channelFailure))
        {
            return channelFailure;
        }

        var today = Today;
        if (input.EffectiveDate < today)
        {
            return new Failure.Invalid("effectiveDate", $"effectiveDate {Iso(input.EffectiveDate.Value)} is in the past; the contract ends today at the earliest.");
        }

        var loaded = await LoadAsync(subscriptionId, tracked: true, cancellationToken);
        if (loaded is null)
        {
            return NotFound(subscriptionId);
        }

        var (subscription, customer, jurisdiction) = loaded;
        if (!SubscriptionLifecycle.CanMove(subscription.Status, SubscriptionStatus.Terminated))
        {
            return new Failure.Conflict($"This subscription has already ended ({subscription.Status.ToWireName()}).", new Dictionary<string, object?> { ["status"] = subscription.Status.ToWireName() });
        }

        NonConformityFinding? finding;
        if (input.FindingId is { } findingId)
        {
            finding = await db.NonConformityFindings.AsNoTracking().FirstOrDefaultAsync(f => f.Id == findingId && f.SubscriptionId == subscription.Id, cancellationToken);
            if (finding is null)
            {
                return new Failure.Invalid("findingId", $"'{findingId}' is not a finding recorded for this subscription.");
            }

            if (!finding.EndsWithoutCost)
            {
                return NotConforming(finding.Explanation);
            }
        }
        else if ((finding = await AllowingFindingAsync(subscription.Id, cancellationToken)) is null)
        {
            return NotConforming(NoFinding);
        }

        var decision = rules.EndWithoutCost(subscription.ToContractFacts(jurisdiction), today, input.EffectiveDate);
        var now = Now;
        var endsToday = decision.EffectiveDate == today;
        var termination = NewTermination(subscription, TerminationKind.EndWithoutCost, channel, requester, now, decision.EffectiveDate,
            decision.RuleIds, decision.Explanation, null);
        termination.FindingId = finding.Id;

        // The transaction of a caller (the self-service confirm) is used when there is one.
        var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await using (transaction)
        {
            if (await PendingAsync(subscription.Id, tracked: true, cancellationToken) is { } pending)
            {
                // A cancellation with notice is overtaken: nothing of it applies once the contract may end free of cost.
                pending.State = TerminationState.Revoked;
                pending.RevokedAt = now;
                pending.RevokedAtRequestOf = RequestedByCustomer;
                pending.RevokedVia = channel;
                pending.DueAt = null;
                subscription.Status = pending.StatusBefore;
                termination.StatusBefore = pending.StatusBefore;

                // Saved first: a subscription has at most one pending termination, and the new one may be pending too.
                await db.SaveChangesAsync(cancellationToken);
            }

            if (endsToday)
            {
                termination.State = TerminationState.Completed;
                termination.CompletedAt = now;
                subscription.Status = SubscriptionStatus.Terminated;
            }
            else
            {
                termination.DueAt = decision.EffectiveDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
                subscription.Status = SubscriptionStatus.PendingTerminate;
            }

            subscription.UpdatedAt = now;
            AddLeaving(termination, now);
            await PromiseFlags.SubscriptionEndingAsync(db, subscription, termination.EffectiveDate, orderId: null, now, cancellationToken);
            var plan = PlanName(subscription);
            AddTimeline(termination, now, $"{plan} {(endsToday ? "ended" : "ends")} without cost ({string.Join(", ", decision.RuleIds)}): {Iso(decision.EffectiveDate)}",
                $"Asked {PromiseEvents.Via(channel)}; reference {termination.Reference}. {finding.Explanation} {decision.Explanation}", channel,
                StoredText.Of(endsToday ? "Timeline.Leaving.EndedWithoutCost" : "Timeline.Leaving.EndsWithoutCost", StoredText.Value(plan),
                    StoredText.Value(string.Join(", ", decision.RuleIds)), StoredText.Value(Iso(decision.EffectiveDate))));
            Confirm(customer, termination, requester, now, voice => (
                voice["Message.EndedWithoutCost.Subject"],
                voice.Text("Message.EndedWithoutCost.Body", voice.Time(now), $"{plan}{Number(subscription)}", voice.Date(decision.EffectiveDate),
                    $"{LeavingTexts.FindingReason(voice, finding, subscription)} {voice["Leave.EndWithoutCost.Why"]} {voice.LawSentence(decision.RuleIds)}".TrimEnd(), termination.Reference)));
            await db.SaveChangesAsync(cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }

        return termination;
    }

    private const string NoFinding =
        "No finding on record lets this subscription end free of cost. Record what was found — a coverage check at its address, " +
        "measured speeds or its fault history — and the rules decide (EU-105-5).";

    /// <summary>The newest finding that lets the subscription end free of cost; a later finding that does not never takes that right away.</summary>
    private Task<NonConformityFinding?> AllowingFindingAsync(Guid subscriptionId, CancellationToken cancellationToken) =>
        db.NonConformityFindings.AsNoTracking().Where(f => f.SubscriptionId == subscriptionId && f.EndsWithoutCost)
            .OrderByDescending(f => f.Id).FirstOrDefaultAsync(cancellationToken);

    private static Failure.Conflict NotConforming(string explanation) =>
        new(explanation, new Dictionary<string, object?> { ["ruleIds"] = new[] { NonConformityKinds.RuleId } });
}
