using Touchpoint.Domain.Coverage;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Subscriptions;

namespace Touchpoint.Domain.Orders;

/// <summary>A postal address as the order rules see it.</summary>
public sealed record OrderAddress(string Street, string PostalCode, string City, string Country)
{
    /// <summary>
    /// The same place however it is written: case, spacing and the postcode's usual spellings aside ("Oudegracht 100,
    /// 3511AX UTRECHT" is "Oudegracht 100, 3511 AX Utrecht").
    /// </summary>
    public bool IsSamePlaceAs(OrderAddress other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Same(Country, other.Country) && Same(Street, other.Street) && Same(City, other.City) && PostcodeKey(this) == PostcodeKey(other);
    }

    /// <summary>"Oudegracht 100, 3511 AX Utrecht", as care reads an address out.</summary>
    public string Format() => $"{Street}, {PostalCode} {City}";

    private static bool Same(string left, string right) =>
        string.Equals(string.Join(' ', left.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)),
            string.Join(' ', right.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)), StringComparison.OrdinalIgnoreCase);

    private static string PostcodeKey(OrderAddress address) =>
        Jurisdictions.TryParse(address.Country, out var country, out _) && PostalCodes.TryNormalize(country, address.PostalCode, out var key, out _)
            ? key
            : address.PostalCode.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
}

/// <summary>What the rules need to know of a subscription an item refers to.</summary>
public sealed record SubscriptionFacts(Guid Id, Guid CustomerId, SubscriptionStatus Status, string PlanCode, string Technology, string? Msisdn, OrderAddress? ServiceAddress)
{
    public ServiceKind Kind => ServiceKinds.Of(Technology);

    /// <summary>Live and not already on its way out: it can be changed or ended by an order.</summary>
    public bool IsChangeable => Status is SubscriptionStatus.Active or SubscriptionStatus.Suspended or SubscriptionStatus.PendingActive or SubscriptionStatus.Created;
}

/// <summary>A plan of the catalogue an item orders.</summary>
public sealed record PlanFacts(string Code, string Technology)
{
    public ServiceKind Kind => ServiceKinds.Of(Technology);
}

/// <summary>A number to move to us from another operator (an add of a mobile subscription).</summary>
public sealed record PortIn(string Msisdn, string DonorOperator, DateOnly? PortingDate);

/// <summary>A number leaving for another operator (a delete), on the agreed porting date (EU-106-3).</summary>
public sealed record PortOut(DateOnly PortingDate, string? RecipientOperator);

public sealed record OrderItemLink(string ItemId, OrderItemRelationshipType Type);

/// <summary>
/// One item of a composite order, as parsed from the request. For <see cref="OrderItemAction.Add"/> the subscription is
/// new; for the others <see cref="SubscriptionId"/> names the existing one. A move is a modify with
/// <see cref="NewAddress"/>, a plan change a modify with <see cref="NewPlan"/> (S2-2), an add-on an add.
/// </summary>
public sealed record OrderItemRequest(
    string ItemId,
    OrderItemAction Action,
    Guid? SubscriptionId = null,
    PlanFacts? NewPlan = null,
    OrderAddress? NewAddress = null,
    PortIn? PortIn = null,
    PortOut? PortOut = null,
    int? BindingMonths = null,
    bool BindingConsent = false,
    IReadOnlyList<OrderItemLink>? Relationships = null)
{
    public IReadOnlyList<OrderItemLink> Links => Relationships ?? [];
}

/// <summary>
/// Why an order cannot be taken as it is. <paramref name="ItemIndex"/> is the item's position (-1: the order as a
/// whole); <paramref name="Field"/> the item's field as the API names it (subscriptionId, planCode, action, …).
/// </summary>
public sealed record OrderProblem(int ItemIndex, string Field, string Message);

