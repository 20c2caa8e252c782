using Touchpoint.Domain.Contracts;
using Touchpoint.Domain.Interactions;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Orders;

/// <summary>
/// How each item of an order was sold (CRD-9): the channel, who sold it, when, and whether the withdrawal information was
/// given. The order may say it once for all its items; an item may say otherwise. A change sold by phone, on the web or
/// at the door can then be withdrawn on its own, whatever the subscription's first sale was.
/// </summary>
public static class OrderItemSales
{
    public const int MaxSellerLength = 200;

    /// <summary>Records the sale on the item; a bad channel or seller is a 400 naming the field.</summary>
    public static Failure.Invalid? Record(ProductOrderItem row, OrderItemInput item, PlaceOrderInput order, string placedBy, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(order);
        var (field, channel) = item.SoldVia is not null ? ($"items[{row.Position}].soldVia", item.SoldVia) : ("soldVia", order.SoldVia);
        if (channel is not null)
        {
            if (!InteractionChannels.TryParse(channel, out var parsed, out var error))
            {
                return new Failure.Invalid(field, error);
            }

            row.SoldVia = parsed.ToWireName();
        }

        if (order.SoldBy is { } seller && (string.IsNullOrWhiteSpace(seller) || seller.Trim().Length > MaxSellerLength))
        {
            return new Failure.Invalid("soldBy", $"soldBy names who sold the order (at most {MaxSellerLength} characters); leave it out when it is you.");
        }

        row.SoldByName = order.SoldBy?.Trim() ?? placedBy;
        row.SoldAt = now;
        row.WithdrawalInformationGiven = item.WithdrawalInformationGiven ?? order.WithdrawalInformationGiven ?? true;
        return null;
    }

    /// <summary>The sale mode the withdrawal rules judge; not recorded counts as a distance sale, so a missing record never removes a right.</summary>
    public static SalesMode ModeOf(ProductOrderItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return InteractionChannels.TryParse(item.SoldVia, out var channel, out _) ? SalesModes.FromChannel(channel) : SalesMode.Distance;
    }
}
