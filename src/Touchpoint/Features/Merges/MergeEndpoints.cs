using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Customers;
using Touchpoint.Features.Audit;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Identity;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Merges;

/// <summary>How many rows of each kind a merge moved (and an undo moves back).</summary>
public sealed record MovedRowCounts(int Identities, int Subscriptions, int Interactions, int TimelineEntries, int Promises);

/// <summary>A merge or merge request as the API shows it: ids, never the customers' personal data.</summary>
public sealed record MergeView(
    Guid Id, Guid KeptCustomerId, Guid MergedCustomerId, string State, bool Moved, string Evidence, bool EvidenceSufficed,
    string RequestedByName, DateTime RequestedAt, string? Reason, string? DecidedByName, DateTime? DecidedAt, string? DecisionReason,
    MovedRowCounts? MovedRows, string? UndoneByName, DateTime? UndoneAt, string? UndoReason)
{
    public static MergeView Of(CustomerMerge merge)
    {
        ArgumentNullException.ThrowIfNull(merge);
        var moved = merge.MovedRows is null ? null : Merges.MovedRows.FromJson(merge.MovedRows);
        return new(merge.Id, merge.KeptCustomerId, merge.MergedCustomerId, merge.State.ToWireName(), merge.Moved, merge.Evidence,
            merge.EvidenceSufficed, merge.RequestedByName, merge.RequestedAt, merge.Reason, merge.DecidedByName, merge.DecidedAt,
            merge.DecisionReason,
            moved is null ? null : new(moved.Identities.Count, moved.Subscriptions.Count, moved.Interactions.Count, moved.TimelineEntries.Count, moved.Promises.Count),
            merge.UndoneByName, merge.UndoneAt, merge.UndoReason);
    }
}

public static class MergeEndpoints
{
    public static IEndpointRouteBuilder MapMergeEndpoints(this IEndpointRouteBuilder app)
    {
        var customers = app.MapGroup("/api/customers").WithTags("Customers");
        customers.MapPost("/{id:guid}/merge", Merge).RequireAuthorization(Policies.OwnStaff).WithSummary(
            "Merge another record into this one: at once (200, the kept customer) when the records show one person or a team lead gives a reason; " +
            "else a merge request waits for a team lead (202). Records of two jurisdictions only when the person moved (moved: true with a reason).");
        customers.MapPost("/{id:guid}/unmerge", Unmerge).RequireAuthorization(Policies.TeamLead)
            .WithSummary("Undo the merge of this record (the one merged away), with a reason: what the merge moved moves back.");

        var requests = app.MapGroup("/api/merge-requests").WithTags("Customers");
        requests.MapGet("/", List).RequireAuthorization(Policies.OwnStaff).WithSummary("Merges and merge requests, oldest first, optionally by state (pending, merged, refused, undone); paged.");
        requests.MapGet("/{id:guid}", Get).RequireAuthorization(Policies.OwnStaff).WithSummary("One merge or merge request.");
        requests.MapPost("/{id:guid}/approve", Approve).RequireAuthorization(Policies.TeamLead).WithSummary("Approve a pending merge request with a reason: the records merge now.");
        requests.MapPost("/{id:guid}/refuse", Refuse).RequireAuthorization(Policies.TeamLead).WithSummary("Refuse a pending merge request with a reason.");
        return app;
    }

    internal static async Task<Results<Ok<CustomerView>, Accepted<MergeView>, CommandProblem>> Merge(
        Guid id, MergeInput input, MergeCommands commands, TouchpointDbContext db, CancellationToken cancellationToken)
    {
        var outcome = await commands.MergeOrRequestAsync(id, input, cancellationToken);
        if (outcome.Failure is { } failure)
        {
            return failure.ToResult();
        }

        var merge = outcome.Value!;
        return merge.State == MergeState.Pending
            ? TypedResults.Accepted($"/api/merge-requests/{merge.Id}", MergeView.Of(merge))
            : TypedResults.Ok((await CustomerViews.LoadAsync(db, id, cancellationToken))!);
    }

    internal static async Task<Results<Ok<MergeView>, ForbiddenProblem, CommandProblem>> Unmerge(
        Guid id, MergeDecisionInput? input, MergeCommands commands, CancellationToken cancellationToken) =>
        Answer(await commands.UnmergeAsync(id, input ?? new MergeDecisionInput(null), cancellationToken));

    internal static async Task<Results<Ok<List<MergeView>>, ValidationProblem>> List(
        string? state, int? offset, int? limit, HttpResponse response, TouchpointDbContext db, ReadAudit readAudit, CancellationToken cancellationToken)
    {
        if (!Page.TryCreate(offset, limit, out var page, out var problem))
        {
            return problem!;
        }

        var query = db.CustomerMerges.AsNoTracking();
        if (state is not null)
        {
            if (!MergeStates.TryParse(state, out var wanted, out var error))
            {
                return ProblemResults.Invalid("state", error);
            }

            query = query.Where(m => m.State == wanted);
        }

        var total = await query.CountAsync(cancellationToken);
        var merges = await query.OrderBy(m => m.RequestedAt).ThenBy(m => m.Id).Skip(page.Offset).Take(page.Limit).ToListAsync(cancellationToken);
        Page.WriteHeaders(response, total, merges.Count);
        foreach (var merge in merges)
        {
            RecordRead(readAudit, merge);
        }

        return TypedResults.Ok(merges.Select(MergeView.Of).ToList());
    }

    internal static async Task<Results<Ok<MergeView>, NotFoundProblem>> Get(Guid id, TouchpointDbContext db, ReadAudit readAudit, CancellationToken cancellationToken)
    {
        if (await db.CustomerMerges.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken) is not { } merge)
        {
            return ProblemResults.NotFound($"There is no merge request with id '{id}'.");
        }

        RecordRead(readAudit, merge);
        return TypedResults.Ok(MergeView.Of(merge));
    }

    /// <summary>A merge names two customers and what staff wrote about them: reading it is a read of both, as on the page.</summary>
    private static void RecordRead(ReadAudit readAudit, CustomerMerge merge)
    {
        foreach (var customerId in new[] { merge.KeptCustomerId, merge.MergedCustomerId })
        {
            readAudit.Record(nameof(Customer), customerId.ToString(), "merge requests", customerId);
        }
    }

    internal static async Task<Results<Ok<MergeView>, ForbiddenProblem, CommandProblem>> Approve(
        Guid id, MergeDecisionInput? input, MergeCommands commands, CancellationToken cancellationToken) =>
        Answer(await commands.ApproveAsync(id, input ?? new MergeDecisionInput(null), cancellationToken));

    internal static async Task<Results<Ok<MergeView>, ForbiddenProblem, CommandProblem>> Refuse(
        Guid id, MergeDecisionInput? input, MergeCommands commands, CancellationToken cancellationToken) =>
        Answer(await commands.RefuseAsync(id, input ?? new MergeDecisionInput(null), cancellationToken));

    private static Results<Ok<MergeView>, ForbiddenProblem, CommandProblem> Answer(Outcome<CustomerMerge> outcome) => outcome.Failure switch
    {
        NotAllowed notAllowed => ProblemResults.Forbidden(notAllowed.Message),
        { } failure => failure.ToResult(),
        null => TypedResults.Ok(MergeView.Of(outcome.Value!)),
    };
}