/// <summary>
/// The rules of a composite order (S2-1): one order holds several changes — a move, a plan change, an add-on — for one
/// customer, checked together and executed together. How "together" is kept: the host applies every item in one
/// database transaction, in <see cref="ExecutionOrder"/>; the order is completed only when all are applied, and if any
/// step fails the transaction is rolled back and the order is recorded as failed with nothing applied. There is no
/// partial order.
/// </summary>
public static class CompositeOrder
{
    public const int MaxItems = 20;
    public const int MaxItemIdLength = 32;

    /// <summary>Every problem of the order, in item order; empty when it can be taken.</summary>
    /// <param name="customerId">Who the order is for.</param>
    /// <param name="subscriptions">The subscriptions the items refer to that exist, by id (any customer's: the rules tell them apart).</param>
    public static IReadOnlyList<OrderProblem> Validate(Guid customerId, IReadOnlyList<OrderItemRequest> items, IReadOnlyDictionary<Guid, SubscriptionFacts> subscriptions)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(subscriptions);
        var problems = new List<OrderProblem>();
        if (items.Count == 0)
        {
            problems.Add(new(-1, "items", "An order needs at least one item."));
            return problems;
        }

        if (items.Count > MaxItems)
        {
            problems.Add(new(-1, "items", $"An order holds at most {MaxItems} items."));
            return problems;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var changed = new Dictionary<Guid, int>();
        for (var index = 0; index < items.Count; index++)
        {
            var item = items[index];
            if (string.IsNullOrWhiteSpace(item.ItemId) || item.ItemId.Length > MaxItemIdLength)
            {
                problems.Add(new(index, "id", $"Each item needs an id (at most {MaxItemIdLength} characters) that relationships can name."));
            }
            else if (!ids.Add(item.ItemId))
            {
                problems.Add(new(index, "id", $"Item id '{item.ItemId}' is used twice in the order."));
            }

            var target = CheckTarget(customerId, index, item, subscriptions, problems);
            CheckAction(index, item, target, problems);
            if (target is not null && item.Action is OrderItemAction.Modify or OrderItemAction.Delete)
            {
                if (changed.TryGetValue(target.Id, out var earlier))
                {
                    problems.Add(new(index, "subscriptionId",
                        $"Subscription {target.Id} is already changed by item '{items[earlier].ItemId}'; give all its changes in one modify item."));
                }
                else
                {
                    changed[target.Id] = index;
                }
            }
        }

        CheckRelationships(items, problems);
        CheckCancelAndResubscribe(items, subscriptions, problems);
        return problems;
    }

    /// <summary>
    /// The positions of <paramref name="items"/> in the order they are applied: an item after every item it relies on,
    /// otherwise in the order given. Call it on a validated order (no cycles).
    /// </summary>
    public static IReadOnlyList<int> ExecutionOrder(IReadOnlyList<OrderItemRequest> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var positions = items.Select((item, index) => (item.ItemId, index)).GroupBy(p => p.ItemId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().index, StringComparer.Ordinal);
        var done = new List<int>(items.Count);
        var placed = new bool[items.Count];
        while (done.Count < items.Count)
        {
            var next = Enumerable.Range(0, items.Count).FirstOrDefault(i => !placed[i] && items[i].Links
                .Where(l => l.Type == OrderItemRelationshipType.ReliesOn && positions.ContainsKey(l.ItemId))
                .All(l => placed[positions[l.ItemId]]), -1);
            if (next < 0)
            {
                throw new InvalidOperationException("The order's items rely on each other in a circle; validate the order first.");
            }

            placed[next] = true;
            done.Add(next);
        }

        return done;
    }

