using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Contracts;
using Touchpoint.Domain.Subscriptions;
using Touchpoint.Features.Contracts;
using Touchpoint.Domain.Coverage;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Orders;
using Touchpoint.Features.Coverage;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Interactions;
using Touchpoint.Features.Languages;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Orders;

/// <summary>
/// Whether an order can be taken (when placed) and can still run (when its time comes): the composite rules of the
/// domain against the subscriptions as they are now, port-ins against the numbers we serve (TP-4), new numbers against
/// live subscriptions, and every item that needs a technology at an address against coverage (S3-1).
/// </summary>
public sealed class OrderChecks(TouchpointDbContext db, CoverageChecker coverage, CurrentActor currentActor, ContractRuleBook rules)
{
    public const string RenewalOfferFor = "renewalOfferFor";

    /// <summary>Null when the order can be taken; otherwise the first reason it cannot (400, 409 or 422).</summary>
    public async Task<Failure?> CheckAsync(ProductOrder order, Customer customer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(customer);
        var items = order.Items.OrderBy(i => i.Position).ToList();
        var facts = await SubscriptionFactsAsync(items, cancellationToken);
        var problems = CompositeOrder.Validate(customer.Id, items.Select(ToRequest).ToList(), facts);
        if (problems.Count > 0)
        {
            var problem = problems[0];
            return new Failure.Invalid(problem.ItemIndex < 0 ? problem.Field : $"items[{problem.ItemIndex}].{problem.Field}", problem.Message);
        }

        // A binding a consumer agreed to is still capped by the law of their country (EU-105-1, DK-1, NO-1, SE-1); whether
        // the item is a consumer sale was settled when the order was placed (TP-5).
        var jurisdiction = SubscriptionContracts.JurisdictionOf(customer.Jurisdiction);
        foreach (var item in items.Where(i => i.BindingMonths is > 0))
        {
            var binding = rules.CheckBinding(jurisdiction, item.BindingMonths!.Value, soldToConsumer: item.SoldToConsumer);
            if (!binding.IsAllowed)
            {
                return new Failure.Invalid($"items[{item.Position}].bindingMonths", $"{string.Join(", ", binding.RuleIds)}: {binding.Explanation}");
            }
        }

        // DE-1: a long binding only where the plan offers the 12-month one too.
        foreach (var item in items)
        {
            if (item is { Plan: { } plan, BindingMonths: > 0 } && rules.CheckBindingOffer(jurisdiction, plan.BindingMonths, item.BindingMonths) is { IsAllowed: false } offer)
            {
                return new Failure.Invalid($"items[{item.Position}].bindingMonths", offer.Explanation);
            }
        }

        foreach (var item in items)
        {
            var path = $"items[{item.Position}]";
            if (item.PortInMsisdn is { } number && await PortInRefusalAsync(customer, item, number, path, cancellationToken) is { } refusal)
            {
                return refusal;
            }

            if (item.Msisdn is { } msisdn && await db.Subscriptions.AnyAsync(s => s.Msisdn == msisdn && s.Status != SubscriptionStatus.Terminated, cancellationToken))
            {
                return new Failure.Conflict($"The number {msisdn} of item '{item.ItemId}' is already in use on a live subscription.");
            }
        }

        foreach (var item in items)
        {
            if (await QualificationRefusalAsync(item, customer, facts, cancellationToken) is { } unqualified)
            {
                return unqualified;
            }
        }

        return null;
    }

