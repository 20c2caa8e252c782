using Touchpoint.Features.Languages;

namespace Touchpoint.Features.Orders;

/// <summary>
/// What an order item brings, in the facts a customer reads it by: the plan with its price and binding, a move. The
/// order confirmation and the public page that offers to withdraw a change describe it the same way.
/// </summary>
/// <param name="PlanName">Null when the item keeps the plan (a move, a new binding).</param>
/// <param name="MovedTo">The new service address, written out; null when the item moves nothing.</param>
public sealed record OrderedTerms(string? PlanName, decimal MonthlyPrice, string Currency, int? BindingMonths, string? MovedTo)
{
    /// <param name="currency">The customer's country's currency, for an item whose plan is not loaded.</param>
    public static OrderedTerms Of(ProductOrderItem item, string currency)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new OrderedTerms(item.Plan?.Name, item.MonthlyPrice ?? item.Plan?.MonthlyPrice ?? 0m, item.Plan?.Currency ?? currency,
            item.BindingMonths, item.ServiceAddress is { } address ? OrderTimeline.Format(address) : null);
    }

    /// <summary>"Mobiili 5G at 24,90 € a month, no binding".</summary>
    public string Describe(CustomerVoice voice)
    {
        ArgumentNullException.ThrowIfNull(voice);
        var price = voice.Money(MonthlyPrice, Currency);
        return BindingMonths is > 0 and var months
            ? voice.Text("Terms.BoundMonths", PlanName ?? "", price, months)
            : voice.Text("Terms.Unbound", PlanName ?? "", price);
    }

    /// <summary>A change to a subscription: "a move to … and a change to Mobil 20 GB at 299 kr a month, bound for 24 months".</summary>
    public string DescribeChange(CustomerVoice voice)
    {
        ArgumentNullException.ThrowIfNull(voice);
        var parts = new List<string>();
        if (MovedTo is { } address)
        {
            parts.Add(voice.Text("Order.Item.Move", address));
        }

        if (PlanName is not null)
        {
            parts.Add(voice.Text("Order.Item.PlanChange", Describe(voice)));
        }

        return parts.Count == 0 ? voice["Order.Item.Binding"] : string.Join(voice["Order.And"], parts);
    }
}
