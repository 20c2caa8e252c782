using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Customers;
using Touchpoint.Features.Audit;
using Touchpoint.Features.Identity;
using Touchpoint.Hosting;

namespace Touchpoint.Features.ReplyTemplates;

/// <summary>
/// Reply templates: every agent lists them and fills one for a case; team leads write, change and archive them.
/// Thin: the rules are in <see cref="ReplyTemplateCommands"/>, <see cref="ReplyTemplateRendering"/> and the domain's placeholders.
/// </summary>
public static class ReplyTemplateEndpoints
{
    public static IEndpointRouteBuilder MapReplyTemplateEndpoints(this IEndpointRouteBuilder app)
    {
        var templates = app.MapGroup("/api/reply-templates").WithTags("Reply templates").RequireAuthorization(Policies.OwnStaff);
        templates.MapGet("/", List)
            .WithSummary("Active reply templates by name; channel=email or sms gives those usable for it (including any-channel ones), language=da those with a Danish text (default or translation), archived=true only the archived.");
        templates.MapGet("/{id:guid}", Get).WithSummary("One reply template, archived or not.");
        templates.MapPost("/", Create).RequireAuthorization(Policies.TeamLead)
            .WithSummary("Write a template (team leads). Placeholders: {name}, {case}, {answers}, {compensation}, {agent}; any other is refused.");
        templates.MapPut("/{id:guid}", Update).RequireAuthorization(Policies.TeamLead).WithSummary("Rewrite an active template (team leads).");
        templates.MapPost("/{id:guid}/archive", Archive).RequireAuthorization(Policies.TeamLead)
            .WithSummary("Take a template out of use (team leads); it is kept, so history still names it.");

        app.MapGet("/api/cases/{caseId:guid}/reply-templates/{templateId:guid}", Render)
            .WithTags("Reply templates").RequireAuthorization(Policies.OwnStaff)
            .WithSummary("A template filled for the case in the customer's language (or language=xx), else the template's own: subject, text, the language they are in, the customer's, and the placeholders the case has no value for (they stay in the text).");
        return app;
    }

    internal static async Task<Results<Ok<List<ReplyTemplateView>>, ValidationProblem>> List(
        string? channel, bool? archived, string? search, string? language, TouchpointDbContext db, CancellationToken cancellationToken)
    {
        var wantArchived = archived ?? false;
        var query = db.ReplyTemplates.AsNoTracking().Include(t => t.Translations).Where(t => t.Archived == wantArchived);
        if (!string.IsNullOrWhiteSpace(channel))
        {
            var wanted = channel.Trim().ToLowerInvariant();
            if (!ReplyTemplateChannels.All.Contains(wanted))
            {
                return ProblemResults.Invalid("channel", $"channel is {string.Join(", ", ReplyTemplateChannels.All)}, not '{channel}'.");
            }

            query = wanted == ReplyTemplateChannels.Any
                ? query.Where(t => t.Channel == ReplyTemplateChannels.Any)
                : query.Where(t => t.Channel == wanted || t.Channel == ReplyTemplateChannels.Any);
        }

        if (!string.IsNullOrWhiteSpace(language))
        {
            if (!PreferredLanguages.TryValidate(language, out var written, out _))
            {
                return ProblemResults.Invalid("language", $"language is one of {string.Join(", ", PreferredLanguages.All)}, not '{language}'.");
            }

            query = query.Where(t => t.Language == written || t.Translations.Any(translation => translation.Language == written));
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            var words = ReplyTemplate.Normalize(search);
            query = query.Where(t => t.NormalizedName.Contains(words));
        }

        var found = await query.OrderBy(t => t.NormalizedName).ThenBy(t => t.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(found.ConvertAll(ReplyTemplateView.Of));
    }

    internal static async Task<Results<Ok<ReplyTemplateView>, NotFoundProblem>> Get(Guid id, TouchpointDbContext db, CancellationToken cancellationToken) =>
        await db.ReplyTemplates.AsNoTracking().Include(t => t.Translations).FirstOrDefaultAsync(t => t.Id == id, cancellationToken) is { } template
            ? TypedResults.Ok(ReplyTemplateView.Of(template))
            : ProblemResults.NotFound($"There is no reply template with id '{id}'.");

    internal static async Task<Results<Created<ReplyTemplateView>, CommandProblem>> Create(
        ReplyTemplateInput input, ReplyTemplateCommands commands, CancellationToken cancellationToken)
    {
        var outcome = await commands.CreateAsync(input, cancellationToken);
        return outcome.Failure is { } failure
            ? failure.ToResult()
            : TypedResults.Created($"/api/reply-templates/{outcome.Value!.Id}", ReplyTemplateView.Of(outcome.Value));
    }

    internal static async Task<Results<Ok<ReplyTemplateView>, CommandProblem>> Update(
        Guid id, ReplyTemplateInput input, ReplyTemplateCommands commands, CancellationToken cancellationToken)
    {
        var outcome = await commands.UpdateAsync(id, input, cancellationToken);
        return outcome.Failure is { } failure ? failure.ToResult() : TypedResults.Ok(ReplyTemplateView.Of(outcome.Value!));
    }

    internal static async Task<Results<Ok<ReplyTemplateView>, NotFoundProblem>> Archive(Guid id, ReplyTemplateCommands commands, CancellationToken cancellationToken)
    {
        var outcome = await commands.ArchiveAsync(id, cancellationToken);
        return outcome.Failure is { } failure ? ProblemResults.NotFound(failure.Message) : TypedResults.Ok(ReplyTemplateView.Of(outcome.Value!));
    }

    internal static async Task<Results<Ok<RenderedTemplate>, CommandProblem>> Render(
        Guid caseId, Guid templateId, string? language, ReplyTemplateRendering rendering, ReadAudit readAudit, CancellationToken cancellationToken)
    {
        var outcome = await rendering.RenderAsync(caseId, templateId, language, cancellationToken);
        if (outcome.Failure is { } failure)
        {
            return failure.ToResult();
        }

        // The text carries the customer's name and the case's answers.
        readAudit.Record("Case", caseId.ToString(), "reply template filled for the case");
        return TypedResults.Ok(outcome.Value!);
    }
}
