using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Compensation;
using Touchpoint.Features.Cases;
using Touchpoint.Features.Identity;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Compensation;

/// <param name="ProposedAmount">What the policy proposes for the harms named with the request; null when none were.</param>
/// <param name="BelowProposal">The amount is less than the proposal: approved by someone whose mandate covers the proposal.</param>
/// <param name="BelowProposalReason">Why the customer gets less than the proposal, as the approver and the customer read it.</param>
public sealed record CompensationView(
    Guid Id, Guid CustomerId, Guid? CaseId, string? CaseReference, decimal Amount, string Currency, string Reason, string Summary, string Status,
    string RequestedByUserId, string RequestedByName, DateTime RequestedAt, string? ApproverRole, string? ApprovalRequestedOfUserId,
    DateTime? AnswerDueAt, Guid? AnswerPromiseId, string? DecidedByUserId, string? DecidedByName, DateTime? DecidedAt, string? DecisionNote,
    decimal? ProposedAmount, bool BelowProposal, string? BelowProposalReason);

/// <summary>
/// Compensation for own staff (S3-3): a proposal from what went wrong, a grant within the caller's mandate at once,
/// an approval request above it. Thin: every decision is in <see cref="CompensationCommands"/> and the domain.
/// </summary>
public static class CompensationEndpoints
{
    public const string PendingForMe = "me";

