using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Messages;
using Touchpoint.Features.Compensation;
using Touchpoint.Hosting;

namespace Touchpoint.Features.ReplyTemplates;

/// <summary>A template filled for one case, ready for the composer.</summary>
/// <param name="Subject">Null when the template has none: the reply keeps "Re: " of the customer's last mail.</param>
/// <param name="Missing">
/// The placeholders this case has no value for (e.g. {compensation} before any is granted). They stay in the text, and a
/// reply still holding one is refused, so the agent writes what belongs there.
/// </param>
public sealed record RenderedTemplate(Guid TemplateId, string Name, string Channel, string? Subject, string Text, IReadOnlyList<string> Missing);

/// <summary>Fills a reply template with what a case knows: the customer's name, the reference, the answers, the compensation.</summary>
public sealed class ReplyTemplateRendering(TouchpointDbContext db, CurrentActor currentActor)
{
    public async Task<Outcome<RenderedTemplate>> RenderAsync(Guid caseId, Guid templateId, CancellationToken cancellationToken)
    {
        var template = await db.ReplyTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == templateId, cancellationToken);
        if (template is null)
        {
            return new Failure.NotFound($"There is no reply template with id '{templateId}'.");
        }

        if (template.Archived)
        {
            return new Failure.Conflict($"The template \"{template.Name}\" is archived; pick another one.");
        }

        var @case = await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => new { c.Reference, c.CustomerId }).FirstOrDefaultAsync(cancellationToken);
        if (@case is null)
        {
            return new Failure.NotFound($"There is no case with id '{caseId}'.");
        }

        var values = new PlaceholderValues(
            await db.Customers.Where(c => c.Id == @case.CustomerId).Select(c => c.Name).SingleAsync(cancellationToken),
            @case.Reference,
            await AnswersAsync(caseId, cancellationToken),
            await CompensationAsync(caseId, cancellationToken),
            currentActor.Get().DisplayName);
        var subject = template.Subject is null ? null : ReplyPlaceholders.Render(template.Subject, values);
        var text = ReplyPlaceholders.Render(template.Body, values);
        return new RenderedTemplate(template.Id, template.Name, template.Channel, subject?.Text, text.Text,
            [.. (subject?.Missing ?? []).Union(text.Missing)]);
    }

    private async Task<string?> AnswersAsync(Guid caseId, CancellationToken cancellationToken)
    {
        var answered = await db.CaseQuestions.AsNoTracking().Where(q => q.CaseId == caseId && q.Answer != null)
            .OrderBy(q => q.Position).Select(q => new { q.Text, q.Answer }).ToListAsync(cancellationToken);
        return ReplyPlaceholders.AnswerLines(answered.Select(q => (q.Text, q.Answer!)));
    }

    /// <summary>What the customer was given on the case, worded as their written confirmation words it; nothing pending or refused.</summary>
    private async Task<string?> CompensationAsync(Guid caseId, CancellationToken cancellationToken)
    {
        var given = await db.Compensations.AsNoTracking()
            .Where(c => c.CaseId == caseId && (c.Status == CompensationStatus.Granted || c.Status == CompensationStatus.Approved))
            .OrderBy(c => c.RequestedAt).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        return given.Count == 0 ? null : string.Join("; ", given.Select(CompensationMessages.Granted));
    }
}
