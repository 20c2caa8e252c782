using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Features.Identity;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Privacy;

/// <summary>The customer's legal hold, as the 360 page and the API show it.</summary>
public sealed record LegalHoldView(Guid CustomerId, DateOnly? Until, string? Reason);

/// <summary>
/// GDPR Art. 17 for staff: the erasure plan, the tracked request (any own staff member records it, a team lead or an
/// admin schedules or cancels it), and legal holds (admins). Thin: each step is in <see cref="Erasures"/>.
/// </summary>
public static class ErasureEndpoints
{
    public static IEndpointRouteBuilder MapErasureEndpoints(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api").WithTags("Privacy").RequireAuthorization(Policies.OwnStaff);
        staff.MapGet("/customers/{id:guid}/erasure-plan", Plan)
            .WithSummary("What erasing the customer's personal data today would do, per kind of record: deleted, anonymised or kept, until when and why.");
        staff.MapPost("/customers/{id:guid}/erasure-requests", Request)
            .WithSummary("Record the customer's request to erase his personal data (GDPR Art. 17): pending until a team lead gives it a day within the month.");
        staff.MapGet("/customers/{id:guid}/erasure-requests", List).WithSummary("The customer's erasure requests, newest first.");
        staff.MapGet("/erasure-requests/{id:guid}", Get).WithSummary("One erasure request: pending, scheduled, done (with what became of each kind of record) or cancelled.");

        var leads = app.MapGroup("/api/erasure-requests").WithTags("Privacy").RequireAuthorization(Policies.TeamLead);
        leads.MapPost("/{id:guid}/schedule", Schedule).WithSummary("Give a pending request its day, today at the earliest and a month after the request at the latest.");
        leads.MapPost("/{id:guid}/cancel", Cancel).WithSummary("Withdraw a pending or scheduled request, with the reason (the customer withdrew it, it was not his).");

        var admins = app.MapGroup("/api/customers/{id:guid}/legal-hold").WithTags("Privacy").RequireAuthorization(Policies.Admin);
        admins.MapPut("/", Hold).WithSummary("Keep every record of the customer until a day (an authority's request, a court case): no erasure or purge touches them before.");
        admins.MapDelete("/", Release).WithSummary("End the customer's legal hold; what it kept goes when its retention allows.");
        return app;
    }

    internal static async Task<Results<Ok<ErasurePlanView>, CommandProblem>> Plan(Guid id, Erasures erasures, CancellationToken cancellationToken)
    {
        var outcome = await erasures.PlanAsync(id, cancellationToken);
        return outcome.Failure is { } failure ? failure.ToResult() : TypedResults.Ok(outcome.Value!);
    }

    internal static async Task<Results<Created<ErasureRequestView>, CommandProblem>> Request(
        Guid id, ErasureRequestInput input, Erasures erasures, CancellationToken cancellationToken)
    {
        var outcome = await erasures.RequestAsync(id, input, cancellationToken);
        return outcome.Failure is { } failure
            ? failure.ToResult()
            : TypedResults.Created($"/api/erasure-requests/{outcome.Value!.Id}", ErasureRequestView.Of(outcome.Value));
    }

    internal static async Task<Results<Ok<List<ErasureRequestView>>, NotFoundProblem>> List(Guid id, TouchpointDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Customers.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return ProblemResults.NotFound($"There is no customer with id '{id}'.");
        }

        var requests = await db.ErasureRequests.AsNoTracking().Where(r => r.CustomerId == id)
            .OrderByDescending(r => r.RequestedAt).Take(Page.MaxLimit).ToListAsync(cancellationToken);
        return TypedResults.Ok(requests.ConvertAll(ErasureRequestView.Of));
    }

    internal static async Task<Results<Ok<ErasureRequestView>, NotFoundProblem>> Get(Guid id, TouchpointDbContext db, CancellationToken cancellationToken)
    {
        var request = await db.ErasureRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        return request is null ? ProblemResults.NotFound($"There is no erasure request {id}.") : TypedResults.Ok(ErasureRequestView.Of(request));
    }

    internal static async Task<Results<Ok<ErasureRequestView>, CommandProblem>> Schedule(
        Guid id, ScheduleErasureInput input, Erasures erasures, CancellationToken cancellationToken) =>
        View(await erasures.ScheduleAsync(id, input, cancellationToken));

    internal static async Task<Results<Ok<ErasureRequestView>, CommandProblem>> Cancel(
        Guid id, CancelErasureInput input, Erasures erasures, CancellationToken cancellationToken) =>
        View(await erasures.CancelAsync(id, input, cancellationToken));

    internal static async Task<Results<Ok<LegalHoldView>, CommandProblem>> Hold(Guid id, LegalHoldInput input, Erasures erasures, CancellationToken cancellationToken) =>
        HoldView(await erasures.HoldAsync(id, input, cancellationToken));

    internal static async Task<Results<Ok<LegalHoldView>, CommandProblem>> Release(Guid id, Erasures erasures, CancellationToken cancellationToken) =>
        HoldView(await erasures.ReleaseAsync(id, cancellationToken));

    private static Results<Ok<ErasureRequestView>, CommandProblem> View(Outcome<ErasureRequest> outcome) =>
        outcome.Failure is { } failure ? failure.ToResult() : TypedResults.Ok(ErasureRequestView.Of(outcome.Value!));

    private static Results<Ok<LegalHoldView>, CommandProblem> HoldView(Outcome<Customers.Customer> outcome) =>
        outcome.Failure is { } failure
            ? failure.ToResult()
            : TypedResults.Ok(new LegalHoldView(outcome.Value!.Id, outcome.Value.LegalHoldUntil, outcome.Value.LegalHoldReason));
}
