using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

#pragma warning disable EF1001 // SqliteRelationalConnection is EF's internal API; its version is pinned with EF's.

namespace Touchpoint.Data;

/// <summary>
/// EF's SQLite connection, except that it is never closed, only disposed with its context: a pooled context goes
/// back to the pool with its connection open, and the next request's queries run on the statements the last one
/// compiled (<see cref="SqliteStatementReuse"/>). An open SQLite connection without a running statement holds no
/// lock, so it does not keep writers or checkpoints waiting.
/// </summary>
internal sealed class KeepOpenSqliteConnection(
    RelationalConnectionDependencies dependencies,
    IRawSqlCommandBuilder rawSqlCommandBuilder,
    IDiagnosticsLogger<DbLoggerCategory.Infrastructure> logger)
    : Microsoft.EntityFrameworkCore.Sqlite.Storage.Internal.SqliteRelationalConnection(dependencies, rawSqlCommandBuilder, logger)
{
    protected override void CloseDbConnection()
    {
    }

    protected override Task CloseDbConnectionAsync() => Task.CompletedTask;
}
