using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Features.Orders;
using Touchpoint.Hosting;

namespace Touchpoint.Tmf;

/// <summary>TMF622 CancelProductOrder: a request to cancel an order, kept with its outcome (done, or a 409 naming the order's state).</summary>
public static partial class Tmf622ProductOrderApi
{
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
