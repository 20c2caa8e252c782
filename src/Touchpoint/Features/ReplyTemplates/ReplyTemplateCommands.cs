using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Hosting;

namespace Touchpoint.Features.ReplyTemplates;

/// <param name="Channel">email, sms or any.</param>
/// <param name="Subject">E-mail only: none for an SMS template; when left out the reply keeps "Re: " of the customer's last mail.</param>
/// <param name="Body">What the customer reads, with placeholders such as {name} and {compensation}.</param>
/// <param name="Language">The language subject and body are written in (sv, da, nb, nl, fi, de, en); "en" when left out.</param>
/// <param name="Translations">The same reply in other languages, each validated as subject and body are; replaces all the template had.</param>
public sealed record ReplyTemplateInput(
    string? Name, string? Channel, string? Subject, string? Body, string? Language = null, IReadOnlyList<ReplyTemplateTranslationInput?>? Translations = null);

/// <param name="Language">One of sv, da, nb, nl, fi, de, en; not the template's own language.</param>
/// <param name="Subject">E-mail only, as the template's subject.</param>
public sealed record ReplyTemplateTranslationInput(string? Language, string? Subject, string? Body);

public sealed record ReplyTemplateTranslationView(string Language, string? Subject, string Body);

/// <param name="Translations">Sorted by language.</param>
public sealed record ReplyTemplateView(
    Guid Id, string Name, string Channel, string? Subject, string Body, string Language, IReadOnlyList<ReplyTemplateTranslationView> Translations,
    bool Archived, string CreatedBy, DateTime CreatedAt, string UpdatedBy, DateTime UpdatedAt)
{
    /// <summary>The template's view; its <see cref="ReplyTemplate.Translations"/> must be loaded.</summary>
    public static ReplyTemplateView Of(ReplyTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return new(template.Id, template.Name, template.Channel, template.Subject, template.Body, template.Language,
            [.. template.Translations.OrderBy(t => t.Language, StringComparer.Ordinal).Select(t => new ReplyTemplateTranslationView(t.Language, t.Subject, t.Body))],
            template.Archived, template.CreatedByName, template.CreatedAt, template.UpdatedByName, template.UpdatedAt);
    }
}

/// <summary>
/// Team leads write, change and archive the reply templates agents use. Every mistake is named on its field before
/// anything is stored: a template that would fail at the customer (an unknown placeholder, an SMS too long to send,
/// a subject that could inject a header) never reaches an agent. Every change is audited by the unit of work.
/// </summary>
public sealed class ReplyTemplateCommands(TouchpointDbContext db, TimeProvider clock, CurrentActor currentActor)
{
    public async Task<Outcome<ReplyTemplate>> CreateAsync(ReplyTemplateInput input, CancellationToken cancellationToken)
    {
        var validated = await ValidateAsync(input, null, cancellationToken);
        if (validated.Failure is { } invalid)
        {
            return invalid;
        }

        var (name, channel, text, translations) = validated.Value;
        var actor = currentActor.Get();
        var now = clock.GetUtcNow().UtcDateTime;
        var template = new ReplyTemplate
        {
            Name = name,
            NormalizedName = ReplyTemplate.Normalize(name),
            Channel = channel,
            Subject = text.Subject,
            Body = text.Body,
            Language = text.Language,
            Translations = [.. translations.Select(t => new ReplyTemplateTranslation { Language = t.Language, Subject = t.Subject, Body = t.Body })],
            CreatedById = actor.UserId,
            CreatedByName = actor.DisplayName,
            CreatedAt = now,
            UpdatedById = actor.UserId,
            UpdatedByName = actor.DisplayName,
            UpdatedAt = now,
        };
        db.ReplyTemplates.Add(template);
        await db.SaveChangesAsync(cancellationToken);
        return template;
    }

