using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Contracts;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Interactions;
using Touchpoint.Domain.Subscriptions;
using Touchpoint.Features.Contracts;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Interactions;
using Touchpoint.Features.Messages;
using Touchpoint.Features.Promises;
using Touchpoint.Features.Subscriptions;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Leaving;

/// <param name="Channel">Where the customer asked: phone, chat, store, web … (TP-2: every channel can cancel).</param>
/// <param name="EffectiveDate">A later day the customer wishes to leave on; the earliest lawful day when left out.</param>
/// <param name="DeclinedRetentionOffer">A retention offer made before confirming, which the customer declined.</param>
public sealed record CancelInput(string? Channel, DateOnly? EffectiveDate = null, string? DeclinedRetentionOffer = null);

/// <param name="Change">A change of the subscription to withdraw from (its order item id, see <see cref="LeavingChoices.Changes"/>); without it the subscription itself.</param>
public sealed record WithdrawInput(string? Channel, string? DeclinedRetentionOffer = null, Guid? Change = null);

/// <param name="RequestedBy"><c>customer</c> or <c>operator</c>: at whose request the termination is withdrawn (S1-5).</param>
public sealed record RevokeTerminationInput(string? RequestedBy, string? Channel);

/// <param name="Accepted">True when the customer takes the offer and stays; false records it declined (one click).</param>
public sealed record RetentionOfferInput(string? Channel, string? Offer, bool? Accepted);

/// <summary>Who confirmed a termination, and where its confirmation goes (an address on file; null: to the customer's e-mail, else phone, on file).</summary>
public sealed record LeavingRequester(string Name, string? ConfirmationType = null, string? ConfirmationAddress = null);

