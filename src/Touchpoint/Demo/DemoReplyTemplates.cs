using Touchpoint.Data;
using Touchpoint.Domain.Messages;
using Touchpoint.Features.Identity;
using Touchpoint.Features.Messages;
using Touchpoint.Features.ReplyTemplates;

namespace Touchpoint.Demo;

/// <summary>The reply templates a team lead would write first: one per placeholder an agent most often needs.</summary>
public static class DemoReplyTemplates
{
    public static IReadOnlyList<(string Name, string Channel, string? Subject, string Body)> All { get; } =
    [
        ("Compensation confirmed", MessageTypes.Email, "Your compensation",
            $"""
            Dear {ReplyPlaceholders.Name},

            We are sorry for the trouble you have had. We have granted you {ReplyPlaceholders.Compensation}.

            If anything is still not right, reply to this e-mail; your case is {ReplyPlaceholders.Case}.

            Kind regards,
            {ReplyPlaceholders.Agent}
            """),
        ("Your questions answered", ReplyTemplateChannels.Any, null,
            $"""
            Dear {ReplyPlaceholders.Name},

            Here are the answers to your questions:
            {ReplyPlaceholders.Answers}

            Kind regards,
            {ReplyPlaceholders.Agent}
            """),
        ("We are working on it", MessageTypes.Sms, null,
            $"Hi {ReplyPlaceholders.Name}, we are working on your case {ReplyPlaceholders.Case} and will get back to you soon. /{ReplyPlaceholders.Agent}, customer care"),
    ];

    /// <summary>Adds the templates as written by <paramref name="lead"/>, in the caller's unit of work.</summary>
    public static void Add(TouchpointDbContext db, TouchpointUser lead, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(lead);
        var by = lead.DisplayName is { Length: > 0 } name ? name : lead.UserName!;
        db.ReplyTemplates.AddRange(All.Select(t => new ReplyTemplate
        {
            Name = t.Name,
            NormalizedName = ReplyTemplate.Normalize(t.Name),
            Channel = t.Channel,
            Subject = t.Subject,
            Body = t.Body,
            CreatedById = lead.Id,
            CreatedByName = by,
            CreatedAt = now,
            UpdatedById = lead.Id,
            UpdatedByName = by,
            UpdatedAt = now,
        }));
    }
}
