using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Orders;
using Touchpoint.Features.Languages;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Orders;

public sealed partial class OrderCommands
{
    /// <summary>
    /// Cancels an order nothing of which has been applied yet (acknowledged, pending, held): assessed, pending
    /// cancellation, cancelled, in one step. An order that has run cannot be cancelled: 409 naming its state.
    /// </summary>
    public async Task<Outcome<CancelProductOrderRequest>> CancelAsync(Guid orderId, CancelOrderInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = clock.GetUtcNow().UtcDateTime;
        if (Text(input.Reason, ProductOrder.MaxTextLength, "cancellationReason") is { } reasonProblem)
        {
            return reasonProblem;
        }

        var order = await db.ProductOrders.Include(o => o.Items).FirstOrDefaultAsync(o => o.Id == orderId, cancellationToken);
        if (order is null)
        {
            return new Failure.NotFound($"There is no order with id '{orderId}'.");
        }

        if (!OrderLifecycle.TryMove(order.State, OrderState.AssessingCancellation, out var error))
        {
            return new Failure.Conflict($"{error} Only an order nothing of which has been done yet can be cancelled.",
                new Dictionary<string, object?> { ["state"] = order.State.ToWireName() });
        }

        foreach (var step in new[] { OrderState.AssessingCancellation, OrderState.PendingCancellation, OrderState.Cancelled })
        {
            OrderExecution.Move(order, step);
        }

        var reason = string.IsNullOrWhiteSpace(input.Reason) ? null : input.Reason.Trim();
        order.CancellationDate = now;
        order.CancellationReason = reason;
        order.DueAt = null;
        order.UpdatedAt = now;
        order.Version++;
        var actor = currentActor.Get();
        var request = new CancelProductOrderRequest
        {
            OrderId = order.Id,
            State = "done",
            CancellationReason = reason,
            RequestedCancellationDate = input.RequestedCancellationDate?.UtcDateTime,
            EffectiveCancellationDate = now,
            CreatedAt = now,
            RequestedById = actor.UserId ?? actor.UserName,
        };
        db.CancelProductOrders.Add(request);
        db.TimelineEntries.Add(OrderTimeline.Entry(order.CustomerId, now, TimelineEntryKind.Order, "Order cancelled",
            reason is null ? "Cancelled before anything of it was done." : $"Cancelled before anything of it was done: {reason}", actor.DisplayName, order.Id,
            StoredText.Of("Timeline.Order.Cancelled"),
            reason is null ? StoredText.Of("Timeline.Order.CancelledBeforeAnything") : StoredText.Of("Timeline.Order.CancelledBeforeAnythingBecause", StoredText.Value(reason))));
        await db.SaveChangesAsync(cancellationToken);
        return request;
    }
}
