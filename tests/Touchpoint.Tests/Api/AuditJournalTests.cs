using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Touchpoint.Features.Audit;

namespace Touchpoint.Tests.Api;

/// <summary>
/// SQLite's file journal for reads (<see cref="AuditJournal"/>): a read is served only once its line is written, a line
/// the database refuses waits in the journal, and one process owns a journal. PostgreSQL writes reads to the database
/// instead (<see cref="DatabaseReadJournalTests"/>).
/// </summary>
public abstract class AuditJournalTests(TouchpointApp app) : ApiTestBase(app)
{
    [Fact]
    public async Task A_read_whose_audit_entry_cannot_be_written_is_refused_and_the_next_reads_are_audited_again()
    {
        var refusedUser = await CreateUserAsync();
        using var admin = await App.CreateAdminClientAsync();
        var journal = App.Services.GetRequiredService<AuditJournal>().Folder;
        // Everything journaled so far is moved, so the next read opens a new journal file; then the folder becomes
        // unusable, as a full or read-only disk would make it.
        Assert.Empty(await AuditAsync($"entityId={refusedUser.Id}&action=Read"));
        // The folder is made by the first read journaled: when this test runs first in its class there is none yet.
        if (Directory.Exists(journal))
        {
            Directory.Delete(journal, recursive: true);
        }

        await File.WriteAllTextAsync(journal, "not a folder", Cancel);
        try
        {
            // The profile does not leave without its audit entry.
            using var refused = await admin.GetAsync($"/api/users/{refusedUser.Id}", Cancel);
            Assert.Equal(HttpStatusCode.InternalServerError, refused.StatusCode);
            Assert.DoesNotContain(refusedUser.UserName, await refused.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(journal);
        }

        Assert.Empty(await AuditAsync($"entityId={refusedUser.Id}&action=Read"));
        using var again = await admin.GetAsync($"/api/users/{refusedUser.Id}", Cancel);
        await HttpAssert.JsonAsync(again);
        Assert.Single(await AuditAsync($"entityId={refusedUser.Id}&action=Read"));
    }

    [Fact]
    public async Task A_read_entry_the_database_refuses_stays_in_the_journal_and_reaches_the_log_once_when_it_is_taken()
    {
        var user = await CreateUserAsync();
        using var admin = await App.CreateAdminClientAsync();
        var trigger = $"refuse_audit_{Guid.NewGuid():N}";
        // The database refuses this user's read entries, as a full disk or a lost connection would refuse all.
        var create = $"CREATE TRIGGER {trigger} BEFORE INSERT ON \"AuditEntries\" WHEN NEW.\"EntityId\" = '{user.Id}' BEGIN SELECT RAISE(ABORT, 'audit refused'); END";
        await App.WithDbContextAsync(db => db.Database.ExecuteSqlRawAsync(create, Cancel));

        try
        {
            // The entry is safe in the journal, so the read is served.
            using var read = await admin.GetAsync($"/api/users/{user.Id}", Cancel);
            await HttpAssert.JsonAsync(read);

            // The log says it is not up to date rather than show a list without the read.
            using var log = await admin.GetAsync($"/api/audit?entityId={user.Id}&action=Read", Cancel);
            var problem = await HttpAssert.ProblemAsync(log, HttpStatusCode.ServiceUnavailable);
            Assert.Contains("audit journal", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            var drop = $"DROP TRIGGER {trigger}";
            await App.WithDbContextAsync(db => db.Database.ExecuteSqlRawAsync(drop, Cancel));
        }

        var moved = Assert.Single(await AuditAsync($"entityId={user.Id}&action=Read"));
        Assert.Equal("user profile", moved.GetProperty("details").GetString());
    }

    [Fact]
    public async Task A_second_server_on_the_same_data_folder_cannot_take_over_the_audit_journal()
    {
        // The app has journaled (and so owns its journal folder) once a read has been recorded.
        var user = await CreateUserAsync();
        using var admin = await App.CreateAdminClientAsync();
        using var read = await admin.GetAsync($"/api/users/{user.Id}", Cancel);
        await HttpAssert.JsonAsync(read);
        using var second = new AuditJournal(
            App.Services.GetRequiredService<Touchpoint.Data.DatabaseSettings>(), App.Services.GetRequiredService<IServiceScopeFactory>(), NullLogger<AuditJournal>.Instance);

        var refused = Assert.Throws<IOException>(() => second.Append(AuditEntry.Create(Touchpoint.Hosting.Actor.System, App.UtcNow, AuditAction.Read, "Customer", "x", "test")));

        Assert.Contains("Another Touchpoint process is using the audit journal", refused.Message, StringComparison.Ordinal);
        Assert.Single(await AuditAsync($"entityId={user.Id}&action=Read"));
    }
}

[Trait("Provider", "Sqlite")]
public sealed class AuditJournalTestsOnSqlite(SqliteApp app) : AuditJournalTests(app), IClassFixture<SqliteApp>;
