using System.Globalization;
using System.Net.Sockets;
using Microsoft.AspNetCore.Diagnostics;

namespace Touchpoint.Hosting;

/// <summary>
/// The database could not be reached, or gave up on the request for a reason that passes (a restart, a failover, too
/// many connections, a deadlock, SQLite busy): a 503 with <c>Retry-After</c>, not a 500, so a client knows to try
/// again. Whether the write was committed is unknown when a connection breaks during the commit, so a client that
/// retries a create sends the same <c>Idempotency-Key</c> and never makes a second one.
/// </summary>
internal sealed class DatabaseUnavailableExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsTransient(exception) || httpContext.Response.HasStarted)
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = ((int)RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The database is unavailable.",
                Detail = "Touchpoint could not reach its database or the database was busy. Try again in a few seconds; "
                    + "repeat a create with the same Idempotency-Key so it is made only once.",
            },
        });
    }

    public static bool IsTransient(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case Npgsql.NpgsqlException npgsql when npgsql.IsTransient:
                case Microsoft.EntityFrameworkCore.Storage.RetryLimitExceededException:
                case SocketException:
                case TimeoutException:
                // SQLITE_BUSY and SQLITE_LOCKED: another writer held the file for longer than the busy timeout.
                case Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 }:
                    return true;
                case Npgsql.PostgresException:
                    // A server's answer about the request itself (a constraint, bad SQL) is no outage.
                    return false;
            }
        }

        return false;
    }
}
