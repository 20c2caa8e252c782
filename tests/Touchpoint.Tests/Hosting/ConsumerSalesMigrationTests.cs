using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Touchpoint.Tests.Hosting;

/// <summary>
/// The migration that starts recording whether a contract was sold to a consumer (TP-5) marks the rows it finds as they
/// were judged until then: a person's contracts and order items as consumer sales, a business's as business sales. The
/// database is taken back to before the migration (which drops the columns) and forward again.
/// </summary>
public abstract class ConsumerSalesMigrationTests(PostgresServer postgres, Provider provider)
{
    private const string Migration = "_CustomersConsumerSalesAndAuditChanges";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Existing_contracts_of_persons_become_consumer_sales_and_those_of_businesses_business_sales()
    {
        await using var app = await TouchpointApp.StartAsync(provider, postgres);
        using var agent = await app.CreateClientAsAsync("agent");
        var person = await SellAsync(agent, "person");
        var business = await SellAsync(agent, "business");

        await app.WithDbContextAsync(async db =>
        {
            var migrations = db.Database.GetMigrations().ToList();
            var index = migrations.FindIndex(m => m.EndsWith(Migration, StringComparison.Ordinal));
            Assert.True(index > 0, $"No migration named *{Migration}.");
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(migrations[index - 1], Cancel);
            await migrator.MigrateAsync(migrations[^1], Cancel);
            return true;
        });

        var flags = await app.WithDbContextAsync(async db => new
        {
            Subscriptions = await db.Subscriptions.AsNoTracking().Where(s => s.CustomerId == person.Customer || s.CustomerId == business.Customer)
                .ToDictionaryAsync(s => s.CustomerId, s => s.SoldToConsumer, Cancel),
            Items = await db.ProductOrderItems.AsNoTracking().Where(i => i.SubscriptionId == person.Subscription || i.SubscriptionId == business.Subscription)
                .ToDictionaryAsync(i => i.SubscriptionId!.Value, i => i.SoldToConsumer, Cancel),
        });
        Assert.True(flags.Subscriptions[person.Customer]);
        Assert.False(flags.Subscriptions[business.Customer]);
        Assert.True(flags.Items[person.Subscription]);
        Assert.False(flags.Items[business.Subscription]);

        // Still append-only after the way back and forth.
        var refused = await Record.ExceptionAsync(() => app.WithDbContextAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEntries\"", Cancel)));
        Assert.Contains("append-only", refused?.Message, StringComparison.Ordinal);
    }

    /// <summary>A customer of <paramref name="kind"/> with a subscription added by an order.</summary>
    private static async Task<(Guid Customer, Guid Subscription)> SellAsync(HttpClient agent, string kind)
    {
        using var created = await agent.PostAsJsonAsync("/api/customers", new
        {
            kind,
            name = $"Migrated {kind}",
            jurisdiction = "SE",
            identities = new[] { new { kind = "email", value = $"migrated.{Guid.NewGuid():N}@example.com" } },
        }, Cancel);
        var customerId = (await HttpAssert.JsonAsync(created, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        using var ordered = await agent.PostAsJsonAsync("/api/orders", new
        {
            customerId,
            items = new[] { new { id = "1", action = "add", planCode = "SE-MOBIL-600", msisdn = $"+4670{Random.Shared.Next(1_000_000, 9_999_999)}" } },
        }, Cancel);
        var order = await HttpAssert.JsonAsync(ordered, HttpStatusCode.Created);
        var subscription = Assert.Single(order.GetProperty("items").EnumerateArray()).GetProperty("subscriptionId").GetGuid();
        return (customerId, subscription);
    }
}

[Trait("Provider", "Sqlite")]
public sealed class ConsumerSalesMigrationTestsOnSqlite(PostgresServer postgres) : ConsumerSalesMigrationTests(postgres, Provider.Sqlite);

[Trait("Provider", "Postgres")]
public sealed class ConsumerSalesMigrationTestsOnPostgres : ConsumerSalesMigrationTests
{
    public ConsumerSalesMigrationTestsOnPostgres(PostgresServer postgres)
        : base(postgres, Provider.Postgres) => postgres.SkipUnlessRunning();
}
