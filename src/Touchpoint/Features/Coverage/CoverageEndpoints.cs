using Microsoft.AspNetCore.Http.HttpResults;
using Touchpoint.Data;
using Touchpoint.Features.Identity;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Coverage;

public static class CoverageEndpoints
{
    public static IEndpointRouteBuilder MapCoverageEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/coverage", Check)
            .WithTags("Coverage")
            .RequireAuthorization(Policies.OwnStaff)
            .WithSummary("What a postcode can get (country, postcode): its technologies, the answer for each with reason and alternatives, and the plans that can be sold there.");
        return app;
    }

    internal static async Task<Results<Ok<CoverageView>, CommandProblem>> Check(
        string? country, string? postcode, TouchpointDbContext db, CoverageChecker coverage, CancellationToken cancellationToken)
    {
        var outcome = await CoverageViews.CheckAsync(db, coverage, country, postcode, cancellationToken);
        return outcome.Failure is { } failure ? failure.ToResult() : TypedResults.Ok(outcome.Value!);
    }
}