    public async Task<Outcome<ReplyTemplate>> UpdateAsync(Guid id, ReplyTemplateInput input, CancellationToken cancellationToken)
    {
        var template = await db.ReplyTemplates.Include(t => t.Translations).FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (template is null)
        {
            return new Failure.NotFound($"There is no reply template with id '{id}'.");
        }

        if (template.Archived)
        {
            return new Failure.Conflict($"The template \"{template.Name}\" is archived; write a new one instead.");
        }

        var validated = await ValidateAsync(input, id, cancellationToken);
        if (validated.Failure is { } invalid)
        {
            return invalid;
        }

        var (name, channel, text, translations) = validated.Value;
        (template.Name, template.Channel, template.Subject, template.Body, template.Language) = (name, channel, text.Subject, text.Body, text.Language);
        template.NormalizedName = ReplyTemplate.Normalize(template.Name);
        ReplaceTranslations(template, translations);
        Touch(template);
        await db.SaveChangesAsync(cancellationToken);
        return template;
    }

    /// <summary>Takes the template out of the agents' lists; the row stays, so history still reads right. Archiving twice is harmless.</summary>
    public async Task<Outcome<ReplyTemplate>> ArchiveAsync(Guid id, CancellationToken cancellationToken)
    {
        var template = await db.ReplyTemplates.Include(t => t.Translations).FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (template is null)
        {
            return new Failure.NotFound($"There is no reply template with id '{id}'.");
        }

        if (!template.Archived)
        {
            template.Archived = true;
            Touch(template);
            await db.SaveChangesAsync(cancellationToken);
        }

        return template;
    }

    private void Touch(ReplyTemplate template)
    {
        var actor = currentActor.Get();
        template.UpdatedById = actor.UserId;
        template.UpdatedByName = actor.DisplayName;
        template.UpdatedAt = clock.GetUtcNow().UtcDateTime;
    }

    /// <summary>
    /// The template's translations become <paramref name="wanted"/>: a language kept is changed in place (so the audit
    /// shows which words changed), one left out is deleted, a new one added.
    /// </summary>
    private static void ReplaceTranslations(ReplyTemplate template, IReadOnlyList<ReplyTemplateText> wanted)
    {
        template.Translations.RemoveAll(t => !wanted.Any(w => w.Language == t.Language));
        foreach (var text in wanted)
        {
            if (template.Translations.FirstOrDefault(t => t.Language == text.Language) is { } kept)
            {
                (kept.Subject, kept.Body) = (text.Subject, text.Body);
            }
            else
            {
                template.Translations.Add(new ReplyTemplateTranslation { TemplateId = template.Id, Language = text.Language, Subject = text.Subject, Body = text.Body });
            }
        }
    }

    private async Task<Outcome<(string Name, string Channel, ReplyTemplateText Text, IReadOnlyList<ReplyTemplateText> Translations)>> ValidateAsync(
        ReplyTemplateInput input, Guid? self, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > ReplyTemplate.MaxNameLength || name.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            return new Failure.Invalid("name", $"name is required: one line of at most {ReplyTemplate.MaxNameLength} characters that agents pick the template by.");
        }

        var channel = string.IsNullOrWhiteSpace(input.Channel) ? ReplyTemplateChannels.Any : input.Channel.Trim().ToLowerInvariant();
        if (!ReplyTemplateChannels.All.Contains(channel))
        {
            return new Failure.Invalid("channel", $"channel is {string.Join(", ", ReplyTemplateChannels.All)}, not '{input.Channel}'.");
        }

        var language = ReplyTemplateValidation.DefaultLanguage(input.Language);
        if (language.Failure is { } badLanguage)
        {
            return badLanguage;
        }

        var text = ReplyTemplateValidation.Text(channel, language.Value!, input.Subject, input.Body, "");
        if (text.Failure is { } badText)
        {
            return badText;
        }

        var translations = ReplyTemplateValidation.Translations(channel, language.Value!, input.Translations);
        if (translations.Failure is { } badTranslation)
        {
            return badTranslation;
        }

        var normalized = ReplyTemplate.Normalize(name);
        if (await db.ReplyTemplates.AnyAsync(t => t.NormalizedName == normalized && !t.Archived && t.Id != self, cancellationToken))
        {
            return new Failure.Invalid("name", $"Another active template is called \"{name}\"; agents pick templates by name, so each needs its own.");
        }

        return (name, channel, text.Value!, (IReadOnlyList<ReplyTemplateText>)translations.Value!);
    }
}
