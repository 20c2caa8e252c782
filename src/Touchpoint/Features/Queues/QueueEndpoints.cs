using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Cases;
using Touchpoint.Features.Identity;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Queues;

/// <summary>
/// Team queues: every member of staff lists them (to hand a case or a promise to one); team leads and admins set them
/// up and say who works from them. Thin: the rules are in <see cref="QueueCommands"/>.
/// </summary>
public static class QueueEndpoints
{
    public static IEndpointRouteBuilder MapQueueEndpoints(this IEndpointRouteBuilder app)
    {
        var queues = app.MapGroup("/api/queues").WithTags("Queues").RequireAuthorization(Policies.OwnStaff);
        queues.MapGet("/", List).WithSummary("Every team queue by name, with its lead and members.");
        queues.MapGet("/{id}", Get).WithSummary("One queue.");
        queues.MapPost("/", Create).RequireAuthorization(Policies.TeamLead)
            .WithSummary("Set up a queue (team leads and admins): its id, name, lead and members.");
        queues.MapPut("/{id}", Update).RequireAuthorization(Policies.TeamLead)
            .WithSummary("Rename a queue, change its lead or who works from it (team leads and admins); its id stays.");
        return app;
    }

    internal static async Task<Ok<List<QueueView>>> List(TouchpointDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await WorkQueues.ListAsync(db, cancellationToken));

    internal static async Task<Results<Ok<QueueView>, NotFoundProblem>> Get(string id, TouchpointDbContext db, CancellationToken cancellationToken)
    {
        var normalized = QueueIds.Normalize(id);
        var queue = normalized is null ? null : await db.WorkQueues.AsNoTracking().Include(q => q.Members).FirstOrDefaultAsync(q => q.Id == normalized, cancellationToken);
        if (queue is null)
        {
            return ProblemResults.NotFound($"There is no queue '{id}'.");
        }

        return TypedResults.Ok(await WorkQueues.ViewAsync(db, queue, cancellationToken));
    }

    internal static async Task<Results<Created<QueueView>, CommandProblem>> Create(
        QueueInput input, QueueCommands commands, TouchpointDbContext db, CancellationToken cancellationToken)
    {
        var outcome = await commands.CreateAsync(input, cancellationToken);
        return outcome.Failure is { } failure
            ? failure.ToResult()
            : TypedResults.Created($"/api/queues/{outcome.Value!.Id}", await WorkQueues.ViewAsync(db, outcome.Value, cancellationToken));
    }

    internal static async Task<Results<Ok<QueueView>, CommandProblem>> Update(
        string id, QueueInput input, QueueCommands commands, TouchpointDbContext db, CancellationToken cancellationToken)
    {
        var outcome = await commands.UpdateAsync(id, input, cancellationToken);
        return outcome.Failure is { } failure ? failure.ToResult() : TypedResults.Ok(await WorkQueues.ViewAsync(db, outcome.Value!, cancellationToken));
    }
}
