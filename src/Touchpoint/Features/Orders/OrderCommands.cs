using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Compensation;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Orders;
using Touchpoint.Features.Catalogue;
using Touchpoint.Features.Contracts;
using Touchpoint.Features.Customers;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Orders;

/// <summary>
/// Placing, changing and cancelling composite orders. An order is checked as a whole before anything is stored: the
/// input (400 naming the field), the composite rules of the domain (<see cref="CompositeOrder"/>: whose subscriptions,
/// which action, S2-2), then what the world says (<see cref="OrderChecks"/>: port-ins, S1-1; coverage, S3-1; 422).
/// A checked order is stored acknowledged and runs at once, or at its requested start date (<see cref="OrderWatch"/>),
/// as a whole (<see cref="OrderExecution"/>).
/// </summary>
public sealed class OrderCommands(
    TouchpointDbContext db, TimeProvider clock, CurrentActor currentActor, OrderChecks checks, OrderExecution execution, PortOutRequests portOuts)
{
    public const int MaxOperatorNameLength = 100;

    public async Task<Outcome<ProductOrder>> PlaceAsync(PlaceOrderInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);

        var resolved = await ResolveCustomerAsync(db, input.CustomerId, input.CustomerIdentity, today, cancellationToken);
        if (resolved.Failure is { } customerFailure)
        {
            return customerFailure;
        }

        var customer = resolved.Value!;
        if (input.Items is not { Count: > 0 } itemInputs)
        {
            return new Failure.Invalid("items", "An order needs at least one item.");
        }

        if (itemInputs.Count > CompositeOrder.MaxItems)
        {
            return new Failure.Invalid("items", $"An order holds at most {CompositeOrder.MaxItems} items.");
        }

        if (Text(input.Description, ProductOrder.MaxTextLength, "description") is { } descriptionProblem)
        {
            return descriptionProblem;
        }

        if ((Text(input.ExternalId, 100, "externalId") ?? Text(input.Priority, 16, "priority")) is { } textProblem)
        {
            return textProblem;
        }

        var order = new ProductOrder
        {
            CustomerId = customer.Id,
            State = OrderState.Acknowledged.ToWireName(),
            Description = input.Description?.Trim(),
            ExternalId = input.ExternalId?.Trim(),
            Priority = input.Priority?.Trim(),
            RequestedStartDate = input.RequestedStartDate?.UtcDateTime,
            RequestedCompletionDate = input.RequestedCompletionDate?.UtcDateTime,
            OrderDate = now,
            UpdatedAt = now,
            PlacedById = currentActor.Get().UserId ?? currentActor.Get().UserName,
            PlacedByName = currentActor.Get().DisplayName,
        };

        var plans = await PlansAsync(itemInputs, cancellationToken);
        var portingRequests = new Dictionary<int, PortOutRequest?>();
        for (var index = 0; index < itemInputs.Count; index++)
        {
            var parsed = ParseItem(index, itemInputs[index], customer, plans, today);
            if (parsed.Failure is { } itemFailure)
            {
                return itemFailure;
            }

            var item = parsed.Value!;
            if (OrderItemSales.Record(item, itemInputs[index]!, input, order.PlacedByName, now) is { } saleFailure)
            {
                return saleFailure;
            }

            var request = PortOutRequests.Parse($"items[{index}]", itemInputs[index]!.PortingRequest, item.PortOut, SubscriptionContracts.JurisdictionOf(customer), today);
            if (request.Failure is { } requestFailure)
            {
                return requestFailure;
            }

            portingRequests[index] = request.Value;
            order.Items.Add(item);
        }

        // EU-106-6 comes after the composite rules, which make sure every port-out names a live number of this customer.
        await ConsumerSales.SettleAsync(db, order, customer, cancellationToken);
        var checkedOrder = await checks.CheckAsync(order, customer, cancellationToken)
            ?? await portOuts.AuthoriseAsync(order, customer, portingRequests, cancellationToken);
        if (checkedOrder is { } refusal)
        {
            if (refusal is OrderRefused refused)
            {
                // Nothing of the order is stored, but the refusal (and, for a port-in of the customer's own number, the renewal
                // offer they most likely wanted) is on the timeline: the next agent sees what was asked and answered (S1-2).
                await checks.RecordRefusalAsync(order, customer, refused, now, cancellationToken);
            }

            return refusal;
        }

        order.DueAt = OrderExecution.DueAt(order, now);
        // The items' plans are catalogue rows read without tracking: attached as they are, never inserted again.
        db.Plans.AttachRange(plans.Values);
        db.ProductOrders.Add(order);
        db.TimelineEntries.Add(OrderTimeline.Placed(order, now, currentActor.Get().DisplayName));
        await portOuts.NotifyAsync(order, customer, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        if (order.DueAt <= now)
        {
            await execution.RunAsync(order.Id, now, cancellationToken);
        }

        return (await OrderEndpoints.LoadAsync(db, order.Id, cancellationToken))!;
    }

    /// <summary>
    /// Cancels an order nothing of which has been applied yet (acknowledged, pending, held): assessed, pending
    /// cancellation, cancelled, in one step. An order that has run cannot be cancelled: 409 naming its state.
    /// </summary>
    public async Task<Outcome<CancelProductOrderRequest>> CancelAsync(Guid orderId, CancelOrderInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = clock.GetUtcNow().UtcDateTime;
        if (Text(input.Reason, ProductOrder.MaxTextLength, "cancellationReason") is { } reasonProblem)
        {
            return reasonProblem;
        }

        var order = await db.ProductOrders.Include(o => o.Items).FirstOrDefaultAsync(o => o.Id == orderId, cancellationToken);
        if (order is null)
        {
            return new Failure.NotFound($"There is no order with id '{orderId}'.");
        }

        var state = OrderStates.TryParse(order.State, out var parsed, out _) ? parsed : OrderState.Failed;
        if (!OrderLifecycle.TryMove(state, OrderState.AssessingCancellation, out var error))
        {
            return new Failure.Conflict($"{error} Only an order nothing of which has been done yet can be cancelled.",
                new Dictionary<string, object?> { ["state"] = order.State });
        }

        foreach (var step in new[] { OrderState.AssessingCancellation, OrderState.PendingCancellation, OrderState.Cancelled })
        {
            OrderExecution.Move(order, step);
        }

        var reason = string.IsNullOrWhiteSpace(input.Reason) ? null : input.Reason.Trim();
        order.CancellationDate = now;
        order.CancellationReason = reason;
        order.DueAt = null;
        order.UpdatedAt = now;
        order.Version++;
        var actor = currentActor.Get();
        var request = new CancelProductOrderRequest
        {
            OrderId = order.Id,
            State = "done",
            CancellationReason = reason,
            RequestedCancellationDate = input.RequestedCancellationDate?.UtcDateTime,
            EffectiveCancellationDate = now,
            CreatedAt = now,
            RequestedById = actor.UserId ?? actor.UserName,
        };
        db.CancelProductOrders.Add(request);
        db.TimelineEntries.Add(OrderTimeline.Entry(order.CustomerId, now, TimelineEntryKind.Order, "Order cancelled",
            reason is null ? "Cancelled before anything of it was done." : $"Cancelled before anything of it was done: {reason}", actor.DisplayName, order.Id));
        await db.SaveChangesAsync(cancellationToken);
        return request;
    }

    /// <summary>
    /// Changes what may change after placing (TMF622 PATCH): description, externalId, priority, and — while the
    /// order waits — its requested start date (the watcher then runs it at the new date).
    /// </summary>
    public async Task<Outcome<ProductOrder>> UpdateAsync(Guid orderId, UpdateOrderInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = clock.GetUtcNow().UtcDateTime;
        var order = await db.ProductOrders.Include(o => o.Items).ThenInclude(i => i.Plan).FirstOrDefaultAsync(o => o.Id == orderId, cancellationToken);
        if (order is null)
        {
            return new Failure.NotFound($"There is no order with id '{orderId}'.");
        }

        if ((Text(input.Description, ProductOrder.MaxTextLength, "description") ?? Text(input.ExternalId, 100, "externalId") ?? Text(input.Priority, 16, "priority")) is { } problem)
        {
            return problem;
        }

        if (input.RequestedStartDate is { } start)
        {
            if (order.DueAt is null)
            {
                return new Failure.Conflict($"The order is {order.State}: its start date can no longer change.", new Dictionary<string, object?> { ["state"] = order.State });
            }

            order.RequestedStartDate = start.UtcDateTime;
            order.DueAt = OrderExecution.DueAt(order, now);
        }

        order.Description = input.Description?.Trim() ?? order.Description;
        order.ExternalId = input.ExternalId?.Trim() ?? order.ExternalId;
        order.Priority = input.Priority?.Trim() ?? order.Priority;
        order.UpdatedAt = now;
        order.Version++;
        await db.SaveChangesAsync(cancellationToken);
        if (order.DueAt <= now)
        {
            await execution.RunAsync(order.Id, now, cancellationToken);
        }

        return (await OrderEndpoints.LoadAsync(db, order.Id, cancellationToken))!;
    }

    /// <summary>
    /// The customer by id, or by any identity — phone number in any format, e-mail, national id, legacy id of a merged
    /// brand — followed to the record it was merged into, so every identity of a person leads to one customer (S1-1).
    /// </summary>
    public static async Task<Outcome<Customer>> ResolveCustomerAsync(
        TouchpointDbContext db, Guid? customerId, string? identity, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (customerId is { } id)
        {
            var byId = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
            if (byId is null)
            {
                return new Failure.Invalid("customerId", $"There is no customer with id '{id}'.");
            }

            return byId.Status == CustomerStatus.Merged
                ? new Failure.Invalid("customerId", $"Customer {id} was merged into {byId.MergedIntoId}; order for that record.")
                : byId;
        }

        if (string.IsNullOrWhiteSpace(identity))
        {
            return new Failure.Invalid("customerId", "Name the customer: customerId, or customerIdentity (a phone number, e-mail, national id or legacy id).");
        }

        var candidates = Customers.CustomerSearch.IdentityCandidates(identity, today);
        var values = candidates.Select(c => c.Value).Distinct().ToList();
        var matches = await db.CustomerIdentities.AsNoTracking().Where(i => values.Contains(i.Value))
            .Select(i => new { i.Kind, i.Value, i.CustomerId }).ToListAsync(cancellationToken);
        var owners = matches.Where(m => candidates.Contains((m.Kind, m.Value))).Select(m => m.CustomerId).Distinct().ToList();
        if (owners.Count != 1)
        {
            return new Failure.Invalid("customerIdentity", owners.Count == 0
                ? $"No customer has the identity '{identity.Trim()}'."
                : $"'{identity.Trim()}' is an identity of more than one customer; give customerId.");
        }

        var customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == owners[0], cancellationToken);
        return await FollowMergesAsync(db, customer, cancellationToken);
    }

    /// <summary>The record a merged customer lives on in now (merges can chain).</summary>
    public static async Task<Customer> FollowMergesAsync(TouchpointDbContext db, Customer customer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(customer);
        for (var hops = 0; customer.Status == CustomerStatus.Merged && customer.MergedIntoId is { } next && hops < 10; hops++)
        {
            customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == next, cancellationToken);
        }

        return customer;
    }

    private async Task<Dictionary<string, Plan>> PlansAsync(IReadOnlyList<OrderItemInput?> items, CancellationToken cancellationToken)
    {
        var codes = items.Select(i => i?.PlanCode?.Trim()).OfType<string>().Distinct().ToList();
        return codes.Count == 0
            ? new Dictionary<string, Plan>(StringComparer.Ordinal)
            : await db.Plans.AsNoTracking().Where(p => codes.Contains(p.Code)).ToDictionaryAsync(p => p.Code, StringComparer.Ordinal, cancellationToken);
    }

    /// <summary>The item as a row, with every field checked on its own; the composite rules come after, on all items together.</summary>
    private static Outcome<ProductOrderItem> ParseItem(int index, OrderItemInput? input, Customer customer, Dictionary<string, Plan> plans, DateOnly today)
    {
        var path = $"items[{index}]";
        if (input is null)
        {
            return new Failure.Invalid(path, "An item is an object with an id and an action.");
        }

        if (!OrderItemActions.TryParse(input.Action, out var action, out var actionError))
        {
            return new Failure.Invalid($"{path}.action", actionError);
        }

        var row = new ProductOrderItem
        {
            ItemId = input.Id?.Trim() ?? "",
            Position = index,
            Action = action.ToWireName(),
            State = OrderItemState.Acknowledged.ToWireName(),
            SubscriptionId = input.SubscriptionId,
            MonthlyPrice = input.MonthlyPrice,
            BindingMonths = input.BindingMonths,
            BindingConsent = input.BindingConsent == true,
            PortOut = input.PortOut == true,
        };

        var jurisdiction = SubscriptionContracts.JurisdictionOf(customer);
        Plan? plan = null;
        if (input.PlanCode is { } code)
        {
            if (!plans.TryGetValue(code.Trim(), out plan))
            {
                return new Failure.Invalid($"{path}.planCode", $"There is no plan with code '{code}'.");
            }

            if (!plan.IsSoldIn(jurisdiction))
            {
                return new Failure.Invalid($"{path}.planCode", plan.NotSoldIn(jurisdiction));
            }

            row.PlanId = plan.Id;
            row.Plan = plan;
        }

        if (input.MonthlyPrice is < 0)
        {
            return new Failure.Invalid($"{path}.monthlyPrice", "monthlyPrice cannot be negative.");
        }

        if (input.BindingMonths is { } months)
        {
            if (months < 0 || (plan is not null && !plan.BindingMonths.Contains(months)))
            {
                return new Failure.Invalid($"{path}.bindingMonths",
                    plan is null ? "bindingMonths is 0 or more." : $"Plan {plan.Code} offers binding of {string.Join(", ", plan.BindingMonths)} months.");
            }

            if (months > 0 && customer.NeverOfferBinding)
            {
                return new Failure.Invalid($"{path}.bindingMonths", "The customer never wants a binding period (their standing preference).");
            }
        }

        if (input.ServiceAddress is { } addressInput)
        {
            var address = CustomerValidation.ValidateAddress($"{path}.serviceAddress", addressInput);
            if (address.Failure is { } invalid)
            {
                return invalid;
            }

            row.ServiceAddress = address.Value;
        }
        else if (action == OrderItemAction.Add && plan is not null && ServiceKinds.NeedsServiceAddress(ServiceKinds.Of(plan.Technology)))
        {
            // A fixed service is delivered at the customer's service address unless the item says where.
            row.ServiceAddress = customer.ServiceAddress;
        }

        foreach (var (field, raw, set) in new (string, string?, Action<string>)[]
                 {
                     ("msisdn", input.Msisdn, v => row.Msisdn = v),
                     ("portInMsisdn", input.PortInMsisdn, v => row.PortInMsisdn = v),
                 })
        {
            if (raw is null)
            {
                continue;
            }

            if (!IdentityNormalizer.TryNormalize(IdentityKind.Msisdn, raw, jurisdiction, out var normalized, out var error))
            {
                return new Failure.Invalid($"{path}.{field}", error);
            }

            set(normalized);
        }

        if (action == OrderItemAction.Add && plan is not null && row.Msisdn is null && row.PortInMsisdn is null && row.ServiceAddress is null)
        {
            return new Failure.Invalid($"{path}.msisdn", $"A new {plan.Name} needs its number (msisdn, or portInMsisdn to port one in) or a service address.");
        }

        if (row.Msisdn is not null && row.PortInMsisdn is not null)
        {
            return new Failure.Invalid($"{path}.msisdn", "A port-in brings its own number; give msisdn or portInMsisdn, not both.");
        }

        if (row.PortInMsisdn is not null)
        {
            if (string.IsNullOrWhiteSpace(input.DonorOperator) || input.DonorOperator.Trim().Length > MaxOperatorNameLength)
            {
                return new Failure.Invalid($"{path}.donorOperator", $"A port-in names the operator the number comes from (at most {MaxOperatorNameLength} characters).");
            }

            row.DonorOperator = input.DonorOperator.Trim();
        }
        else if (input.DonorOperator is not null)
        {
            return new Failure.Invalid($"{path}.donorOperator", "donorOperator goes with portInMsisdn, the number to port in.");
        }

        if (row.PortOut)
        {
            if (input.PortingDate is null)
            {
                return new Failure.Invalid($"{path}.portingDate", "A port-out happens on an agreed porting date (EU-106-3): give portingDate.");
            }

            if (input.RecipientOperator is { Length: > MaxOperatorNameLength })
            {
                return new Failure.Invalid($"{path}.recipientOperator", $"recipientOperator is at most {MaxOperatorNameLength} characters.");
            }

            row.RecipientOperator = string.IsNullOrWhiteSpace(input.RecipientOperator) ? null : input.RecipientOperator.Trim();
        }
        else if (input.RecipientOperator is not null)
        {
            return new Failure.Invalid($"{path}.recipientOperator", "recipientOperator goes with portOut.");
        }

        if (input.PortingDate is { } portingDate)
        {
            if (row.PortInMsisdn is null && !row.PortOut)
            {
                return new Failure.Invalid($"{path}.portingDate", "portingDate goes with a port-in (portInMsisdn) or a port-out (portOut).");
            }

            if (portingDate < today)
            {
                return new Failure.Invalid($"{path}.portingDate", $"The porting date {portingDate:yyyy-MM-dd} has passed.");
            }

            row.PortingDate = portingDate;
        }

        var links = new List<string>();
        for (var link = 0; link < (input.Relationships?.Count ?? 0); link++)
        {
            var relationship = input.Relationships![link];
            if (relationship is null || string.IsNullOrWhiteSpace(relationship.ItemId))
            {
                return new Failure.Invalid($"{path}.relationships[{link}].itemId", "A relationship names the item it relates to.");
            }

            if (!OrderItemRelationshipTypes.TryParse(relationship.Type, out var type, out var typeError))
            {
                return new Failure.Invalid($"{path}.relationships[{link}].type", typeError);
            }

            if (relationship.ItemId.Contains(':', StringComparison.Ordinal) || relationship.ItemId.Contains(';', StringComparison.Ordinal))
            {
                return new Failure.Invalid($"{path}.relationships[{link}].itemId", "Item ids contain no ':' or ';'.");
            }

            links.Add($"{type.ToWireName()}:{relationship.ItemId.Trim()}");
        }

        row.Relationships = string.Join(';', links);
        return row;
    }

    private static Failure.Invalid? Text(string? text, int maxLength, string field) =>
        text is { } value && value.Trim().Length > maxLength ? new Failure.Invalid(field, $"{field} is at most {maxLength} characters.") : null;
}

public sealed record UpdateOrderInput(string? Description, string? ExternalId, string? Priority, DateTimeOffset? RequestedStartDate);
