using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;

namespace Touchpoint.Tests.Hosting;

/// <summary>A pooled context's SQLite connection keeps its compiled statements from one request to the next.</summary>
public sealed class SqliteStatementReuseTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const string Marker = "statement-reuse-test";

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

    // A tag makes the SQL text unique to this test, so its statement can be found among the connection's others.
    private static IQueryable<Guid> Query(TouchpointDbContext db) =>
        db.Customers.TagWith(Marker).Where(c => c.Name == "nobody").Select(c => c.Id);

    private static List<IntPtr> CompiledStatements(SqliteConnection connection)
    {
        var found = new List<IntPtr>();
        var db = connection.Handle!.DangerousGetHandle();
        for (var statement = NextStatement(db, IntPtr.Zero); statement != IntPtr.Zero; statement = NextStatement(db, statement))
        {
            if (System.Runtime.InteropServices.Marshal.PtrToStringUTF8(StatementSql(statement))?.Contains(Marker, StringComparison.Ordinal) == true)
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
