using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Touchpoint.Data;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Interactions;
using Touchpoint.Features.Audit;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Inbox;
using Touchpoint.Features.Interactions;
using Touchpoint.Features.Live;

namespace Touchpoint.Tests.Data;

/// <summary>
/// Rows added aside from the change tracker (<see cref="TouchpointDbContext.AddRow{T}"/> in a unit that writes in bulk)
/// must be stored, audited, checked and told exactly as the same rows added and saved the usual way.
/// </summary>
public abstract class RowsAsideTests(PostgresServer postgres, Provider provider)
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Rows_added_aside_are_stored_audited_and_told_as_a_save_stores_audits_and_tells_them()
    {
        await using var app = await TouchpointApp.StartAsync(provider, postgres, clock: new FakeTimeProvider(Start));
        var agent = await app.WithDbContextAsync(db => db.Users.Where(u => u.UserName == "agent").Select(u => u.Id).SingleAsync(Cancel));
        var (saved, aside) = (NewCustomer("Saga Saved"), NewCustomer("Alma Aside"));
        await app.WithDbContextAsync(db =>
        {
            db.Customers.AddRange(saved, aside);
            return db.SaveChangesAsync(Cancel);
        });
        var told = new Dictionary<string, int>();
        var feed = app.Services.GetRequiredService<ChangeFeed>();
        using var savedTopic = feed.Subscribe([LiveTopics.Customer(saved.Id)], () => Tell(told, "saved"));
        using var asideTopic = feed.Subscribe([LiveTopics.Customer(aside.Id)], () => Tell(told, "aside"));
        using var inboxTopic = feed.Subscribe([LiveTopics.Inbox(agent)], () => Tell(told, "inbox"));

        var savedContact = await app.WithDbContextAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Cancel);
            var contact = AddContact(db, saved, agent, app.UtcNow);
            await db.SaveChangesAsync(Cancel);
            await transaction.CommitAsync(Cancel);
            return contact;
        });
        Assert.Equal(new Dictionary<string, int> { ["saved"] = 1, ["inbox"] = 1 }, told);

        var asideContact = await app.WithDbContextAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Cancel);
            using var adding = db.AddingRowsAside();
            var contact = AddContact(db, aside, agent, app.UtcNow);
            Assert.Empty(db.ChangeTracker.Entries());
            Assert.Equal(3, await db.SaveChangesWritingAddedInBulkAsync(Cancel));
            Assert.Equal(0, told.GetValueOrDefault("aside"));
            await transaction.CommitAsync(Cancel);
            return contact;
        });
        Assert.Equal(new Dictionary<string, int> { ["saved"] = 1, ["aside"] = 1, ["inbox"] = 2 }, told);

        var (savedRows, asideRows) = (await StoredAsync(app, saved.Id, savedContact.Id), await StoredAsync(app, aside.Id, asideContact.Id));
        Assert.Equal(savedRows.Contact with { Reason = "", Summary = "" }, asideRows.Contact with { Reason = "", Summary = "" });
        Assert.Equal(("Written by Alma Aside", "She wrote: Alma Aside"), (asideRows.Contact.Reason, asideRows.Contact.Summary));
        Assert.Equal(savedRows.Timeline.Replace("Saga Saved", "Alma Aside", StringComparison.Ordinal), asideRows.Timeline);
        Assert.Equal(savedRows.Notification.Replace("Saga Saved", "Alma Aside", StringComparison.Ordinal), asideRows.Notification);
        Assert.Equal(savedRows.Audit, asideRows.Audit);
        Assert.Equal(nameof(Interaction), Assert.Single(asideRows.Audit).EntityType);
    }

    [Fact]
    public async Task A_row_aside_with_a_text_no_column_takes_is_refused_and_nothing_of_the_unit_is_written()
    {
        await using var app = await TouchpointApp.StartAsync(provider, postgres, clock: new FakeTimeProvider(Start));
        var agent = await app.WithDbContextAsync(db => db.Users.Where(u => u.UserName == "agent").Select(u => u.Id).SingleAsync(Cancel));
        var customer = NewCustomer("Tor Toolong");
        await app.WithDbContextAsync(db =>
        {
            db.Customers.Add(customer);
            return db.SaveChangesAsync(Cancel);
        });

        var refused = await app.WithDbContextAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Cancel);
            using var adding = db.AddingRowsAside();
            AddContact(db, customer, agent, app.UtcNow);
            db.AddRow(new TimelineEntry { CustomerId = customer.Id, At = app.UtcNow, Kind = TimelineEntryKind.Interaction, Title = new string('x', 1000), ActorName = "test" });
            return await Assert.ThrowsAsync<StoredTextRefusedException>(() => db.SaveChangesWritingAddedInBulkAsync(Cancel));
        });

        Assert.Equal((nameof(TimelineEntry), "title"), (refused.Entity, refused.Field));
        Assert.False(await app.WithDbContextAsync(db => db.Interactions.AnyAsync(i => i.CustomerId == customer.Id, Cancel)));
        Assert.False(await app.WithDbContextAsync(db => db.TimelineEntries.AnyAsync(t => t.CustomerId == customer.Id, Cancel)));
    }

    [Fact]
    public async Task Rows_aside_are_saved_by_an_ordinary_save_and_forgotten_with_their_unit()
    {
        await using var app = await TouchpointApp.StartAsync(provider, postgres, clock: new FakeTimeProvider(Start));
        var agent = await app.WithDbContextAsync(db => db.Users.Where(u => u.UserName == "agent").Select(u => u.Id).SingleAsync(Cancel));
        var (kept, forgotten) = (NewCustomer("Kim Kept"), NewCustomer("Fia Forgotten"));
        await app.WithDbContextAsync(db =>
        {
            db.Customers.AddRange(kept, forgotten);
            return db.SaveChangesAsync(Cancel);
        });

        await app.WithDbContextAsync(async db =>
        {
            using (db.AddingRowsAside())
            {
                AddContact(db, forgotten, agent, app.UtcNow);
            }

            using var adding = db.AddingRowsAside();
            AddContact(db, kept, agent, app.UtcNow);
            return await db.SaveChangesAsync(Cancel);
        });

        Assert.Equal(1, await app.WithDbContextAsync(db => db.Interactions.CountAsync(i => i.CustomerId == kept.Id, Cancel)));
        Assert.Equal(1, await app.WithDbContextAsync(db => db.AuditEntries.CountAsync(a => a.CustomerId == kept.Id && a.EntityType == nameof(Interaction), Cancel)));
        Assert.False(await app.WithDbContextAsync(db => db.Interactions.AnyAsync(i => i.CustomerId == forgotten.Id, Cancel)));
    }

    [Fact]
    public async Task Changed_rows_saved_in_bulk_are_audited_and_told_as_a_save_audits_and_tells_them()
    {
        await using var app = await TouchpointApp.StartAsync(provider, postgres, clock: new FakeTimeProvider(Start));
        var (saved, bulk) = (NewCustomer("Siv Saved"), NewCustomer("Bo Bulk"));
        await app.WithDbContextAsync(db =>
        {
            db.Customers.AddRange(saved, bulk);
            return db.SaveChangesAsync(Cancel);
        });
        var told = new Dictionary<string, int>();
        var feed = app.Services.GetRequiredService<ChangeFeed>();
        using var savedTopic = feed.Subscribe([LiveTopics.Customer(saved.Id)], () => Tell(told, "saved"));
        using var bulkTopic = feed.Subscribe([LiveTopics.Customer(bulk.Id)], () => Tell(told, "bulk"));

        await app.WithDbContextAsync(async db =>
        {
            (await db.Customers.SingleAsync(c => c.Id == saved.Id, Cancel)).PreferredLanguage = "en";
            return await db.SaveChangesAsync(Cancel);
        });
        await app.WithDbContextAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Cancel);
            (await db.Customers.SingleAsync(c => c.Id == bulk.Id, Cancel)).PreferredLanguage = "en";
            await db.SaveChangesWritingAddedInBulkAsync(Cancel);
            Assert.Equal(0, told.GetValueOrDefault("bulk"));
            await transaction.CommitAsync(Cancel);
            return 0;
        });

        Assert.Equal(new Dictionary<string, int> { ["saved"] = 1, ["bulk"] = 1 }, told);
        var audited = await app.WithDbContextAsync(db => db.AuditEntries.Where(a => a.Action == AuditAction.Updated && (a.CustomerId == saved.Id || a.CustomerId == bulk.Id))
            .OrderBy(a => a.Id).ToListAsync(Cancel));
        static object Shape(AuditEntry entry, Guid customerId) =>
            (entry.EntityType, entry.EntityId == customerId.ToString(), entry.UserName, entry.Channel, entry.Details, entry.Changes, entry.At);
        Assert.Equal(2, audited.Count);
        Assert.Equal(Shape(audited.Single(a => a.CustomerId == saved.Id), saved.Id), Shape(audited.Single(a => a.CustomerId == bulk.Id), bulk.Id));
        Assert.Contains("PreferredLanguage", audited[0].Changes ?? "", StringComparison.Ordinal);
    }

    private static void Tell(Dictionary<string, int> told, string topic)
    {
        lock (told)
        {
            told[topic] = told.GetValueOrDefault(topic) + 1;
        }
    }

    /// <summary>What a contact by mail adds, through <see cref="TouchpointDbContext.AddRow{T}"/>: the contact, its timeline entry, the owner's notification.</summary>
    private static Interaction AddContact(TouchpointDbContext db, Customer customer, string agent, DateTime now)
    {
        var contact = new Interaction
        {
            CustomerId = customer.Id,
            OccurredAt = now,
            Channel = InteractionChannel.Email,
            Direction = InteractionDirection.Inbound,
            AgentName = "E-mail",
            Reason = $"Written by {customer.Name}",
            Summary = $"She wrote: {customer.Name}",
            CaseRef = "C-000001",
            RecordedAt = now,
        };
        db.AddRow(contact);
        db.AddRow(InteractionCommands.TimelineEntryFor(contact));
        Inbox.Notify(db, agent, now, NotificationKinds.CustomerWrote, $"{customer.Name} wrote", "", "/cases/x", customer.Id);
        return contact;
    }

    private sealed record ContactRow(DateTime OccurredAt, string Channel, string Direction, string AgentName, string Reason, string Summary, string? CaseRef, DateTime RecordedAt);

    private sealed record AuditRow(string EntityType, AuditAction Action, bool NamesTheRow, string? UserName, string? Channel, string? Details, string? Changes, DateTime At);

    private sealed record Stored(ContactRow Contact, string Timeline, string Notification, List<AuditRow> Audit);

    private static async Task<Stored> StoredAsync(TouchpointApp app, Guid customerId, Guid contactId) => await app.WithDbContextAsync(async db =>
    {
        var contact = await db.Interactions.SingleAsync(i => i.CustomerId == customerId, Cancel);
        var timeline = await db.TimelineEntries.SingleAsync(t => t.CustomerId == customerId, Cancel);
        var notification = await db.Notifications.SingleAsync(n => n.CustomerId == customerId, Cancel);
        var audit = await db.AuditEntries.Where(a => a.CustomerId == customerId && a.EntityType != nameof(Customer)).OrderBy(a => a.Id).ToListAsync(Cancel);
        return new Stored(
            new ContactRow(contact.OccurredAt, contact.Channel.ToString(), contact.Direction.ToString(), contact.AgentName, contact.Reason, contact.Summary, contact.CaseRef, contact.RecordedAt),
            $"{timeline.At:O}|{timeline.Kind}|{timeline.Channel}|{timeline.Direction}|{timeline.Title}|{timeline.Detail}|{timeline.ActorName}|{timeline.SourceId == contactId.ToString()}",
            $"{notification.UserId}|{notification.At:O}|{notification.Kind}|{notification.Title}|{notification.Detail}|{notification.Link}|{notification.ReadAt}",
            [.. audit.Select(a => new AuditRow(a.EntityType, a.Action, a.EntityId == contactId.ToString(), a.UserName, a.Channel, a.Details, a.Changes, a.At))]);
    });

    private static Customer NewCustomer(string name) => BulkTestCustomers.New(name, Start.UtcDateTime);
}

[Trait("Provider", "Sqlite")]
public sealed class RowsAsideTestsOnSqlite(PostgresServer postgres) : RowsAsideTests(postgres, Provider.Sqlite);

[Trait("Provider", "Postgres")]
public sealed class RowsAsideTestsOnPostgres : RowsAsideTests
{
    public RowsAsideTestsOnPostgres(PostgresServer postgres)
        : base(postgres, Provider.Postgres) => postgres.SkipUnlessRunning();
}
