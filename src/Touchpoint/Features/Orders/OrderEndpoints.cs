using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Orders;
using Touchpoint.Features.Audit;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Identity;
using Touchpoint.Hosting;
using OrderProblem = Microsoft.AspNetCore.Http.HttpResults.Results<Touchpoint.Hosting.UnprocessableProblem, Touchpoint.Hosting.CommandProblem>;

namespace Touchpoint.Features.Orders;

public sealed record OrderItemView(
    string Id, string Action, string State, string Description, Guid? SubscriptionId, string? PlanCode, string? PlanName, Address? ServiceAddress,
    string? Msisdn, decimal? MonthlyPrice, int? BindingMonths, string? PortInMsisdn, string? DonorOperator, bool PortOut, string? RecipientOperator,
    DateOnly? PortingDate, DateOnly? TerminationDate, DateOnly? PortableUntil, string? Outcome, IReadOnlyList<OrderItemRelationshipInput> Relationships,
    OrderItemSaleView Sale, OrderItemPreviousTermsView? PreviousTerms, bool SoldToConsumer, PortingRequestView? PortingRequest = null);

/// <summary>
/// The request a port-out was taken on (EU-106-6): who asked, their reference, and what it was accepted on — the identity
/// proof that matched (nationalId, customerNumberAndName, numberAndName) or how the customer was verified (eId, …).
/// The identity values themselves are checked, not kept.
/// </summary>
public sealed record PortingRequestView(string RequestedBy, string? Reference, string? AcceptedOn, string? Channel, string RuleId);

/// <summary>How an item was sold (CRD-9): the channel (null: not recorded), who, when, and whether the withdrawal information was given.</summary>
/// <param name="WithdrawnAt">When the change was withdrawn (or taken back with an earlier change); null while it stands.</param>
public sealed record OrderItemSaleView(string? SoldVia, string? SoldByName, DateTime? SoldAt, bool WithdrawalInformationGiven, DateTime? WithdrawnAt, Guid? WithdrawalId);

/// <summary>The plan (its id), price and binding a change replaced: what withdrawing it puts back.</summary>
public sealed record OrderItemPreviousTermsView(Guid PlanId, decimal MonthlyPrice, DateOnly? BindingEndDate);

public sealed record OrderView(
    Guid Id, Guid CustomerId, string State, string Summary, string? Description, string? ExternalId, string? Priority, DateTime OrderDate,
    DateTime? RequestedStartDate, DateTime? RequestedCompletionDate, DateTime? RunsAt, DateTime? CompletionDate, DateTime? CancellationDate,
    string? CancellationReason, string? FailureReason, string PlacedByName, IReadOnlyList<OrderItemView> Items);

