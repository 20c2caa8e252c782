using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Data;
using Touchpoint.Features.Audit;

namespace Touchpoint.Tests.Api;

/// <summary>
/// On PostgreSQL a read's audit entry is committed to the database before the read answers (issue 27): no node keeps a
/// journal of its own, so nodes are stateless and each one's log shows every node's reads at once.
/// </summary>
public abstract class DatabaseReadJournalTests(TouchpointApp app) : ApiTestBase(app)
{
    [Fact]
    public async Task A_read_is_in_the_audit_log_when_it_answers_and_the_node_keeps_no_journal()
    {
        var user = await CreateUserAsync();
        using var admin = await App.CreateAdminClientAsync();

        using (var read = await admin.GetAsync($"/api/users/{user.Id}", Cancel))
        {
            await HttpAssert.JsonAsync(read);
        }

        // Straight from the table, with nothing moved: committed before the answer.
        var entry = await App.WithDbContextAsync(db => db.AuditEntries.AsNoTracking()
            .SingleAsync(e => e.EntityId == user.Id && e.Action == AuditAction.Read, Cancel));
        Assert.Equal("user profile", entry.Details);
        Assert.False(Directory.Exists(App.Services.GetRequiredService<DatabaseSettings>().AuditJournalDirectory), "No journal folder on PostgreSQL.");
        Assert.IsType<DatabaseReadJournal>(App.Services.GetRequiredService<IReadJournal>());
    }

    [Fact]
    public async Task Reads_at_once_are_each_audited_once()
    {
        var users = new List<CreatedUser>();
        for (var i = 0; i < 5; i++)
        {
            users.Add(await CreateUserAsync());
        }

        using var admin = await App.CreateAdminClientAsync();
        await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            using var read = await admin.GetAsync($"/api/users/{users[i % users.Count].Id}", Cancel);
            await HttpAssert.JsonAsync(read);
        }));

        var ids = users.Select(u => u.Id).ToList();
        var counts = await App.WithDbContextAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == AuditAction.Read && ids.Contains(e.EntityId!)).GroupBy(e => e.EntityId).Select(g => g.Count()).ToListAsync(Cancel));
        Assert.Equal([8, 8, 8, 8, 8], counts);
    }

    [Fact]
    public async Task A_read_whose_entry_the_database_refuses_is_not_served_and_the_next_one_is_audited()
    {
        var user = await CreateUserAsync();
        using var admin = await App.CreateAdminClientAsync();
        var trigger = $"refuse_audit_{Guid.NewGuid():N}";
        var create = $"CREATE FUNCTION {trigger}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.\"EntityId\" = '{user.Id}' THEN RAISE EXCEPTION 'audit refused'; END IF; RETURN NEW; END $$; "
            + $"CREATE TRIGGER {trigger} BEFORE INSERT ON \"AuditEntries\" FOR EACH ROW EXECUTE FUNCTION {trigger}()";
        await App.WithDbContextAsync(db => db.Database.ExecuteSqlRawAsync(create, Cancel));
        try
        {
            // The profile does not leave without its audit entry.
            using var refused = await admin.GetAsync($"/api/users/{user.Id}", Cancel);
            Assert.False(refused.IsSuccessStatusCode);
            Assert.DoesNotContain(user.UserName, await refused.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        }
        finally
        {
            var drop = $"DROP TRIGGER {trigger} ON \"AuditEntries\"; DROP FUNCTION {trigger}()";
            await App.WithDbContextAsync(db => db.Database.ExecuteSqlRawAsync(drop, Cancel));
        }

        using var again = await admin.GetAsync($"/api/users/{user.Id}", Cancel);
        await HttpAssert.JsonAsync(again);
        Assert.Single(await AuditAsync($"entityId={user.Id}&action=Read"));
    }
}

[Trait("Provider", "Postgres")]
public sealed class DatabaseReadJournalTestsOnPostgres(PostgresApp app) : DatabaseReadJournalTests(app), IClassFixture<PostgresApp>;
