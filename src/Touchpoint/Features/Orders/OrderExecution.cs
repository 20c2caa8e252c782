using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Contracts;
using Touchpoint.Features.Contracts;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Orders;
using Touchpoint.Domain.Subscriptions;
using Touchpoint.Features.Catalogue;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Languages;
using Touchpoint.Features.Promises;
using Touchpoint.Features.Subscriptions;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Orders;

/// <summary>The reason an item could not be applied; the whole order then fails with nothing applied.</summary>
public sealed class OrderItemFailedException(string message) : Exception(message)
{
    public OrderItemFailedException()
        : this("An order item failed.")
    {
    }

    public OrderItemFailedException(string message, Exception innerException)
        : this(message + " " + innerException?.Message)
    {
    }
}

/// <summary>
/// Runs an acknowledged order as a whole (S2-1): checked again against the world as it is now, then every item applied
/// to the subscriptions in the domain's execution order, in one transaction. All applied: completed. Any check or step
/// failing: the transaction is rolled back and the order is recorded as failed, with the reason and nothing applied —
/// never partial. A plan change or a move keeps the subscription, its id, history and binding end (S2-2, EU-107).
/// </summary>
public sealed class OrderExecution(TouchpointDbContext db, OrderChecks checks, CurrentActor currentActor, ContractRuleBook rules, ContractSummaries summaries)
{

    /// <summary>When the order is to run: its requested start, or a later porting date (EU-106-3: numbers move on the agreed date), or now.</summary>
    public static DateTime DueAt(ProductOrder order, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(order);
        var due = order.RequestedStartDate is { } start && start > now ? start : now;
        foreach (var date in order.Items.Select(i => i.PortingDate).OfType<DateOnly>())
        {
            var porting = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            if (porting > due)
            {
                due = porting;
            }
        }

        return due;
    }

    /// <summary>Moves the order and its items, as the lifecycle allows; a move it forbids is a bug here, not an input error.</summary>
    public static void Move(ProductOrder order, OrderState to)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (!OrderLifecycle.TryMove(order.State, to, out var error))
        {
            throw new InvalidOperationException(error);
        }

