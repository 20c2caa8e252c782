using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Touchpoint.Domain.Orders;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Orders;
using Touchpoint.Hosting;
using OrderProblem = Microsoft.AspNetCore.Http.HttpResults.Results<Touchpoint.Hosting.UnprocessableProblem, Touchpoint.Hosting.CommandProblem>;

namespace Touchpoint.Tmf;

/// <summary>Placing a TMF622 ProductOrder: its items and characteristics read as an /api/orders order, with every error at its TMF path.</summary>
public static partial class Tmf622ProductOrderApi
{
    /// <summary>The characteristics that carry a port-out's request (EU-106-6), with the field of /api/orders' portingRequest each one is.</summary>
    private static readonly (string Characteristic, string Field)[] PortingRequestCharacteristics =
    [
        ("portingRequestedBy", "requestedBy"), ("portingReference", "reference"), ("portingNationalId", "nationalId"), ("portingCustomerNumber", "customerNumber"),
        ("portingCustomerName", "customerName"), ("portingMsisdn", "msisdn"), ("portingVerifiedBy", "verifiedBy"), ("portingChannel", "channel"),
    ];

    private static readonly string[] TextCharacteristicNames =
        ["msisdn", "portInMsisdn", "donorOperator", "recipientOperator", "portingDate", "soldVia", .. PortingRequestCharacteristics.Select(c => c.Characteristic)];

    private static readonly string[] CharacteristicNames =
    [
        "msisdn", "portInMsisdn", "donorOperator", "portingDate", "portOut", "recipientOperator", "bindingMonths", "bindingConsent", "soldVia",
        "withdrawalInformationGiven", .. PortingRequestCharacteristics.Select(c => c.Characteristic),
    ];

    internal static async Task<Results<TmfCreated<TmfProductOrder>, ValidationProblem, OrderProblem>> Create(
        TmfProductOrderInput input, OrderCommands commands, CancellationToken cancellationToken)
    {
        if (input.State is { } state && !(OrderStates.TryParse(state, out var parsed, out _) && parsed == OrderState.Acknowledged))
        {
            return ProblemResults.Invalid("state", "A new product order is acknowledged; Touchpoint moves it from there.");
        }

        var map = new FieldMap().Map("items", "productOrderItem").Map("customerId", "relatedParty").Map("customerIdentity", "relatedParty");
        Guid? customerId = null;
        string? customerIdentity = null;
        string? soldBy = null;
        for (var index = 0; index < (input.RelatedParty?.Count ?? 0); index++)
        {
            var party = input.RelatedParty![index];
            var path = $"relatedParty[{index}]";
            if (party is not null && string.Equals(party.Role?.Trim(), SellerRole, StringComparison.OrdinalIgnoreCase) && soldBy is null)
            {
                // Who sold the order, when not the signed-in user: a name is what the customer heard.
                soldBy = party.Name ?? party.Id ?? "";
                map.Map("soldBy", party.Name is null ? $"{path}.id" : $"{path}.name");
                continue;
            }

            if (party is null || !string.Equals(party.Role?.Trim(), "customer", StringComparison.OrdinalIgnoreCase))
            {
                return ProblemResults.Invalid($"{path}.role", "A product order names its customer: one relatedParty with role customer.");
            }

            if (customerId is not null || customerIdentity is not null)
            {
                return ProblemResults.Invalid(path, "A product order is for one customer.");
            }

            if (string.IsNullOrWhiteSpace(party.Id))
            {
                return ProblemResults.Invalid($"{path}.id", "The customer's id, or any identity of theirs (phone number, e-mail, legacy id).");
            }

            if (Guid.TryParse(party.Id, out var id))
            {
                customerId = id;
            }
            else
            {
                customerIdentity = party.Id;
            }

            map.Map("customerId", $"{path}.id").Map("customerIdentity", $"{path}.id");
        }

        var items = new List<OrderItemInput?>();
        for (var index = 0; index < (input.ProductOrderItem?.Count ?? 0); index++)
        {
            var read = ReadItem(index, input.ProductOrderItem![index], map);
            if (read.Failure is { } itemFailure)
            {
                return OrderEndpoints.ToResult(itemFailure);
            }

            items.Add(read.Value);
        }

        string? soldVia = null;
        if (input.Channel is { Count: > 0 } channels)
        {
            if (channels.Count > 1 || channels[0] is not { } channel)
            {
                return ProblemResults.Invalid("channel", "An order is sold in one channel: give one RelatedChannel (role salesChannel); an item sold otherwise says so in its soldVia.");
            }

            soldVia = Tmf683PartyInteractionApi.ChannelOf(channel.Id, channel.Name);
            map.Map("soldVia", channel.Id is null ? "channel[0].name" : "channel[0].id");
        }

        var outcome = await commands.PlaceAsync(new PlaceOrderInput(
            customerId, customerIdentity, items, input.Description, input.ExternalId, input.Priority, input.RequestedStartDate, input.RequestedCompletionDate,
            soldVia, soldBy), cancellationToken);
        if (outcome.Failure is { } failure)
        {
            return OrderEndpoints.ToResult(failure, map.Translate);
        }

        var order = outcome.Value!;
        return TmfConventions.Created($"{ProductOrderPath}/{order.Id}", ToTmf(order));
    }

