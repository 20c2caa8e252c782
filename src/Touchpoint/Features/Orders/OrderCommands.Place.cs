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

public sealed partial class OrderCommands
{
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
            State = OrderState.Acknowledged,
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
        await confirmation.QueueAsync(order, customer, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        if (order.DueAt <= now)
        {
            await execution.RunAsync(order.Id, now, cancellationToken);
        }

        return (await OrderEndpoints.LoadAsync(db, order.Id, cancellationToken))!;
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
            Action = action,
            State = OrderItemState.Acknowledged,
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
}
