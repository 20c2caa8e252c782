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

namespace Touchpoint.Tmf;

/// <summary>TMF622's product orders: listed, read and patched here; placed in <c>.Create</c>, cancelled in <c>.Cancel</c>.</summary>
public static partial class Tmf622ProductOrderApi
{
    public const string ProductOrderPath = "/tmf-api/productOrderingManagement/v4/productOrder";
    public const string CancelProductOrderPath = "/tmf-api/productOrderingManagement/v4/cancelProductOrder";

    public const string SalesChannelRole = "salesChannel";
    public const string SellerRole = "seller";

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
}
