using System.Globalization;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Orders;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Interactions;
using Touchpoint.Features.Subscriptions;
using static Touchpoint.Domain.Platform.TextLimits;

namespace Touchpoint.Features.Orders;

/// <summary>How orders read on the customer's timeline: placed, completed, failed, cancelled, refused, and each change.</summary>
public static class OrderTimeline
{
    public static TimelineEntry Entry(Guid customerId, DateTime at, TimelineEntryKind kind, string title, string detail, string actorName, Guid? sourceId) => new()
    {
        CustomerId = customerId,
        At = at,
        Kind = kind,
        Title = Clip(title, 300),
        Detail = Clip(detail, 4000),
        ActorName = actorName,
        SourceId = sourceId?.ToString(),
    };

    public static TimelineEntry SubscriptionEntry(Subscription subscription, DateTime at, string title, string detail, string actorName)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return Entry(subscription.CustomerId, at, TimelineEntryKind.SubscriptionChange, title, detail, actorName, subscription.Id);
    }

    public static TimelineEntry Placed(ProductOrder order, DateTime now, string actorName)
    {
        ArgumentNullException.ThrowIfNull(order);
        var when = order.DueAt is { } due && due > now ? $" to be done on {due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}" : "";
        return Entry(order.CustomerId, now, TimelineEntryKind.Order, $"Order placed{when}: {Summary(order)}",
            string.Join(" ", order.Items.OrderBy(i => i.Position).Select(i => $"{i.ItemId}: {i.Action.ToWireName()} — {Describe(i)}.{Request(i)}")), actorName, order.Id);
    }

    /// <summary>"move, plan change to Internet Thuis 200, new Digitale TV".</summary>
    public static string Summary(ProductOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var parts = order.Items.OrderBy(i => i.Position).Where(i => i.Action != OrderItemAction.NoChange).Select(Describe).ToList();
        return parts.Count == 0 ? "no changes" : string.Join(", ", parts);
    }

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
