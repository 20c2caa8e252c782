using System.Globalization;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Orders;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Interactions;
using Touchpoint.Features.Languages;
using Touchpoint.Features.Subscriptions;
using static Touchpoint.Domain.Platform.TextLimits;

namespace Touchpoint.Features.Orders;

/// <summary>How orders read on the customer's timeline: placed, completed, failed, cancelled, refused, and each change.</summary>
public static class OrderTimeline
{
    public static TimelineEntry Entry(
        Guid customerId, DateTime at, TimelineEntryKind kind, string title, string detail, string actorName, Guid? sourceId, StoredText? titleText = null,
        StoredText? detailText = null) => new TimelineEntry
    {
        CustomerId = customerId,
        At = at,
        Kind = kind,
        Title = Clip(title, 300),
        Detail = Clip(detail, 4000),
        ActorName = actorName,
        SourceId = sourceId?.ToString(),
    }.Says(titleText, detailText);

    public static TimelineEntry SubscriptionEntry(
        Subscription subscription, DateTime at, string title, string detail, string actorName, StoredText? titleText = null, StoredText? detailText = null)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return Entry(subscription.CustomerId, at, TimelineEntryKind.SubscriptionChange, title, detail, actorName, subscription.Id, titleText, detailText);
    }

    public static TimelineEntry Placed(ProductOrder order, DateTime now, string actorName)
    {
        ArgumentNullException.ThrowIfNull(order);
        var when = order.DueAt is { } due && due > now ? $" to be done on {due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}" : "";
        var titleText = order.DueAt is { } dueOn && dueOn > now
            ? StoredText.Of("Timeline.Order.PlacedFor", StoredText.Value(dueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), SummaryText(order))
            : StoredText.Of("Timeline.Order.Placed", SummaryText(order));
        var items = order.Items.OrderBy(i => i.Position).ToList();
        return Entry(order.CustomerId, now, TimelineEntryKind.Order, $"Order placed{when}: {Summary(order)}",
            string.Join(" ", items.Select(i => $"{i.ItemId}: {i.Action.ToWireName()} — {Describe(i)}.{Request(i)}")), actorName, order.Id, titleText,
            items.Count == 0 ? null : ItemOutcome.Joined([.. items.Select(PlacedText)]));
    }

    /// <summary>An item as the placed order's detail lists it; a port-out's request, in the words of the operator's records, stays as written.</summary>
    private static StoredText PlacedText(ProductOrderItem item) =>
        StoredText.Of(Request(item).Length > 0 ? "OrderWords.Placed.ItemWithRequest" : "OrderWords.Placed.Item",
            StoredText.Value(item.ItemId), StoredText.CodeInSentence("OrderAction", item.Action.ToWireName()), DescribeText(item), StoredText.Value(Request(item).Trim()));

    /// <summary>"move, plan change to Internet Thuis 200, new Digitale TV".</summary>
    public static string Summary(ProductOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var parts = order.Items.OrderBy(i => i.Position).Where(i => i.Action != OrderItemAction.NoChange).Select(Describe).ToList();
        return parts.Count == 0 ? "no changes" : string.Join(", ", parts);
    }

    /// <summary><see cref="Summary"/> as an arg, in the reader's words.</summary>
    public static string SummaryText(ProductOrder order) => StoredText.Nested(SummaryOf(order));

    /// <summary><see cref="Summary"/> as a stored text; past a few items it reads as the English words.</summary>
    public static StoredText SummaryOf(ProductOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var parts = order.Items.OrderBy(i => i.Position).Where(i => i.Action != OrderItemAction.NoChange).Select(DescribeOf).ToList();
        return parts.Count == 0 ? StoredText.Of("OrderWords.NoChanges") : Joined("OrderWords.List", parts);
    }

    /// <summary><see cref="Describe"/> as an arg, in the reader's words.</summary>
    public static string DescribeText(ProductOrderItem item) => StoredText.Nested(DescribeOf(item));

    /// <summary><see cref="Describe"/> as a stored text.</summary>
    public static StoredText DescribeOf(ProductOrderItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        switch (item.Action)
        {
            case OrderItemAction.Add:
                return item.PortInMsisdn is { } number ? StoredText.Of("OrderWords.PortIn", StoredText.Value(number))
                    : item.Plan is { } plan ? StoredText.Of("OrderWords.NewPlan", StoredText.Value(plan.Name))
                    : StoredText.Of("OrderWords.NewSubscription");
            case OrderItemAction.Delete:
                return item.PortOut
                    ? StoredText.Of("OrderWords.PortOut", StoredText.Value(item.PortingDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))
                    : StoredText.Of("OrderWords.Termination");
            case OrderItemAction.Modify:
                var parts = new List<StoredText>();
                if (item.ServiceAddress is { } address)
                {
                    parts.Add(StoredText.Of("OrderWords.MoveTo", StoredText.Value(Format(address))));
                }

                if (item.Plan is { } newPlan)
                {
                    parts.Add(StoredText.Of("OrderWords.PlanChange", StoredText.Value(newPlan.Name)));
                }

                return parts.Count == 0 ? StoredText.Of("OrderWords.BindingChange") : Joined("OrderWords.And", parts);
            default:
                return StoredText.Of("OrderWords.NoChange");
        }
    }

    /// <summary>Parts joined pairwise by <paramref name="pairKey"/> ("{0}, {1}"), the last pair innermost.</summary>
    private static StoredText Joined(string pairKey, List<StoredText> parts) =>
        parts.Count == 1 ? parts[0] : StoredText.Of(pairKey, StoredText.Nested(parts[0]), StoredText.Nested(Joined(pairKey, [.. parts.Skip(1)])));

    public static string Describe(ProductOrderItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Action == OrderItemAction.Add)
        {
            return item.PortInMsisdn is { } number ? $"port-in of {number}" : $"new {item.Plan?.Name ?? "subscription"}";
        }

        if (item.Action == OrderItemAction.Modify)
        {
            var parts = new List<string>();
            if (item.ServiceAddress is { } address)
            {
                parts.Add($"move to {Format(address)}");
            }

            if (item.Plan is { } plan)
            {
                parts.Add($"plan change to {plan.Name}");
            }

            return parts.Count == 0 ? "binding change" : string.Join(" and ", parts);
        }

        if (item.Action == OrderItemAction.Delete)
        {
            return item.PortOut ? $"port-out on {item.PortingDate:yyyy-MM-dd}" : "termination";
        }

        return "no change";
    }

    /// <summary>" On the porting request of Tele2, reference T2-1, matching the customer's nationalId on file (EU-106-6)." for a port-out.</summary>
    private static string Request(ProductOrderItem item) => PortOutRequests.Describe(item) is { Length: > 0 } request ? $" {request}" : "";

    public static string Format(Address address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return $"{address.Street}, {address.PostalCode} {address.City}";
    }
}
