using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Compensation;
using Touchpoint.Domain.Orders;
using Touchpoint.Features.Contracts;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Languages;
using Touchpoint.Features.Messages;

namespace Touchpoint.Features.Orders;

/// <summary>
/// The written confirmation of a placed order, in the customer's language: what was ordered, each line with its plan,
/// price and binding. A port-out is announced on its own (<see cref="PortOutRequests"/>); an order of nothing else gets none.
/// </summary>
public sealed class OrderConfirmation(TouchpointDbContext db, CustomerVoices voices)
{
    public async Task QueueAsync(ProductOrder order, Customer customer, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(customer);
        var confirmed = order.Items.Where(i => i.Action is not OrderItemAction.NoChange && !i.PortOut).OrderBy(i => i.Position).ToList();
        if (confirmed.Count == 0)
        {
            return;
        }

        var identities = await db.CustomerIdentities.AsNoTracking().Where(i => i.CustomerId == customer.Id).ToListAsync(cancellationToken);
        if (MessageOutbox.ContactOnFile(identities) is not { } contact)
        {
            // Nowhere on file to write to: the order on the timeline is what an agent reads out when the customer calls.
            return;
        }

        var voice = voices.For(customer.PreferredLanguage, customer.Jurisdiction);
        var currency = SubscriptionContracts.JurisdictionOf(customer).LocalCurrency().ToWireName();
        var lines = string.Join("; ", confirmed.Select(item => Line(voice, item, currency)));
        MessageOutbox.Queue(db, new NewMessage(customer.Id, customer.Name, contact.Type, contact.Address,
            voice["Order.Subject"], voice.Text("Order.Body", voice.Time(now), lines), MessagePurposes.OrderConfirmation) { Language = voice.Language }, now);
    }

    /// <summary>One ordered item as the customer reads it: "a new subscription, Mobiili 5G at 24,90 € a month, no binding".</summary>
    public static string Line(CustomerVoice voice, ProductOrderItem item, string currency)
    {
        ArgumentNullException.ThrowIfNull(voice);
        ArgumentNullException.ThrowIfNull(item);
        var terms = OrderedTerms.Of(item, currency);
        return item.Action switch
        {
            OrderItemAction.Add when item.PortInMsisdn is { } number => voice.Text("Order.Item.PortIn", number, terms.Describe(voice)),
            OrderItemAction.Add => voice.Text("Order.Item.New", terms.Describe(voice)),
            OrderItemAction.Modify => terms.DescribeChange(voice),
            _ => voice["Order.Item.End"],
        };
    }
}