    /// <summary>
    /// Puts a refused order on the customer's timeline, and for a port-in of a number that is already theirs the renewal
    /// offer of that subscription — what the customer most likely wanted (TP-4, S1-1).
    /// </summary>
    public async Task RecordRefusalAsync(ProductOrder order, Customer customer, OrderRefused refusal, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(refusal);
        var actor = currentActor.Get().DisplayName;
        var item = refusal.Details.TryGetValue("itemId", out var itemId) ? order.Items.FirstOrDefault(i => i.ItemId == (string?)itemId) : null;
        db.TimelineEntries.Add(OrderTimeline.Entry(customer.Id, now, TimelineEntryKind.Order,
            $"Order refused: {(item is null ? "the order" : OrderTimeline.Describe(item))}", refusal.Message, actor, sourceId: null,
            StoredText.Of("Timeline.Order.Refused", item is null ? StoredText.Nested(StoredText.Of("OrderWords.TheOrder")) : OrderTimeline.DescribeText(item))));
        if (refusal.Details.TryGetValue(RenewalOfferFor, out var offered) && offered is Guid subscriptionId)
        {
            var subscription = await db.Subscriptions.AsNoTracking().Where(s => s.Id == subscriptionId)
                .Select(s => new { s.Msisdn, s.MonthlyPrice, s.BindingEndDate, Plan = s.Plan! }).FirstAsync(cancellationToken);
            var boundUntil = subscription.BindingEndDate is { } end && end > DateOnly.FromDateTime(now) ? end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
            var binding = boundUntil is null ? "no binding" : $"bound until {boundUntil}";
            var price = subscription.MonthlyPrice.ToString("0.00", CultureInfo.InvariantCulture);
            db.TimelineEntries.Add(new TimelineEntry
            {
                CustomerId = customer.Id,
                At = now,
                Kind = TimelineEntryKind.Offer,
                Title = $"Renewal offer: keep {subscription.Msisdn} on a renewed {subscription.Plan.Name}",
                Detail = $"State: offered. {customer.Name} asked to port in {subscription.Msisdn}, which is already theirs with us " +
                         $"({subscription.Plan.Name}, {price} {subscription.Plan.Currency} a month, {binding}). " +
                         "What they most likely want is a renewal: it is offered on the same subscription and number, without porting and without a " +
                         $"new binding unless they explicitly choose one ({NumberPorting.PortInRule}, EU-107).",
                ActorName = actor,
                SourceId = subscriptionId.ToString(),
            }.Says(
                StoredText.Of("Timeline.Offer.Renewal", StoredText.Value(subscription.Msisdn), StoredText.Value(subscription.Plan.Name)),
                StoredText.Of("Timeline.Offer.RenewalDetail", StoredText.Value(customer.Name), StoredText.Value(subscription.Msisdn), StoredText.Value(subscription.Plan.Name),
                    StoredText.Value(price), StoredText.Value(subscription.Plan.Currency),
                    StoredText.Nested(boundUntil is null ? StoredText.Of("OrderWords.Outcome.NoBinding") : StoredText.Of("OrderWords.BoundUntil", StoredText.Value(boundUntil))),
                    StoredText.Value(NumberPorting.PortInRule))));
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The domain's view of a stored (or about to be stored) item.</summary>
    public static OrderItemRequest ToRequest(ProductOrderItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new OrderItemRequest(
            item.ItemId,
            item.Action,
            item.SubscriptionId,
            item.Plan is { } plan ? new PlanFacts(plan.Code, plan.Technology) : null,
            ToOrderAddress(item.ServiceAddress),
            item.PortInMsisdn is { } number ? new PortIn(number, item.DonorOperator ?? "", item.PortingDate) : null,
            item.PortOut ? new PortOut(item.PortingDate ?? DateOnly.MinValue, item.RecipientOperator) : null,
            item.BindingMonths,
            item.BindingConsent,
            [.. ParseLinks(item.Relationships)]);
    }

    public static IEnumerable<OrderItemLink> ParseLinks(string relationships) =>
        relationships.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(link => link.Split(':', 2))
            .Where(parts => parts.Length == 2)
            .Select(parts => new OrderItemLink(parts[1], OrderItemRelationshipTypes.TryParse(parts[0], out var type, out _) ? type : OrderItemRelationshipType.Bundles));

    public static OrderAddress? ToOrderAddress(Address? address) =>
        address is null ? null : new OrderAddress(address.Street, address.PostalCode, address.City, address.Country);

    private async Task<Dictionary<Guid, SubscriptionFacts>> SubscriptionFactsAsync(List<ProductOrderItem> items, CancellationToken cancellationToken)
    {
        var ids = items.Where(i => !IsAdd(i)).Select(i => i.SubscriptionId).OfType<Guid>().Distinct().ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var rows = await db.Subscriptions.AsNoTracking().Where(s => ids.Contains(s.Id))
            .Select(s => new { s.Id, s.CustomerId, s.Status, s.Plan!.Code, s.Plan.Technology, s.Msisdn, s.ServiceAddress })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Id, r => new SubscriptionFacts(r.Id, r.CustomerId, r.Status, r.Code, r.Technology, r.Msisdn, ToOrderAddress(r.ServiceAddress)));
    }

    private async Task<Failure?> PortInRefusalAsync(Customer customer, ProductOrderItem item, string number, string path, CancellationToken cancellationToken)
    {
        var serving = await db.Subscriptions.AsNoTracking().Where(s => s.Msisdn == number && s.Status != SubscriptionStatus.Terminated)
            .Select(s => new { s.Id, s.CustomerId }).FirstOrDefaultAsync(cancellationToken);
        Guid? holder = null;
        if (serving is not null)
        {
            // The number's subscription may still sit on a record that has since been merged: compare the people, not the rows.
            var servingCustomer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == serving.CustomerId, cancellationToken);
            holder = (await OrderCommands.FollowMergesAsync(db, servingCustomer, cancellationToken)).Id;
        }

        var check = NumberPorting.Check(customer.Id, holder);
        if (check == PortInCheck.Allowed)
        {
            return null;
        }

        var details = new Dictionary<string, object?>
        {
            ["itemId"] = item.ItemId,
            ["ruleId"] = NumberPorting.PortInRule,
            ["portIn"] = check == PortInCheck.AlreadyYours ? "alreadyYours" : "servedByUs",
        };
        if (check == PortInCheck.AlreadyYours)
        {
            details[RenewalOfferFor] = serving!.Id;
        }

        return new OrderRefused($"{path}.portInMsisdn", NumberPorting.Reason(check, number), details);
    }

