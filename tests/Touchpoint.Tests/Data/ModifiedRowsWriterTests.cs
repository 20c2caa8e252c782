using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Touchpoint.Data;
using Touchpoint.Domain.Cases;
using Touchpoint.Domain.Interactions;
using Touchpoint.Features.Audit;
using Touchpoint.Features.Cases;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Live;

namespace Touchpoint.Tests.Data;

/// <summary>
/// A bulk save writes the rows it changes with prepared updates on SQLite (an outbox batch claimed and completed, the
/// cases its replies count on): what is stored, audited and told must be what EF's save gives the same change, and a
/// row changed meanwhile by someone else must fail the work as EF's save would.
/// </summary>
public abstract class ModifiedRowsWriterTests(PostgresServer postgres, Provider provider)
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_case_changed_in_a_bulk_save_is_stored_audited_and_told_as_by_EFs_save()
    {
        await using var app = await TouchpointApp.StartAsync(provider, postgres, clock: new FakeTimeProvider(Start));
        var (bulk, usual) = await SeedTwoCasesAsync(app);
        var told = 0;
        using var subscription = app.Services.GetRequiredService<ChangeFeed>().Subscribe([LiveTopics.Case(bulk)], () => Interlocked.Increment(ref told));

        await app.WithDbContextAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Cancel);
            Change(await db.Cases.SingleAsync(c => c.Id == bulk, Cancel));
            Assert.Equal(1, await db.SaveChangesWritingAddedInBulkAsync(Cancel));
            Assert.Equal(0, told);
            await transaction.CommitAsync(Cancel);
            // Stored means accepted: the next save has nothing left to write.
            Assert.Equal(0, await db.SaveChangesAsync(Cancel));
            return 0;
        });
        await app.WithDbContextAsync(async db =>
        {
            Change(await db.Cases.SingleAsync(c => c.Id == usual, Cancel));
            return await db.SaveChangesAsync(Cancel);
        });

        Assert.Equal(1, told);
        var stored = await app.WithDbContextAsync(db => db.Cases.AsNoTracking().Where(c => c.Id == bulk || c.Id == usual).ToListAsync(Cancel));
        var (written, saved) = (stored.Single(c => c.Id == bulk), stored.Single(c => c.Id == usual));
        Assert.Equal(
            (saved.Status, saved.Priority, saved.FirstResponseAt, saved.LastUpdateAt, saved.RootCause, saved.Version),
            (written.Status, written.Priority, written.FirstResponseAt, written.LastUpdateAt, written.RootCause, written.Version));
        Assert.Equal((CaseStatus.InProgress, 1), (written.Status, written.Version));
        var audited = await app.WithDbContextAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(Case) && a.Action == AuditAction.Updated && (a.EntityId == bulk.ToString() || a.EntityId == usual.ToString()))
            .ToListAsync(Cancel));
        var (bulkEntry, usualEntry) = (Assert.Single(audited, a => a.EntityId == bulk.ToString()), Assert.Single(audited, a => a.EntityId == usual.ToString()));
        Assert.Equal((usualEntry.Changes, usualEntry.CustomerId, usualEntry.UserName, usualEntry.Channel), (bulkEntry.Changes, bulkEntry.CustomerId, bulkEntry.UserName, bulkEntry.Channel));
        Assert.Contains("Status", bulkEntry.Changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_case_changed_meanwhile_by_someone_else_fails_the_bulk_save_and_keeps_their_change()
    {
        await using var app = await TouchpointApp.StartAsync(provider, postgres, clock: new FakeTimeProvider(Start));
        var (caseId, _) = await SeedTwoCasesAsync(app);

        await app.WithDbContextAsync(async db =>
        {
            var mine = await db.Cases.SingleAsync(c => c.Id == caseId, Cancel);
            await app.WithDbContextAsync(async other =>
            {
                var theirs = await other.Cases.SingleAsync(c => c.Id == caseId, Cancel);
                theirs.Priority = CasePriority.Critical;
                theirs.Version++;
                return await other.SaveChangesAsync(Cancel);
            });

            await using var transaction = await db.Database.BeginTransactionAsync(Cancel);
            Change(mine);
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveChangesWritingAddedInBulkAsync(Cancel));
            await transaction.RollbackAsync(Cancel);
            return 0;
        });

        var stored = await app.WithDbContextAsync(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == caseId, Cancel));
        Assert.Equal((CasePriority.Critical, CaseStatus.Acknowledged, 1), (stored.Priority, stored.Status, stored.Version));
        Assert.Equal(1, await app.WithDbContextAsync(db => db.AuditEntries.CountAsync(a => a.EntityId == caseId.ToString() && a.Action == AuditAction.Updated, Cancel)));
    }

    private static void Change(Case @case)
    {
        @case.Status = CaseStatus.InProgress;
        @case.Priority = CasePriority.High;
        @case.FirstResponseAt = Start.UtcDateTime.AddMinutes(30);
        @case.LastUpdateAt = Start.UtcDateTime.AddMinutes(30);
        @case.RootCause = null;
        @case.Version++;
    }

    private static async Task<(Guid First, Guid Second)> SeedTwoCasesAsync(TouchpointApp app) => await app.WithDbContextAsync(async db =>
    {
        var agent = await db.Users.Where(u => u.UserName == "agent").Select(u => u.Id).SingleAsync(Cancel);
        var customer = new Customer
        {
            Name = "Vera Update", NameKey = "VERA UPDATE", Jurisdiction = "SE", PreferredLanguage = "sv",
            ServiceAddress = new Address("Storgatan 1", "11122", "Stockholm", "SE"), CreatedAt = Start.UtcDateTime, UpdatedAt = Start.UtcDateTime,
        };
        db.Customers.Add(customer);
        var cases = Enumerable.Range(1, 2).Select(i => new Case
        {
            Reference = $"C-9{i:D5}", CustomerId = customer.Id, Jurisdiction = "SE", Type = CaseType.Complaint, Priority = CasePriority.Medium,
            Status = CaseStatus.Acknowledged, Channel = InteractionChannel.Email, NeedStatement = "Stop the double invoices", OwnerKind = OwnerKind.User,
            OwnerId = agent, OwnerName = "Anna Agent", AccountableUserId = agent, OpenedAt = Start.UtcDateTime, OpenedById = agent, OpenedByName = "Anna Agent",
            RootCause = "billing",
        }).ToList();
        db.Cases.AddRange(cases);
        await db.SaveChangesAsync(Cancel);
        return (cases[0].Id, cases[1].Id);
    });
}

[Trait("Provider", "Sqlite")]
public sealed class ModifiedRowsWriterTestsOnSqlite(PostgresServer postgres) : ModifiedRowsWriterTests(postgres, Provider.Sqlite);

[Trait("Provider", "Postgres")]
public sealed class ModifiedRowsWriterTestsOnPostgres : ModifiedRowsWriterTests
{
    public ModifiedRowsWriterTestsOnPostgres(PostgresServer postgres)
        : base(postgres, Provider.Postgres) => postgres.SkipUnlessRunning();
}
