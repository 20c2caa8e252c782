using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;

namespace Touchpoint.Features.Health;

public sealed record HealthReport(string Status, string Database, string Provider);

public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", Check)
            .AllowAnonymous()
            .WithTags("Health")
            .Produces<HealthReport>(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Reports whether Touchpoint can reach its database.");
        return app;
    }

    internal static async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> Check(
        TouchpointDbContext db, DatabaseSettings settings, CancellationToken cancellationToken)
    {
        bool reachable;
        try
        {
            reachable = await db.Database.CanConnectAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            reachable = false;
        }

        var provider = settings.Provider.ToString().ToLowerInvariant();
        return reachable
            ? TypedResults.Ok(new HealthReport("healthy", "reachable", provider))
            : TypedResults.Json(new HealthReport("unhealthy", "unreachable", provider), statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
