using Microsoft.EntityFrameworkCore;

namespace Touchpoint.Tests.Api;

/// <summary>The audit log: what is recorded, by whom and from where, and that it cannot be rewritten.</summary>
public abstract class AuditTests(TouchpointApp app) : ApiTestBase(app)
{
    [Fact]
    public async Task Creating_a_user_records_who_created_it_through_which_channel_and_from_where()
    {
        var user = await CreateUserAsync();

        var entries = await AuditAsync($"entityType=TouchpointUser&entityId={user.Id}&action=Created");

        var created = Assert.Single(entries);
        Assert.Equal("Created", created.GetProperty("action").GetString());
        Assert.Equal("TouchpointUser", created.GetProperty("entityType").GetString());
        Assert.Equal(user.Id, created.GetProperty("entityId").GetString());
        Assert.Equal("admin", created.GetProperty("userName").GetString());
        Assert.False(string.IsNullOrEmpty(created.GetProperty("userId").GetString()));
        Assert.Equal("api", created.GetProperty("channel").GetString());
        Assert.Equal(TouchpointApp.ClientAddressAsAudited, created.GetProperty("ipAddress").GetString());
    }

    [Fact]
    public async Task Reading_a_user_records_a_read_entry()
    {
        var user = await CreateUserAsync();
        using var admin = await App.CreateAdminClientAsync();
        Assert.Empty(await AuditAsync($"entityId={user.Id}&action=Read"));

        using var response = await admin.GetAsync($"/api/users/{user.Id}", Cancel);
        await HttpAssert.JsonAsync(response);

        var read = Assert.Single(await AuditAsync($"entityId={user.Id}&action=Read"));
        Assert.Equal("TouchpointUser", read.GetProperty("entityType").GetString());
        Assert.Equal("admin", read.GetProperty("userName").GetString());
        Assert.Equal("api", read.GetProperty("channel").GetString());
        Assert.Equal("user profile", read.GetProperty("details").GetString());
    }

