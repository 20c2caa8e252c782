using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Touchpoint.Data;

namespace Touchpoint.Features.Health;

public sealed record HealthReport(string Status, string Database, string Provider);

/// <summary>A probe's answer: <c>healthy</c> or <c>unhealthy</c>, and each check it ran with what it found.</summary>
public sealed record ProbeReport(string Status, IReadOnlyList<ProbeCheck> Checks);

public sealed record ProbeCheck(string Name, string Status, string? Description);

public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", Check)
            .AllowAnonymous()
            .WithTags("Health")
            .Produces<HealthReport>(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Reports whether Touchpoint can reach its database.");
        // The probes are for load balancers and orchestrators, which cannot sign in; like /metrics they are operations,
        // not the API, and stay out of its description (docs/scale-out.md describes them).
        // Live answers while the process runs and reads nothing, so a slow database never gets a node restarted.
        app.MapGet("/health/live", Live).AllowAnonymous().ExcludeFromDescription();
        // Ready says whether this node should get traffic: database reachable, every migration applied, outboxes under
        // their limit; 503 naming the failing check otherwise.
        app.MapGet("/health/ready", Ready).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    internal static Ok<ProbeReport> Live() => TypedResults.Ok(new ProbeReport("healthy", []));

    internal static async Task<Results<Ok<ProbeReport>, JsonHttpResult<ProbeReport>>> Ready(HealthCheckService checks, CancellationToken cancellationToken)
    {
        var report = await checks.CheckHealthAsync(check => check.Tags.Contains(ReadinessChecks.Ready), cancellationToken);
        var answer = new ProbeReport(
            Name(report.Status),
            [.. report.Entries.Select(e => new ProbeCheck(e.Key, Name(e.Value.Status), Describe(e.Value)))]);
        return report.Status == HealthStatus.Healthy
            ? TypedResults.Ok(answer)
            : TypedResults.Json(answer, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    // Anyone may ask, so a failure's exception (host names, SQL) stays in the log the health check service writes.
    // The database check says nothing of its own: it passes when the database answers and fails when it does not.
    private static string Describe(HealthReportEntry entry) => entry switch
    {
        { Description: { } description } => description,
        { Status: HealthStatus.Healthy } => "Fine.",
        { Exception: not null } => "Failed; the log says why.",
        _ => "Failed: no answer.",
    };

    private static string Name(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };

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
