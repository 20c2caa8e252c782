using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Touchpoint.Data;

/// <summary>
/// Gives PostgreSQL queries tagged by <see cref="RowLocks"/> their locking clause. EF Core writes a tag as a comment
/// line before the query, and a query of one table ends with its <c>LIMIT</c>, after which the clause belongs.
/// </summary>
internal sealed class RowLockClauses : DbCommandInterceptor
{
    private static readonly (string Comment, string Clause)[] Clauses =
    [
        ("-- " + RowLocks.ClaimTag, "FOR UPDATE SKIP LOCKED"),
        ("-- " + RowLocks.LockTag, "FOR UPDATE"),
    ];

    public override InterceptionResult<DbDataReader> ReaderExecuting(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        AddClause(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        AddClause(command);
        return ValueTask.FromResult(result);
    }

    private static void AddClause(DbCommand command)
    {
        var sql = command.CommandText;
        using var lines = new StringReader(sql);
        for (var line = lines.ReadLine(); line is not null && line.StartsWith("--", StringComparison.Ordinal); line = lines.ReadLine())
        {
            foreach (var (comment, clause) in Clauses)
            {
                if (line == comment)
                {
                    command.CommandText = $"{sql.TrimEnd()}\n{clause}";
                    return;
                }
            }
        }
    }
}