/// <summary>
/// Cancellation and withdrawal of a subscription in every channel (S0-5, S4-1, TP-2), withdrawal from a change sold on
/// its own (CRD-9, <c>LeavingCommands.Changes.cs</c>), ending free of cost when the service does not conform (EU-105-5,
/// <c>LeavingCommands.EndWithoutCost.cs</c>), and withdrawing a cancellation (S1-5, TP-1). The contract rule book
/// decides every date; nothing here can refuse what the law allows. Each change goes on the customer's timeline with
/// its channel and effective date, and the customer gets a confirmation with date and time, in one transaction.
/// </summary>
public sealed partial class LeavingCommands(
    TouchpointDbContext db, TimeProvider clock, CurrentActor currentActor, ContractRuleBook rules, ContractSummaries summaries)
{
    public const int MaxOfferLength = 500;
    public const string RequestedByCustomer = "customer";
    public const string RequestedByOperator = "operator";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private DateOnly Today => DateOnly.FromDateTime(Now);

    public async Task<Outcome<LeavingChoices>> ChoicesAsync(Guid subscriptionId, CancellationToken cancellationToken)
    {
        var loaded = await LoadAsync(subscriptionId, tracked: false, cancellationToken);
        return loaded is null ? NotFound(subscriptionId) : await ChoicesAsync(loaded, cancellationToken);
    }

    public async Task<Outcome<Termination>> CancelAsync(Guid subscriptionId, CancelInput input, LeavingRequester? requester, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!TryChannel(input.Channel, out var channel, out var channelFailure))
        {
            return channelFailure;
        }

        var offer = input.DeclinedRetentionOffer?.Trim();
        if (offer is { Length: > MaxOfferLength })
        {
            return new Failure.Invalid("declinedRetentionOffer", $"declinedRetentionOffer is at most {MaxOfferLength} characters.");
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
        if (SubscriptionStatuses.TryParse(subscription.Status, out var status, out _) && status == SubscriptionStatus.PendingTerminate)
        {
            var pending = await PendingAsync(subscription.Id, tracked: false, cancellationToken);
            return new Failure.Conflict(pending is null
                ? "This subscription is already being terminated."
                : $"This subscription is already cancelled (reference {pending.Reference}); it ends on {Iso(pending.EffectiveDate)}.");
        }

        if (!SubscriptionLifecycle.CanMove(status, SubscriptionStatus.PendingTerminate))
        {
            return new Failure.Conflict($"A {subscription.Status} subscription cannot be cancelled.", new Dictionary<string, object?> { ["status"] = subscription.Status });
        }

        var decision = rules.Leaving(subscription.ToContractFacts(jurisdiction), today, input.EffectiveDate);
        if (input.EffectiveDate is { } wished && wished != decision.EffectiveDate)
        {
            var earliest = rules.Leaving(subscription.ToContractFacts(jurisdiction), today).EffectiveDate;
            return new Failure.Invalid("effectiveDate",
                $"effectiveDate {Iso(wished)} is too early: the earliest lawful day is {Iso(earliest)} ({string.Join(", ", decision.RuleIds)}).");
        }

        var now = Now;
        var termination = NewTermination(subscription, TerminationKinds.Cancellation, channel, requester, now, decision.EffectiveDate,
            decision.RuleIds, decision.Explanation, offer);
        termination.DueAt = decision.EffectiveDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        subscription.Status = SubscriptionStatus.PendingTerminate.ToWireName();
        subscription.UpdatedAt = now;
        db.Terminations.Add(termination);
        AddTimeline(termination, now, $"Cancellation of {PlanName(subscription)} confirmed: ends {Iso(decision.EffectiveDate)}",
            $"Asked {PromiseEvents.Via(channel)}; reference {termination.Reference}. {decision.Explanation}{OfferText(offer)}", channel);
        Confirm(customer, termination, requester, now,
            "Your cancellation is confirmed",
            $"We confirmed on {Iso(now)} at {Clock(now)} UTC that your subscription {PlanName(subscription)}{Number(subscription)} ends on {Iso(decision.EffectiveDate)}. " +
            $"Reference {termination.Reference}. {decision.Explanation} Changed your mind? Tell us before then and it runs on, on the same terms.");
        await db.SaveChangesAsync(cancellationToken);
        return termination;
    }

    public async Task<Outcome<Termination>> WithdrawAsync(Guid subscriptionId, WithdrawInput input, LeavingRequester? requester, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!TryChannel(input.Channel, out var channel, out var channelFailure))
        {
            return channelFailure;
        }

        var offer = input.DeclinedRetentionOffer?.Trim();
        if (offer is { Length: > MaxOfferLength })
        {
            return new Failure.Invalid("declinedRetentionOffer", $"declinedRetentionOffer is at most {MaxOfferLength} characters.");
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
        if (!SubscriptionStatuses.TryParse(subscription.Status, out var status, out _) || !SubscriptionLifecycle.CanMove(status, SubscriptionStatus.Terminated))
        {
            return new Failure.Conflict($"This subscription has already ended ({subscription.Status}).", new Dictionary<string, object?> { ["status"] = subscription.Status });
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
            pending.State = TerminationStates.Revoked;
            pending.RevokedAt = now;
            pending.RevokedAtRequestOf = RequestedByCustomer;
            pending.RevokedVia = channel.ToWireName();
            pending.DueAt = null;
        }

        var termination = NewTermination(subscription, TerminationKinds.Withdrawal, channel, requester, now, today, decision.RuleIds, decision.Explanation, offer);
        termination.State = TerminationStates.Completed;
        termination.CompletedAt = now;
        subscription.Status = SubscriptionStatus.Terminated.ToWireName();
        subscription.UpdatedAt = now;
        db.Terminations.Add(termination);
        AddTimeline(termination, now, $"Withdrawal from {PlanName(subscription)} (cooling-off): ended {Iso(today)}",
            $"Asked {PromiseEvents.Via(channel)}; reference {termination.Reference}. {decision.Explanation}{OfferText(offer)}", channel);
        Confirm(customer, termination, requester, now,
            "Your withdrawal is confirmed",
            $"We confirmed on {Iso(now)} at {Clock(now)} UTC that you withdrew from your subscription {PlanName(subscription)}{Number(subscription)}: " +
            $"it ended today, {Iso(today)}, and you pay nothing for it from today. Reference {termination.Reference}.");
        await db.SaveChangesAsync(cancellationToken);
        return termination;
    }

    /// <summary>
    /// Withdraws a pending cancellation at the customer's or the operator's request (S1-5): the subscription runs on
    /// with the binding end and notice it had before (TP-1) — never a new binding, never a longer notice.
    /// </summary>
    public async Task<Outcome<Termination>> RevokeAsync(Guid terminationId, RevokeTerminationInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.RequestedBy is not (RequestedByCustomer or RequestedByOperator))
        {
            return new Failure.Invalid("requestedBy", "requestedBy is required: customer or operator, at whose request the cancellation is withdrawn.");
        }

        if (!TryChannel(input.Channel, out var channel, out var channelFailure))
        {
            return channelFailure;
        }

        var termination = await db.Terminations.FirstOrDefaultAsync(t => t.Id == terminationId, cancellationToken);
        if (termination is null)
        {
            return new Failure.NotFound($"There is no termination with id '{terminationId}'.");
        }

        if (termination.State != TerminationStates.Pending)
        {
            return new Failure.Conflict(termination.State == TerminationStates.Completed
                ? $"Termination {termination.Reference} has taken effect; the subscription has ended."
                : $"Termination {termination.Reference} was already withdrawn.", new Dictionary<string, object?> { ["state"] = termination.State });
        }

        var loaded = await LoadAsync(termination.SubscriptionId, tracked: true, cancellationToken);
        var (subscription, _, jurisdiction) = loaded!;
        var now = Now;

        // TP-1: the contract after the withdrawal is the contract before the termination, as the rule book says.
        var before = subscription.ToContractFacts(jurisdiction) with { BindingEnd = termination.BindingEndBefore };
        var after = rules.AfterTerminationWithdrawn(before);
        subscription.BindingEndDate = after.BindingEnd;
        subscription.Status = termination.StatusBefore;
        subscription.UpdatedAt = now;
        termination.State = TerminationStates.Revoked;
        termination.RevokedAt = now;
        termination.RevokedAtRequestOf = input.RequestedBy;
        termination.RevokedVia = channel.ToWireName();
        termination.DueAt = null;

        var terms = rules.Leaving(after, Today);
        AddTimeline(termination, now, $"Cancellation of {PlanName(subscription)} withdrawn at the {input.RequestedBy}'s request",
            $"Asked {PromiseEvents.Via(channel)}; reference {termination.Reference}. The subscription runs on with the same terms: " +
            $"{(after.BindingEnd is { } end ? $"binding until {Iso(end)}" : "no binding")}, notice {terms.Notice} (TP-1). {terms.Explanation}", channel);
        await db.SaveChangesAsync(cancellationToken);
        return termination;
    }

    /// <summary>Records a retention offer made before the customer confirms; the customer may refuse it, and that is one click.</summary>
    public async Task<Outcome<TimelineEntry>> RecordRetentionOfferAsync(Guid subscriptionId, RetentionOfferInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!TryChannel(input.Channel, out var channel, out var channelFailure))
        {
            return channelFailure;
        }

        var offer = input.Offer?.Trim();
        if (string.IsNullOrEmpty(offer) || offer.Length > MaxOfferLength)
        {
            return new Failure.Invalid("offer", $"offer is required: what was offered, in the words used (at most {MaxOfferLength} characters).");
        }

        if (input.Accepted is not { } accepted)
        {
            return new Failure.Invalid("accepted", "accepted is required: true when the customer takes the offer, false when they decline it.");
        }

        var loaded = await LoadAsync(subscriptionId, tracked: false, cancellationToken);
        if (loaded is null)
        {
            return NotFound(subscriptionId);
        }

        var entry = new TimelineEntry
        {
            CustomerId = loaded.Subscription.CustomerId,
            At = Now,
            Kind = TimelineEntryKind.Offer.ToWireName(),
            Channel = channel.ToWireName(),
            Title = Clip($"Retention offer {(accepted ? "accepted" : "declined")}: {offer}", 300),
            Detail = accepted
                ? $"Offered {PromiseEvents.Via(channel)} when the customer wanted to leave {PlanName(loaded.Subscription)}; they took it and stay."
                : $"Offered {PromiseEvents.Via(channel)} when the customer wanted to leave {PlanName(loaded.Subscription)}; they declined.",
            ActorName = currentActor.Get().DisplayName,
            SourceId = subscriptionId.ToString(),
        };
        db.TimelineEntries.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        return entry;
    }

    /// <summary>The pending cancellation of a subscription, if there is one.</summary>
    public Task<Termination?> PendingAsync(Guid subscriptionId, bool tracked, CancellationToken cancellationToken)
    {
        var terminations = tracked ? db.Terminations : db.Terminations.AsNoTracking();
        return terminations.FirstOrDefaultAsync(t => t.SubscriptionId == subscriptionId && t.State == TerminationStates.Pending, cancellationToken);
    }

    public static async Task<List<TerminationView>> ViewsAsync(TouchpointDbContext db, IQueryable<Termination> terminations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await terminations
            .Select(t => new { Termination = t, Plan = db.Subscriptions.Where(s => s.Id == t.SubscriptionId).Select(s => s.Plan!.Name).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        return rows.Select(r => TerminationView.Of(r.Termination, r.Plan ?? "")).ToList();
    }

    private async Task<Outcome<LeavingChoices>> ChoicesAsync(Loaded loaded, CancellationToken cancellationToken)
    {
        var (subscription, _, jurisdiction) = loaded;
        var today = Today;
        var facts = subscription.ToContractFacts(jurisdiction);
        var pending = await PendingAsync(subscription.Id, tracked: false, cancellationToken);
        return new LeavingChoices(subscription.Id, subscription.CustomerId, PlanName(subscription), subscription.Msisdn, subscription.Status,
            WithdrawalOption.Of(rules.Withdrawal(facts, today), today), CancellationOption.Of(rules.Leaving(facts, today)),
            pending is null ? null : TerminationView.Of(pending, PlanName(subscription)),
            subscription.FreeTerminationUntil >= today ? subscription.FreeTerminationUntil : null,
            await ChangeOptionsAsync(subscription, jurisdiction, today, cancellationToken),
            await EndWithoutCostOptionAsync(subscription, jurisdiction, today, cancellationToken));
    }

    private sealed record Loaded(Subscription Subscription, Customer Customer, Jurisdiction Jurisdiction);

    private async Task<Loaded?> LoadAsync(Guid subscriptionId, bool tracked, CancellationToken cancellationToken)
    {
        var subscriptions = tracked ? db.Subscriptions : db.Subscriptions.AsNoTracking();
        var subscription = await subscriptions.Include(s => s.Plan).FirstOrDefaultAsync(s => s.Id == subscriptionId, cancellationToken);
        if (subscription is null)
        {
            return null;
        }

        var customer = await db.Customers.AsNoTracking().Include(c => c.Identities).FirstAsync(c => c.Id == subscription.CustomerId, cancellationToken);
        var jurisdiction = Jurisdictions.TryParse(customer.Jurisdiction, out var parsed, out _) ? parsed : Jurisdiction.SE;
        return new Loaded(subscription, customer, jurisdiction);
    }

    private Termination NewTermination(
        Subscription subscription, string kind, InteractionChannel channel, LeavingRequester? requester, DateTime now,
        DateOnly effectiveDate, IReadOnlyList<string> ruleIds, string explanation, string? declinedOffer) => new()
        {
            Reference = NewReference(now),
            CustomerId = subscription.CustomerId,
            SubscriptionId = subscription.Id,
            Kind = kind,
            Channel = channel.ToWireName(),
            RequestedByName = Clip(requester?.Name ?? currentActor.Get().DisplayName, 200),
            RequestedAt = now,
            EffectiveDate = effectiveDate,
            RuleIds = string.Join(',', ruleIds),
            Explanation = Clip(explanation, 1000),
            State = TerminationStates.Pending,
            BindingEndBefore = subscription.BindingEndDate,
            StatusBefore = subscription.Status,
            DeclinedRetentionOffer = string.IsNullOrEmpty(declinedOffer) ? null : declinedOffer,
        };

    /// <summary>The confirmation the customer keeps (CRD-11a, DE-312k): to the verified address, else the e-mail, else the phone on file.</summary>
    private void Confirm(Customer customer, Termination termination, LeavingRequester? requester, DateTime now, string subject, string content)
    {
        var contact = requester is { ConfirmationType: { } given, ConfirmationAddress: { } to }
            ? (given, to)
            : MessageOutbox.ContactOnFile(customer.Identities);
        if (contact is not var (type, address))
        {
            // Nowhere on file to write to: the timeline and the reference the agent reads out are the confirmation.
            return;
        }

        MessageOutbox.Queue(db, new NewMessage(customer.Id, customer.Name, type, address, $"{subject} ({termination.Reference})", content,
            MessagePurposes.LeavingConfirmation), now);
    }

    private void AddTimeline(Termination termination, DateTime at, string title, string detail, InteractionChannel? channel) =>
        db.TimelineEntries.Add(new TimelineEntry
        {
            CustomerId = termination.CustomerId,
            At = at,
            Kind = TimelineEntryKind.SubscriptionChange.ToWireName(),
            Channel = channel?.ToWireName(),
            Title = Clip(title, 300),
            Detail = Clip(detail, 4000),
            ActorName = Clip(currentActor.Get() is { UserId: null } ? termination.RequestedByName : currentActor.Get().DisplayName, 200),
            SourceId = termination.SubscriptionId.ToString(),
        });

    private static bool TryChannel(string? text, out InteractionChannel channel, out Failure failure)
    {
        if (InteractionChannels.TryParse(text, out channel, out var error))
        {
            failure = null!;
            return true;
        }

        failure = new Failure.Invalid("channel", text is null ? "channel is required: where the customer asked (phone, chat, store, web …)." : error);
        return false;
    }

    private static Failure.NotFound NotFound(Guid subscriptionId) => new($"There is no subscription with id '{subscriptionId}'.");

    /// <summary>A reference a customer can read out: the day and six letters or digits that cannot be mistaken for each other.</summary>
    private static string NewReference(DateTime now)
    {
        const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var random = RandomNumberGenerator.GetString(Alphabet, 6);
        return $"L-{now.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}-{random}";
    }

    internal static string PlanName(Subscription subscription) => subscription.Plan?.Name ?? "subscription";

    private static string Number(Subscription subscription) => subscription.Msisdn is { } msisdn ? $" ({msisdn})" : "";

    private static string OfferText(string? offer) => string.IsNullOrEmpty(offer) ? "" : $" A retention offer was made and declined: {offer}.";

    internal static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Iso(DateTime instant) => instant.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Clock(DateTime instant) => instant.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static string Clip(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
