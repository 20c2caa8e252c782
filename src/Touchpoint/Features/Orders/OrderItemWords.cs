using Touchpoint.Domain.Orders;

namespace Touchpoint.Features.Orders;

/// <summary>
/// An order item in the words an agent or customer uses ("the new Fibre 500", "the change to Mobile 20 GB"), for the
/// messages a person reads. The item's own id ("1", "change") is the orderer's key for relationships and stays in the
/// problem's details, not in its sentence.
/// </summary>
public static class OrderItemWords
{
    public static string Describe(this ProductOrderItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Action switch
        {
            OrderItemAction.Add when item.PortInMsisdn is { } number => $"the port-in of {number}",
            OrderItemAction.Add => item.Plan is { } plan ? $"the new {plan.Name}" : "the new subscription",
            OrderItemAction.Modify when item.Plan is { } plan => $"the change to {plan.Name}",
            OrderItemAction.Modify when item.ServiceAddress is { } address => $"the move to {address.Street}, {address.City}",
            OrderItemAction.Modify => "the change of the subscription",
            OrderItemAction.Delete when item.PortOut => "the port-out",
            OrderItemAction.Delete => "the termination of the subscription",
            _ => "the subscription the order refers to",
        };
    }

    /// <summary><see cref="Describe"/> at the start of a sentence.</summary>
    public static string DescribeCapitalized(this ProductOrderItem item)
    {
        var words = item.Describe();
        return string.Concat(char.ToUpperInvariant(words[0]).ToString(), words[1..]);
    }
}
