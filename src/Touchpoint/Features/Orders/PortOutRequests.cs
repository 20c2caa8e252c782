using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Interactions;
using Touchpoint.Domain.Orders;
using Touchpoint.Features.Contracts;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Languages;
using Touchpoint.Features.Messages;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Orders;

/// <summary>
/// EU-106-6 for orders: a number leaves only on the customer's request on record — the receiving operator's porting
/// request carrying the customer's authorisation, or the customer's own verified instruction. Reads the request given
/// with each port-out item, checks it against the number's holder on file (<see cref="PortOutRules"/>) item by item,
/// records what each was accepted on, and tells the holder before their number leaves. A port-out without a valid
/// request refuses the whole order with every failing item named; nothing is scheduled and nothing is sent.
/// </summary>
public sealed class PortOutRequests(TouchpointDbContext db, CustomerVoices voices)
{
    /// <summary>The item's request as the rules read it, or null when it gives none; a value that is not what it claims is a 400.</summary>
    /// <param name="path">The item's JSON path, e.g. <c>items[0]</c>.</param>
    public static Outcome<PortOutRequest?> Parse(string path, PortingRequestInput? input, bool portOut, Jurisdiction jurisdiction, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(path);
        var field = $"{path}.portingRequest";
        if (input is null)
        {
            return (PortOutRequest?)null;
        }

        if (!portOut)
        {
            return new Failure.Invalid(field, "portingRequest goes with portOut: it is the customer's request for their number to leave.");
        }

        if (!PortOutRequesters.TryParse(input.RequestedBy, out var requester, out var requesterError))
        {
            return new Failure.Invalid($"{field}.requestedBy", requesterError);
        }

        CustomerVerification? verifiedBy = null;
        InteractionChannel? channel = null;
        if (requester == PortOutRequester.Customer)
        {
            var identityGiven = new[] { ("nationalId", input.NationalId), ("customerNumber", input.CustomerNumber), ("customerName", input.CustomerName), ("msisdn", input.Msisdn) }
                .FirstOrDefault(given => given.Item2 is not null).Item1;
            if (identityGiven is not null)
            {
                return new Failure.Invalid($"{field}.{identityGiven}",
                    "The customer's own instruction is verified by us (verifiedBy); the identity a porting request carries goes with requestedBy recipientOperator.");
            }

            if (input.VerifiedBy is not null)
            {
                if (!CustomerVerifications.TryParse(input.VerifiedBy, out var verification, out var verificationError))
                {
                    return new Failure.Invalid($"{field}.verifiedBy", verificationError);
                }

                verifiedBy = verification;
            }

            if (input.Channel is not null)
            {
                if (!InteractionChannels.TryParse(input.Channel, out var parsedChannel, out var channelError))
                {
                    return new Failure.Invalid($"{field}.channel", channelError);
                }

                channel = parsedChannel;
            }
        }
        else if (input.VerifiedBy is not null || input.Channel is not null)
        {
            return new Failure.Invalid($"{field}.{(input.VerifiedBy is not null ? "verifiedBy" : "channel")}",
                "verifiedBy and channel record the customer's own instruction (requestedBy customer); a receiving operator's request carries the customer's identity instead.");
        }

        var request = new PortOutRequest(requester, input.Reference, input.NationalId, input.CustomerNumber, input.CustomerName, input.Msisdn, verifiedBy, channel);
        return PortOutRules.TryNormalize(request, jurisdiction, today, out var normalized, out var problem)
            ? normalized
            : new Failure.Invalid($"{path}.{problem!.Field}", problem.Message);
    }

    /// <summary>
    /// Null when every port-out of the order stands on the customer's request (each item then records what it was
    /// accepted on); otherwise the refusal naming every failing item and what it lacks.
    /// </summary>
    /// <param name="requests">The parsed request of each item, by the item's position.</param>
    public async Task<OrderRefused?> AuthoriseAsync(
        ProductOrder order, Customer customer, IReadOnlyDictionary<int, PortOutRequest?> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(requests);
        var portOuts = order.Items.Where(i => i.PortOut).OrderBy(i => i.Position).ToList();
        if (portOuts.Count == 0)
        {
            return null;
        }

        var jurisdiction = SubscriptionContracts.JurisdictionOf(customer);
        var identities = await db.CustomerIdentities.AsNoTracking().Where(i => i.CustomerId == customer.Id).Select(i => new { i.Kind, i.Value }).ToListAsync(cancellationToken);
        var nationalIds = identities.Where(i => i.Kind == IdentityKind.NationalId.ToWireName()).Select(i => i.Value).ToList();
        var customerNumbers = identities.Where(i => i.Kind == IdentityKind.LegacyId.ToWireName()).Select(i => i.Value).Prepend(customer.Id.ToString()).ToList();
        var numbers = await NumbersAsync(portOuts, cancellationToken);

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var refused = new List<(ProductOrderItem Item, string Field, string Reason)>();
        foreach (var item in portOuts)
        {
            var request = requests.GetValueOrDefault(item.Position);
            var holder = new PortOutHolder(customer.Name, numbers[item.SubscriptionId!.Value], nationalIds, customerNumbers);
            var decision = PortOutRules.Check(jurisdiction, request, item.RecipientOperator, holder);
            if (decision.IsAuthorised)
            {
                item.PortingRequestedBy = request!.RequestedBy.ToWireName();
                item.PortingReference = request.Reference;
                item.PortingBasis = decision.Basis;
                item.PortingChannel = request.Channel?.ToWireName();
                continue;
            }

            foreach (var problem in decision.Problems)
            {
                errors[$"items[{item.Position}].{problem.Field}"] = [problem.Message];
            }

            refused.Add((item, decision.Problems[0].Field, string.Join(" ", decision.Problems.Select(p => p.Message))));
        }

        if (refused.Count == 0)
        {
            return null;
        }

        var message = refused.Count == 1 && portOuts.Count == 1
            ? $"The port-out of {NumberOf(refused[0].Item)} cannot be taken. {refused[0].Reason}"
            : $"{refused.Count} of the {portOuts.Count} port-outs cannot be taken, so none is ({PortOutRules.RuleId}; checked item by item): " +
              string.Join(" ", refused.Select(r => $"The port-out of {NumberOf(r.Item)}: {r.Reason}"));
        return new OrderRefused($"items[{refused[0].Item.Position}].{refused[0].Field}", message, new Dictionary<string, object?>
        {
            ["ruleId"] = PortOutRules.RuleId,
            ["itemId"] = refused[0].Item.ItemId,
            ["itemIds"] = refused.Select(r => r.Item.ItemId).ToList(),
            ["acceptedIdentities"] = PortOutRules.AcceptedProofs(jurisdiction).Select(p => p.ToWireName()).ToList(),
        }, errors);

        string NumberOf(ProductOrderItem item) => numbers[item.SubscriptionId!.Value];
    }