    /// <summary>One ProductOrderItem as an /api/orders item, with the item's JSON paths mapped for errors.</summary>
    private static Outcome<OrderItemInput?> ReadItem(int index, TmfProductOrderItemInput? item, FieldMap map)
    {
        var path = $"productOrderItem[{index}]";
        var from = $"items[{index}]";
        map.MapPrefix(from, path).Map($"{from}.subscriptionId", $"{path}.product.id").Map($"{from}.planCode", $"{path}.productOffering.id");
        if (item is null)
        {
            return (OrderItemInput?)null;
        }

        if (item.Quantity is not (null or 1))
        {
            return new Failure.Invalid($"{path}.quantity", "Each item is one product; give several items for several.");
        }

        if (item.State is { } state && !(OrderItemStates.TryParse(state, out var parsed, out _) && parsed == OrderItemState.Acknowledged))
        {
            return new Failure.Invalid($"{path}.state", "A new item is acknowledged; it moves with its order.");
        }

        Guid? subscriptionId = null;
        if (item.Product?.Id is { } productId)
        {
            if (!Guid.TryParse(productId, out var parsedId))
            {
                return new Failure.Invalid($"{path}.product.id", $"'{productId}' is not a product (subscription) id.");
            }

            subscriptionId = parsedId;
        }

        AddressInput? address = null;
        for (var p = 0; p < (item.Product?.Place?.Count ?? 0); p++)
        {
            var place = item.Product!.Place![p];
            var placePath = $"{path}.product.place[{p}]";
            if (place is null || !(string.Equals(place.Role, "serviceAddress", StringComparison.OrdinalIgnoreCase)
                                   || string.Equals(place.Role, "installationAddress", StringComparison.OrdinalIgnoreCase)))
            {
                return new Failure.Invalid($"{placePath}.role", "An item takes one place: the serviceAddress (or installationAddress).");
            }

            address = new AddressInput(place.StreetName, place.Postcode, place.City, place.Country);
            map.Map($"{from}.serviceAddress", placePath)
                .Map($"{from}.serviceAddress.street", $"{placePath}.streetName")
                .Map($"{from}.serviceAddress.postalCode", $"{placePath}.postcode")
                .Map($"{from}.serviceAddress.city", $"{placePath}.city")
                .Map($"{from}.serviceAddress.country", $"{placePath}.country");
        }

        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var valuePaths = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var c = 0; c < (item.Product?.ProductCharacteristic?.Count ?? 0); c++)
        {
            var characteristic = item.Product!.ProductCharacteristic![c];
            var characteristicPath = $"{path}.product.productCharacteristic[{c}]";
            var name = CharacteristicNames.FirstOrDefault(n => string.Equals(n, characteristic?.Name?.Trim(), StringComparison.Ordinal));
            if (name is null || characteristic?.Value is not { } value)
            {
                return new Failure.Invalid($"{characteristicPath}.name",
                    $"'{characteristic?.Name}' is not a characteristic an order item takes (with a value); use {string.Join(", ", CharacteristicNames)}.");
            }

            values[name] = value;
            valuePaths[name] = $"{characteristicPath}.value";
            map.Map($"{from}.{name}", $"{characteristicPath}.value");
        }

