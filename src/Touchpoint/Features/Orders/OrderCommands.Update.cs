using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Orders;
using Touchpoint.Features.Catalogue;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Orders;

public sealed record UpdateOrderInput(string? Description, string? ExternalId, string? Priority, DateTimeOffset? RequestedStartDate);

public sealed partial class OrderCommands
{
    /// <summary>
    /// Changes what may change after placing (TMF622 PATCH): description, externalId, priority, and — while the
    /// order waits — its requested start date (the watcher then runs it at the new date).
    /// </summary>
    public async Task<Outcome<ProductOrder>> UpdateAsync(Guid orderId, UpdateOrderInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = clock.GetUtcNow().UtcDateTime;
        var order = await db.ProductOrders.Include(o => o.Items).ThenInclude(i => i.Plan).FirstOrDefaultAsync(o => o.Id == orderId, cancellationToken);
        if (order is null)
        {
            return new Failure.NotFound($"There is no order with id '{orderId}'.");
        }

        if ((Text(input.Description, ProductOrder.MaxTextLength, "description") ?? Text(input.ExternalId, 100, "externalId") ?? Text(input.Priority, 16, "priority")) is { } problem)
        {
            return problem;
        }

        if (input.RequestedStartDate is { } start)
        {
            if (order.DueAt is null)
            {
                return new Failure.Conflict($"The order is {order.State.ToWireName()}: its start date can no longer change.", new Dictionary<string, object?> { ["state"] = order.State.ToWireName() });
            }

            order.RequestedStartDate = start.UtcDateTime;
            order.DueAt = OrderExecution.DueAt(order, now);
        }

        order.Description = input.Description?.Trim() ?? order.Description;
        order.ExternalId = input.ExternalId?.Trim() ?? order.ExternalId;
        order.Priority = input.Priority?.Trim() ?? order.Priority;
        order.UpdatedAt = now;
        order.Version++;
        await db.SaveChangesAsync(cancellationToken);
        if (order.DueAt <= now)
        {
            await execution.RunAsync(order.Id, now, cancellationToken);
        }

        return (await OrderEndpoints.LoadAsync(db, order.Id, cancellationToken))!;
    }
}
