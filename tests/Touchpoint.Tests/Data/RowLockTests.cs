using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Data;

namespace Touchpoint.Tests.Data;

/// <summary>
/// <see cref="RowLocks"/> on PostgreSQL, where nodes run side by side: a claim passes over the rows another
/// transaction holds, so two nodes never get the same due row and neither waits for the other.
/// </summary>
public sealed class RowLockTests
{
    private readonly PostgresServer postgres;

    public RowLockTests(PostgresServer postgres)
    {
        this.postgres = postgres;
        postgres.SkipUnlessRunning();
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_claims_at_once_get_the_next_rows_in_order_and_never_the_same_one()
    {
        await using var app = await TouchpointApp.StartAsync(Provider.Postgres, postgres);
        await using var firstNode = app.Services.CreateAsyncScope();
        await using var secondNode = app.Services.CreateAsyncScope();
        var first = firstNode.ServiceProvider.GetRequiredService<TouchpointDbContext>();
        var second = secondNode.ServiceProvider.GetRequiredService<TouchpointDbContext>();

        await using var firstTransaction = await first.Database.BeginTransactionAsync(Cancel);
        var claimedFirst = await first.ClaimAsync(first.Customers.OrderBy(c => c.Id), 3, Cancel);
        await using var secondTransaction = await second.Database.BeginTransactionAsync(Cancel);
        var claimedSecond = await second.ClaimAsync(second.Customers.OrderBy(c => c.Id), 3, Cancel);

        var inOrder = await app.WithDbContextAsync(db => db.Customers.OrderBy(c => c.Id).Select(c => c.Id).Take(6).ToListAsync(Cancel));
        Assert.Equal(inOrder[..3], claimedFirst.Select(c => c.Id).ToList());
        Assert.Equal(inOrder[3..], claimedSecond.Select(c => c.Id).ToList());
    }

    [Fact]
    public async Task A_claim_outside_a_transaction_is_refused_as_it_would_hold_nothing()
    {
        await using var app = await TouchpointApp.StartAsync(Provider.Postgres, postgres);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();

        await Assert.ThrowsAsync<InvalidOperationException>(() => db.ClaimAsync(db.Customers.OrderBy(c => c.Id), 1, Cancel));
    }
}
