using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Touchpoint.Data;
using Touchpoint.Domain.Messages;

namespace Touchpoint.Features.Mail;

/// <summary>
/// A message a customer (or a machine) sent to Touchpoint, kept as it came: who from, which case it was threaded to and
/// why, its text and HTML (sanitised only when shown), its attachments. One row per Message-ID: the same message
/// delivered twice is stored once.
/// </summary>
public sealed class InboundMessage
{
    public const int MaxTextLength = 100_000;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The Message-ID without angle brackets; for a message that had none, one made from its content's hash.</summary>
    public required string MessageId { get; set; }

    /// <summary>sms or email (<see cref="Messages.MessageTypes"/>).</summary>
    public required string Channel { get; set; }

    public InboundKind Kind { get; set; }

    public DateTime ReceivedAt { get; set; }

    /// <summary>When the sender says it was written (the Date header); null when absent.</summary>
    public DateTime? SentAt { get; set; }

    [PersonalData]
    public required string FromAddress { get; set; }

    [PersonalData]
    public string? FromName { get; set; }

    [PersonalData]
    public string Subject { get; set; } = "";

    [PersonalData]
    public string Text { get; set; } = "";

    /// <summary>The HTML as sent; it is sanitised each time it is shown, so a better sanitiser protects old mail too.</summary>
    [PersonalData]
    public string? Html { get; set; }

    public string? InReplyTo { get; set; }
    public string? References { get; set; }

    public Guid? CustomerId { get; set; }
    public Guid? CaseId { get; set; }
    public string? CaseReference { get; set; }

    /// <summary>The inbound interaction that records this contact on the customer's history.</summary>
    public Guid? InteractionId { get; set; }

    /// <summary>How the message found its customer and case, in a sentence: for the agent who wonders why it landed here.</summary>
    public required string Routing { get; set; }

    /// <summary>Where it came from: the IMAP folder and UID, or the dropped file's name.</summary>
    public required string Source { get; set; }

    public List<InboundAttachment> Attachments { get; set; } = [];
}

/// <summary>A file that came with an inbound message; a refused one (too large, an executable) keeps its name and the reason, not its content.</summary>
public sealed class InboundAttachment
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid InboundMessageId { get; set; }
    public required string FileName { get; set; }

    /// <summary>What the content is, from its first bytes; the sender's claimed type is not trusted.</summary>
    public required string ContentType { get; set; }

    public long Size { get; set; }
    public byte[]? Content { get; set; }

    /// <summary>Why the content was not kept; null when it was.</summary>
    public string? RefusedBecause { get; set; }
}

internal sealed class InboundMessageConfiguration : IEntityTypeConfiguration<InboundMessage>
{
    public void Configure(EntityTypeBuilder<InboundMessage> builder)
    {
        builder.ToTable("InboundMessages");
        builder.Property(m => m.MessageId).HasMaxLength(250);
        builder.Property(m => m.Channel).HasMaxLength(8);
        builder.Property(m => m.Kind).HasMaxLength(16).HasWireNameConversion(InboundKinds.ToWireName, InboundKinds.TryParse);
        builder.Property(m => m.FromAddress).HasMaxLength(254);
        builder.Property(m => m.FromName).HasMaxLength(200);
        builder.Property(m => m.Subject).HasMaxLength(998);
        builder.Property(m => m.Text).HasMaxLength(InboundMessage.MaxTextLength);
        builder.Property(m => m.InReplyTo).HasMaxLength(250);
        builder.Property(m => m.References).HasMaxLength(2000);
        builder.Property(m => m.CaseReference).HasMaxLength(32);
        builder.Property(m => m.Routing).HasMaxLength(500);
        builder.Property(m => m.Source).HasMaxLength(500);
        builder.HasIndex(m => m.MessageId).IsUnique();
        builder.HasIndex(m => new { m.CaseId, m.ReceivedAt }).HasFilter("\"CaseId\" IS NOT NULL");
        builder.HasIndex(m => new { m.CustomerId, m.ReceivedAt });
        builder.HasMany(m => m.Attachments).WithOne().HasForeignKey(a => a.InboundMessageId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InboundAttachmentConfiguration : IEntityTypeConfiguration<InboundAttachment>
{
    public void Configure(EntityTypeBuilder<InboundAttachment> builder)
    {
        builder.ToTable("InboundAttachments");
        builder.Property(a => a.FileName).HasMaxLength(255);
        builder.Property(a => a.ContentType).HasMaxLength(100);
        builder.Property(a => a.RefusedBecause).HasMaxLength(300);
    }
}
