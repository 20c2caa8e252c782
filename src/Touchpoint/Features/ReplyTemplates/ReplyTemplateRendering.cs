using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Languages;
using Touchpoint.Domain.Messages;
using Touchpoint.Features.Compensation;
using Touchpoint.Features.Languages;
using Touchpoint.Hosting;

namespace Touchpoint.Features.ReplyTemplates;

/// <summary>A template filled for one case, ready for the composer.</summary>
/// <param name="Subject">Null when the template has none: the reply keeps "Re: " of the customer's last mail.</param>
/// <param name="Missing">
/// The placeholders this case has no value for (e.g. {compensation} before any is granted). They stay in the text, and a
/// reply still holding one is refused, so the agent writes what belongs there.
/// </param>
/// <param name="Language">The language of <paramref name="Subject"/> and <paramref name="Text"/>.</param>
/// <param name="CustomerLanguage">
/// The language the case's customer reads: when it is not <paramref name="Language"/>, the template has no text in it
/// and the agent is warned before sending the customer words in another language.
/// </param>
public sealed record RenderedTemplate(
    Guid TemplateId, string Name, string Channel, string? Subject, string Text, IReadOnlyList<string> Missing, string Language, string CustomerLanguage);

/// <summary>
/// Fills a reply template with what a case knows: the customer's name, the reference, the answers, the compensation.
/// The text is the template's in the customer's language (<see cref="CustomerLanguages.Choose"/>) when it has one,
/// else its default language's; the compensation is worded in the language of the text, amounts as the customer's country writes them.
/// </summary>
public sealed class ReplyTemplateRendering(TouchpointDbContext db, CurrentActor currentActor, CustomerVoices voices)
{
    /// <param name="language">A language asked for instead of the customer's; the template's default when it has no text in it.</param>
    public async Task<Outcome<RenderedTemplate>> RenderAsync(Guid caseId, Guid templateId, string? language, CancellationToken cancellationToken)
    {
        string? asked = null;
        if (!string.IsNullOrWhiteSpace(language))
        {
            if (!PreferredLanguages.TryValidate(language, out var valid, out _))
            {
                return new Failure.Invalid("language", $"language is one of {string.Join(", ", PreferredLanguages.All)}, not '{language}'.");
            }

            asked = valid;
        }

        var template = await db.ReplyTemplates.AsNoTracking().Include(t => t.Translations).FirstOrDefaultAsync(t => t.Id == templateId, cancellationToken);
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

        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == @case.CustomerId)
            .Select(c => new { c.Name, c.PreferredLanguage, c.Jurisdiction }).SingleAsync(cancellationToken);
        var customerLanguage = CustomerLanguages.Choose(customer.PreferredLanguage, customer.Jurisdiction);
        var written = TextIn(template, asked ?? customerLanguage);
        var voice = voices.In(written.Language, customer.Jurisdiction);
        var values = new PlaceholderValues(
            customer.Name,
            @case.Reference,
            await AnswersAsync(caseId, cancellationToken),
            await CompensationAsync(caseId, voice, cancellationToken),
            currentActor.Get().DisplayName);
        var subject = written.Subject is null ? null : ReplyPlaceholders.Render(written.Subject, values);
        var text = ReplyPlaceholders.Render(written.Body, values);
        return new RenderedTemplate(template.Id, template.Name, template.Channel, subject?.Text, text.Text,
            [.. (subject?.Missing ?? []).Union(text.Missing)], written.Language, customerLanguage);
    }

    /// <summary>The template's text in <paramref name="language"/>, else in its default language.</summary>
    public static ReplyTemplateText TextIn(ReplyTemplate template, string language)
    {
        ArgumentNullException.ThrowIfNull(template);
        return template.Translations.FirstOrDefault(t => t.Language == language && language != template.Language) is { } translation
            ? new ReplyTemplateText(translation.Language, translation.Subject, translation.Body)
            : new ReplyTemplateText(template.Language, template.Subject, template.Body);
    }

    private async Task<string?> AnswersAsync(Guid caseId, CancellationToken cancellationToken)
    {
        var answered = await db.CaseQuestions.AsNoTracking().Where(q => q.CaseId == caseId && q.Answer != null)
            .OrderBy(q => q.Position).Select(q => new { q.Text, q.Answer }).ToListAsync(cancellationToken);
        return ReplyPlaceholders.AnswerLines(answered.Select(q => (q.Text, q.Answer!)));
    }

    /// <summary>What the customer was given on the case, worded as their written confirmation words it; nothing pending or refused.</summary>
    private async Task<string?> CompensationAsync(Guid caseId, CustomerVoice voice, CancellationToken cancellationToken)
    {
        var given = await db.Compensations.AsNoTracking()
            .Where(c => c.CaseId == caseId && (c.Status == CompensationStatus.Granted || c.Status == CompensationStatus.Approved))
            .OrderBy(c => c.RequestedAt).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        return given.Count == 0 ? null : string.Join("; ", given.Select(record => CompensationMessages.Granted(voice, record)));
    }
}