        order.State = to;
        foreach (var item in order.Items)
        {
            item.State = OrderLifecycle.ItemStateFor(to);
        }
    }

    /// <summary>Runs the order if it is still waiting; returns false when someone else ran or cancelled it first.</summary>
    public async Task<bool> RunAsync(Guid orderId, DateTime now, CancellationToken cancellationToken)
    {
        string? failure;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var order = await db.ProductOrders.Include(o => o.Items).ThenInclude(i => i.Plan).FirstOrDefaultAsync(o => o.Id == orderId, cancellationToken);
            if (order is null || order.State != OrderState.Acknowledged || order.DueAt is null)
            {
                return false;
            }

            var customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == order.CustomerId, cancellationToken);
            failure = (await checks.CheckAsync(order, customer, cancellationToken))?.Message;
            if (failure is null)
            {
                try
                {
                    Move(order, OrderState.InProgress);
                    var done = await ApplyAsync(order, customer, now, cancellationToken);
                    Move(order, OrderState.Completed);
                    order.CompletionDate = now;
                    order.DueAt = null;
                    order.UpdatedAt = now;
                    order.Version++;
                    var items = order.Items.OrderBy(i => i.Position).ToList();
                    db.TimelineEntries.Add(OrderTimeline.Entry(order.CustomerId, now, TimelineEntryKind.Order, $"Order completed: {OrderTimeline.Summary(order)}",
                        "Every item was done together: " + string.Join(" ", items.Select(i => $"{i.ItemId}: {i.Outcome}")),
                        currentActor.Get().DisplayName, order.Id, StoredText.Of("Timeline.Order.Completed", OrderTimeline.SummaryText(order)),
                        StoredText.Of("Timeline.Order.CompletedDetail", StoredText.Nested(ItemOutcome.Joined(
                            [.. items.Select(i => StoredText.Of("OrderWords.Outcome.Item", StoredText.Value(i.ItemId), StoredText.Nested(done[i])))])))));
                    await db.SaveChangesAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    return true;
                }
                catch (DbUpdateConcurrencyException)
                {
                    // Another node ran or cancelled it meanwhile; what it did stands.
                    await transaction.RollbackAsync(cancellationToken);
                    db.ChangeTracker.Clear();
                    return false;
                }
                catch (Exception exception) when (exception is OrderItemFailedException or DbUpdateException)
                {
                    failure = exception.Message;
                }
            }

            await transaction.RollbackAsync(cancellationToken);
        }

        db.ChangeTracker.Clear();
        await RecordFailureAsync(orderId, failure, now, cancellationToken);
        return true;
    }

    private async Task RecordFailureAsync(Guid orderId, string reason, DateTime now, CancellationToken cancellationToken)
    {
        var order = await db.ProductOrders.Include(o => o.Items).FirstAsync(o => o.Id == orderId, cancellationToken);
        if (order.State != OrderState.Acknowledged)
        {
            // Another node got there first (ran it, failed it or it was cancelled); what it recorded stands.
            return;
        }

        Move(order, OrderState.InProgress);
        Move(order, OrderState.Failed);
        order.FailureReason = reason.Length > ProductOrder.MaxTextLength ? reason[..ProductOrder.MaxTextLength] : reason;
        order.DueAt = null;
        order.UpdatedAt = now;
        order.Version++;
        db.TimelineEntries.Add(OrderTimeline.Entry(order.CustomerId, now, TimelineEntryKind.Order, $"Order failed: {OrderTimeline.Summary(order)}",
            $"Nothing of the order was done: {order.FailureReason}", currentActor.Get().DisplayName, order.Id,
            StoredText.Of("Timeline.Order.Failed", OrderTimeline.SummaryText(order))));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Applies every item; returns what each did as a stored text (its English words are the item's outcome).</summary>
    private async Task<Dictionary<ProductOrderItem, StoredText>> ApplyAsync(ProductOrder order, Customer customer, DateTime now, CancellationToken cancellationToken)
    {
        var done = new Dictionary<ProductOrderItem, StoredText>();
        var items = order.Items.OrderBy(i => i.Position).ToList();
        var plan = CompositeOrder.ExecutionOrder(items.Select(OrderChecks.ToRequest).ToList());
        var actor = currentActor.Get().DisplayName;
        foreach (var index in plan)
        {
            var item = items[index];
            var outcome = item.Action switch
            {
                OrderItemAction.Add => await AddAsync(item, customer, now, actor, cancellationToken),
                OrderItemAction.Modify => await ModifyAsync(item, order, now, actor, cancellationToken),
                OrderItemAction.Delete => await DeleteAsync(item, order, now, actor, cancellationToken),
                _ => ItemOutcome.Unchanged,
            };
            item.Outcome = outcome.Words;
            done[item] = outcome.Text;
        }

        // An item the execution plan left out (none today) still reads as unchanged.
        foreach (var item in items.Where(i => !done.ContainsKey(i)))
        {
            done[item] = ItemOutcome.Unchanged.Text;
        }

        return done;
    }

    private async Task<ItemOutcome> AddAsync(ProductOrderItem item, Customer customer, DateTime now, string actor, CancellationToken cancellationToken)
    {
        var plan = item.Plan ?? throw new OrderItemFailedException($"{item.DescribeCapitalized()} has no plan.");
        var address = item.ServiceAddress is { } a ? new AddressInput(a.Street, a.PostalCode, a.City, a.Country) : null;
        var built = SubscriptionCommands.Build(
            new CreateSubscriptionInput(customer.Id, plan.Id, null, item.PortInMsisdn ?? item.Msisdn, address, item.MonthlyPrice,
                item.PortingDate ?? DateOnly.FromDateTime(now), item.BindingMonths, SubscriptionStatus.Active.ToWireName(),
                item.SoldVia, item.WithdrawalInformationGiven),
            customer, plan, now, rules, item.SoldToConsumer);
        if (built.Failure is { } failure)
        {
            throw new OrderItemFailedException($"{item.DescribeCapitalized()}: {failure.Message}");
        }

        var subscription = built.Value!;
        subscription.Plan = plan;
        db.Subscriptions.Add(subscription);
        item.SubscriptionId = subscription.Id;
        await summaries.IssueAsync(db, subscription, "New contract by order", cancellationToken);
        var entry = SubscriptionCommands.TimelineEntryFor(subscription, plan, actor, now);
        if (item.PortInMsisdn is { } number)
        {
            entry.Title = $"Number {number} ported in from {item.DonorOperator}; subscription {plan.Name} started";
            entry.Says(StoredText.Of("Timeline.Subscription.PortedIn", StoredText.Value(number), StoredText.Value(item.DonorOperator), StoredText.Value(plan.Name)));
        }

        db.TimelineEntries.Add(entry);
        if (item.PortInMsisdn is { } ported)
        {
            return new ItemOutcome($"New subscription {plan.Name} with {ported} ported in from {item.DonorOperator} on {Iso(subscription.StartDate)}.",
                StoredText.Of("OrderWords.Outcome.PortedIn", StoredText.Value(plan.Name), StoredText.Value(ported), StoredText.Value(item.DonorOperator),
                    StoredText.Value(Iso(subscription.StartDate))));
        }

        var (binding, bindingText) = subscription.BindingEndDate is { } end
            ? ($"binding until {Iso(end)}", StoredText.Of("OrderWords.Outcome.BindingUntil", StoredText.Value(Iso(end))))
            : ("no binding", StoredText.Of("OrderWords.Outcome.NoBinding"));
        return subscription.ServiceAddress is { } at
            ? new ItemOutcome($"New subscription {plan.Name} at {OrderTimeline.Format(at)}; {binding}.",
                StoredText.Of("OrderWords.Outcome.NewAt", StoredText.Value(plan.Name), StoredText.Value(OrderTimeline.Format(at)), StoredText.Nested(bindingText)))
            : new ItemOutcome($"New subscription {plan.Name}; {binding}.",
                StoredText.Of("OrderWords.Outcome.New", StoredText.Value(plan.Name), StoredText.Nested(bindingText)));
    }

    private async Task<Subscription> LiveSubscriptionAsync(ProductOrderItem item, ProductOrder order, CancellationToken cancellationToken)
    {
        var subscription = await db.Subscriptions.FirstOrDefaultAsync(s => s.Id == item.SubscriptionId, cancellationToken);
        if (subscription is null || subscription.CustomerId != order.CustomerId || subscription.Status == SubscriptionStatus.Terminated)
        {
            throw new OrderItemFailedException($"{item.DescribeCapitalized()}: the subscription is no longer a live subscription of this customer.");
        }

        return subscription;
    }

    private async Task<ItemOutcome> ModifyAsync(ProductOrderItem item, ProductOrder order, DateTime now, string actor, CancellationToken cancellationToken)
    {
        var subscription = await LiveSubscriptionAsync(item, order, cancellationToken);
        var today = DateOnly.FromDateTime(now);
        var changes = new List<ItemOutcome>();
        var before = new ContractTerms(subscription.PlanId, subscription.MonthlyPrice, subscription.BindingEndDate);
        if (item.ServiceAddress is { } newAddress && newAddress != subscription.ServiceAddress)
        {
            changes.Add(await MoveAsync(subscription, newAddress, order, now, actor, cancellationToken));
        }

        if (item.Plan is { } plan && plan.Id != subscription.PlanId)
        {
            var oldPlan = await db.Plans.AsNoTracking().FirstAsync(p => p.Id == subscription.PlanId, cancellationToken);
            subscription.PlanId = plan.Id;
            subscription.MonthlyPrice = item.MonthlyPrice ?? plan.MonthlyPrice;
            var title = $"Plan changed: {oldPlan.Name} → {plan.Name}";
            var titleText = StoredText.Of("Timeline.Subscription.PlanChanged", StoredText.Value(oldPlan.Name), StoredText.Value(plan.Name));
            var price = Amount(subscription.MonthlyPrice);
            changes.Add(new ItemOutcome($"{title}, {price} {plan.Currency} a month.",
                StoredText.Of("OrderWords.Outcome.PlanChanged", StoredText.Nested(titleText), StoredText.Value(price), StoredText.Value(plan.Currency))));
            db.TimelineEntries.Add(OrderTimeline.SubscriptionEntry(subscription, now, title,
                $"Same subscription, changed in place: no cancellation, no new subscription (S2-2). {price} {plan.Currency} a month.", actor,
                titleText, StoredText.Of("Timeline.Subscription.PlanChangedInPlace", StoredText.Value(price), StoredText.Value(plan.Currency))));
        }
        else if (item.MonthlyPrice is { } price && price != subscription.MonthlyPrice)
        {
            subscription.MonthlyPrice = price;
            changes.Add(new ItemOutcome($"Price {Amount(price)} a month.", StoredText.Of("OrderWords.Outcome.Price", StoredText.Value(Amount(price)))));
        }

        // EU-107: a change never brings a new binding unless the customer explicitly agreed to one (the rules checked the consent).
        if (item.BindingMonths is > 0 && item.BindingConsent)
        {
            subscription.BindingEndDate = today.AddMonths(item.BindingMonths.Value);
            var until = Iso(subscription.BindingEndDate.Value);
            changes.Add(new ItemOutcome($"New binding until {until}, with the customer's explicit consent (EU-107).",
                StoredText.Of("OrderWords.Outcome.NewBinding", StoredText.Value(until))));
        }
        else
        {
            changes.Add(subscription.BindingEndDate is { } end
                ? new ItemOutcome($"Binding kept: until {Iso(end)} (EU-107).", StoredText.Of("OrderWords.Outcome.BindingKept", StoredText.Value(Iso(end))))
                : new ItemOutcome("Binding kept: none (EU-107).", StoredText.Of("OrderWords.Outcome.BindingKeptNone")));
        }

        // A change of plan, price or binding is a sale of its own (CRD-9): keep what it replaced, so withdrawing it can put that back.
        if (before != new ContractTerms(subscription.PlanId, subscription.MonthlyPrice, subscription.BindingEndDate))
        {
            item.PreviousPlanId = before.PlanId;
            item.PreviousMonthlyPrice = before.MonthlyPrice;
            item.PreviousBindingEndDate = before.BindingEnd;
        }

        subscription.UpdatedAt = now;
        if (item.Plan is not null || item.BindingConsent || item.MonthlyPrice is not null)
        {
            // EU-102: a changed contract gets its summary, as a new one does.
            subscription.Plan = item.Plan ?? await db.Plans.FirstAsync(p => p.Id == subscription.PlanId, cancellationToken);
            await summaries.IssueAsync(db, subscription, "Contract changed by order", cancellationToken);
        }

        return ItemOutcome.Sentences(changes);
    }

    /// <summary>
    /// A move: the subscription to its new address and, where it was at the customer's service address, the customer's
    /// service address with it. The old addresses stay on the timeline.
    /// </summary>
    private async Task<ItemOutcome> MoveAsync(Subscription subscription, Address to, ProductOrder order, DateTime now, string actor, CancellationToken cancellationToken)
    {
        var from = subscription.ServiceAddress;
        // An owned value belongs to one row: the subscription (and the customer) get their own copy of the item's address.
        subscription.ServiceAddress = to with { };
        var moved = $"Moved from {(from is null ? "no address" : OrderTimeline.Format(from))} to {OrderTimeline.Format(to)}";
        var movedText = from is null
            ? StoredText.Of("Timeline.Subscription.MovedTo", StoredText.Value(OrderTimeline.Format(to)))
            : StoredText.Of("Timeline.Subscription.Moved", StoredText.Value(OrderTimeline.Format(from)), StoredText.Value(OrderTimeline.Format(to)));
        db.TimelineEntries.Add(OrderTimeline.SubscriptionEntry(subscription, now, moved, "Same subscription, moved as part of an order.", actor,
            movedText, StoredText.Of("Timeline.Subscription.MovedByOrder")));

        var customer = await db.Customers.FirstAsync(c => c.Id == subscription.CustomerId, cancellationToken);
        if (from is null || customer.ServiceAddress is not { } home || !OrderChecks.ToOrderAddress(home)!.IsSamePlaceAs(OrderChecks.ToOrderAddress(from)!))
        {
            // A line elsewhere (a summer house, a parent's flat) moves alone: the customer still lives where they did.
            return new ItemOutcome(moved + ".", StoredText.Of("OrderWords.Outcome.Moved", StoredText.Nested(movedText)));
        }

        customer.ServiceAddress = to with { };
        customer.UpdatedAt = now;
        var followed = $"Service address moved from {OrderTimeline.Format(home)} to {OrderTimeline.Format(to)}";
        db.TimelineEntries.Add(OrderTimeline.Entry(customer.Id, now, TimelineEntryKind.Order, followed,
            "The subscription moved was at the customer's service address, so the customer's service address moved with it. The old address stays in this history.",
            actor, order.Id, StoredText.Of("Timeline.Customer.ServiceAddressMoved", StoredText.Value(OrderTimeline.Format(home)), StoredText.Value(OrderTimeline.Format(to))),
            StoredText.Of("Timeline.Customer.ServiceAddressMovedWith")));
        return new ItemOutcome($"{moved}; the customer's service address with it.", StoredText.Of("OrderWords.Outcome.MovedWithCustomer", StoredText.Nested(movedText)));
    }

    private async Task<ItemOutcome> DeleteAsync(ProductOrderItem item, ProductOrder order, DateTime now, string actor, CancellationToken cancellationToken)
    {
        var subscription = await LiveSubscriptionAsync(item, order, cancellationToken);
        var plan = await db.Plans.AsNoTracking().FirstAsync(p => p.Id == subscription.PlanId, cancellationToken);
        var today = DateOnly.FromDateTime(now);
        if (!SubscriptionLifecycle.CanMove(subscription.Status, SubscriptionStatus.Terminated))
        {
            throw new OrderItemFailedException($"{item.DescribeCapitalized()}: a subscription that is {DisplayNames.SubscriptionStatus(subscription.Status.ToWireName()).ToLowerInvariant()} cannot be terminated.");
        }

        // The order runs on its porting date (see DueAt), so the number leaves today: the agreed date (EU-106-3).
        var terminationDate = item.PortingDate is { } porting && porting < today ? porting : today;
        var jurisdiction = await db.Customers.AsNoTracking().Where(c => c.Id == subscription.CustomerId).Select(c => c.Jurisdiction).FirstAsync(cancellationToken);
        var terms = rules.Leaving(subscription.ToContractFacts(SubscriptionContracts.JurisdictionOf(jurisdiction)), today);
        subscription.Status = SubscriptionStatus.Terminated;
        subscription.UpdatedAt = now;
        item.TerminationDate = terminationDate;
        await PromiseFlags.SubscriptionEndingAsync(db, subscription, terminationDate, order.Id, now, cancellationToken);
        item.PortableUntil = subscription.Msisdn is null ? null : NumberPorting.PortableUntil(terminationDate);

        var portable = item.PortableUntil is { } until ? $" The number stays portable until {Iso(until)} ({NumberPorting.PortabilityRule})." : "";
        var bound = terms.IsBound ? $" The binding ran until {subscription.BindingEndDate:yyyy-MM-dd}; what remains of it is settled as the contract says." : "";
        List<StoredText> after = [];
        if (item.PortableUntil is { } portableUntil)
        {
            after.Add(StoredText.Of("OrderWords.Outcome.Portable", StoredText.Value(Iso(portableUntil)), StoredText.Value(NumberPorting.PortabilityRule)));
        }

        if (terms.IsBound && subscription.BindingEndDate is { } bindingEnd)
        {
            after.Add(StoredText.Of("OrderWords.Outcome.BindingRan", StoredText.Value(Iso(bindingEnd))));
        }

        var title = item.PortOut
            ? $"Number {subscription.Msisdn} ported out{(item.RecipientOperator is { } to ? $" to {to}" : "")}; {plan.Name} ended"
            : $"Subscription {plan.Name} terminated";
        var titleText = !item.PortOut ? StoredText.Of("Timeline.Subscription.Terminated", StoredText.Value(plan.Name))
            : item.RecipientOperator is { } recipient
                ? StoredText.Of("Timeline.Subscription.PortedOutTo", StoredText.Value(subscription.Msisdn), StoredText.Value(recipient), StoredText.Value(plan.Name))
                : StoredText.Of("Timeline.Subscription.PortedOut", StoredText.Value(subscription.Msisdn), StoredText.Value(plan.Name));
        var ended = Iso(terminationDate);
        db.TimelineEntries.Add(OrderTimeline.SubscriptionEntry(subscription, now, title, $"Ended on {ended} by an order.{portable}{bound}", actor, titleText,
            ItemOutcome.Joined([StoredText.Of("Timeline.Subscription.EndedByOrder", StoredText.Value(ended)), .. after])));
        return new ItemOutcome($"{title} on {ended}.{portable}{bound}",
            ItemOutcome.Joined([StoredText.Of("OrderWords.Outcome.Ended", StoredText.Nested(titleText), StoredText.Value(ended)), .. after]));
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A price as the English words have always written it: "299.00".</summary>
    private static string Amount(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
