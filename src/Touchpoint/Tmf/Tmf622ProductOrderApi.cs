// TMF622 Product Ordering v4 — /tmf-api/productOrderingManagement/v4/productOrder and …/cancelProductOrder — composite
// orders, over OrderCommands (the same rules as /api/orders).
//
//   id, href             the order id
//   state                TMF622's eleven states. A new order is acknowledged; it runs at once (→ completed, or failed with
//                        nothing applied) or, with a requestedStartDate (or a porting date) ahead, waits acknowledged until
//                        then. partial never happens: an order runs as a whole. An order Touchpoint refuses (a check fails)
//                        is not stored: the POST answers 400 (bad input) or 422 (an item not deliverable, S3-1; a port-in of
//                        a number we serve, TP-4) and the refusal is on the customer's timeline.
//   orderDate            when it was placed; completionDate when it completed; expectedCompletionDate when a waiting order
//                        will run; requestedStartDate / requestedCompletionDate as asked; cancellationDate/-Reason
//   description, externalId, priority   free text, changeable with PATCH
//   relatedParty         role "customer" (@referredType Customer): its id is the customer's id, or any identity of the
//                        customer — phone number, e-mail, national id, legacy id of a merged brand (sonofon:19960042);
//                        on create optionally role "seller" (name, else id): who sold the order when not the signed-in user
//   channel              the sales channel (CRD-9): one RelatedChannel, role "salesChannel", id = Touchpoint's channel name
//                        (phone, web, store, …; on create the id, or else the name, as TMF683 reads it). It is the soldVia
//                        of every item that does not give its own; answers show it when all items were sold in one channel
//   note                 why a failed order failed (author Touchpoint)
//   productOrderItem[]   id (the orderer's), action add | modify | delete | noChange, state (items move with their order),
//                        quantity 1;
//                        productOffering.id = the plan code (add: the plan sold; modify: the new plan — a plan change is a
//                        modify, never delete + add, S2-2);
//                        product.id = the subscription (modify, delete, noChange; for an add, the new one once done),
//                        href its TMF637 product; product.place[] role serviceAddress (streetName, postcode, city,
//                        country): where an add is delivered, or the new address of a move;
//                        product.productCharacteristic: msisdn (a new number), portInMsisdn + donorOperator (+ portingDate)
//                        for a port-in, portOut true + portingDate + recipientOperator for a port-out, bindingMonths and
//                        bindingConsent (a new binding needs explicit consent, EU-107), soldVia (the item's own sales
//                        channel) and withdrawalInformationGiven (default true; false extends withdrawal, CRD-10). Answers
//                        add terminationDate, portableUntil (EU-106-2), outcome (what was done, in words), soldBy, soldAt
//                        and, once the change was withdrawn (CRD-9), withdrawnAt; product.terminationDate as well.
//                        A port-out is taken only on the customer's request (EU-106-6), carried as characteristics too
//                        (the /api/orders item's portingRequest): portingRequestedBy recipientOperator | customer;
//                        portingReference (the receiving operator's porting/switch reference); the customer's identity
//                        as their country's scheme asks — portingNationalId, or portingCustomerNumber or portingMsisdn
//                        with portingCustomerName; for the customer's own instruction portingVerifiedBy (eId |
//                        idDocument | oneTimeCode) and portingChannel. Without one the POST is a 422 naming the missing
//                        characteristic (product.productCharacteristic when none was given). The identity values are
//                        checked, not kept: answers carry portingRequestedBy, portingReference, portingAcceptedOn (the
//                        identity proof matched, or how the customer was verified) and portingChannel.
//                        productOrderItemRelationship[] {id: another item's id, relationshipType reliesOn | bundles}.
//   @type                "ProductOrder"
//
// PATCH (merge patch) changes description, externalId, priority and, while the order waits, requestedStartDate; state and
// items cannot be changed (cancel with cancelProductOrder). POST cancelProductOrder {productOrder: {id}, cancellationReason}
// cancels an order nothing of which has been done (201, state done); one that has run is a 409 naming its state.
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Orders;
using Touchpoint.Features.Audit;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Identity;
using Touchpoint.Features.Orders;
using Touchpoint.Hosting;
using OrderProblem = Microsoft.AspNetCore.Http.HttpResults.Results<Touchpoint.Hosting.UnprocessableProblem, Touchpoint.Hosting.CommandProblem>;

namespace Touchpoint.Tmf;

public static class Tmf622ProductOrderApi
{
    public const string ProductOrderPath = "/tmf-api/productOrderingManagement/v4/productOrder";
    public const string CancelProductOrderPath = "/tmf-api/productOrderingManagement/v4/cancelProductOrder";

