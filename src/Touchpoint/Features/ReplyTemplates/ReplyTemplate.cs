using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Touchpoint.Domain.Customers;
using Touchpoint.Features.Messages;

namespace Touchpoint.Features.ReplyTemplates;

/// <summary>The channels a template is written for: one of the reply channels, or any of them.</summary>
public static class ReplyTemplateChannels
{
    public const string Any = "any";

    public static IReadOnlyList<string> All { get; } = [MessageTypes.Email, MessageTypes.Sms, Any];

    /// <summary>Whether a template for <paramref name="templateChannel"/> may be used for a reply by <paramref name="replyChannel"/>.</summary>
    public static bool Fits(string templateChannel, string replyChannel) => templateChannel == Any || templateChannel == replyChannel;

    public static string DisplayName(string channel) => channel == Any ? "Any" : MessageTypes.DisplayName(channel);
}

/// <summary>
/// A reply a team lead wrote once for agents to send many times (a macro, a canned response), with placeholders the
/// case fills in (<see cref="Domain.Messages.ReplyPlaceholders"/>). Archived rather than deleted: the audit log and
/// the replies sent from it still name it, and its name is free again for a new one.
/// </summary>
public sealed class ReplyTemplate
{
    public const int MaxNameLength = 100;

    /// <summary>As <see cref="Mail.CaseReplies"/> takes a subject: the case reference is added to it.</summary>
    public const int MaxSubjectLength = OutboundMessage.MaxSubjectLength - 12;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    /// <summary>The name upper-cased, so that "Apology" and "apology" cannot both be active.</summary>
    public required string NormalizedName { get; set; }

    /// <summary>email, sms or any (<see cref="ReplyTemplateChannels"/>).</summary>
    public required string Channel { get; set; }

    /// <summary>E-mail only; when empty the reply keeps "Re: " of the customer's last mail.</summary>
    public string? Subject { get; set; }

    public required string Body { get; set; }

    /// <summary>The language <see cref="Subject"/> and <see cref="Body"/> are written in; used for a customer whose language has no translation.</summary>
    public string Language { get; set; } = PreferredLanguages.English;

    /// <summary>The same reply in other languages, at most one per language.</summary>
    public List<ReplyTemplateTranslation> Translations { get; set; } = [];

    public bool Archived { get; set; }

    public string? CreatedById { get; set; }

    /// <summary>Names as they were then, so the list still reads right if a user is renamed.</summary>
    public required string CreatedByName { get; set; }

    public DateTime CreatedAt { get; set; }
    public string? UpdatedById { get; set; }
    public required string UpdatedByName { get; set; }
    public DateTime UpdatedAt { get; set; }

    public static string Normalize(string name) => name.Trim().ToUpperInvariant();
}

internal sealed class ReplyTemplateConfiguration : IEntityTypeConfiguration<ReplyTemplate>
{
    public void Configure(EntityTypeBuilder<ReplyTemplate> builder)
    {
        builder.ToTable("ReplyTemplates");
        builder.Property(t => t.Name).HasMaxLength(ReplyTemplate.MaxNameLength);
        builder.Property(t => t.NormalizedName).HasMaxLength(ReplyTemplate.MaxNameLength);
        builder.Property(t => t.Channel).HasMaxLength(8);
        builder.Property(t => t.Subject).HasMaxLength(ReplyTemplate.MaxSubjectLength);
        builder.Property(t => t.Body).HasMaxLength(OutboundMessage.MaxContentLength);
        builder.Property(t => t.Language).HasMaxLength(8);
        builder.Property(t => t.CreatedById).HasMaxLength(450);
        builder.Property(t => t.CreatedByName).HasMaxLength(200);
        builder.Property(t => t.UpdatedById).HasMaxLength(450);
        builder.Property(t => t.UpdatedByName).HasMaxLength(200);

        // One active template per name; archived ones keep theirs. FALSE reads the same in SQLite and PostgreSQL.
        builder.HasIndex(t => t.NormalizedName).IsUnique().HasFilter("\"Archived\" = FALSE");
    }
}