    [Fact]
    public async Task Concurrent_reads_are_each_audited_before_their_response_is_sent()
    {
        var users = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => CreateUserAsync()));
        using var admin = await App.CreateAdminClientAsync();

        // Each response is checked as it arrives: its entry must already be committed, however reads were batched.
        await Task.WhenAll(users.Select(async user =>
        {
            using var response = await admin.GetAsync($"/api/users/{user.Id}", Cancel);
            await HttpAssert.JsonAsync(response);
            var read = Assert.Single(await AuditAsync($"entityId={user.Id}&action=Read"));
            Assert.Equal("user profile", read.GetProperty("details").GetString());
        }));
    }

    [Fact]
    public async Task A_read_whose_audit_entry_cannot_be_saved_is_refused_and_the_next_reads_are_audited_again()
    {
        var refusedUser = await CreateUserAsync();
        var otherUser = await CreateUserAsync();
        using var admin = await App.CreateAdminClientAsync();
        var trigger = $"refuse_audit_{Guid.NewGuid():N}";
        // The database refuses this one user's audit entries, as a full disk or a lost connection would refuse all.
        var create = App.Provider == Provider.Postgres
            ? [
                $"CREATE FUNCTION {trigger}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.\"EntityId\" = '{refusedUser.Id}' THEN RAISE EXCEPTION 'audit refused'; END IF; RETURN NEW; END $$",
                $"CREATE TRIGGER {trigger} BEFORE INSERT ON \"AuditEntries\" FOR EACH ROW EXECUTE FUNCTION {trigger}()",
            ]
            : new[] { $"CREATE TRIGGER {trigger} BEFORE INSERT ON \"AuditEntries\" WHEN NEW.\"EntityId\" = '{refusedUser.Id}' BEGIN SELECT RAISE(ABORT, 'audit refused'); END" };
        foreach (var sql in create)
        {
            await App.WithDbContextAsync(db => db.Database.ExecuteSqlRawAsync(sql, Cancel));
        }

        try
        {
            // The profile does not leave without its audit entry.
            using var refused = await admin.GetAsync($"/api/users/{refusedUser.Id}", Cancel);
            Assert.Equal(HttpStatusCode.InternalServerError, refused.StatusCode);
            Assert.DoesNotContain(refusedUser.UserName, await refused.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);

            // The writer goes on with the next batch.
            using var next = await admin.GetAsync($"/api/users/{otherUser.Id}", Cancel);
            await HttpAssert.JsonAsync(next);
            Assert.Single(await AuditAsync($"entityId={otherUser.Id}&action=Read"));
        }
        finally
        {
            await App.WithDbContextAsync(db => db.Database.ExecuteSqlRawAsync(
                App.Provider == Provider.Postgres ? $"DROP TRIGGER {trigger} ON \"AuditEntries\"; DROP FUNCTION {trigger}()" : $"DROP TRIGGER {trigger}", Cancel));
        }

        Assert.Empty(await AuditAsync($"entityId={refusedUser.Id}&action=Read"));
        using var again = await admin.GetAsync($"/api/users/{refusedUser.Id}", Cancel);
        await HttpAssert.JsonAsync(again);
        Assert.Single(await AuditAsync($"entityId={refusedUser.Id}&action=Read"));
    }

    [Fact]
    public async Task A_successful_sign_in_is_recorded_as_the_user_who_signed_in()
    {
        var user = await CreateUserAsync();

        await App.GetAccessTokenAsync(user.UserName, user.Password);

        var signedIn = Assert.Single(await AuditAsync($"userName={user.UserName}&action=SignedIn"));
        Assert.Equal(user.Id, signedIn.GetProperty("userId").GetString());
        Assert.Equal(user.Id, signedIn.GetProperty("entityId").GetString());
        Assert.Equal("api", signedIn.GetProperty("channel").GetString());
        Assert.Equal(TouchpointApp.ClientAddressAsAudited, signedIn.GetProperty("ipAddress").GetString());
    }

    [Fact]
    public async Task A_failed_sign_in_is_recorded_with_the_name_that_was_tried()
    {
        var user = await CreateUserAsync();
        var unknown = UniqueUserName("ghost");
        using var client = App.CreateAnonymousClient();

        using var wrongPassword = await TouchpointApp.RequestTokenAsync(client, user.UserName, "wrong-password");
        using var unknownUser = await TouchpointApp.RequestTokenAsync(client, unknown, "wrong-password");
        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownUser.StatusCode);

        var failed = Assert.Single(await AuditAsync($"userName={user.UserName}&action=SignInFailed"));
        Assert.Equal(user.Id, failed.GetProperty("entityId").GetString());
        Assert.Equal("wrong user name or password", failed.GetProperty("details").GetString());
        Assert.Equal(TouchpointApp.ClientAddressAsAudited, failed.GetProperty("ipAddress").GetString());
        var failedUnknown = Assert.Single(await AuditAsync($"userName={unknown}&action=SignInFailed"));
        Assert.Equal(JsonValueKind.Null, failedUnknown.GetProperty("entityId").ValueKind);
        Assert.Empty(await AuditAsync($"userName={user.UserName}&action=SignedIn"));
    }

    [Theory]
    [InlineData("UPDATE \"AuditEntries\" SET \"Details\" = 'rewritten'")]
    [InlineData("DELETE FROM \"AuditEntries\"")]
    public async Task The_audit_table_refuses_updates_and_deletes_at_the_database_level(string sql)
    {
        await CreateUserAsync();
        var before = await App.WithDbContextAsync(db => db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).Select(e => new { e.Id, e.Details }).ToListAsync(Cancel));
        Assert.NotEmpty(before);

        var refused = await Record.ExceptionAsync(() => App.WithDbContextAsync(db => db.Database.ExecuteSqlRawAsync(sql, Cancel)));

        Assert.NotNull(refused);
        Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);
        var lastId = before[^1].Id;
        var after = await App.WithDbContextAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Id <= lastId).OrderBy(e => e.Id).Select(e => new { e.Id, e.Details }).ToListAsync(Cancel));
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task The_audit_log_refuses_changes_through_the_DbContext_too()
    {
        await CreateUserAsync();

        var refused = await Record.ExceptionAsync(() => App.WithDbContextAsync(async db =>
        {
            var entry = await db.AuditEntries.OrderBy(e => e.Id).FirstAsync(Cancel);
            db.AuditEntries.Remove(entry);
            return await db.SaveChangesAsync(Cancel);
        }));

        Assert.IsType<InvalidOperationException>(refused);
    }

    [Fact]
    public async Task Audit_timestamps_are_UTC_and_recent()
    {
        var before = DateTime.UtcNow.AddSeconds(-1);
        var user = await CreateUserAsync();

        var entries = await AuditAsync($"entityId={user.Id}");

        Assert.NotEmpty(entries);
        foreach (var entry in entries)
        {
            var at = entry.GetProperty("at").GetString()!;
            Assert.EndsWith("Z", at, StringComparison.Ordinal);
            var parsed = DateTime.Parse(at, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            Assert.InRange(parsed, before, DateTime.UtcNow.AddSeconds(1));
        }
    }

    [Fact]
    public async Task The_audit_log_filters_by_time_and_refuses_an_unknown_action()
    {
        var user = await CreateUserAsync();
        using var admin = await App.CreateAdminClientAsync();
        var future = DateTime.UtcNow.AddMinutes(5).ToString("O", CultureInfo.InvariantCulture);

        Assert.Empty(await AuditAsync($"entityId={user.Id}&from={Uri.EscapeDataString(future)}"));
        Assert.NotEmpty(await AuditAsync($"entityId={user.Id}&to={Uri.EscapeDataString(future)}"));
        using var unknownAction = await admin.GetAsync("/api/audit?action=Exploded", Cancel);
        await HttpAssert.ValidationProblemAsync(unknownAction, "action");
    }
}

public sealed class AuditTestsOnSqlite(SqliteApp app) : AuditTests(app), IClassFixture<SqliteApp>;

public sealed class AuditTestsOnPostgres(PostgresApp app) : AuditTests(app), IClassFixture<PostgresApp>;
