using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Touchpoint.Data;
using Touchpoint.Domain.Cases;
using Touchpoint.Domain.Interactions;
using Touchpoint.Features.Cases;
using Touchpoint.Features.Customers;
using Touchpoint.Hosting;

namespace Touchpoint.Tests.Data;

/// <summary>
/// The CasesReopeningsAndProposals migration on both providers: cases reopened before the count was kept are counted
/// from their status history, so their first-contact resolution is not claimed after the upgrade.
/// </summary>
public abstract class CasesMigrationTests(PostgresServer postgres, Provider provider)
{
    private const string Migration = "_CasesReopeningsAndProposals";

    private static readonly DateTime Opened = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Cases_reopened_before_the_upgrade_are_counted_from_their_status_history()
    {
        var (db, cleanUp) = await ContextAsync();
        try
        {
            await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
            var customer = new Customer { Name = "Henrik Før", NameKey = "HENRIK FOR", Jurisdiction = "DK", PreferredLanguage = "da", CreatedAt = Opened, UpdatedAt = Opened };
            db.Customers.Add(customer);
            var twice = Case(customer, "C-900001", CaseStatus.InProgress, CaseStatus.Acknowledged, CaseStatus.Resolved, CaseStatus.InProgress, CaseStatus.Resolved, CaseStatus.InProgress);
            var never = Case(customer, "C-900002", CaseStatus.Closed, CaseStatus.Acknowledged, CaseStatus.InProgress, CaseStatus.Resolved, CaseStatus.Closed);
            var pendingBack = Case(customer, "C-900003", CaseStatus.InProgress, CaseStatus.Acknowledged, CaseStatus.InProgress, CaseStatus.Pending, CaseStatus.InProgress);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);

            // Back to the schema before the count, and up again: what an upgrade of an existing database runs.
            var migrator = db.GetService<IMigrator>();
            var migrations = db.Database.GetMigrations().ToList();
            var index = migrations.FindIndex(m => m.EndsWith(Migration, StringComparison.Ordinal));
            Assert.True(index > 0, $"No migration ending in {Migration}: a regenerated migration must keep its ReopenCount backfill SQL.");
            await migrator.MigrateAsync(migrations[index - 1], TestContext.Current.CancellationToken);
            await migrator.MigrateAsync(migrations[index], TestContext.Current.CancellationToken);

            var counts = await db.Cases.AsNoTracking().Where(c => c.CustomerId == customer.Id)
                .ToDictionaryAsync(c => c.Id, c => c.ReopenCount, TestContext.Current.CancellationToken);
            Assert.Equal(2, counts[twice.Id]);
            Assert.Equal(0, counts[never.Id]);
            Assert.Equal(0, counts[pendingBack.Id]);
        }
        finally
        {
            await db.DisposeAsync();
            cleanUp();
        }

        Case Case(Customer customer, string reference, CaseStatus status, params CaseStatus[] history)
        {
            var @case = new Case
            {
                Reference = reference, CustomerId = customer.Id, Jurisdiction = "DK", Type = CaseType.Complaint, Priority = CasePriority.Medium, Status = status,
                Channel = InteractionChannel.Phone, NeedStatement = "Stop the port-in forms", OwnerKind = OwnerKind.User, OwnerId = "agent-id", OwnerName = "Anna Agent",
                AccountableUserId = "agent-id", OpenedAt = Opened, OpenedById = "agent-id", OpenedByName = "Anna Agent",
            };
            db.Cases.Add(@case);
            for (var i = 0; i < history.Length; i++)
            {
                db.CaseStatusChanges.Add(new CaseStatusChange { CaseId = @case.Id, At = Opened.AddHours(i), Status = history[i], ChangedByName = "Anna Agent" });
            }

            return @case;
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
public sealed class CasesMigrationTestsOnSqlite(PostgresServer postgres) : CasesMigrationTests(postgres, Provider.Sqlite);

[Trait("Provider", "Postgres")]
public sealed class CasesMigrationTestsOnPostgres(PostgresServer postgres) : CasesMigrationTests(postgres, Provider.Postgres);
