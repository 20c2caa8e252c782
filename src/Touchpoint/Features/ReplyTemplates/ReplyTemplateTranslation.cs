using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Touchpoint.Features.Messages;

namespace Touchpoint.Features.ReplyTemplates;

/// <summary>
/// A reply template's text in one more language than its default, so a customer is written to in their own
/// (as Zendesk's dynamic content does). One per language; the template's default language has none, it is the template's own text.
/// Keyed by template and language, so the audit log names a change as "template/da".
/// </summary>
public sealed class ReplyTemplateTranslation
{
    public Guid TemplateId { get; set; }

    /// <summary>ISO 639-1, one of <see cref="Domain.Customers.PreferredLanguages.All"/>, never the template's default.</summary>
    public required string Language { get; set; }

    /// <summary>E-mail only, as the template's own subject.</summary>
    public string? Subject { get; set; }

    public required string Body { get; set; }
}

internal sealed class ReplyTemplateTranslationConfiguration : IEntityTypeConfiguration<ReplyTemplateTranslation>
{
    public void Configure(EntityTypeBuilder<ReplyTemplateTranslation> builder)
    {
        builder.ToTable("ReplyTemplateTranslations");
        builder.HasKey(t => new { t.TemplateId, t.Language });
        builder.Property(t => t.Language).HasMaxLength(8);
        builder.Property(t => t.Subject).HasMaxLength(ReplyTemplate.MaxSubjectLength);
        builder.Property(t => t.Body).HasMaxLength(OutboundMessage.MaxContentLength);
        builder.HasOne<ReplyTemplate>().WithMany(t => t.Translations).HasForeignKey(t => t.TemplateId).OnDelete(DeleteBehavior.Cascade);
    }
}
