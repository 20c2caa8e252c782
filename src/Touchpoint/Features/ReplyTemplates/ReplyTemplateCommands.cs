using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Messages;
using Touchpoint.Features.Mail;
using Touchpoint.Features.Messages;
using Touchpoint.Hosting;

namespace Touchpoint.Features.ReplyTemplates;

/// <param name="Channel">email, sms or any.</param>
/// <param name="Subject">E-mail only: none for an SMS template; when left out the reply keeps "Re: " of the customer's last mail.</param>
/// <param name="Body">What the customer reads, with placeholders such as {name} and {compensation}.</param>
public sealed record ReplyTemplateInput(string? Name, string? Channel, string? Subject, string? Body);

public sealed record ReplyTemplateView(
    Guid Id, string Name, string Channel, string? Subject, string Body, bool Archived,
    string CreatedBy, DateTime CreatedAt, string UpdatedBy, DateTime UpdatedAt)
{
    public static ReplyTemplateView Of(ReplyTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return new(template.Id, template.Name, template.Channel, template.Subject, template.Body, template.Archived,
            template.CreatedByName, template.CreatedAt, template.UpdatedByName, template.UpdatedAt);
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

        var (name, channel, subject, body) = validated.Value;
        var actor = currentActor.Get();
        var now = clock.GetUtcNow().UtcDateTime;
        var template = new ReplyTemplate
        {
            Name = name,
            NormalizedName = ReplyTemplate.Normalize(name),
            Channel = channel,
            Subject = subject,
            Body = body,
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
        var template = await db.ReplyTemplates.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
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

        (template.Name, template.Channel, template.Subject, template.Body) = validated.Value;
        template.NormalizedName = ReplyTemplate.Normalize(template.Name);
        Touch(template);
        await db.SaveChangesAsync(cancellationToken);
        return template;
    }

    /// <summary>Takes the template out of the agents' lists; the row stays, so history still reads right. Archiving twice is harmless.</summary>
    public async Task<Outcome<ReplyTemplate>> ArchiveAsync(Guid id, CancellationToken cancellationToken)
    {
        var template = await db.ReplyTemplates.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
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

    private async Task<Outcome<(string Name, string Channel, string? Subject, string Body)>> ValidateAsync(
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

        var subject = input.Subject?.Trim();
        if (!string.IsNullOrEmpty(subject))
        {
            if (channel == MessageTypes.Sms)
            {
                return new Failure.Invalid("subject", "An SMS has no subject: leave subject out of an SMS template.");
            }

            if (subject.Length > ReplyTemplate.MaxSubjectLength || subject.AsSpan().IndexOfAny('\r', '\n') >= 0)
            {
                return new Failure.Invalid("subject", $"subject is one line of at most {ReplyTemplate.MaxSubjectLength} characters.");
            }

            if (ReplyPlaceholders.Problems(subject) is [var subjectProblem, ..])
            {
                return new Failure.Invalid("subject", subjectProblem);
            }
        }

        var body = input.Body?.Trim();
        // A template for any channel may be sent by SMS, so it must fit one.
        var maxBody = channel == MessageTypes.Email ? OutboundMessage.MaxContentLength : CaseReplies.MaxSmsLength;
        if (string.IsNullOrEmpty(body) || body.Length > maxBody)
        {
            return new Failure.Invalid("body", channel == MessageTypes.Email
                ? $"body is required: what the customer reads (at most {maxBody} characters)."
                : $"body is required: what the customer reads, at most {maxBody} characters so that it can be sent by SMS.");
        }

        if (ReplyPlaceholders.Problems(body) is [var bodyProblem, ..])
        {
            return new Failure.Invalid("body", bodyProblem);
        }

        var normalized = ReplyTemplate.Normalize(name);
        if (await db.ReplyTemplates.AnyAsync(t => t.NormalizedName == normalized && !t.Archived && t.Id != self, cancellationToken))
        {
            return new Failure.Invalid("name", $"Another active template is called \"{name}\"; agents pick templates by name, so each needs its own.");
        }

        return (name, channel, string.IsNullOrEmpty(subject) ? null : subject, body);
    }
}