    public const string SalesChannelRole = "salesChannel";
    public const string SellerRole = "seller";

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

    public static IEndpointRouteBuilder MapTmf622ProductOrderApi(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup(ProductOrderPath).WithTags("TMF622 Product Ordering").RequireAuthorization(Policies.OwnStaff);
        orders.MapGet("/", List).WithSummary("Orders, newest first, by state and relatedParty.id (the customer); paged (offset, limit), fields selects attributes.");
        orders.MapGet("/{id}", Get).WithSummary("One product order with its items.");
        orders.MapPost("/", Create).WithSummary("Place a composite order from a ProductOrder_Create body; it runs as a whole.");
        orders.MapPatch("/{id}", Patch).WithSummary("Merge-patch: description, externalId, priority, and requestedStartDate while the order waits.");

        var cancels = app.MapGroup(CancelProductOrderPath).WithTags("TMF622 Product Ordering").RequireAuthorization(Policies.OwnStaff);
        cancels.MapPost("/", Cancel).WithSummary("Cancel an order nothing of which has been done yet.");
        cancels.MapGet("/", ListCancels).WithSummary("Cancellation requests, newest first, by productOrder.id; paged (offset, limit).");
        cancels.MapGet("/{id}", GetCancel).WithSummary("One cancellation request.");
        return app;
    }

    internal static async Task<Results<TmfResource<List<TmfProductOrder>>, ValidationProblem>> List(
        string? state, [FromQuery(Name = "relatedParty.id")] string? relatedPartyId, int? offset, int? limit, string? fields,
        HttpResponse response, TouchpointDbContext db, ReadAudit readAudit, CancellationToken cancellationToken)
    {
        if (!TmfConventions.TryListQuery<TmfProductOrder>(offset, limit, fields, out var page, out var selected, out var problem))
        {
            return problem!;
        }

        var query = db.ProductOrders.AsNoTracking();
        if (state is not null)
        {
            if (!OrderStates.TryParse(state, out var wanted, out var error))
            {
                return ProblemResults.Invalid("state", error);
            }

            query = query.Where(o => o.State == wanted);
        }

        Guid? customerId = null;
        if (relatedPartyId is not null)
        {
            if (!Guid.TryParse(relatedPartyId, out var id))
            {
                return ProblemResults.Invalid("relatedParty.id", $"'{relatedPartyId}' is not a customer id.");
            }

            customerId = id;
            query = query.Where(o => o.CustomerId == id);
        }

        var total = await query.CountAsync(cancellationToken);
        var orders = await query.OrderByDescending(o => o.Id).Skip(page.Offset).Take(page.Limit)
            .Include(o => o.Items).ThenInclude(i => i.Plan).AsSplitQuery().ToListAsync(cancellationToken);
        if (customerId is { } audited && orders.Count > 0)
        {
            readAudit.Record(nameof(Customer), audited.ToString(), "TMF622 product orders");
        }

        return TmfConventions.List(response, orders.Select(ToTmf).ToList(), total, selected);
    }

    internal static async Task<Results<TmfResource<TmfProductOrder>, ValidationProblem, NotFoundProblem>> Get(
        string id, string? fields, TouchpointDbContext db, ReadAudit readAudit, CancellationToken cancellationToken)
    {
        if (!TmfConventions.TryParseFields<TmfProductOrder>(fields, out var selected, out var problem))
        {
            return problem!;
        }

        var order = Guid.TryParse(id, out var orderId) ? await OrderEndpoints.LoadAsync(db, orderId, cancellationToken) : null;
        if (order is null)
        {
            return TmfConventions.NotFound("product order", id);
        }

        readAudit.Record(nameof(ProductOrder), id, "TMF622 product order");
        return TmfConventions.One(ToTmf(order), selected);
    }

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

    internal static async Task<Results<TmfResource<TmfProductOrder>, ValidationProblem, NotFoundProblem, CommandProblem>> Patch(
        string id, TmfProductOrderInput input, OrderCommands commands, TouchpointDbContext db, CancellationToken cancellationToken)
    {
        var order = Guid.TryParse(id, out var orderId) ? await OrderEndpoints.LoadAsync(db, orderId, cancellationToken) : null;
        if (order is null)
        {
            return TmfConventions.NotFound("product order", id);
        }

        if (input.State is { } state && !string.Equals(state.Trim(), order.State.ToWireName(), StringComparison.OrdinalIgnoreCase))
        {
            return ProblemResults.Invalid("state", $"The state is {order.State.ToWireName()} and moves by itself; to cancel the order POST {CancelProductOrderPath}.");
        }

        if (input.ProductOrderItem is not null)
        {
            return ProblemResults.Invalid("productOrderItem", "An order's items are fixed once it is placed; place another order for further changes.");
        }

        if (input.RelatedParty is not null)
        {
            return ProblemResults.Invalid("relatedParty", "An order's customer cannot change.");
        }

        if (input.RequestedCompletionDate is not null || input.Category is not null)
        {
            return ProblemResults.Invalid(input.Category is not null ? "category" : "requestedCompletionDate", "Only description, externalId, priority and requestedStartDate can change.");
        }

        var outcome = await commands.UpdateAsync(orderId, new UpdateOrderInput(input.Description, input.ExternalId, input.Priority, input.RequestedStartDate), cancellationToken);
        return outcome.Failure is { } failure ? failure.ToResult() : TmfConventions.One(ToTmf(outcome.Value!));
    }

