using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Compensation;
using Touchpoint.Domain.Contracts;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Feedback;
using Touchpoint.Domain.Interactions;
using Touchpoint.Domain.Leaving;
using Touchpoint.Domain.Subscriptions;
using Touchpoint.Features.Contracts;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Feedback;
using Touchpoint.Features.Interactions;
using Touchpoint.Features.Languages;
using Touchpoint.Features.Messages;
using Touchpoint.Features.Promises;
using Touchpoint.Features.Subscriptions;
using Touchpoint.Hosting;
using static Touchpoint.Domain.Platform.TextLimits;

namespace Touchpoint.Features.Leaving;

/// <summary>Who confirmed a termination, and where its confirmation goes (an address on file; null: to the customer's e-mail, else phone, on file).</summary>
public sealed record LeavingRequester(string Name, string? ConfirmationType = null, string? ConfirmationAddress = null);

/// <summary>
/// Cancellation and withdrawal of a subscription in every channel (S0-5, S4-1, TP-2), withdrawal from a change sold on
/// its own (CRD-9, <c>LeavingCommands.Changes.cs</c>), ending free of cost when the service does not conform (EU-105-5,
/// <c>LeavingCommands.EndWithoutCost.cs</c>), and withdrawing a cancellation (S1-5, TP-1). The contract rule book
/// decides every date; nothing here can refuse what the law allows. Each change goes on the customer's timeline with
/// its channel and effective date, and the customer gets a confirmation with date and time, in one transaction.
/// </summary>
/// <remarks>
/// One partial file per use case (<c>.Cancel</c>, <c>.Withdraw</c>, <c>.Changes</c>, <c>.EndWithoutCost</c>,
/// <c>.Revoke</c>, <c>.RetentionOffer</c>); what they share (loading, the confirmation, the timeline entry) is here.
/// </remarks>
public sealed partial class LeavingCommands(
    TouchpointDbContext db, TimeProvider clock, CurrentActor currentActor, ContractRuleBook rules, ContractSummaries summaries, CustomerVoices voices,
    SurveyScheduling surveys)
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

    /// <summary>The pending cancellation of a subscription, if there is one.</summary>
    public Task<Termination?> PendingAsync(Guid subscriptionId, bool tracked, CancellationToken cancellationToken)
    {
        var terminations = tracked ? db.Terminations : db.Terminations.AsNoTracking();
        return terminations.FirstOrDefaultAsync(t => t.SubscriptionId == subscriptionId && t.State == TerminationState.Pending, cancellationToken);
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
        return new LeavingChoices(subscription.Id, subscription.CustomerId, PlanName(subscription), subscription.Msisdn, subscription.Status.ToWireName(),
            subscription.MonthlyPrice, subscription.Plan?.Currency ?? jurisdiction.LocalCurrency().ToWireName(),
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

    /// <summary>A termination that ends the subscription, added; how leaving went is asked afterwards (S1-6).</summary>
    private void AddLeaving(Termination termination, DateTime now)
    {
        db.Terminations.Add(termination);
        surveys.Schedule(db, new SurveyOccasion(SurveyTrigger.Termination, termination.CustomerId, termination.Id, termination.Reference,
            currentActor.Get().UserId, null, null, termination.Channel.ToWireName()), now);
    }

    private Termination NewTermination(
        Subscription subscription, TerminationKind kind, InteractionChannel channel, LeavingRequester? requester, DateTime now,
        DateOnly effectiveDate, IReadOnlyList<string> ruleIds, string explanation, string? declinedOffer) => new()
        {
            Reference = NewReference(now),
            CustomerId = subscription.CustomerId,
            SubscriptionId = subscription.Id,
            Kind = kind,
            Channel = channel,
            RequestedByName = Clip(requester?.Name ?? currentActor.Get().DisplayName, 200),
            RequestedAt = now,
            EffectiveDate = effectiveDate,
            RuleIds = string.Join(',', ruleIds),
            Explanation = Clip(explanation, 1000),
            State = TerminationState.Pending,
            BindingEndBefore = subscription.BindingEndDate,
            StatusBefore = subscription.Status,
            DeclinedRetentionOffer = string.IsNullOrEmpty(declinedOffer) ? null : declinedOffer,
        };

    /// <summary>
    /// The confirmation the customer keeps (CRD-11a, DE-312k): to the verified address, else the e-mail, else the phone on
    /// file; in the customer's language, written by <paramref name="write"/> (subject, then text).
    /// </summary>
    private void Confirm(Customer customer, Termination termination, LeavingRequester? requester, DateTime now, Func<CustomerVoice, (string Subject, string Content)> write)
    {
        var contact = requester is { ConfirmationType: { } given, ConfirmationAddress: { } to }
            ? (given, to)
            : MessageOutbox.ContactOnFile(customer.Identities);
        if (contact is not var (type, address))
        {
            // Nowhere on file to write to: the timeline and the reference the agent reads out are the confirmation.
            return;
        }

        var voice = voices.For(customer.PreferredLanguage, customer.Jurisdiction);
        var (subject, content) = write(voice);
        MessageOutbox.Queue(db, new NewMessage(customer.Id, customer.Name, type, address, $"{subject} ({termination.Reference})", content,
            MessagePurposes.LeavingConfirmation) { Language = voice.Language }, now);
    }

    private void AddTimeline(Termination termination, DateTime at, string title, string detail, InteractionChannel? channel, StoredText titleText) =>
        db.TimelineEntries.Add(new TimelineEntry
        {
            CustomerId = termination.CustomerId,
            At = at,
            Kind = TimelineEntryKind.SubscriptionChange,
            Channel = channel?.ToWireName(),
            Title = Clip(title, 300),
            Detail = Clip(detail, 4000),
            ActorName = Clip(currentActor.Get() is { UserId: null } ? termination.RequestedByName : currentActor.Get().DisplayName, 200),
            SourceId = termination.SubscriptionId.ToString(),
        }.Says(titleText));

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

    /// <summary>What a cancellation and a withdrawal both take: where the customer asked, and an offer they declined.</summary>
    private static bool TryLeavingRequest(
        string? channelText, string? declinedOfferText, out InteractionChannel channel, out string? declinedOffer, out Failure failure)
    {
        declinedOffer = declinedOfferText?.Trim();
        if (!TryChannel(channelText, out channel, out failure))
        {
            return false;
        }

        if (declinedOffer is { Length: > MaxOfferLength })
        {
            failure = new Failure.Invalid("declinedRetentionOffer", $"declinedRetentionOffer is at most {MaxOfferLength} characters.");
            return false;
        }

        return true;
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
}
