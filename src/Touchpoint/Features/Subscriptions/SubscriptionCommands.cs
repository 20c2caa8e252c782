using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Contracts;
using Touchpoint.Domain.Coverage;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Interactions;
using Touchpoint.Domain.Subscriptions;
using Touchpoint.Features.Catalogue;
using Touchpoint.Features.Contracts;
using Touchpoint.Features.Coverage;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Interactions;
using Touchpoint.Features.Languages;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Subscriptions;

/// <param name="SoldVia">The channel the contract was concluded in (phone, web, store, …); decides the withdrawal right (CRD-9).</param>
/// <param name="WithdrawalInformationGiven">Whether the customer was told of the withdrawal right (default true; CRD-10).</param>
/// <param name="ClearEconomicBenefit">The binding is sold against a clear economic benefit (NO-1: up to 24 months then).</param>
public sealed record CreateSubscriptionInput(
    Guid? CustomerId, Guid? PlanId, string? PlanCode, string? Msisdn, AddressInput? ServiceAddress,
    decimal? MonthlyPrice, DateOnly? StartDate, int? BindingMonths, string? Status,
    string? SoldVia = null, bool? WithdrawalInformationGiven = null, bool? ClearEconomicBenefit = null);

public sealed class SubscriptionCommands(
    TouchpointDbContext db, TimeProvider clock, CurrentActor currentActor, ContractRuleBook rules, ContractSummaries summaries, CoverageChecker coverage)
{
    /// <summary>
    /// A sale: the plan's technology is qualified at the service address first (S3-1). The address is the
    /// subscription's own, else the customer's service address (where a mobile is mostly used, and where a fixed line
    /// is delivered when the sale names no other). A mobile subscription is not checked when neither has an address; a
    /// fixed one cannot be sold without an address. Anything but qualified is a conflict carrying the reason and the
    /// alternatives, and nothing is stored.
    /// </summary>
    public Task<Outcome<Subscription>> CreateAsync(CreateSubscriptionInput input, CancellationToken cancellationToken) =>
        CreateAsync(input, qualify: true, cancellationToken);

    /// <summary>
    /// Records a contract concluded before Touchpoint knew of it (history, demo data): not a sale, so not qualified —
    /// the story of S3 is exactly such a sale made without a check.
    /// </summary>
    public Task<Outcome<Subscription>> RecordExistingAsync(CreateSubscriptionInput input, CancellationToken cancellationToken) =>
        CreateAsync(input, qualify: false, cancellationToken);

    private async Task<Outcome<Subscription>> CreateAsync(CreateSubscriptionInput input, bool qualify, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (input.CustomerId is not { } customerId)
        {
            return new Failure.Invalid("customerId", "customerId is required.");
        }

        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == customerId, cancellationToken);
        if (customer is null)
        {
            return new Failure.Invalid("customerId", $"There is no customer with id '{customerId}'.");
        }

        if (customer.Status == CustomerStatus.Merged)
        {
            return new Failure.Invalid("customerId", $"Customer {customerId} was merged into {customer.MergedIntoId}.");
        }

        var plan = input.PlanId is { } planId
            ? await db.Plans.FirstOrDefaultAsync(p => p.Id == planId, cancellationToken)
            : await db.Plans.FirstOrDefaultAsync(p => p.Code == input.PlanCode, cancellationToken);
        if (plan is null)
        {
            return new Failure.Invalid(input.PlanId is null ? "planCode" : "planId", "There is no such plan.");
        }

        var built = Build(input, customer, plan, now, rules);
        if (built.Failure is { } invalid)
        {
            return invalid;
        }

        var subscription = built.Value!;
        if (subscription.Msisdn is { } msisdn)
        {
            if (await db.Subscriptions.AnyAsync(s => s.Msisdn == msisdn && s.Status != SubscriptionStatus.Terminated, cancellationToken))
            {
                return new Failure.Conflict($"The number {msisdn} is already in use on a live subscription.");
            }
        }

        var checkedAt = subscription.ServiceAddress ?? customer.ServiceAddress;
        if (qualify && checkedAt is null && !NetworkTechnologies.IsMobile(plan.Technology))
        {
            return new Failure.Invalid("serviceAddress", $"{plan.Code} is a {plan.Technology} line, delivered at an address: give the serviceAddress, where coverage is checked.");
        }

        if (qualify && checkedAt is not null)
        {
            var qualification = await coverage.QualifyAsync(checkedAt, plan.Technology, cancellationToken);
            if (!qualification.IsQualified)
            {
                var alternatives = await CoverageOffers.AlternativePlansAsync(db, qualification, checkedAt.Country, cancellationToken);
                return CoverageOffers.SaleRefused(plan.Code, qualification, alternatives);
            }
        }

        db.Subscriptions.Add(subscription);
        db.TimelineEntries.Add(TimelineEntryFor(subscription, plan, currentActor.Get().DisplayName, StartedAt(subscription, now)));
        subscription.Plan = plan;
        await summaries.IssueAsync(db, subscription, "New contract", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return subscription;
    }

    /// <summary>
    /// The rules once customer and plan are known, shared by the API and the import. Whether the number is
    /// already on a live subscription needs the database and is left to the caller.
    /// </summary>
    /// <param name="soldToConsumer">
    /// Whether it is a consumer sale when that was settled earlier (an order item, at placing); otherwise the customer's
    /// kind decides it now (TP-5).
    /// </param>
    public static Outcome<Subscription> Build(
        CreateSubscriptionInput input, Customer customer, Plan plan, DateTime now, ContractRuleBook rules, bool? soldToConsumer = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(rules);
        var today = DateOnly.FromDateTime(now);
        var jurisdiction = SubscriptionContracts.JurisdictionOf(customer);
        if (!plan.IsSoldIn(jurisdiction))
        {
            return new Failure.Invalid(input.PlanId is null ? "planCode" : "planId", plan.NotSoldIn(jurisdiction));
        }

        // The law of the customer's country first (EU-105-1, DK-1, NO-1, SE-1, FI-1, DE-1), as tightened by the operator's
        // rules, so a binding the law forbids is refused for that reason whatever the plan offers.
        var bindingMonths = input.BindingMonths ?? 0;
        var benefit = input.ClearEconomicBenefit ?? false;
        var consumer = soldToConsumer ?? ConsumerContracts.IsConsumerSale(customer.Kind);
        var bindingCheck = rules.CheckBinding(jurisdiction, bindingMonths, benefit, consumer);
        if (!bindingCheck.IsAllowed)
        {
            return new Failure.Invalid("bindingMonths", bindingCheck.Explanation);
        }

        if (!plan.BindingMonths.Contains(bindingMonths))
        {
            return new Failure.Invalid("bindingMonths", $"Plan {plan.Code} offers binding of {string.Join(", ", plan.BindingMonths)} months.");
        }

        // DE-1: a long binding only where the short one is offered too (checked here as well for a euro plan defined without a country).
        if (rules.CheckBindingOffer(jurisdiction, plan.BindingMonths, bindingMonths) is { IsAllowed: false } offer)
        {
            return new Failure.Invalid("bindingMonths", offer.Explanation);
        }

        if (customer.NeverOfferBinding && bindingMonths > 0)
        {
            return new Failure.Invalid("bindingMonths", "The customer never wants a binding period (their standing preference).");
        }

        string? soldVia = null;
        if (input.SoldVia is not null)
        {
            if (!InteractionChannels.TryParse(input.SoldVia, out var channel, out var channelError))
            {
                return new Failure.Invalid("soldVia", channelError);
            }

            soldVia = channel.ToWireName();
        }

        var status = SubscriptionStatus.Active;
        if (input.Status is not null && !SubscriptionStatuses.TryParse(input.Status, out status, out var statusError))
        {
            return new Failure.Invalid("status", statusError);
        }

        string? msisdn = null;
        if (input.Msisdn is not null)
        {
            if (!IdentityNormalizer.TryNormalize(IdentityKind.Msisdn, input.Msisdn, jurisdiction, out var normalized, out var msisdnError))
            {
                return new Failure.Invalid("msisdn", msisdnError);
            }

            msisdn = normalized;
        }

        Address? address = null;
        if (input.ServiceAddress is { } addressInput)
        {
            var validAddress = CustomerValidation.ValidateAddress("serviceAddress", addressInput);
            if (validAddress.Failure is { } invalid)
            {
                return invalid;
            }

            address = validAddress.Value;
        }

        if (msisdn is null && address is null)
        {
            return new Failure.Invalid("msisdn", "A subscription needs a phone number (msisdn) or a service address.");
        }

        if (input.MonthlyPrice is < 0)
        {
            return new Failure.Invalid("monthlyPrice", "monthlyPrice cannot be negative.");
        }

        var start = input.StartDate ?? today;
        var subscription = new Subscription
        {
            CustomerId = customer.Id,
            PlanId = plan.Id,
            Msisdn = msisdn,
            ServiceAddress = address,
            MonthlyPrice = input.MonthlyPrice ?? plan.MonthlyPrice,
            StartDate = start,
            BindingEndDate = bindingMonths == 0 ? null : start.AddMonths(bindingMonths),
            SoldVia = soldVia,
            WithdrawalInformationGiven = input.WithdrawalInformationGiven ?? true,
            ClearEconomicBenefit = benefit && bindingMonths > 0,
            SoldToConsumer = consumer,
            Status = status,
            CreatedAt = now,
            UpdatedAt = now,
        };
        return subscription;
    }

    /// <summary>A subscription recorded late (history, an import) sits on the timeline where it began, never in the future.</summary>
    public static DateTime StartedAt(Subscription subscription, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var start = subscription.StartDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        return start < now ? start : now;
    }

    /// <summary>The timeline entry of a started subscription.</summary>
    public static TimelineEntry TimelineEntryFor(Subscription subscription, Plan plan, string actorName, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(plan);
        return new TimelineEntry
        {
            CustomerId = subscription.CustomerId,
            At = at,
            Kind = TimelineEntryKind.SubscriptionChange,
            Title = $"Subscription {plan.Name} started",
            Detail = subscription.BindingEndDate is null
                ? "No binding."
                : $"Binding {subscription.BindingMonths()} months, until {subscription.BindingEndDate:yyyy-MM-dd}.",
            ActorName = actorName,
            SourceId = subscription.Id.ToString(),
        }.Says(
            StoredText.Of("Timeline.Subscription.Started", StoredText.Value(plan.Name)),
            subscription.BindingEndDate is { } end
                ? StoredText.Of("Timeline.Subscription.Binding", StoredText.Value(subscription.BindingMonths()), StoredText.Value(end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))
                : StoredText.Of("Timeline.Subscription.NoBinding"));
    }
}
