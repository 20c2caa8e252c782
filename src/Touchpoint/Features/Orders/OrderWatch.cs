using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Orders;

/// <summary>
/// Runs orders whose requested start (or porting date) has come, through the <see cref="DueWatcher"/>. Each order runs
/// in a transaction of its own, so one failing order never holds back another; two nodes reaching for the same order
/// are kept apart by the order's version (the second finds it no longer acknowledged, or loses the optimistic check).
/// </summary>
public sealed class OrderWatch(OrderExecution execution) : IDueWork
{
    public string Name => "orders";

    public async Task<int> RunAsync(TouchpointDbContext db, DateTime now, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var due = await db.ProductOrders.AsNoTracking()
            .Where(o => o.DueAt != null && o.DueAt <= now)
            .OrderBy(o => o.DueAt)
            .Take(limit)
            .Select(o => o.Id)
            .ToListAsync(cancellationToken);
        foreach (var id in due)
        {
            await execution.RunAsync(id, now, cancellationToken);
        }

        return due.Count;
    }
}