    public static IEndpointRouteBuilder MapCompensationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/compensations").WithTags("Compensation").RequireAuthorization(Policies.OwnStaff);
        group.MapPost("/proposal", Propose)
            .WithSummary("What the policy proposes for what went wrong, in the customer's currency; the same for every customer.");
        group.MapPost("/", Request)
            .WithSummary("Compensate a customer: granted at once within the caller's mandate and at least the policy's proposal for the harms given (201), "
                + "else sent for approval with a promise of an answer (202); less than the proposal needs belowProposalReason.");
        group.MapGet("/", List).WithSummary("Compensations by customer, case and status; pendingFor=me lists the requests the caller may decide.");
        group.MapGet("/{id:guid}", Get).WithSummary("One compensation.");
        group.MapPost("/{id:guid}/approve", Approve).WithSummary("Approve a pending request; not one's own, and only within one's mandate.");
        group.MapPost("/{id:guid}/refuse", Refuse).WithSummary("Refuse a pending request, saying why; not one's own, and only within one's mandate.");
        return app;
    }

    internal static async Task<Results<Ok<ProposalView>, ForbiddenProblem, CommandProblem>> Propose(
        ProposalInput input, CompensationCommands commands, CancellationToken cancellationToken)
    {
        var outcome = await commands.ProposeAsync(input, cancellationToken);
        return outcome.Failure switch
        {
            NotAllowed notAllowed => ProblemResults.Forbidden(notAllowed.Message),
            { } failure => failure.ToResult(),
            null => TypedResults.Ok(outcome.Value!),
        };
    }

    internal static async Task<Results<Created<CompensationView>, Accepted<CompensationView>, ForbiddenProblem, CommandProblem>> Request(
        RequestCompensationInput input, CompensationCommands commands, TouchpointDbContext db, CancellationToken cancellationToken)
    {
        var outcome = await commands.RequestAsync(input, cancellationToken);
        switch (outcome.Failure)
        {
            case NotAllowed notAllowed:
                return ProblemResults.Forbidden(notAllowed.Message);
            case { } failure:
                return failure.ToResult();
        }

        var record = outcome.Value!;
        var view = (await LoadViewAsync(db, record.Id, cancellationToken))!;
        var location = $"/api/compensations/{record.Id}";
        return record.Status == CompensationStatus.PendingApproval ? TypedResults.Accepted(location, view) : TypedResults.Created(location, view);
    }

    internal static async Task<Results<Ok<List<CompensationView>>, ValidationProblem>> List(
        Guid? customerId, Guid? caseId, string? status, string? pendingFor, int? offset, int? limit,
        ClaimsPrincipal principal, HttpResponse response, TouchpointDbContext db, CompensationMandates mandates, CancellationToken cancellationToken)
    {
        if (!Page.TryCreate(offset, limit, out var page, out var problem))
        {
            return problem!;
        }

        var query = db.Compensations.AsNoTracking();
        if (customerId is { } customer)
        {
            query = query.Where(c => c.CustomerId == customer);
        }

        if (caseId is { } @case)
        {
            query = query.Where(c => c.CaseId == @case);
        }

        if (status is not null)
        {
            if (!CompensationStatuses.TryParse(status, out var wanted, out var statusError))
            {
                return ProblemResults.Invalid("status", statusError);
            }

            query = query.Where(c => c.Status == wanted);
        }

        var oldestFirst = false;
        if (pendingFor is not null)
        {
            if (!string.Equals(pendingFor.Trim(), PendingForMe, StringComparison.OrdinalIgnoreCase))
            {
                return ProblemResults.Invalid("pendingFor", "pendingFor must be 'me': the pending requests the caller may approve.");
            }

            var me = principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("A signed-in user has no id claim.");
            query = await PendingForAsync(query, db, mandates, me, cancellationToken);
            oldestFirst = true;
        }

        var total = await query.CountAsync(cancellationToken);
        var ordered = oldestFirst
            ? query.OrderBy(c => c.RequestedAt).ThenBy(c => c.Id)
            : query.OrderByDescending(c => c.RequestedAt).ThenByDescending(c => c.Id);
        var items = await ViewsAsync(db, ordered.Skip(page.Offset).Take(page.Limit), cancellationToken);
        Page.WriteHeaders(response, total, items.Count);
        return TypedResults.Ok(items);
    }

    /// <summary>
    /// What <paramref name="userId"/> may decide (pendingFor=me): pending, not their own, and within their mandate in its
    /// currency (the proposal too, for a request below it). The team lead's page lists the same, so the two never disagree.
    /// </summary>
    public static async Task<IQueryable<CompensationRecord>> PendingForAsync(
        IQueryable<CompensationRecord> query, TouchpointDbContext db, CompensationMandates mandates, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mandates);
        var roles = await MandateHolders.RolesAsync(db, userId, cancellationToken);
        var limits = Enum.GetValues<Currency>().Select(c => mandates.MandateOf(roles, c));
        return query.Where(c => c.Status == CompensationStatus.PendingApproval && c.RequestedByUserId != userId).Where(MandateHolders.Within(limits));
    }

    /// <summary>The requests <paramref name="userId"/> may decide, oldest first, as <c>GET /api/compensations?pendingFor=me</c> lists them.</summary>
    public static async Task<List<CompensationView>> PendingForViewsAsync(
        TouchpointDbContext db, CompensationMandates mandates, string userId, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var pending = await PendingForAsync(db.Compensations.AsNoTracking(), db, mandates, userId, cancellationToken);
        return await ViewsAsync(db, pending.OrderBy(c => c.RequestedAt).ThenBy(c => c.Id).Take(limit), cancellationToken);
    }

    internal static async Task<Results<Ok<CompensationView>, NotFoundProblem>> Get(Guid id, TouchpointDbContext db, CancellationToken cancellationToken) =>
        await LoadViewAsync(db, id, cancellationToken) is { } view
            ? TypedResults.Ok(view)
            : ProblemResults.NotFound($"There is no compensation with id '{id}'.");

    internal static Task<Results<Ok<CompensationView>, ForbiddenProblem, CommandProblem>> Approve(
        Guid id, DecideCompensationInput? input, CompensationCommands commands, TouchpointDbContext db, CancellationToken cancellationToken) =>
        Decide(commands.DecideAsync(id, approve: true, input ?? new DecideCompensationInput(null), cancellationToken), db, cancellationToken);

    internal static Task<Results<Ok<CompensationView>, ForbiddenProblem, CommandProblem>> Refuse(
        Guid id, DecideCompensationInput? input, CompensationCommands commands, TouchpointDbContext db, CancellationToken cancellationToken) =>
        Decide(commands.DecideAsync(id, approve: false, input ?? new DecideCompensationInput(null), cancellationToken), db, cancellationToken);

    private static async Task<Results<Ok<CompensationView>, ForbiddenProblem, CommandProblem>> Decide(
        Task<Outcome<CompensationRecord>> decision, TouchpointDbContext db, CancellationToken cancellationToken)
    {
        var outcome = await decision;
        return outcome.Failure switch
        {
            NotAllowed notAllowed => ProblemResults.Forbidden(notAllowed.Message),
            { } failure => failure.ToResult(),
            null => TypedResults.Ok((await LoadViewAsync(db, outcome.Value!.Id, cancellationToken))!),
        };
    }

    public static async Task<CompensationView?> LoadViewAsync(TouchpointDbContext db, Guid id, CancellationToken cancellationToken) =>
        (await ViewsAsync(db, db.Compensations.AsNoTracking().Where(c => c.Id == id), cancellationToken)).SingleOrDefault();

    /// <summary>The views of <paramref name="compensations"/>, in their order, with their cases' references.</summary>
    public static async Task<List<CompensationView>> ViewsAsync(TouchpointDbContext db, IQueryable<CompensationRecord> compensations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await compensations
            .Select(c => new { Compensation = c, CaseReference = db.Cases.Where(k => k.Id == c.CaseId).Select(k => k.Reference).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        return rows.Select(r => ToView(r.Compensation, r.CaseReference)).ToList();
    }

    public static CompensationView ToView(CompensationRecord c, string? caseReference)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(
            c.Id, c.CustomerId, c.CaseId, caseReference, c.Amount, c.Currency.ToWireName(), c.Reason, c.Summary, c.Status.ToWireName(),
            c.RequestedByUserId, c.RequestedByName, c.RequestedAt, c.ApproverRole, c.ApprovalRequestedOfUserId,
            c.AnswerDueAt, c.AnswerPromiseId, c.DecidedByUserId, c.DecidedByName, c.DecidedAt, c.DecisionNote,
            c.ProposedAmount, c.IsBelowProposal, c.BelowProposalReason);
    }
}
