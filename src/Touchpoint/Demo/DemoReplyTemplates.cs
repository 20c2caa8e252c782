using Touchpoint.Data;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Messages;
using Touchpoint.Features.Identity;
using Touchpoint.Features.Messages;
using Touchpoint.Features.ReplyTemplates;

namespace Touchpoint.Demo;

/// <summary>A demo template: written in English, with the Swedish and Danish texts a lead in those countries would write.</summary>
public sealed record DemoReplyTemplate(string Name, string Channel, string? Subject, string Body, IReadOnlyList<ReplyTemplateText> Translations);

/// <summary>The reply templates a team lead would write first: one per placeholder an agent most often needs.</summary>
public static class DemoReplyTemplates
{
    private const string Name = ReplyPlaceholders.Name;
    private const string Case = ReplyPlaceholders.Case;
    private const string Answers = ReplyPlaceholders.Answers;
    private const string Compensation = ReplyPlaceholders.Compensation;
    private const string Agent = ReplyPlaceholders.Agent;

    public static IReadOnlyList<DemoReplyTemplate> All { get; } =
    [
        new("Compensation confirmed", MessageTypes.Email, "Your compensation",
            $"""
            Dear {Name},

            We are sorry for the trouble you have had. We have granted you {Compensation}.

            If anything is still not right, reply to this e-mail; your case is {Case}.

            Kind regards,
            {Agent}
            """,
            [
                new(PreferredLanguages.Danish, "Din kompensation",
                    $"""
                    Hej {Name}

                    Vi beklager de problemer, du har haft. Som kompensation får du {Compensation}.

                    Hvis noget stadig ikke er i orden, kan du bare svare på denne mail. Dit sagsnummer er {Case}.

                    Venlig hilsen
                    {Agent}
                    """),
                new(PreferredLanguages.Swedish, "Din ersättning",
                    $"""
                    Hej {Name},

                    Vi beklagar krånglet du har haft. Som ersättning får du {Compensation}.

                    Om något fortfarande inte fungerar kan du svara på det här mejlet. Ditt ärendenummer är {Case}.

                    Vänliga hälsningar
                    {Agent}
                    """),
            ]),
        new("Your questions answered", ReplyTemplateChannels.Any, null,
            $"""
            Dear {Name},

            Here are the answers to your questions:
            {Answers}

            Kind regards,
            {Agent}
            """,
            [
                new(PreferredLanguages.Danish, null,
                    $"""
                    Hej {Name}

                    Her er svarene på dine spørgsmål:
                    {Answers}

                    Venlig hilsen
                    {Agent}
                    """),
                new(PreferredLanguages.Swedish, null,
                    $"""
                    Hej {Name},

                    Här är svaren på dina frågor:
                    {Answers}

                    Vänliga hälsningar
                    {Agent}
                    """),
            ]),
        new("We are working on it", MessageTypes.Sms, null,
            $"Hi {Name}, we are working on your case {Case} and will get back to you soon. /{Agent}, customer care",
            [
                new(PreferredLanguages.Danish, null, $"Hej {Name}. Vi arbejder på din sag {Case} og vender tilbage hurtigst muligt. /{Agent}, kundeservice"),
                new(PreferredLanguages.Swedish, null, $"Hej {Name}! Vi jobbar med ditt ärende {Case} och återkommer så snart vi kan. /{Agent}, kundtjänst"),
            ]),
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
            Language = PreferredLanguages.English,
            Translations = [.. t.Translations.Select(translation => new ReplyTemplateTranslation { Language = translation.Language, Subject = translation.Subject, Body = translation.Body })],
            CreatedById = lead.Id,
            CreatedByName = by,
            CreatedAt = now,
            UpdatedById = lead.Id,
            UpdatedByName = by,
            UpdatedAt = now,
        }));
    }
}