        // A port-out's request is a set of characteristics: what it lacks is named by the characteristic, or by the list when none was given.
        var characteristics = $"{path}.product.productCharacteristic";
        map.Map($"{from}.portingRequest", characteristics);
        foreach (var (characteristic, field) in PortingRequestCharacteristics)
        {
            map.Map($"{from}.portingRequest.{field}", valuePaths.GetValueOrDefault(characteristic, characteristics));
        }

        static Failure.Invalid Wrong(FieldMap map, string field, string what) => new(map.Translate(field), $"{field.Split('.')[^1]} is {what}.");
        string? String(string name) => values.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        foreach (var name in TextCharacteristicNames)
        {
            if (values.TryGetValue(name, out var v) && v.ValueKind != JsonValueKind.String)
            {
                return Wrong(map, $"{from}.{name}", "a string");
            }
        }

        DateOnly? portingDate = null;
        if (String("portingDate") is { } dateText)
        {
            if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                && !(DateTimeOffset.TryParse(dateText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant) && (date = DateOnly.FromDateTime(instant.UtcDateTime)) != default))
            {
                return Wrong(map, $"{from}.portingDate", "a date (yyyy-MM-dd)");
            }

            portingDate = date;
        }

        bool? Boolean(string name) => values.TryGetValue(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;
        foreach (var name in new[] { "portOut", "bindingConsent", "withdrawalInformationGiven" })
        {
            if (values.ContainsKey(name) && Boolean(name) is null)
            {
                return Wrong(map, $"{from}.{name}", "true or false");
            }
        }

        int? bindingMonths = null;
        if (values.TryGetValue("bindingMonths", out var months))
        {
            if (months.ValueKind != JsonValueKind.Number || !months.TryGetInt32(out var m))
            {
                return Wrong(map, $"{from}.bindingMonths", "a whole number of months");
            }

            bindingMonths = m;
        }

        var relationships = new List<OrderItemRelationshipInput?>();
        for (var r = 0; r < (item.ProductOrderItemRelationship?.Count ?? 0); r++)
        {
            var relationship = item.ProductOrderItemRelationship![r];
            relationships.Add(relationship is null ? null : new OrderItemRelationshipInput(relationship.Id, relationship.RelationshipType));
            map.Map($"{from}.relationships[{r}].itemId", $"{path}.productOrderItemRelationship[{r}].id")
                .Map($"{from}.relationships[{r}].type", $"{path}.productOrderItemRelationship[{r}].relationshipType");
        }

        var portingRequest = PortingRequestCharacteristics.Any(c => values.ContainsKey(c.Characteristic))
            ? new PortingRequestInput(String("portingRequestedBy"), String("portingReference"), String("portingNationalId"), String("portingCustomerNumber"),
                String("portingCustomerName"), String("portingMsisdn"), String("portingVerifiedBy"), String("portingChannel"))
            : null;
        return new OrderItemInput(
            item.Id, item.Action, subscriptionId, item.ProductOffering?.Id, address, String("msisdn"), null, bindingMonths, Boolean("bindingConsent"),
            String("portInMsisdn"), String("donorOperator"), portingDate, Boolean("portOut"), String("recipientOperator"), relationships, portingRequest,
            String("soldVia") is { } soldVia ? Tmf683PartyInteractionApi.ChannelOf(soldVia, null) : null, Boolean("withdrawalInformationGiven"));
    }
}
