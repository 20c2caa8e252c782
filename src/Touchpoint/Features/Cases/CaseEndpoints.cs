using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Cases;
using Touchpoint.Features.Audit;
using Touchpoint.Features.Identity;
using Touchpoint.Hosting;
using CaseProblem = Microsoft.AspNetCore.Http.HttpResults.Results<Touchpoint.Hosting.ForbiddenProblem, Touchpoint.Hosting.CommandProblem>;

namespace Touchpoint.Features.Cases;

/// <summary>Cases for own staff. Thin: validation and decisions are in <see cref="CaseCommands"/> and the domain.</summary>
public static class CaseEndpoints
{
    public static IEndpointRouteBuilder MapCaseEndpoints(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/api/cases").WithTags("Cases").RequireAuthorization(Policies.OwnStaff);
        cases.MapPost("/", Create).WithSummary("Open a case; the caller owns it from the start (S2-3), unless a queue is named.");
        cases.MapGet("/", List).WithSummary("Cases by customer, owner, status, open or bounced, sorted by the deadline that breaks first.");
        cases.MapGet("/{id:guid}", Get).WithSummary("A case: need, questions, owner and handoff, every SLA deadline, effort, contacts and its timeline.");
        cases.MapPost("/{id:guid}/status", ChangeStatus).WithSummary("Move the case (TMF621); 409 names the allowed moves, or what blocks resolving.");
        cases.MapPost("/{id:guid}/reopen", Reopen).WithSummary("The customer says the resolved case is not solved: the same case and owner again, counted as a reopening.");
        cases.MapPost("/{id:guid}/questions", AddQuestion).WithSummary("Record a question the customer asked; it must be answered before the case is resolved.");
        cases.MapPost("/{id:guid}/questions/{questionId:guid}/answer", Answer).WithSummary("Record the answer the customer was given.");
        cases.MapPut("/{id:guid}/need", UpdateNeed).WithSummary("Whether the customer's need is met, or why it cannot be.");
        cases.MapPost("/{id:guid}/handoff", RequestHandoff).WithSummary("Ask a person or queue to take the case over; the owner keeps it until they accept.");
        cases.MapPost("/{id:guid}/handoff/accept", AcceptHandoff).WithSummary("Take over the case handed to you (or to a queue).");
        cases.MapPost("/{id:guid}/claim", Claim).WithSummary("Pick up a case waiting in a queue you work from; you own it from now on.");
        cases.MapPost("/{id:guid}/handoff/decline", DeclineHandoff).WithSummary("Refuse the case handed to you; the owner keeps it.");
        cases.MapPost("/{id:guid}/handoff/cancel", CancelHandoff).WithSummary("Take back a handoff request.");
        cases.MapPost("/{id:guid}/contacts", LinkContact).WithSummary("Link a contact (interaction) to the case.");
        return app;
    }

    internal static async Task<Results<Created<CaseView>, CaseProblem>> Create(
        CreateCaseInput input, ClaimsPrincipal principal, CaseCommands commands, TouchpointDbContext db, CaseSla sla, TimeProvider clock, CancellationToken cancellationToken)
    {
        var outcome = await commands.OpenAsync(input, cancellationToken);
        if (outcome.Failure is { } failure)
        {
            return ToProblem(failure);
        }

        var opened = outcome.Value!;
        return TypedResults.Created($"/api/cases/{opened.Case.Id}", await InReadersLanguageAsync(CaseViews.OfOpened(opened, sla, CaseTime.Now(clock)), principal, db, cancellationToken));
    }

    /// <summary>The case's history as the customer's timeline gives it: with each entry's text in the caller's own language.</summary>
    private static async Task<CaseView> InReadersLanguageAsync(CaseView view, ClaimsPrincipal principal, TouchpointDbContext db, CancellationToken cancellationToken)
    {
        var culture = await StaffLanguage.ReaderCultureAsync(db, principal.FindFirstValue(ClaimTypes.NameIdentifier), null, cancellationToken);
        return view with { Timeline = [.. view.Timeline.Select(item => item.In(culture))] };
    }

