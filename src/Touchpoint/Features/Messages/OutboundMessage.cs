using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Touchpoint.Domain.Interactions;
using Touchpoint.Features.Customers;

namespace Touchpoint.Features.Messages;

/// <summary>How a message travels: the TMF681 messageType, named as the channel it goes by.</summary>
public static class MessageTypes
{
    public const string Sms = "sms";
    public const string Email = "email";

    /// <summary>SMS or E-mail, as the channel's <see cref="InteractionChannels.DisplayName"/>.</summary>
    public static string DisplayName(string type) =>
        InteractionChannels.TryParse(type, out var channel, out _) ? channel.DisplayName() : type;
}

/// <summary>The TMF681 CommunicationMessage states Touchpoint uses.</summary>
public static class MessageStates
{
    /// <summary>Written, not handed to any gateway yet. Without a gateway a message stays here: Touchpoint never claims it was sent.</summary>
    public const string Initial = "initial";

    public const string InProgress = "inProgress";
    public const string Completed = "completed";
    public const string Failed = "failed";
}

/// <summary>Why a message was written, so a screen can tell codes from confirmations.</summary>
public static class MessagePurposes
{
    public const string OneTimeCode = "oneTimeCode";
    public const string LeavingConfirmation = "leavingConfirmation";
    public const string TermChangeNotice = "termChangeNotice";
    public const string CompensationGranted = "compensationGranted";
    public const string CaseRejected = "caseRejected";

    /// <summary>A number is to be ported away: the holder hears of it before it happens (EU-106-6).</summary>
    public const string PortOutNotice = "portOutNotice";
}

/// <summary>
/// One message to a customer, in the shape of a TMF681 CommunicationMessage: written to this outbox in the
/// transaction of the change it reports, then handed to an <see cref="IMessageGateway"/> when one is configured.
/// </summary>
public sealed class OutboundMessage
{
    public const int MaxSubjectLength = 200;
    public const int MaxContentLength = 4000;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The customer it goes to; the receiver's party.</summary>
    public Guid CustomerId { get; set; }

    /// <summary><see cref="MessageTypes"/>: sms or email.</summary>
    public required string Type { get; set; }

    public required string Subject { get; set; }
    [PersonalData]
    public required string Content { get; set; }

    /// <summary>The customer's name as it was when the message was written.</summary>
    [PersonalData]
    public required string ReceiverName { get; set; }

    /// <summary>The phone number (E.164) or e-mail address on file it goes to.</summary>
    [PersonalData]
    public required string ReceiverAddress { get; set; }

    public required string SenderName { get; set; }

    /// <summary><see cref="MessageStates"/>.</summary>
    public required string State { get; set; }

    /// <summary><see cref="MessagePurposes"/>.</summary>
    public required string Purpose { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When a gateway was handed the message; null while nobody has sent it.</summary>
    public DateTime? SendTime { get; set; }

    /// <summary>When the gateway confirmed delivery.</summary>
    public DateTime? SendTimeComplete { get; set; }

    public int TryTimes { get; set; }

    /// <summary>The gateway's last error, when it failed.</summary>
    public string? LastError { get; set; }
}

internal sealed class OutboundMessageConfiguration : IEntityTypeConfiguration<OutboundMessage>
{
    public void Configure(EntityTypeBuilder<OutboundMessage> builder)
    {
        builder.ToTable("OutboundMessages");
        builder.Property(m => m.Type).HasMaxLength(8);
        builder.Property(m => m.Subject).HasMaxLength(OutboundMessage.MaxSubjectLength);
        builder.Property(m => m.Content).HasMaxLength(OutboundMessage.MaxContentLength);
        builder.Property(m => m.ReceiverName).HasMaxLength(200);
        builder.Property(m => m.ReceiverAddress).HasMaxLength(254);
        builder.Property(m => m.SenderName).HasMaxLength(200);
        builder.Property(m => m.State).HasMaxLength(16);
        builder.Property(m => m.Purpose).HasMaxLength(32);
        builder.Property(m => m.LastError).HasMaxLength(1000);
        builder.HasOne<Customer>().WithMany().HasForeignKey(m => m.CustomerId).OnDelete(DeleteBehavior.Restrict);
        // The outbox newest first, one customer's messages, a receiver's address, and what waits for a gateway.
        builder.HasIndex(m => m.CreatedAt);
        builder.HasIndex(m => new { m.CustomerId, m.CreatedAt });
        builder.HasIndex(m => new { m.ReceiverAddress, m.CreatedAt });
        builder.HasIndex(m => new { m.State, m.CreatedAt });
    }
}
