using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Touchpoint.Features.Messages;

/// <summary>A file to go with a message to a customer (only e-mail carries files); kept with the message in the outbox.</summary>
public sealed record MessageAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>A file sent with an <see cref="OutboundMessage"/>; written in the message's unit of work, deleted with it.</summary>
public sealed class OutboundAttachment
{
    public const int MaxFileNameLength = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OutboundMessageId { get; set; }
    public required string FileName { get; set; }

    /// <summary>The media type it is sent as, e.g. <c>text/html</c>.</summary>
    public required string ContentType { get; set; }

    [PersonalData]
    public required byte[] Content { get; set; }
}

internal sealed class OutboundAttachmentConfiguration : IEntityTypeConfiguration<OutboundAttachment>
{
    public void Configure(EntityTypeBuilder<OutboundAttachment> builder)
    {
        builder.ToTable("OutboundAttachments");
        builder.Property(a => a.FileName).HasMaxLength(OutboundAttachment.MaxFileNameLength);
        builder.Property(a => a.ContentType).HasMaxLength(100);
        builder.HasOne<OutboundMessage>().WithMany(m => m.Attachments).HasForeignKey(a => a.OutboundMessageId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => a.OutboundMessageId);
    }
}
