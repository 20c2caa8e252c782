using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;

namespace Touchpoint.Tests.Hosting;

/// <summary>A pooled context's SQLite connection keeps its compiled statements from one request to the next.</summary>
[Trait("Provider", "Sqlite")]
public sealed class SqliteStatementReuseTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    // Tags make each test's SQL text its own, so its statements can be found among the connection's others.
    private const string Marker = "statement-reuse-test";
    private const string FreshMarker = "statement-reuse-fresh-test";
    private const string CheckpointMarker = "statement-reuse-checkpoint-test";
    private const string NestedMarker = "statement-reuse-nested-test";
    private const string CrowdMarker = "statement-reuse-crowd-test";

    [Fact]
    public async Task The_same_query_in_a_later_lease_runs_on_the_statement_compiled_in_the_first()
    {
        var cancel = TestContext.Current.CancellationToken;
        var leases = new List<(SqliteConnection Connection, System.Data.ConnectionState Before, List<IntPtr> Statements)>();
        // The pool hands out its contexts in turn, so the first lease's context comes back within a few leases.
        for (var lease = 0; lease < 40; lease++)
        {
            leases.Add(await app.WithDbContextAsync(async db =>
            {
                var connection = (SqliteConnection)db.Database.GetDbConnection();
                var before = connection.State;
                _ = await Query(db).ToListAsync(cancel);
                return (connection, before, CompiledStatements(connection));
            }));
        }

        var first = leases[0];
        var again = leases.Skip(1).Where(l => ReferenceEquals(l.Connection, first.Connection)).ToList();
        Assert.NotEmpty(again);
        Assert.All(again, later =>
        {
            Assert.Equal(System.Data.ConnectionState.Open, later.Before);
            Assert.Equal(Assert.Single(first.Statements), Assert.Single(later.Statements));
        });
    }

    [Fact]
    public async Task A_kept_connection_sees_what_others_wrote_after_its_last_query()
    {
        var cancel = TestContext.Current.CancellationToken;
        var name = $"Reuse {Guid.NewGuid():N}";
        var counts = new List<(SqliteConnection Connection, int Count)>();
        async Task LeaseAsync() => counts.Add(await app.WithDbContextAsync(async db =>
            ((SqliteConnection)db.Database.GetDbConnection(), await db.Customers.TagWith(FreshMarker).CountAsync(c => c.Name == name, cancel))));

        for (var lease = 0; lease < 20; lease++)
        {
            await LeaseAsync();
        }

        using var client = await app.CreateAdminClientAsync();
        using var created = await client.PostAsJsonAsync("/api/customers",
            new { name, jurisdiction = "SE", identities = new[] { new { kind = "email", value = $"{Guid.NewGuid():N}@example.com" } } }, cancel);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var before = counts.Count;
        for (var lease = 0; lease < 20; lease++)
        {
            await LeaseAsync();
        }

        Assert.All(counts.Take(before), c => Assert.Equal(0, c.Count));
        // Every later lease, on connections that ran the same statement before the write, counts the new customer.
        Assert.Contains(counts.Skip(before), later => counts.Take(before).Any(earlier => ReferenceEquals(earlier.Connection, later.Connection)));
        Assert.All(counts.Skip(before), c => Assert.Equal(1, c.Count));
    }

    [Fact]
    public async Task A_query_run_while_the_same_query_still_reads_gets_its_own_command()
    {
        var cancel = TestContext.Current.CancellationToken;
        var (outer, inner) = await app.WithDbContextAsync(async db =>
        {
            // The first run leaves the text's command cached; the outer loop below then holds it while the inner runs.
            _ = await Users(db).ToListAsync(cancel);
            var outerIds = new List<string>();
            var innerIds = new List<string>();
            await foreach (var id in Users(db).AsAsyncEnumerable().WithCancellation(cancel))
            {
                outerIds.Add(id);
                innerIds.AddRange(await Users(db).ToListAsync(cancel));
            }

            return (outerIds, innerIds);
        });

        Assert.NotEmpty(outer);
        Assert.Equal(outer.SelectMany(_ => outer), inner);

        static IQueryable<string> Users(TouchpointDbContext db) => db.Users.TagWith(NestedMarker).OrderBy(u => u.Id).Select(u => u.Id);
    }

    [Fact]
    public async Task Idle_kept_connections_hold_no_snapshot_so_a_full_checkpoint_completes()
    {
        var cancel = TestContext.Current.CancellationToken;
        for (var lease = 0; lease < 10; lease++)
        {
            _ = await app.WithDbContextAsync(db => db.Customers.TagWith(CheckpointMarker).Select(c => c.Id).FirstOrDefaultAsync(cancel));
        }

        await using var other = new SqliteConnection(app.ConnectionString);
        await other.OpenAsync(cancel);
        await using var command = other.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        await using var reader = await command.ExecuteReaderAsync(cancel);
        Assert.True(await reader.ReadAsync(cancel));
        // busy = 0: no reader kept the log from being copied back and truncated.
        Assert.Equal(0L, reader.GetInt64(0));
    }

    [Fact]
    public async Task Statements_run_without_a_reader_leave_room_for_the_queries_a_server_repeats()
    {
        var cancel = TestContext.Current.CancellationToken;
        // More distinct texts than a connection keeps, each run without a reader, as a start's migrations are.
        var kept = await app.WithDbContextAsync(async db =>
        {
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync(cancel);
            for (var text = 0; text < 300; text++)
            {
                var sql = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"SELECT {text} /* {CrowdMarker} */");
                await db.Database.ExecuteSqlRawAsync(sql, cancel);
            }

            _ = await db.Customers.TagWith(CrowdMarker).Where(c => c.Name == "nobody").Select(c => c.Id).ToListAsync(cancel);
            return CompiledStatements(connection, CrowdMarker);
        });

        Assert.Single(kept);
    }

    private static IQueryable<Guid> Query(TouchpointDbContext db) =>
        db.Customers.TagWith(Marker).Where(c => c.Name == "nobody").Select(c => c.Id);

    private static List<IntPtr> CompiledStatements(SqliteConnection connection, string marker = Marker)
    {
        var found = new List<IntPtr>();
        var db = connection.Handle!.DangerousGetHandle();
        for (var statement = NextStatement(db, IntPtr.Zero); statement != IntPtr.Zero; statement = NextStatement(db, statement))
        {
            if (System.Runtime.InteropServices.Marshal.PtrToStringUTF8(StatementSql(statement))?.Contains(marker, StringComparison.Ordinal) == true)
            {
                found.Add(statement);
            }
        }

        return found;
    }

    // SQLitePCL's own wrapper of sqlite3_next_stmt works only when enabled as the connection opens.
    [System.Runtime.InteropServices.DllImport("e_sqlite3", EntryPoint = "sqlite3_next_stmt")]
    private static extern IntPtr NextStatement(IntPtr db, IntPtr statement);

    [System.Runtime.InteropServices.DllImport("e_sqlite3", EntryPoint = "sqlite3_sql")]
    private static extern IntPtr StatementSql(IntPtr statement);
}
