using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Contracts;
using Touchpoint.Domain.Orders;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Orders;

namespace Touchpoint.Features.Contracts;

/// <summary>Settles, when something is sold, whether it is sold to a consumer (TP-5), so a later change of the customer's kind changes nothing sold before.</summary>
public static class ConsumerSales
{
    /// <summary>
    /// Marks each item of an order being placed: a new contract is a consumer sale when the customer is a consumer now; a
    /// change of an existing contract also when that contract was sold to a consumer (it keeps its consumer rights).
    /// </summary>
    public static async Task SettleAsync(TouchpointDbContext db, ProductOrder order, Customer customer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(customer);
        var changed = order.Items.Where(i => i.Action != OrderItemAction.Add).Select(i => i.SubscriptionId).OfType<Guid>().Distinct().ToList();
        var soldToConsumer = changed.Count == 0
            ? []
            : await db.Subscriptions.AsNoTracking().Where(s => changed.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.SoldToConsumer, cancellationToken);
        foreach (var item in order.Items)
        {
            item.SoldToConsumer = item.Action != OrderItemAction.Add && item.SubscriptionId is { } id && soldToConsumer.TryGetValue(id, out var contractSoldToConsumer)
                ? ConsumerContracts.IsConsumerSale(contractSoldToConsumer, customer.Kind)
                : ConsumerContracts.IsConsumerSale(customer.Kind);
        }
    }
}
