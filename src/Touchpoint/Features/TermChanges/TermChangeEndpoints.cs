using Microsoft.AspNetCore.Http.HttpResults;
using Touchpoint.Features.Identity;
using Touchpoint.Hosting;

namespace Touchpoint.Features.TermChanges;

public static class TermChangeEndpoints
{
    public static IEndpointRouteBuilder MapTermChangeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/plans/{code}/term-changes", Announce)
            .WithTags("Contracts")
            .RequireAuthorization(Policies.Admin)
            .WithSummary("Announce a change of a plan's price or terms to every affected customer (S0-6, EU-105-3); unless only to their benefit it opens a free termination window.");
        return app;
    }

    internal static async Task<Results<Created<TermChangeView>, CommandProblem>> Announce(
        string code, AnnounceTermChangeInput input, TermChangeCommands commands, CancellationToken cancellationToken)
    {
        var outcome = await commands.AnnounceAsync(code, input, cancellationToken);
        return outcome.Failure is { } failure ? failure.ToResult() : TypedResults.Created((string?)null, outcome.Value!);
    }
}