    internal static async Task<Results<Ok<List<CaseSummary>>, ValidationProblem>> List(
        Guid? customerId, string? ownerId, string? status, bool? open, bool? bounced, int? offset, int? limit,
        HttpResponse response, TouchpointDbContext db, CancellationToken cancellationToken)
    {
        if (!Page.TryCreate(offset, limit, out var page, out var problem))
        {
            return problem!;
        }

        List<CaseStatus>? statuses = null;
        if (status is not null)
        {
            statuses = [];
            foreach (var name in status.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!CaseStatuses.TryParse(name, out var parsed, out var error))
                {
                    return ProblemResults.Invalid("status", error);
                }

                statuses.Add(parsed);
            }
        }

        var query = CaseViews.Filter(db.Cases.AsNoTracking(), new CaseListFilter(statuses, customerId, ownerId, open == true, bounced == true));
        var total = await query.CountAsync(cancellationToken);
        var rows = await CaseViews.BreaksFirst(query).Skip(page.Offset).Take(page.Limit).ToListAsync(cancellationToken);
        Page.WriteHeaders(response, total, rows.Count);
        return TypedResults.Ok(rows.Select(CaseViews.ToSummary).ToList());
    }

    internal static async Task<Results<Ok<CaseView>, NotFoundProblem>> Get(
        Guid id, ClaimsPrincipal principal, TouchpointDbContext db, CaseSla sla, TimeProvider clock, ReadAudit readAudit, CancellationToken cancellationToken)
    {
        var view = await CaseViews.LoadAsync(db, sla, id, CaseTime.Now(clock), cancellationToken);
        if (view is null)
        {
            return ProblemResults.NotFound($"There is no case with id '{id}'.");
        }

        view = await InReadersLanguageAsync(view, principal, db, cancellationToken);

        readAudit.Record(nameof(Case), id.ToString(), "case view", view.CustomerId);
        return TypedResults.Ok(view);
    }

    internal static Task<Results<Ok<CaseView>, CaseProblem>> ChangeStatus(
        Guid id, ChangeCaseStatusInput input, ClaimsPrincipal principal, CaseCommands commands, TouchpointDbContext db, CaseSla sla, TimeProvider clock, CancellationToken cancellationToken) =>
        ViewAfter(commands.ChangeStatusAsync(id, input, cancellationToken), principal, db, sla, clock, cancellationToken);

    internal static Task<Results<Ok<CaseView>, CaseProblem>> Reopen(
        Guid id, ReopenCaseInput input, ClaimsPrincipal principal, CaseCommands commands, TouchpointDbContext db, CaseSla sla, TimeProvider clock, CancellationToken cancellationToken) =>
        ViewAfter(commands.ReopenAsync(id, input, cancellationToken), principal, db, sla, clock, cancellationToken);

    internal static async Task<Results<Created<CaseView>, CaseProblem>> AddQuestion(
        Guid id, AddQuestionInput input, ClaimsPrincipal principal, CaseCommands commands, TouchpointDbContext db, CaseSla sla, TimeProvider clock, CancellationToken cancellationToken)
    {
        var outcome = await commands.AddQuestionAsync(id, input, cancellationToken);
        if (outcome.Failure is { } failure)
        {
            return ToProblem(failure);
        }

        var view = await CaseViews.LoadAsync(db, sla, id, CaseTime.Now(clock), cancellationToken);
        return TypedResults.Created($"/api/cases/{id}", await InReadersLanguageAsync(view!, principal, db, cancellationToken));
    }

    internal static Task<Results<Ok<CaseView>, CaseProblem>> Answer(
        Guid id, Guid questionId, AnswerQuestionInput input, ClaimsPrincipal principal, CaseCommands commands, TouchpointDbContext db, CaseSla sla, TimeProvider clock, CancellationToken cancellationToken) =>
        ViewAfter(commands.AnswerQuestionAsync(id, questionId, input, cancellationToken), principal, db, sla, clock, cancellationToken);

    internal static Task<Results<Ok<CaseView>, CaseProblem>> UpdateNeed(
        Guid id, UpdateNeedInput input, ClaimsPrincipal principal, CaseCommands commands, TouchpointDbContext db, CaseSla sla, TimeProvider clock, CancellationToken cancellationToken) =>
        ViewAfter(commands.UpdateNeedAsync(id, input, cancellationToken), principal, db, sla, clock, cancellationToken);

    internal static Task<Results<Ok<CaseView>, CaseProblem>> RequestHandoff(
        Guid id, HandoffInput input, ClaimsPrincipal principal, CaseCommands commands, TouchpointDbContext db, CaseSla sla, TimeProvider clock, CancellationToken cancellationToken) =>
        ViewAfter(commands.RequestHandoffAsync(id, input, cancellationToken), principal, db, sla, clock, cancellationToken);

    internal static Task<Results<Ok<CaseView>, CaseProblem>> AcceptHandoff(
        Guid id, ClaimsPrincipal principal, CaseCommands commands, TouchpointDbContext db, CaseSla sla, TimeProvider clock, CancellationToken cancellationToken) =>
        ViewAfter(commands.AcceptHandoffAsync(id, cancellationToken), principal, db, sla, clock, cancellationToken);

    internal static Task<Results<Ok<CaseView>, CaseProblem>> Claim(
        Guid id, ClaimsPrincipal principal, CaseCommands commands, TouchpointDbContext db, CaseSla sla, TimeProvider clock, CancellationToken cancellationToken) =>
        ViewAfter(commands.ClaimAsync(id, cancellationToken), principal, db, sla, clock, cancellationToken);

    internal static Task<Results<Ok<CaseView>, CaseProblem>> DeclineHandoff(
        Guid id, ClaimsPrincipal principal, CaseCommands commands, TouchpointDbContext db, CaseSla sla, TimeProvider clock, CancellationToken cancellationToken) =>
        ViewAfter(commands.DeclineHandoffAsync(id, cancellationToken), principal, db, sla, clock, cancellationToken);

    internal static Task<Results<Ok<CaseView>, CaseProblem>> CancelHandoff(
        Guid id, ClaimsPrincipal principal, CaseCommands commands, TouchpointDbContext db, CaseSla sla, TimeProvider clock, CancellationToken cancellationToken) =>
        ViewAfter(commands.CancelHandoffAsync(id, cancellationToken), principal, db, sla, clock, cancellationToken);

    internal static Task<Results<Ok<CaseView>, CaseProblem>> LinkContact(
        Guid id, LinkContactInput input, ClaimsPrincipal principal, CaseCommands commands, TouchpointDbContext db, CaseSla sla, TimeProvider clock, CancellationToken cancellationToken) =>
        ViewAfter(commands.LinkContactAsync(id, input, cancellationToken), principal, db, sla, clock, cancellationToken);

    /// <summary>Every step answers with the case as it now stands, so a client never needs a second round trip.</summary>
    private static async Task<Results<Ok<CaseView>, CaseProblem>> ViewAfter(
        Task<Outcome<Case>> step, ClaimsPrincipal principal, TouchpointDbContext db, CaseSla sla, TimeProvider clock, CancellationToken cancellationToken)
    {
        var outcome = await step;
        if (outcome.Failure is { } failure)
        {
            return ToProblem(failure);
        }

        var view = await CaseViews.LoadAsync(db, sla, outcome.Value!.Id, CaseTime.Now(clock), cancellationToken);
        return TypedResults.Ok(await InReadersLanguageAsync(view!, principal, db, cancellationToken));
    }

    /// <summary>A case the caller's role may handle but this caller may not (not theirs to move) is a 403; the rest as any command's.</summary>
    private static CaseProblem ToProblem(Failure failure) =>
        failure is NotAllowed notAllowed ? ProblemResults.Forbidden(notAllowed.Message) : failure.ToResult();
}
