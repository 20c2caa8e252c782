using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Features.Identity;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Privacy;

/// <summary>
/// GDPR Art. 15 for own staff: ask for an export of everything held on a customer, follow it, download it once or send
/// it to the customer. Thin: each step is in <see cref="PersonalDataExports"/>.
/// </summary>
public static class PrivacyEndpoints
{
    public static IEndpointRouteBuilder MapPrivacyEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Privacy").RequireAuthorization(Policies.OwnStaff);
        group.MapPost("/customers/{id:guid}/personal-data-exports", Request)
            .WithSummary("Ask for everything held on the customer (GDPR Art. 15) as JSON and HTML: 202 with the export, pending until it is written within minutes.");
        group.MapGet("/customers/{id:guid}/personal-data-exports", List).WithSummary("The customer's exports, newest first: who asked, when, and what became of them.");
        group.MapGet("/personal-data-exports/{id:guid}", Get).WithSummary("One export's status: pending, ready, downloaded, sent or failed.");
        group.MapGet("/personal-data-exports/{id:guid}/download", Download)
            .WithSummary("The export as format=json or format=html, once, only for whoever asked for it; then its documents are deleted (410 afterwards).")
            .Produces<byte[]>(StatusCodes.Status200OK, "application/json", "text/html");
        group.MapPost("/personal-data-exports/{id:guid}/send", Send)
            .WithSummary("Send the export to the customer's e-mail address on file, HTML and JSON attached; only whoever asked for it may, and only once.");
        return app;
    }

    internal static async Task<Results<Accepted<ExportView>, ForbiddenProblem, CommandProblem>> Request(
        Guid id, PersonalDataExports exports, CancellationToken cancellationToken)
    {
        var outcome = await exports.RequestAsync(id, cancellationToken);
        return outcome.Failure is { } failure
            ? failure.ToResult()
            : TypedResults.Accepted($"/api/personal-data-exports/{outcome.Value!.Id}", ExportView.Of(outcome.Value));
    }

    internal static async Task<Results<Ok<List<ExportView>>, NotFoundProblem>> List(Guid id, TouchpointDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Customers.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return ProblemResults.NotFound($"There is no customer {id}.");
        }

        var exports = await db.PersonalDataExports.AsNoTracking().Where(e => e.CustomerId == id)
            .OrderByDescending(e => e.RequestedAt).Take(Page.MaxLimit).Select(Summary).ToListAsync(cancellationToken);
        return TypedResults.Ok(exports.ConvertAll(ExportView.Of));
    }

    internal static async Task<Results<Ok<ExportView>, NotFoundProblem>> Get(Guid id, TouchpointDbContext db, CancellationToken cancellationToken)
    {
        var export = await db.PersonalDataExports.AsNoTracking().Where(e => e.Id == id).Select(Summary).SingleOrDefaultAsync(cancellationToken);
        return export is null ? ProblemResults.NotFound($"There is no personal data export {id}.") : TypedResults.Ok(ExportView.Of(export));
    }

    internal static async Task<Results<FileContentHttpResult, ForbiddenProblem, GoneProblem, CommandProblem>> Download(
        Guid id, string? format, PersonalDataExports exports, CancellationToken cancellationToken)
    {
        var outcome = await exports.DownloadAsync(id, format, cancellationToken);
        return outcome.Failure switch
        {
            ExportGone gone => ProblemResults.Gone(gone.Message),
            NotAllowed notAllowed => ProblemResults.Forbidden(notAllowed.Message),
            { } failure => failure.ToResult(),
            null => TypedResults.File(outcome.Value!.Content, outcome.Value.ContentType, outcome.Value.FileName),
        };
    }

    internal static async Task<Results<Ok<ExportView>, ForbiddenProblem, GoneProblem, CommandProblem>> Send(
        Guid id, PersonalDataExports exports, CancellationToken cancellationToken)
    {
        var outcome = await exports.SendAsync(id, cancellationToken);
        return outcome.Failure switch
        {
            ExportGone gone => ProblemResults.Gone(gone.Message),
            NotAllowed notAllowed => ProblemResults.Forbidden(notAllowed.Message),
            { } failure => failure.ToResult(),
            null => TypedResults.Ok(ExportView.Of(outcome.Value!)),
        };
    }

    /// <summary>The row without its documents: a status read never loads megabytes.</summary>
    private static readonly System.Linq.Expressions.Expression<Func<PersonalDataExport, PersonalDataExport>> Summary = e => new PersonalDataExport
    {
        Id = e.Id,
        CustomerId = e.CustomerId,
        RequestedByUserId = e.RequestedByUserId,
        RequestedByName = e.RequestedByName,
        RequestedAt = e.RequestedAt,
        Status = e.Status,
        FinishedAt = e.FinishedAt,
        FailureReason = e.FailureReason,
        DownloadedAt = e.DownloadedAt,
        SentAt = e.SentAt,
        SentMessageId = e.SentMessageId,
    };
}
