using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Touchpoint.Data;
using Touchpoint.Domain.Customers;
using Touchpoint.Features.Audit;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Inbox;
using Touchpoint.Features.Interactions;
using Touchpoint.Features.Live;

namespace Touchpoint.Tests.Data;

/// <summary>
/// A save that writes its added rows in bulk (a batch of arrived mail) must leave exactly what EF's save would: the
/// same rows, an audit entry for each audited row, and the live topics told at the commit and never for a rollback.
/// </summary>
public abstract class TrackedRowsWriterTests(PostgresServer postgres, Provider provider)
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Rows_written_in_bulk_read_back_as_saved_are_audited_and_told_at_the_commit()
    {
        await using var app = await TouchpointApp.StartAsync(provider, postgres, clock: new FakeTimeProvider(Start));
        var agent = await app.WithDbContextAsync(db => db.Users.Where(u => u.UserName == "agent").Select(u => u.Id).SingleAsync(Cancel));
        var told = 0;
        using var subscription = app.Services.GetRequiredService<ChangeFeed>().Subscribe([LiveTopics.Inbox(agent)], () => Interlocked.Increment(ref told));
        var customer = NewCustomer("Vera Bulk");

        await app.WithDbContextAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Cancel);
            db.Customers.Add(customer);
            db.CustomerIdentities.Add(new CustomerIdentity { CustomerId = customer.Id, Kind = "email", Value = "vera.bulk@example.se", AddedAt = app.UtcNow });
            db.TimelineEntries.Add(new TimelineEntry { CustomerId = customer.Id, At = app.UtcNow, Kind = TimelineEntryKind.Interaction, Title = "first words", ActorName = "test" });
            Inbox.Notify(db, agent, app.UtcNow, NotificationKinds.SlaWarning, "Vera wrote", "", null, customer.Id);
            var written = await db.SaveChangesWritingAddedInBulkAsync(Cancel);
            Assert.Equal(4, written);
            Assert.Equal(0, told);
            await transaction.CommitAsync(Cancel);
            return written;
        });

        Assert.Equal(1, told);
        var stored = await app.WithDbContextAsync(db => db.Customers.Include(c => c.Identities).SingleAsync(c => c.Id == customer.Id, Cancel));
        Assert.Equal(("Vera Bulk", customer.ServiceAddress, "SE", "sv"), (stored.Name, stored.ServiceAddress, stored.Jurisdiction, stored.PreferredLanguage));
        Assert.True(stored.Number > 0, "a customer written in bulk is numbered as any other");
        Assert.Equal("vera.bulk@example.se", Assert.Single(stored.Identities).Value);
        Assert.Equal("first words", await app.WithDbContextAsync(db => db.TimelineEntries.Where(t => t.CustomerId == customer.Id).Select(t => t.Title).SingleAsync(Cancel)));
        Assert.Equal("Vera wrote", await app.WithDbContextAsync(db => db.Notifications.Where(n => n.UserId == agent).Select(n => n.Title).SingleAsync(Cancel)));
        var audited = await app.WithDbContextAsync(db => db.AuditEntries.Where(a => a.CustomerId == customer.Id || a.EntityId == customer.Id.ToString())
            .Select(a => new { a.EntityType, a.Action }).ToListAsync(Cancel));
        Assert.Equal(
            [(nameof(Customer), AuditAction.Created), (nameof(CustomerIdentity), AuditAction.Created)],
            audited.Select(a => (a.EntityType, a.Action)).Order());
    }

    [Fact]
    public async Task Rows_written_in_bulk_in_a_transaction_rolled_back_leave_nothing_and_tell_nobody()
    {
        await using var app = await TouchpointApp.StartAsync(provider, postgres, clock: new FakeTimeProvider(Start));
        var agent = await app.WithDbContextAsync(db => db.Users.Where(u => u.UserName == "agent").Select(u => u.Id).SingleAsync(Cancel));
        var told = 0;
        using var subscription = app.Services.GetRequiredService<ChangeFeed>().Subscribe([LiveTopics.Inbox(agent)], () => Interlocked.Increment(ref told));
        var customer = NewCustomer("Ola Rollback");

        await app.WithDbContextAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Cancel);
            db.Customers.Add(customer);
            Inbox.Notify(db, agent, app.UtcNow, NotificationKinds.SlaWarning, "Never happened", "", null, customer.Id);
            await db.SaveChangesWritingAddedInBulkAsync(Cancel);
            await transaction.RollbackAsync(Cancel);
            return 0;
        });

        Assert.Equal(0, told);
        Assert.False(await app.WithDbContextAsync(db => db.Customers.AnyAsync(c => c.Id == customer.Id, Cancel)));
        Assert.False(await app.WithDbContextAsync(db => db.AuditEntries.AnyAsync(a => a.EntityId == customer.Id.ToString(), Cancel)));
    }

    [Fact]
    public async Task Writing_in_bulk_outside_a_transaction_is_refused_before_anything_is_written()
    {
        await using var app = await TouchpointApp.StartAsync(provider, postgres, clock: new FakeTimeProvider(Start));
        var customer = NewCustomer("Nils Outside");

        await app.WithDbContextAsync(async db =>
        {
            db.Customers.Add(customer);
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesWritingAddedInBulkAsync(Cancel));
            return 0;
        });

        Assert.False(await app.WithDbContextAsync(db => db.Customers.AnyAsync(c => c.Id == customer.Id, Cancel)));
    }

    private static Customer NewCustomer(string name) => BulkTestCustomers.New(name, Start.UtcDateTime);
}

[Trait("Provider", "Sqlite")]
public sealed class TrackedRowsWriterTestsOnSqlite(PostgresServer postgres) : TrackedRowsWriterTests(postgres, Provider.Sqlite);

[Trait("Provider", "Postgres")]
public sealed class TrackedRowsWriterTestsOnPostgres : TrackedRowsWriterTests
{
    public TrackedRowsWriterTestsOnPostgres(PostgresServer postgres)
        : base(postgres, Provider.Postgres) => postgres.SkipUnlessRunning();
}
