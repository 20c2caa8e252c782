using Microsoft.AspNetCore.Http.HttpResults;
using Touchpoint.Data;
using Touchpoint.Features.Identity;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Telephony;

/// <summary>The lead's live board of a queue (<see cref="QueueBoard"/>), for team leads and admins; the page /contact-centre shows the same.</summary>
public static class QueueBoardEndpoints
{
    public static IEndpointRouteBuilder MapQueueBoardEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/telephony").WithTags("Telephony").RequireAuthorization(Policies.TeamLead)
            .MapGet("/queues/{queueId}/board", Board)
            .WithSummary("A queue's live board: calls waiting, longest wait, callbacks pending and due, agents by state, and today by hour "
                + "(on the caller's clock): calls entered, answered, abandoned, callbacks taken, mean wait and estimate accuracy (team leads and admins).");
        return app;
    }

    internal static async Task<Results<Ok<QueueBoardView>, NotFoundProblem>> Board(
        string queueId, TouchpointDbContext db, StaffClock clock, TimeProvider time, CancellationToken cancellationToken)
    {
        var board = await QueueBoard.ReadAsync(db, queueId, time.GetUtcNow().UtcDateTime, clock.Zone, cancellationToken);
        return board is null ? ProblemResults.NotFound($"There is no queue '{queueId}'.") : TypedResults.Ok(board);
    }
}