    /// <summary>What the item is, in the words of care: move, plan change, add-on, port-in, port-out, termination.</summary>
    public static string Describe(OrderItemRequest item, SubscriptionFacts? target)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Action switch
        {
            OrderItemAction.Add when item.PortIn is not null => "port-in",
            OrderItemAction.Add => "new subscription",
            OrderItemAction.Modify when item.NewAddress is not null && item.NewPlan is not null && item.NewPlan.Code != target?.PlanCode => "move and plan change",
            OrderItemAction.Modify when item.NewAddress is not null => "move",
            OrderItemAction.Modify when item.NewPlan is not null => "plan change",
            OrderItemAction.Modify => "binding change",
            OrderItemAction.Delete when item.PortOut is not null => "port-out",
            OrderItemAction.Delete => "termination",
            _ => "no change",
        };
    }

    private static SubscriptionFacts? CheckTarget(
        Guid customerId, int index, OrderItemRequest item, IReadOnlyDictionary<Guid, SubscriptionFacts> subscriptions, List<OrderProblem> problems)
    {
        if (item.Action == OrderItemAction.Add)
        {
            if (item.SubscriptionId is not null)
            {
                problems.Add(new(index, "subscriptionId", "An add creates a new subscription; to change an existing one use action modify."));
            }

            return null;
        }

        if (item.SubscriptionId is not { } id)
        {
            problems.Add(new(index, "subscriptionId", $"A {item.Action.ToWireName()} item names the subscription it is about."));
            return null;
        }

        if (!subscriptions.TryGetValue(id, out var target))
        {
            problems.Add(new(index, "subscriptionId", $"There is no subscription with id '{id}'."));
            return null;
        }

        if (target.CustomerId != customerId)
        {
            // Neutral on purpose: whose it is, is not the asker's business.
            problems.Add(new(index, "subscriptionId", $"Subscription {id} is not one of this customer's."));
            return null;
        }

        if (item.Action is OrderItemAction.Modify or OrderItemAction.Delete && !target.IsChangeable)
        {
            problems.Add(new(index, "subscriptionId", $"Subscription {id} is {target.Status.ToWireName()}; only a live subscription can be changed or ended."));
            return null;
        }

        return target;
    }

    private static void CheckAction(int index, OrderItemRequest item, SubscriptionFacts? target, List<OrderProblem> problems)
    {
        if (item.Action != OrderItemAction.Add && item.PortIn is not null)
        {
            problems.Add(new(index, "portInMsisdn", "A port-in brings a number to a new subscription: it is an add."));
        }

        if (item.Action != OrderItemAction.Delete && item.PortOut is not null)
        {
            problems.Add(new(index, "portOut", "A port-out ends a subscription: it is a delete."));
        }

        if (item.BindingMonths is > 0 && !item.BindingConsent)
        {
            problems.Add(new(index, "bindingConsent",
                "A binding is only taken with the customer's explicit consent (EU-107); set bindingConsent when they agreed to it."));
        }

        switch (item.Action)
        {
            case OrderItemAction.Add:
                if (item.NewPlan is not { } plan)
                {
                    problems.Add(new(index, "planCode", "An add orders a plan: give its code."));
                    break;
                }

                if (item.PortIn is not null && plan.Kind != ServiceKind.Mobile)
                {
                    problems.Add(new(index, "portInMsisdn", $"A number can only be ported in to a mobile plan; {plan.Code} is {plan.Kind.Describe()}."));
                }

                if (ServiceKinds.NeedsServiceAddress(plan.Kind) && item.NewAddress is null)
                {
                    problems.Add(new(index, "serviceAddress", $"{plan.Code} is delivered at an address: give the service address."));
                }

                break;
            case OrderItemAction.Modify:
                if (item.NewPlan is null && item.NewAddress is null && item.BindingMonths is null)
                {
                    problems.Add(new(index, "action", "A modify changes the plan, the service address or the binding; to refer to a subscription unchanged use noChange."));
                }

                if (target is not null && item.NewPlan is { } newPlan && newPlan.Kind != target.Kind)
                {
                    problems.Add(new(index, "planCode",
                        $"{newPlan.Code} is {newPlan.Kind.Describe()} and subscription {target.Id} is {target.Kind.Describe()}: a plan change stays within the service; add the new service with an add item."));
                }

                if (target is not null && item.NewAddress is not null && !ServiceKinds.NeedsServiceAddress(target.Kind) && target.ServiceAddress is null)
                {
                    problems.Add(new(index, "serviceAddress", $"Subscription {target.Id} is a mobile service without an address; there is nothing to move."));
                }

                if (target?.ServiceAddress is { } current && item.NewAddress is { } destination && destination.IsSamePlaceAs(current))
                {
                    problems.Add(new(index, "serviceAddress",
                        $"Subscription {target.Id} is already at {current.Format()}: a move needs the new address. To change only the plan or binding, leave serviceAddress out."));
                }

                break;
            case OrderItemAction.Delete:
                if (item.NewPlan is not null || item.NewAddress is not null || item.BindingMonths is not null)
                {
                    problems.Add(new(index, "action", "A delete ends the subscription; it takes no new plan, address or binding."));
                }

                if (item.PortOut is not null && target is not null && target.Msisdn is null)
                {
                    problems.Add(new(index, "portOut", $"Subscription {target.Id} has no number to port out."));
                }

                break;
            default:
                if (item.NewPlan is not null || item.NewAddress is not null || item.BindingMonths is not null)
                {
                    problems.Add(new(index, "action", "A noChange item changes nothing; to change the subscription use modify."));
                }

                break;
        }
    }

    private static void CheckRelationships(IReadOnlyList<OrderItemRequest> items, List<OrderProblem> problems)
    {
        var ids = items.Select(i => i.ItemId).ToHashSet(StringComparer.Ordinal);
        for (var index = 0; index < items.Count; index++)
        {
            var links = items[index].Links;
            for (var link = 0; link < links.Count; link++)
            {
                if (links[link].ItemId == items[index].ItemId)
                {
                    problems.Add(new(index, $"relationships[{link}].itemId", "An item cannot relate to itself."));
                }
                else if (!ids.Contains(links[link].ItemId))
                {
                    problems.Add(new(index, $"relationships[{link}].itemId", $"There is no item '{links[link].ItemId}' in this order."));
                }
            }
        }

        if (problems.Count == 0 && HasCycle(items) is { } cycleAt)
        {
            problems.Add(new(cycleAt, "relationships", "The items rely on each other in a circle; one of them must come first."));
        }
    }

    private static int? HasCycle(IReadOnlyList<OrderItemRequest> items)
    {
        try
        {
            _ = ExecutionOrder(items);
            return null;
        }
        catch (InvalidOperationException)
        {
            var involved = Enumerable.Range(0, items.Count).First(i => items[i].Links.Any(l => l.Type == OrderItemRelationshipType.ReliesOn));
            return involved;
        }
    }

    /// <summary>
    /// S2-2: ending a subscription and adding one of the same kind is a change of plan or address done the hard way —
    /// the customer loses the subscription's history and terms and may be bound again. Refused, with the modify path.
    /// A port-out is a real departure and not caught.
    /// </summary>
    private static void CheckCancelAndResubscribe(IReadOnlyList<OrderItemRequest> items, IReadOnlyDictionary<Guid, SubscriptionFacts> subscriptions, List<OrderProblem> problems)
    {
        for (var index = 0; index < items.Count; index++)
        {
            var item = items[index];
            if (item.Action != OrderItemAction.Delete || item.PortOut is not null
                || item.SubscriptionId is not { } id || !subscriptions.TryGetValue(id, out var ended))
            {
                continue;
            }

            var replacement = items.FirstOrDefault(other => other.Action == OrderItemAction.Add && other.PortIn is null && other.NewPlan?.Kind == ended.Kind);
            if (replacement is null)
            {
                continue;
            }

            var change = replacement.NewAddress is not null && replacement.NewAddress != ended.ServiceAddress
                ? $"{{\"action\": \"modify\", \"subscriptionId\": \"{id}\", \"planCode\": \"{replacement.NewPlan!.Code}\", \"serviceAddress\": …}}"
                : $"{{\"action\": \"modify\", \"subscriptionId\": \"{id}\", \"planCode\": \"{replacement.NewPlan!.Code}\"}}";
            problems.Add(new(index, "action",
                $"No change needs cancelling and subscribing again (S2-2): items '{item.ItemId}' and '{replacement.ItemId}' end subscription {id} and add " +
                $"{replacement.NewPlan.Code} of the same kind. Keep the subscription, its history and its binding, and send one item instead: {change}."));
        }
    }
}