/// <summary>
/// Orders for the UI and own staff: place (201, or 400 / 409 / 422 with nothing stored), list by customer, read, cancel.
/// Thin: the rules are in <see cref="OrderCommands"/>, <see cref="OrderChecks"/> and the domain.
/// </summary>
public static class OrderEndpoints
{
    public static IEndpointRouteBuilder MapOrderEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/orders").WithTags("Orders").RequireAuthorization(Policies.OwnStaff);
        group.MapPost("/", Place).WithSummary("Place a composite order (move, plan change, add-on, port-in, port-out) that runs as a whole.");
        group.MapGet("/", List).WithSummary("Orders by customer and state, newest first; paged with offset and limit.");
        group.MapGet("/{id:guid}", Get).WithSummary("One order with its items.");
        group.MapPost("/{id:guid}/cancel", Cancel).WithSummary("Cancel an order nothing of which has been done yet.");
        return app;
    }

    internal static async Task<Results<Created<OrderView>, OrderProblem>> Place(
        PlaceOrderInput input, OrderCommands commands, CancellationToken cancellationToken)
    {
        var outcome = await commands.PlaceAsync(input, cancellationToken);
        if (outcome.Failure is { } failure)
        {
            return ToResult(failure);
        }

        var order = outcome.Value!;
        return TypedResults.Created($"/api/orders/{order.Id}", ToView(order));
    }

    internal static async Task<Results<Ok<List<OrderView>>, ValidationProblem>> List(
        Guid? customerId, string? state, int? offset, int? limit, HttpResponse response, TouchpointDbContext db, ReadAudit readAudit, CancellationToken cancellationToken)
    {
        if (!Page.TryCreate(offset, limit, out var page, out var problem))
        {
            return problem!;
        }

        var query = db.ProductOrders.AsNoTracking();
        if (customerId is { } customer)
        {
            query = query.Where(o => o.CustomerId == customer);
        }

        if (state is not null)
        {
            if (!OrderStates.TryParse(state, out var wanted, out var error))
            {
                return ProblemResults.Invalid("state", error);
            }

            query = query.Where(o => o.State == wanted);
        }

        var total = await query.CountAsync(cancellationToken);
        var orders = await query.OrderByDescending(o => o.Id).Skip(page.Offset).Take(page.Limit)
            .Include(o => o.Items).ThenInclude(i => i.Plan).AsSplitQuery().ToListAsync(cancellationToken);
        if (customerId is { } audited && orders.Count > 0)
        {
            readAudit.Record(nameof(Customer), audited.ToString(), "orders");
        }

        Page.WriteHeaders(response, total, orders.Count);
        return TypedResults.Ok(orders.Select(ToView).ToList());
    }

    internal static async Task<Results<Ok<OrderView>, NotFoundProblem>> Get(
        Guid id, TouchpointDbContext db, ReadAudit readAudit, CancellationToken cancellationToken)
    {
        var order = await LoadAsync(db, id, cancellationToken);
        if (order is null)
        {
            return ProblemResults.NotFound($"There is no order with id '{id}'.");
        }

        readAudit.Record(nameof(ProductOrder), id.ToString(), "order");
        return TypedResults.Ok(ToView(order));
    }

    internal static async Task<Results<Ok<OrderView>, OrderProblem>> Cancel(
        Guid id, CancelOrderInput? input, OrderCommands commands, TouchpointDbContext db, CancellationToken cancellationToken)
    {
        var outcome = await commands.CancelAsync(id, input ?? new CancelOrderInput(null), cancellationToken);
        return outcome.Failure is { } failure
            ? ToResult(failure)
            : TypedResults.Ok(ToView((await LoadAsync(db, id, cancellationToken))!));
    }

    public static Task<ProductOrder?> LoadAsync(TouchpointDbContext db, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.ProductOrders.AsNoTracking().Include(o => o.Items).ThenInclude(i => i.Plan).FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
    }

    /// <summary>A refused order is a 422 naming every field that stops it; the rest as any command's failure.</summary>
    public static OrderProblem ToResult(Failure failure, Func<string, string>? field = null) => failure switch
    {
        OrderRefused refused => refused.ToProblem(field),
        Failure.Invalid invalid when field is not null => new Failure.Invalid(field(invalid.Field), invalid.Message).ToResult(),
        _ => failure.ToResult(),
    };

    public static OrderView ToView(ProductOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return new OrderView(
            order.Id, order.CustomerId, order.State.ToWireName(), OrderTimeline.Summary(order), order.Description, order.ExternalId, order.Priority, order.OrderDate,
            order.RequestedStartDate, order.RequestedCompletionDate, order.DueAt, order.CompletionDate, order.CancellationDate, order.CancellationReason,
            order.FailureReason, order.PlacedByName,
            [.. order.Items.OrderBy(i => i.Position).Select(i => new OrderItemView(
                i.ItemId, i.Action.ToWireName(), i.State.ToWireName(), OrderTimeline.Describe(i), i.SubscriptionId, i.Plan?.Code, i.Plan?.Name, i.ServiceAddress, i.Msisdn, i.MonthlyPrice,
                i.BindingMonths, i.PortInMsisdn, i.DonorOperator, i.PortOut, i.RecipientOperator, i.PortingDate, i.TerminationDate, i.PortableUntil, i.Outcome,
                [.. OrderChecks.ParseLinks(i.Relationships).Select(l => new OrderItemRelationshipInput(l.ItemId, l.Type.ToWireName()))],
                new OrderItemSaleView(i.SoldVia, i.SoldByName, i.SoldAt, i.WithdrawalInformationGiven, i.WithdrawnAt, i.WithdrawalId),
                i.PreviousPlanId is { } previousPlan ? new OrderItemPreviousTermsView(previousPlan, i.PreviousMonthlyPrice ?? 0, i.PreviousBindingEndDate) : null,
                i.SoldToConsumer,
                i.PortingRequestedBy is { } requestedBy ? new PortingRequestView(requestedBy, i.PortingReference, i.PortingBasis, i.PortingChannel, PortOutRules.RuleId) : null))]);
    }
}
