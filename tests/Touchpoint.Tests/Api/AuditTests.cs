using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Features.Audit;

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
    public async Task Reads_left_in_the_journal_by_a_crash_reach_the_log_and_a_line_cut_short_is_skipped()
    {
        var journal = App.Services.GetRequiredService<AuditJournal>().Folder;
        var entityId = Guid.NewGuid().ToString();
        Directory.CreateDirectory(journal);
        // As a crash leaves it: two whole lines, the last one cut off while it was written. Numbered 0, before any
        // file of this run: left over from an earlier one.
        await File.WriteAllTextAsync(Path.Combine(journal, "reads-000000000000.ndjson"),
            $$"""
            {"At":"2026-11-01T08:00:00Z","UserId":null,"UserName":"agent-a","IpAddress":"198.51.100.1","Channel":"web","Action":"Read","EntityType":"Customer","EntityId":"{{entityId}}","Details":"360 view"}
            {"At":"2026-11-01T08:00:01Z","UserId":null,"UserName":"agent-b","IpAddress":null,"Channel":"api","Action":"Read","EntityType":"Customer","EntityId":"{{entityId}}","Details":"TMF629 customer"}
            {"At":"2026-11-01T08:00:02Z","UserId":null,"UserNa
            """, Cancel);

        var entries = await AuditAsync($"entityId={entityId}");

        Assert.Equal(["agent-b", "agent-a"], entries.Select(e => e.GetProperty("userName").GetString()));
        Assert.Equal(new DateTime(2026, 11, 1, 8, 0, 1, DateTimeKind.Utc), entries[0].GetProperty("at").GetDateTime().ToUniversalTime());
        Assert.Equal("198.51.100.1", entries[1].GetProperty("ipAddress").GetString());
        Assert.False(File.Exists(Path.Combine(journal, "reads-000000000000.ndjson")), "A moved file is removed.");
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
        Assert.Equal("bearer token: wrong password", failed.GetProperty("details").GetString());
        Assert.Equal(TouchpointApp.ClientAddressAsAudited, failed.GetProperty("ipAddress").GetString());
        var failedUnknown = Assert.Single(await AuditAsync($"userName={unknown}&action=SignInFailed"));
        Assert.Equal(JsonValueKind.Null, failedUnknown.GetProperty("entityId").ValueKind);
        Assert.Equal("bearer token: unknown user name", failedUnknown.GetProperty("details").GetString());
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
    public async Task What_is_personal_and_what_is_secret_is_read_from_the_entity_metadata()
    {
        var sensitivity = await App.WithDbContextAsync(db => Task.FromResult(db.Model.GetEntityTypes()
            .SelectMany(type => type.GetProperties().Select(p => (Name: $"{type.ClrType.Name}.{p.Name}", Owner: type.FindOwnership()?.PrincipalEntityType.ClrType.Name, Sensitivity: PersonalData.SensitivityOf(p))))
            .ToList()));
        FieldSensitivity Of(string name) => sensitivity.First(p => p.Name == name).Sensitivity;

        // A seal's hashes are no secret (verify-audit prints them) and seals are never audited themselves.
        Assert.All(sensitivity.Where(p => !p.Name.StartsWith($"{nameof(AuditSeal)}.", StringComparison.Ordinal)
                && (p.Name.Contains("Hash", StringComparison.Ordinal) || p.Name.Contains("Salt", StringComparison.Ordinal)
                    || p.Name.Contains("Stamp", StringComparison.Ordinal) || p.Name.Contains("Password", StringComparison.Ordinal))),
            p => Assert.True(p.Sensitivity == FieldSensitivity.Secret, $"{p.Name} must never be kept in the audit."));
        Assert.Equal(FieldSensitivity.Secret, Of("IdentityUserToken`1.Value"));
        foreach (var personal in new[] { "Customer.Name", "Customer.NameKey", "CustomerIdentity.Value", "Subscription.Msisdn", "TouchpointUser.Email", "TouchpointUser.UserName", "TouchpointUser.DisplayName" })
        {
            Assert.Equal(FieldSensitivity.Personal, Of(personal));
        }

        // Every address, wherever it is kept, is personal in all its parts.
        var addresses = sensitivity.Where(p => p.Name.StartsWith("Address.", StringComparison.Ordinal)).ToList();
        Assert.Superset(new HashSet<string?> { "Customer", "Subscription", "ProductOrderItem", "QualificationCheck" }, addresses.Select(p => p.Owner).ToHashSet());
        Assert.All(addresses.Where(p => !p.Name.EndsWith("Id", StringComparison.Ordinal)), p => Assert.Equal(FieldSensitivity.Personal, p.Sensitivity));
        foreach (var ordinary in new[] { "Customer.Kind", "Customer.Jurisdiction", "Subscription.Status", "Subscription.MonthlyPrice" })
        {
            Assert.Equal(FieldSensitivity.Ordinary, Of(ordinary));
        }
    }

    [Fact]
    public async Task A_secret_that_changes_is_audited_by_name_and_its_values_are_never_kept()
    {
        var user = await CreateUserAsync();
        var oldHash = await App.WithDbContextAsync(async db =>
        {
            var row = await db.Users.FirstAsync(u => u.Id == user.Id, Cancel);
            var before = row.PasswordHash!;
            row.PasswordHash = "AQAAAAIAAYagAAAAEnot-a-real-hash-but-secret-all-the-same";
            await db.SaveChangesAsync(Cancel);
            return before;
        });

        var change = Assert.Single((await AuditAsync($"entityType=TouchpointUser&entityId={user.Id}&action=Updated"))
            .SelectMany(e => e.GetProperty("changes").EnumerateArray()), c => c.GetProperty("field").GetString() == "PasswordHash");
        Assert.Equal("secret", change.GetProperty("sensitivity").GetString());
        Assert.Equal(JsonValueKind.Null, change.GetProperty("old").ValueKind);
        Assert.Equal(JsonValueKind.Null, change.GetProperty("new").ValueKind);
        var stored = await App.WithDbContextAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.EntityId == user.Id).Select(e => e.Changes).ToListAsync(Cancel));
        Assert.DoesNotContain(stored, changes => changes != null && (changes.Contains(oldHash, StringComparison.Ordinal) || changes.Contains("not-a-real-hash", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Audit_timestamps_are_UTC_and_recent()
    {
        var before = App.UtcNow.AddSeconds(-1);
        var user = await CreateUserAsync();

        var entries = await AuditAsync($"entityId={user.Id}");

        Assert.NotEmpty(entries);
        foreach (var entry in entries)
        {
            var at = entry.GetProperty("at").GetString()!;
            Assert.EndsWith("Z", at, StringComparison.Ordinal);
            var parsed = DateTime.Parse(at, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            Assert.InRange(parsed, before, App.UtcNow.AddSeconds(1));
        }
    }

    [Fact]
    public async Task The_audit_log_filters_by_time_and_refuses_an_unknown_action()
    {
        var user = await CreateUserAsync();
        using var admin = await App.CreateAdminClientAsync();
        var future = App.UtcNow.AddMinutes(5).ToString("O", CultureInfo.InvariantCulture);

        Assert.Empty(await AuditAsync($"entityId={user.Id}&from={Uri.EscapeDataString(future)}"));
        Assert.NotEmpty(await AuditAsync($"entityId={user.Id}&to={Uri.EscapeDataString(future)}"));
        using var unknownAction = await admin.GetAsync("/api/audit?action=Exploded", Cancel);
        await HttpAssert.ValidationProblemAsync(unknownAction, "action");
    }
}

[Trait("Provider", "Sqlite")]
public sealed class AuditTestsOnSqlite(SqliteApp app) : AuditTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class AuditTestsOnPostgres(PostgresApp app) : AuditTests(app), IClassFixture<PostgresApp>;