    internal static async Task<Results<TmfCreated<TmfCancelProductOrder>, ValidationProblem, CommandProblem>> Cancel(
        TmfCancelProductOrderInput input, OrderCommands commands, CancellationToken cancellationToken)
    {
        if (input.ProductOrder?.Id is not { } id || !Guid.TryParse(id, out var orderId))
        {
            return ProblemResults.Invalid("productOrder.id", "The order to cancel: productOrder.id.");
        }

        var outcome = await commands.CancelAsync(orderId, new CancelOrderInput(input.CancellationReason, input.RequestedCancellationDate), cancellationToken);
        return outcome.Failure switch
        {
            Failure.NotFound notFound => ProblemResults.Invalid("productOrder.id", notFound.Message),
            Failure.Invalid invalid => ProblemResults.Invalid(invalid.Field, invalid.Message),
            { } failure => failure.ToResult(),
            null => TmfConventions.Created($"{CancelProductOrderPath}/{outcome.Value!.Id}", ToTmf(outcome.Value)),
        };
    }

    internal static async Task<Results<TmfResource<List<TmfCancelProductOrder>>, ValidationProblem>> ListCancels(
        [FromQuery(Name = "productOrder.id")] string? productOrderId, int? offset, int? limit, string? fields, HttpResponse response, TouchpointDbContext db, CancellationToken cancellationToken)
    {
        if (!TmfConventions.TryListQuery<TmfCancelProductOrder>(offset, limit, fields, out var page, out var selected, out var problem))
        {
            return problem!;
        }

        var query = db.CancelProductOrders.AsNoTracking();
        if (productOrderId is not null)
        {
            if (!Guid.TryParse(productOrderId, out var id))
            {
                return ProblemResults.Invalid("productOrder.id", $"'{productOrderId}' is not an order id.");
            }

            query = query.Where(c => c.OrderId == id);
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(c => c.Id).Skip(page.Offset).Take(page.Limit).ToListAsync(cancellationToken);
        return TmfConventions.List(response, rows.Select(ToTmf).ToList(), total, selected);
    }

    internal static async Task<Results<TmfResource<TmfCancelProductOrder>, NotFoundProblem>> GetCancel(
        string id, TouchpointDbContext db, CancellationToken cancellationToken)
    {
        var row = Guid.TryParse(id, out var requestId) ? await db.CancelProductOrders.AsNoTracking().FirstOrDefaultAsync(c => c.Id == requestId, cancellationToken) : null;
        return row is null ? TmfConventions.NotFound("cancel product order", id) : TmfConventions.One(ToTmf(row));
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

    public static TmfProductOrder ToTmf(ProductOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var id = order.Id.ToString();
        return new TmfProductOrder
        {
            Id = id,
            Href = $"{ProductOrderPath}/{id}",
            State = order.State.ToWireName(),
            Description = order.Description,
            ExternalId = order.ExternalId,
            Priority = order.Priority,
            OrderDate = TmfConventions.Timestamp(order.OrderDate),
            CompletionDate = order.CompletionDate is { } completed ? TmfConventions.Timestamp(completed) : null,
            ExpectedCompletionDate = order.DueAt is { } due ? TmfConventions.Timestamp(due) : null,
            RequestedStartDate = order.RequestedStartDate is { } start ? TmfConventions.Timestamp(start) : null,
            RequestedCompletionDate = order.RequestedCompletionDate is { } wanted ? TmfConventions.Timestamp(wanted) : null,
            CancellationDate = order.CancellationDate is { } cancelled ? TmfConventions.Timestamp(cancelled) : null,
            CancellationReason = order.CancellationReason,
            RelatedParty =
            [
                new TmfRelatedParty
                {
                    Id = order.CustomerId.ToString(), Href = $"{TmfConventions.CustomerPath}/{order.CustomerId}", Role = "customer", ReferredType = "Customer",
                },
            ],
            Channel = order.Items.Select(i => i.SoldVia).Distinct().ToList() is [{ } soldVia]
                ?
                [
                    new TmfRelatedChannel
                    {
                        Id = soldVia, Name = Tmf683PartyInteractionApi.ChannelDisplayName(soldVia), Role = SalesChannelRole, ReferredType = "Channel",
                    },
                ]
                : null,
            Note = order.FailureReason is { } reason ? [new TmfNote { Author = "Touchpoint", Date = TmfConventions.Timestamp(order.UpdatedAt), Text = reason, Type = "Note" }] : null,
            ProductOrderItem = [.. order.Items.OrderBy(i => i.Position).Select(ToTmf)],
        };
    }

    private static TmfProductOrderItem ToTmf(ProductOrderItem item)
    {
        var characteristics = new List<TmfCharacteristic>();
        void Add(string name, string valueType, object? value)
        {
            if (value is not null)
            {
                characteristics.Add(TmfCharacteristic.Of(name, valueType, value));
            }
        }

        Add("msisdn", "string", item.Msisdn);
        Add("portInMsisdn", "string", item.PortInMsisdn);
        Add("donorOperator", "string", item.DonorOperator);
        Add("portOut", "boolean", item.PortOut ? true : null);
        Add("recipientOperator", "string", item.RecipientOperator);
        Add("portingDate", "date", item.PortingDate is { } porting ? TmfConventions.Date(porting) : null);
        Add("terminationDate", "date", item.TerminationDate is { } ended ? TmfConventions.Date(ended) : null);
        Add("portableUntil", "date", item.PortableUntil is { } until ? TmfConventions.Date(until) : null);
        Add("portingRequestedBy", "string", item.PortingRequestedBy);
        Add("portingReference", "string", item.PortingReference);
        Add("portingAcceptedOn", "string", item.PortingBasis);
        Add("portingChannel", "string", item.PortingChannel);
        Add("bindingMonths", "number", item.BindingMonths);
        Add("bindingConsent", "boolean", item.BindingConsent ? true : null);
        Add("outcome", "string", item.Outcome);
        Add("soldVia", "string", item.SoldVia);
        Add("soldBy", "string", item.SoldByName);
        Add("soldAt", "dateTime", item.SoldAt is { } soldAt ? TmfConventions.Timestamp(soldAt) : null);
        Add("withdrawalInformationGiven", "boolean", item.WithdrawalInformationGiven);
        Add("withdrawnAt", "dateTime", item.WithdrawnAt is { } withdrawnAt ? TmfConventions.Timestamp(withdrawnAt) : null);

        var product = new TmfProductRefOrValue
        {
            Id = item.SubscriptionId?.ToString(),
            Href = item.SubscriptionId is { } subscription ? $"{TmfConventions.ProductPath}/{subscription}" : null,
            TerminationDate = item.TerminationDate is { } termination ? TmfConventions.Timestamp(termination) : null,
            Place = item.ServiceAddress is { } address
                ?
                [
                    new TmfPlace
                    {
                        Role = "serviceAddress",
                        Name = $"{address.Street}, {address.PostalCode} {address.City}, {address.Country}",
                        StreetName = address.Street,
                        Postcode = address.PostalCode,
                        City = address.City,
                        Country = address.Country,
                        Type = "GeographicAddress",
                    },
                ]
                : null,
            ProductCharacteristic = characteristics.Count == 0 ? null : characteristics,
            ReferredType = "Product",
        };
        var links = OrderChecks.ParseLinks(item.Relationships).Select(l => new TmfOrderItemRelationship { Id = l.ItemId, RelationshipType = l.Type.ToWireName() }).ToList();
        return new TmfProductOrderItem
        {
            Id = item.ItemId,
            Action = item.Action.ToWireName(),
            State = item.State.ToWireName(),
            Quantity = 1,
            ProductOffering = item.Plan is { } plan ? new TmfRef { Id = plan.Code, Name = plan.Name, ReferredType = "ProductOffering" } : null,
            Product = product,
            ProductOrderItemRelationship = links.Count == 0 ? null : links,
        };
    }

    private static TmfCancelProductOrder ToTmf(CancelProductOrderRequest request) => new()
    {
        Id = request.Id.ToString(),
        Href = $"{CancelProductOrderPath}/{request.Id}",
        State = request.State,
        CancellationReason = request.CancellationReason,
        EffectiveCancellationDate = request.EffectiveCancellationDate is { } effective ? TmfConventions.Timestamp(effective) : null,
        RequestedCancellationDate = request.RequestedCancellationDate is { } requested ? TmfConventions.Timestamp(requested) : null,
        ProductOrder = new TmfProductOrderRef { Id = request.OrderId.ToString(), Href = $"{ProductOrderPath}/{request.OrderId}", ReferredType = "ProductOrder" },
    };
}
