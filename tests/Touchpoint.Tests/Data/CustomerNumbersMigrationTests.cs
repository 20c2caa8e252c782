using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Touchpoint.Data;
using Touchpoint.Domain.Customers;
using Touchpoint.Features.Customers;
using Touchpoint.Hosting;

namespace Touchpoint.Tests.Data;

/// <summary>
/// The CustomerNumbers migration on both providers: customers who joined before numbers existed are numbered in the
/// order they joined, with the check digit the application computes, and new customers go on from there.
/// </summary>
public abstract class CustomerNumbersMigrationTests(PostgresServer postgres, Provider provider)
{
    private const string Migration = "_CustomerNumbers";

    private static readonly DateTime Joined = new(2024, 5, 1, 9, 0, 0, DateTimeKind.Utc);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Existing_customers_are_numbered_in_the_order_they_joined_and_new_ones_go_on_from_there()
    {
        var (db, cleanUp) = await ContextAsync();
        try
        {
            await db.Database.MigrateAsync(Cancel);
            var joined = new[] { Joined.AddDays(2), Joined, Joined.AddDays(1) };
            var customers = joined.Select((at, i) => new Customer
            {
                Name = $"Customer {i}", NameKey = $"CUSTOMER {i}", Jurisdiction = "SE", PreferredLanguage = "sv", CreatedAt = at, UpdatedAt = at,
            }).ToList();
            db.Customers.AddRange(customers);
            await db.SaveChangesAsync(Cancel);
            var ids = customers.Select(c => c.Id).ToArray();

            // Back to the schema before numbers, and up again: what an upgrade of an existing database runs.
            var migrator = db.GetService<IMigrator>();
            var migrations = db.Database.GetMigrations().ToList();
            var index = migrations.FindIndex(m => m.EndsWith(Migration, StringComparison.Ordinal));
            Assert.True(index > 0, $"No migration ending in {Migration}: a regenerated migration must keep its numbering SQL.");
            await migrator.MigrateAsync(migrations[index - 1], Cancel);
            await migrator.MigrateAsync(migrations[index], Cancel);

            // Only the columns of that schema: later migrations add more to the model.
            var numbers = await db.Customers.AsNoTracking().Select(c => new { c.Id, c.Number }).ToDictionaryAsync(c => c.Id, c => c.Number, Cancel);
            Assert.Equal(CustomerNumber.FromSerial(1), numbers[ids[1]]);
            Assert.Equal(CustomerNumber.FromSerial(2), numbers[ids[2]]);
            Assert.Equal(CustomerNumber.FromSerial(3), numbers[ids[0]]);

            await db.Database.MigrateAsync(Cancel);
            var next = new Customer { Name = "Newcomer", NameKey = "NEWCOMER", Jurisdiction = "SE", PreferredLanguage = "sv", CreatedAt = Joined, UpdatedAt = Joined };
            db.Customers.Add(next);
            await db.SaveChangesAsync(Cancel);
            Assert.Equal(CustomerNumber.FromSerial(4), next.Number);
        }
        finally
        {
            await db.DisposeAsync();
            cleanUp();
        }
    }

    private async Task<(TouchpointDbContext Db, Action CleanUp)> ContextAsync()
    {
        var actor = new CurrentActor(new HttpContextAccessor());
        if (provider == Provider.Postgres)
        {
            postgres.SkipUnlessRunning();
            var options = new DbContextOptionsBuilder<PostgresTouchpointDbContext>()
                .UseNpgsql(await postgres.CreateDatabaseAsync()).UseTouchpointServices(actor, TimeProvider.System).Options;
            return (new PostgresTouchpointDbContext(options), () => { });
        }

        var folder = Directory.CreateTempSubdirectory("touchpoint-migration-").FullName;
        var connection = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "touchpoint.db"), Pooling = false }.ToString();
        var sqlite = new DbContextOptionsBuilder<SqliteTouchpointDbContext>().UseSqlite(connection).UseTouchpointServices(actor, TimeProvider.System).Options;
        return (new SqliteTouchpointDbContext(sqlite), () => Directory.Delete(folder, recursive: true));
    }
}

[Trait("Provider", "Sqlite")]
public sealed class CustomerNumbersMigrationTestsOnSqlite(PostgresServer postgres) : CustomerNumbersMigrationTests(postgres, Provider.Sqlite);

[Trait("Provider", "Postgres")]
public sealed class CustomerNumbersMigrationTestsOnPostgres(PostgresServer postgres) : CustomerNumbersMigrationTests(postgres, Provider.Postgres);
