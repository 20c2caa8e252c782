using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Idempotency;

/// <summary>Removes the keys older than <see cref="IdempotencyKeys.Lifetime"/>, with the answers (personal data) they kept.</summary>
public sealed class IdempotencyExpiry : IDueWork
{
    public string Name => "expired idempotency keys";

    public async Task<int> RunAsync(TouchpointDbContext db, DateTime now, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var cutoff = now - IdempotencyKeys.Lifetime;
        var expired = await db.IdempotencyRecords.Where(r => r.CreatedAt <= cutoff).OrderBy(r => r.CreatedAt).Select(r => r.Id).Take(limit).ToListAsync(cancellationToken);
        if (expired.Count > 0)
        {
            await db.IdempotencyRecords.Where(r => expired.Contains(r.Id)).ExecuteDeleteAsync(cancellationToken);
        }

        return expired.Count;
    }
}