    /// <summary>
    /// Tells the holder, on the contact details on file, which of their numbers are to leave, where to, when and at whose
    /// request — so a port-out they did not ask for can be stopped before it happens. In the unit of work of the order.
    /// </summary>
    public async Task NotifyAsync(ProductOrder order, Customer customer, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(customer);
        var portOuts = order.Items.Where(i => i.PortOut).OrderBy(i => i.Position).ToList();
        if (portOuts.Count == 0)
        {
            return;
        }

        var identities = await db.CustomerIdentities.AsNoTracking().Where(i => i.CustomerId == customer.Id).ToListAsync(cancellationToken);
        if (MessageOutbox.ContactOnFile(identities) is not { } contact)
        {
            // Nowhere on file to write to: the order on the timeline is what an agent reads out when the customer calls.
            return;
        }

        var numbers = await NumbersAsync(portOuts, cancellationToken);
        var voice = voices.For(customer.PreferredLanguage, customer.Jurisdiction);
        var lines = portOuts.Select(item =>
        {
            var number = numbers[item.SubscriptionId!.Value];
            var to = item.RecipientOperator ?? voice["PortOut.UnknownOperator"];
            var on = voice.Date(item.PortingDate!.Value);
            return item.PortingRequestedBy == PortOutRequester.Customer.ToWireName() ? voice.Text("PortOut.Line.Own", number, to, on)
                : item.PortingReference is { } reference ? voice.Text("PortOut.Line.RecipientReference", number, to, on, reference)
                : voice.Text("PortOut.Line.Recipient", number, to, on);
        }).ToList();
        var first = voice.Date(portOuts.Min(i => i.PortingDate!.Value));
        var one = portOuts.Count == 1;
        MessageOutbox.Queue(db, new NewMessage(customer.Id, customer.Name, contact.Type, contact.Address,
            one ? voice.Text("PortOut.Subject.One", numbers[portOuts[0].SubscriptionId!.Value]) : voice["PortOut.Subject.Many"],
            $"{voice.Text(one ? "PortOut.Body.One" : "PortOut.Body.Many", string.Join(" ", lines), first)} {voice.LawLine([PortOutRules.RuleId])}.",
            MessagePurposes.PortOutNotice) { Language = voice.Language }, now);
    }

    /// <summary>What an agent reads on the timeline about the request a port-out was taken on.</summary>
    public static string Describe(ProductOrderItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!item.PortOut || item.PortingRequestedBy is null)
        {
            return "";
        }

        return item.PortingRequestedBy == PortOutRequester.Customer.ToWireName()
            ? $"On the customer's own instruction{(item.PortingChannel is { } channel ? $" ({channel})" : "")}, verified by {item.PortingBasis} ({PortOutRules.RuleId})."
            : $"On the porting request of {item.RecipientOperator}{(item.PortingReference is { } reference ? $", reference {reference}" : "")}, " +
              $"carrying {(PortingIdentityProofs.TryParse(item.PortingBasis, out var proof, out _) ? proof.Describe() : item.PortingBasis)} as on file ({PortOutRules.RuleId}).";
    }

    private async Task<Dictionary<Guid, string>> NumbersAsync(List<ProductOrderItem> portOuts, CancellationToken cancellationToken)
    {
        // The composite rules ran first: every port-out names a live subscription of this customer that has a number.
        var ids = portOuts.Select(i => i.SubscriptionId!.Value).Distinct().ToList();
        return await db.Subscriptions.AsNoTracking().Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.Msisdn })
            .ToDictionaryAsync(s => s.Id, s => s.Msisdn ?? "", cancellationToken);
    }
}
