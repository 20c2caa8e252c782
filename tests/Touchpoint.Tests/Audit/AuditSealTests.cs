using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Data;
using Touchpoint.Demo;
using Touchpoint.Domain.Audit;
using Touchpoint.Features.Audit;
using Touchpoint.Hosting;

namespace Touchpoint.Tests.Audit;

/// <summary>
/// The audit log's hash chain: entries written by ordinary use are sealed once no transaction can still add below
/// them, <c>verify-audit</c> finds the log intact, and an entry changed or deleted by someone with database access (who
/// lifts the append-only trigger for the moment, as an attacker could) fails the check naming the seal's range.
/// </summary>
public abstract class AuditSealTests(PostgresServer postgres, Provider provider)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Entries_written_by_ordinary_use_are_sealed_and_the_command_finds_the_log_intact()
    {
        await using var app = await StartAsync();
        await ReadManyAsync(app, 2 * AuditSealer.EntriesPerSeal);
        await UseAsAnAgentAsync(app);

        var sealedEntries = await SealAsync(app);

        var (entries, coveredBySeals, lastSealed) = await app.WithDbContextAsync(async db =>
        {
            var last = await db.AuditSeals.MaxAsync(s => s.LastEntryId, Cancel);
            return (await db.AuditEntries.LongCountAsync(Cancel), await db.AuditSeals.SumAsync(s => (long)s.EntryCount, Cancel), last);
        });
        Assert.Equal(entries, (long)sealedEntries);
        Assert.Equal(entries, coveredBySeals);
        Assert.True(await app.WithDbContextAsync(db => db.AuditSeals.CountAsync(Cancel)) >= 3, "A seal holds at most EntriesPerSeal entries.");
        Assert.True(await app.WithDbContextAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditAction.Read && e.Id <= lastSealed, Cancel)),
            "The agent's read, moved from the journal, is sealed.");

        var run = await TouchpointProcess.RunCommandAsync(["verify-audit", .. CommandSettings(app)], TimeSpan.FromSeconds(120));

        Assert.True(run.ExitCode == VerifyAuditCommand.Intact, $"exit {run.ExitCode}: {run.StandardError}{run.StandardOutput}");
        var seals = await app.WithDbContextAsync(db => db.AuditSeals.CountAsync(Cancel));
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"Checked {entries:N0} entries in {seals:N0} seals;"), run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("The audit log is intact.", run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_column_of_an_entry_is_sealed()
    {
        await using var app = await StartAsync();

        var columns = await app.WithDbContextAsync(db => Task.FromResult(db.Model.FindEntityType(typeof(AuditEntry))!.GetProperties().Select(p => p.Name).Order().ToList()));

        // A column added to the log and left out of AuditEntryContent could be changed without any seal noticing.
        Assert.Equal(columns, typeof(AuditEntryContent).GetConstructors().Single().GetParameters().Select(p => p.Name!).Order().ToList());
    }

    [Fact]
    public async Task An_entry_changed_in_the_database_fails_the_check_with_exit_1_naming_its_seal_and_range()
    {
        await using var app = await StartAsync();
        await ReadManyAsync(app, 2 * AuditSealer.EntriesPerSeal);
        await UseAsAnAgentAsync(app);
        await SealAsync(app);
        var changed = await MiddleSealedEntryAsync(app);

        await AsAttackerAsync(app, "AuditEntries", $"UPDATE \"AuditEntries\" SET \"Details\" = 'nothing to see' WHERE \"Id\" = {changed}");

        var (code, _, error) = await VerifyInProcessAsync(app);
        Assert.Equal(VerifyAuditCommand.Tampered, code);
        var seal = await SealOfAsync(app, changed);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture,
            $"Seal {seal.Number:N0} (entries {seal.FirstEntryId:N0}–{seal.LastEntryId:N0}): its entries are not the entries that were sealed"), error, StringComparison.Ordinal);

        // The admin API runs the same check.
        using var admin = await app.CreateAdminClientAsync();
        using var response = await admin.GetAsync("/api/audit/verification", Cancel);
        var result = await HttpAssert.JsonAsync(response);
        Assert.Equal(1, result.GetProperty("mismatchCount").GetInt64());
        Assert.Equal(seal.Number, result.GetProperty("firstMismatches")[0].GetProperty("sealNumber").GetInt64());
    }

    [Fact]
    public async Task A_deleted_entry_is_caught()
    {
        await using var app = await StartAsync();
        await UseAsAnAgentAsync(app);
        await SealAsync(app);
        var deleted = await MiddleSealedEntryAsync(app);

        await AsAttackerAsync(app, "AuditEntries", $"DELETE FROM \"AuditEntries\" WHERE \"Id\" = {deleted}");

        var (code, _, error) = await VerifyInProcessAsync(app);
        Assert.Equal(VerifyAuditCommand.Tampered, code);
        var seal = await SealOfAsync(app, deleted);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture,
            $"Seal {seal.Number:N0} (entries {seal.FirstEntryId:N0}–{seal.LastEntryId:N0}): {seal.EntryCount:N0} entries were sealed and {seal.EntryCount - 1:N0} are there now: entries were deleted."),
            error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_entry_given_a_value_no_entry_can_hold_fails_the_check_instead_of_stopping_it()
    {
        await using var app = await StartAsync();
        await SealAsync(app);
        var changed = await MiddleSealedEntryAsync(app);

        await AsAttackerAsync(app, "AuditEntries", $"UPDATE \"AuditEntries\" SET \"Action\" = 'Nothing' WHERE \"Id\" = {changed}");

        var (code, _, error) = await VerifyInProcessAsync(app);
        Assert.Equal(VerifyAuditCommand.Tampered, code);
        Assert.Contains("Seal 1 (entries 1–", error, StringComparison.Ordinal);
        Assert.Contains("its entries cannot be read as entries", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_seal_breaks_the_chain_and_seals_refuse_updates_and_deletes()
    {
        await using var app = await StartAsync();
        await SealAsync(app);

        await Assert.ThrowsAnyAsync<DbException>(() => app.WithDbContextAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditSeals\" SET \"EntryCount\" = 0", Cancel)));
        await Assert.ThrowsAnyAsync<DbException>(() => app.WithDbContextAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditSeals\"", Cancel)));

        await AsAttackerAsync(app, "AuditSeals", "UPDATE \"AuditSeals\" SET \"EntriesHash\" = 'ff' WHERE \"Number\" = 1");

        var (code, _, error) = await VerifyInProcessAsync(app);
        Assert.Equal(VerifyAuditCommand.Tampered, code);
        Assert.Contains("Seal 1 (entries 1–", error, StringComparison.Ordinal);
        Assert.Contains("the seal itself was changed", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ids_of_rolled_back_inserts_never_stop_sealing_and_unsealed_entries_are_no_failure()
    {
        await using var app = await StartAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(Cancel);
            db.RecordEvent(AuditAction.SignInFailed, "User", null, "rolled back", Actor.System);
            await db.SaveChangesAsync(Cancel);
            await transaction.RollbackAsync(Cancel);
        }

        await UseAsAnAgentAsync(app);
        await SealAsync(app);
        await UseAsAnAgentAsync(app);

        var (code, output, error) = await VerifyInProcessAsync(app);
        Assert.True(code == VerifyAuditCommand.Intact, $"exit {code}: {error}");
        var unsealed = await app.WithDbContextAsync(async db =>
        {
            var sealedUpTo = await db.AuditSeals.MaxAsync(s => s.LastEntryId, Cancel);
            return await db.AuditEntries.LongCountAsync(e => e.Id > sealedUpTo, Cancel);
        });
        Assert.True(unsealed > 0);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"not sealed yet: {unsealed:N0}."), output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_entry_whose_transaction_is_still_running_holds_up_sealing_above_it_until_it_ends()
    {
        Assert.SkipWhen(provider == Provider.Sqlite, "SQLite writes one transaction at a time: no entry commits below one already committed.");
        await using var app = await StartAsync();
        await SealAsync(app);
        var sealer = app.Services.GetRequiredService<AuditSealer>();

        await using var scope = app.Services.CreateAsyncScope();
        var slow = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
        await using var running = await slow.Database.BeginTransactionAsync(Cancel);
        slow.RecordEvent(AuditAction.Imported, "File", "slow.csv", "a long import", Actor.System);
        await slow.SaveChangesAsync(Cancel);

        // Committed after the running one took its id: the highest id, but not sealable yet.
        await UseAsAnAgentAsync(app);
        Assert.Equal(0, await sealer.RunOnceAsync(Cancel));
        app.Clock!.Advance(AuditSealer.Settle);
        Assert.Equal(0, await sealer.RunOnceAsync(Cancel));
        app.Clock.Advance(AuditSealer.Settle);
        Assert.Equal(0, await sealer.RunOnceAsync(Cancel));

        await running.CommitAsync(Cancel);
        Assert.True(await sealer.RunOnceAsync(Cancel) > 0);

        Assert.True(await app.WithDbContextAsync(async db =>
        {
            var sealedUpTo = await db.AuditSeals.MaxAsync(s => s.LastEntryId, Cancel);
            return await db.AuditEntries.AnyAsync(e => e.Details == "a long import" && e.Id <= sealedUpTo, Cancel);
        }));
        var (code, _, error) = await VerifyInProcessAsync(app);
        Assert.True(code == VerifyAuditCommand.Intact, $"exit {code}: {error}");
    }

    [Theory]
    [InlineData("--bogus", "Unknown option '--bogus'.")]
    [InlineData("everything", "Unexpected argument 'everything'.")]
    public async Task Usage_errors_exit_with_2(string argument, string expected)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await VerifyAuditCommand.RunAsync(["verify-audit", argument], output, error, Cancel);

        Assert.Equal(VerifyAuditCommand.UsageError, code);
        Assert.StartsWith(expected, error.ToString(), StringComparison.Ordinal);
        Assert.Contains(VerifyAuditCommand.Usage, error.ToString(), StringComparison.Ordinal);
    }

    private Task<TouchpointApp> StartAsync() =>
        TouchpointApp.StartAsync(provider, postgres, new Dictionary<string, string?> { [DemoData.GeneratedCustomersKey] = "0" }, TestClocks.StartingNow());

    /// <summary>A read of a customer (journalled, then moved) and a recorded call (written with the change).</summary>
    private static async Task UseAsAnAgentAsync(TouchpointApp app)
    {
        using var agent = await app.CreateClientAsAsync("agent");
        var customerId = await app.WithDbContextAsync(db => db.Customers.Where(c => c.Name == "Bert Lindqvist").Select(c => c.Id).SingleAsync(Cancel));
        using (var read = await agent.GetAsync($"/api/customers/{customerId}", Cancel))
        {
            await HttpAssert.JsonAsync(read);
        }

        using (var call = await agent.PostAsJsonAsync("/api/interactions", new { customerId, channel = "phone", direction = "inbound", reason = "Asked about his bill" }, Cancel))
        {
            await HttpAssert.JsonAsync(call, HttpStatusCode.Created);
        }

        await app.Services.GetRequiredService<AuditJournal>().MoveAsync(Cancel);
    }

    /// <summary>Reads as the 360 page records them, through the journal: enough for several seals.</summary>
    private static async Task ReadManyAsync(TouchpointApp app, int count)
    {
        var journal = app.Services.GetRequiredService<AuditJournal>();
        var agent = new Actor("agent-id", "agent", "203.0.113.7", "web");
        for (var i = 0; i < count; i++)
        {
            journal.Append(AuditEntry.Create(agent, app.UtcNow.AddTicks(i * 13), AuditAction.Read, AuditEntry.CustomerEntity, Guid.NewGuid().ToString(), "360 page"));
        }

        await journal.MoveAsync(Cancel);
    }

    /// <summary>What the hosted sealer does over two runs: observe, wait out <see cref="AuditSealer.Settle"/>, seal.</summary>
    private static async Task<int> SealAsync(TouchpointApp app)
    {
        var sealer = app.Services.GetRequiredService<AuditSealer>();
        var sealedEntries = await sealer.RunOnceAsync(Cancel);
        app.Clock!.Advance(AuditSealer.Settle);
        return sealedEntries + await sealer.RunOnceAsync(Cancel);
    }

    private static Task<long> MiddleSealedEntryAsync(TouchpointApp app) =>
        app.WithDbContextAsync(async db =>
        {
            var sealedUpTo = await db.AuditSeals.MaxAsync(s => s.LastEntryId, Cancel);
            var ids = await db.AuditEntries.Where(e => e.Id <= sealedUpTo).OrderBy(e => e.Id).Select(e => e.Id).ToListAsync(Cancel);
            return ids[ids.Count / 2];
        });

    private static Task<AuditSeal> SealOfAsync(TouchpointApp app, long entryId) =>
        app.WithDbContextAsync(db => db.AuditSeals.AsNoTracking().SingleAsync(s => s.FirstEntryId <= entryId && s.LastEntryId >= entryId, Cancel));

    /// <summary>Runs <paramref name="sql"/> with the append-only triggers of <paramref name="table"/> lifted for the moment, as someone with database access could.</summary>
    private async Task AsAttackerAsync(TouchpointApp app, string table, string sql)
    {
        await app.WithDbContextAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Cancel);
            if (provider == Provider.Postgres)
            {
                var lifted = $"ALTER TABLE \"{table}\" DISABLE TRIGGER USER; {sql}; ALTER TABLE \"{table}\" ENABLE TRIGGER USER;";
                await db.Database.ExecuteSqlRawAsync(lifted, Cancel);
            }
            else
            {
                var names = await db.Database.SqlQuery<string>($"SELECT name AS Value FROM sqlite_master WHERE type = 'trigger' AND tbl_name = {table}").ToListAsync(Cancel);
                var definitions = await db.Database.SqlQuery<string>($"SELECT sql AS Value FROM sqlite_master WHERE type = 'trigger' AND tbl_name = {table}").ToListAsync(Cancel);
                foreach (var drop in names.Select(name => $"DROP TRIGGER \"{name}\""))
                {
                    await db.Database.ExecuteSqlRawAsync(drop, Cancel);
                }

                await db.Database.ExecuteSqlRawAsync(sql, Cancel);
                foreach (var definition in definitions)
                {
                    await db.Database.ExecuteSqlRawAsync(definition, Cancel);
                }
            }

            await transaction.CommitAsync(Cancel);
            return 0;
        });
    }

    private static string[] CommandSettings(TouchpointApp app) =>
    [
        $"--{DatabaseSettings.ProviderKey}={(app.Provider == Provider.Postgres ? "postgres" : "sqlite")}",
        $"--{DatabaseSettings.ConnectionStringKey}={app.ConnectionString}",
        $"--Touchpoint:AdminPassword={TouchpointApp.AdminPassword}",
        "--Touchpoint:DemoData=false",
    ];

    private static async Task<(int Code, string Output, string Error)> VerifyInProcessAsync(TouchpointApp app)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await VerifyAuditCommand.RunAsync(["verify-audit", .. CommandSettings(app)], output, error, Cancel);
        return (code, output.ToString(), error.ToString());
    }
}

[Trait("Provider", "Sqlite")]
public sealed class AuditSealTestsOnSqlite(PostgresServer postgres) : AuditSealTests(postgres, Provider.Sqlite);

[Trait("Provider", "Postgres")]
public sealed class AuditSealTestsOnPostgres : AuditSealTests
{
    public AuditSealTestsOnPostgres(PostgresServer postgres)
        : base(postgres, Provider.Postgres) => postgres.SkipUnlessRunning();
}