    /// <summary>
    /// S3-1: an add at an address, a move (the new address) and a plan change (the new plan at the current address) are
    /// qualified before the order is taken. Mobile items without any address (theirs or the customer's) have nothing to check against.
    /// </summary>
    private async Task<Failure?> QualificationRefusalAsync(ProductOrderItem item, Customer customer, Dictionary<Guid, SubscriptionFacts> facts, CancellationToken cancellationToken)
    {
        string? technology;
        Address? address;
        if (IsAdd(item))
        {
            technology = item.Plan?.Technology;
            // As for any sale: a mobile subscription without an address of its own is checked where the customer lives,
            // where it will mostly be used (the coverage feature's rule for sales).
            address = item.ServiceAddress ?? (technology is not null && NetworkTechnologies.IsMobile(technology) ? customer.ServiceAddress : null);
        }
        else if (item.Action == OrderItemAction.Modify && item.SubscriptionId is { } id && facts.TryGetValue(id, out var target)
                 && (item.Plan is not null || item.ServiceAddress is not null))
        {
            technology = item.Plan?.Technology ?? target.Technology;
            address = item.ServiceAddress ?? (target.ServiceAddress is { } current ? new Address(current.Street, current.PostalCode, current.City, current.Country) : null);
        }
        else
        {
            return null;
        }

        if (technology is null || address is null)
        {
            return null;
        }

        var qualification = await coverage.QualifyAsync(address, technology, cancellationToken);
        if (qualification.IsQualified)
        {
            return null;
        }

        // The plans that could be sold there instead, as the coverage feature ranks them (same family first, local currency).
        var alternativePlans = (await CoverageOffers.AlternativePlansAsync(db, qualification, address.Country, cancellationToken)).Select(p => p.Code).ToList();
        var alternatives = qualification.AlternativeTechnologies.Count == 0
            ? " There is nothing we can offer there instead."
            : $" Alternatives there: {string.Join(", ", qualification.AlternativeTechnologies)}.";
        return new OrderRefused($"items[{item.Position}]",
            $"{(item.Plan is null ? $"The {technology} connection" : item.DescribeCapitalized())} cannot be delivered: {qualification.UnavailabilityReason}{(qualification.UnavailabilityReason?.Contains("Available there", StringComparison.Ordinal) == true ? "" : alternatives)}",
            new Dictionary<string, object?>
            {
                ["itemId"] = item.ItemId,
                ["technology"] = qualification.Technology,
                ["qualificationResult"] = qualification.Result.ToWireName(),
                ["reason"] = qualification.UnavailabilityReason,
                ["alternatives"] = qualification.AlternativeTechnologies,
                ["alternativePlans"] = alternativePlans,
            });
    }

    private static bool IsAdd(ProductOrderItem item) => item.Action == OrderItemAction.Add;
}
