using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Touchpoint.Hosting;

namespace Touchpoint.Tests.Hosting;

/// <summary>
/// A unique-key race (two requests both found a value free and both inserted it) cannot be staged reliably over
/// HTTP, so the handler that answers it is given the exceptions each database raises.
/// </summary>
[Trait("Provider", "Sqlite")]
public sealed class ConflictHandlerTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    public static TheoryData<string, Exception, int?> Cases => new()
    {
        { "SQLite unique index", new SqliteException("UNIQUE constraint failed: CustomerIdentities.Kind, CustomerIdentities.Value", 19, 2067), 409 },
        { "SQLite primary key", new SqliteException("UNIQUE constraint failed: Customers.Id", 19, 1555), 409 },
        { "PostgreSQL unique violation", new PostgresException("duplicate key value", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation), 409 },
        { "SQLite foreign key", new SqliteException("FOREIGN KEY constraint failed", 19, 787), null },
        { "PostgreSQL deadlock", new PostgresException("deadlock detected", "ERROR", "ERROR", PostgresErrorCodes.DeadlockDetected), null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Only_unique_violations_become_a_409_problem(string what, Exception inner, int? status)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var handler = new UniqueConflictExceptionHandler(scope.ServiceProvider.GetRequiredService<IProblemDetailsService>());
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Response.Body = new MemoryStream();

        var handled = await handler.TryHandleAsync(context, new DbUpdateException("save failed", inner), TestContext.Current.CancellationToken);

        Assert.True(handled == (status is not null), what);
        if (status is { } expected)
        {
            Assert.Equal(expected, context.Response.StatusCode);
            context.Response.Body.Position = 0;
            using var problem = await JsonDocument.ParseAsync(context.Response.Body, cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal(expected, problem.RootElement.GetProperty("status").GetInt32());
            Assert.Contains("nothing was saved", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }
}
