using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Touchpoint.Data;
using Touchpoint.Domain.Interactions;
using Touchpoint.Domain.Messages;
using Touchpoint.Features.Customers;

namespace Touchpoint.Features.Messages;

/// <summary>How a message travels: the TMF681 messageType, named as the channel it goes by.</summary>
public static class MessageTypes
{
    public const string Sms = "sms";
    public const string Email = "email";

    public static IReadOnlyList<string> All { get; } = [Email, Sms];

    /// <summary>The types some gateway carries: messages of the others wait in the outbox by design.</summary>
    public static string[] CarriedBy(IEnumerable<IMessageGateway> gateways) => [.. All.Where(type => gateways.Any(g => g.Carries(type)))];

    /// <summary>SMS or E-mail, as the channel's <see cref="InteractionChannels.DisplayName"/>.</summary>
    public static string DisplayName(string type) =>
        InteractionChannels.TryParse(type, out var channel, out _) ? channel.DisplayName() : type;

    /// <summary>The channel a message of <paramref name="type"/> is a contact by, on the timeline and in effort figures.</summary>
    public static InteractionChannel ChannelOf(string type) => type == Sms ? InteractionChannel.Sms : InteractionChannel.Email;
}

/// <summary>Why a message was written, so a screen can tell codes from confirmations.</summary>
public static class MessagePurposes
{
    public const string OneTimeCode = "oneTimeCode";
    public const string LeavingConfirmation = "leavingConfirmation";
    public const string TermChangeNotice = "termChangeNotice";
    public const string CompensationGranted = "compensationGranted";
    public const string CaseRejected = "caseRejected";

    /// <summary>An order was placed: what was ordered, in writing.</summary>
    public const string OrderConfirmation = "orderConfirmation";

    /// <summary>A number is to be ported away: the holder hears of it before it happens (EU-106-6).</summary>
    public const string PortOutNotice = "portOutNotice";

    /// <summary>A promise was broken: the customer hears it from us, with what happens next (S4-2).</summary>
    public const string PromiseBroken = "promiseBroken";

    /// <summary>A copy of everything held on the customer (GDPR Art. 15), the documents attached.</summary>
    public const string PersonalDataExport = "personalDataExport";

    /// <summary>The customer objected to marketing (GDPR Art. 21) by SMS stop keyword: the answer that it was recorded.</summary>
    public const string ObjectionConfirmation = "objectionConfirmation";

    /// <summary>A customer's own message opened a case: it arrived, its reference, when they will have an answer.</summary>
    public const string CaseAcknowledgement = "caseAcknowledgement";

    /// <summary>A promised callback went unanswered at every attempt: the customer hears we tried, and that the call is still owed.</summary>
    public const string CallbackMissed = "callbackMissed";

    /// <summary>A survey: the link to answer it (S4-4, S1-6).</summary>
    public const string SurveyInvitation = "surveyInvitation";

    /// <summary>A low survey answer was followed up: what was learned and what was done, never only "your views are important" (S4-4).</summary>
    public const string WhatWeDid = "whatWeDid";

    /// <summary>Written by a person to the customer about a case; the only purpose that is not automatic.</summary>
    public const string Reply = "reply";

    /// <summary>Everything but a person's reply is written by Touchpoint itself (RFC 3834's auto-generated).</summary>
    public static bool IsAutomatic(string purpose) => purpose != Reply;

    /// <summary>Whether the message, once delivered, may keep a promise (a written reply): never the notice that one broke.</summary>
    public static bool CanKeepPromise(string purpose) => purpose is not (PromiseBroken or OneTimeCode or CaseAcknowledgement or CallbackMissed or SurveyInvitation);

    /// <summary>
    /// Whether the message, once delivered, is a contact with the customer, counted on its case as a response and in
    /// their effort: not a one-time code, nor the receipt that their message arrived (an SLA a machine's receipt could
    /// meet would be no SLA).
    /// </summary>
    public static bool IsContact(string purpose) => purpose is not (OneTimeCode or CaseAcknowledgement or SurveyInvitation);
}

/// <summary>
/// One message to a customer, in the shape of a TMF681 CommunicationMessage: written to this outbox in the
/// transaction of the change it reports, then handed to an <see cref="IMessageGateway"/> when one is configured.
/// </summary>
public sealed class OutboundMessage
{
    public const int MaxSubjectLength = 200;
    public const int MaxContentLength = 16000;
    public const int MaxMessageIdLength = 250;
    public const int MaxReferencesLength = 2000;

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

    public MessageState State { get; set; }

    /// <summary><see cref="MessagePurposes"/>.</summary>
    public required string Purpose { get; set; }

    /// <summary>The language it is written in; the e-mail's footer is written in it too.</summary>
    public string Language { get; set; } = Domain.Customers.PreferredLanguages.English;

    public DateTime CreatedAt { get; set; }

    /// <summary>
    /// The e-mail's Message-ID (without angle brackets), fixed before the first attempt and kept on every retry, so
    /// a message sent twice is recognisably one message; replies from the customer name it in In-Reply-To.
    /// </summary>
    public string? MessageId { get; set; }

    /// <summary>The Message-ID of the customer's message this answers, if any.</summary>
    public string? InReplyTo { get; set; }

    /// <summary>The thread's Message-IDs, oldest first, separated by spaces (RFC 5322 References).</summary>
    public string? References { get; set; }

    /// <summary>
    /// The case the message is about; its reference goes into the subject. Not a foreign key: adding one to this
    /// table would make SQLite rebuild it, and cases are never deleted.
    /// </summary>
    public Guid? CaseId { get; set; }

    public string? CaseReference { get; set; }

    /// <summary>Written by Touchpoint rather than by a person: sent with <c>Auto-Submitted: auto-generated</c>.</summary>
    public bool Automatic { get; set; } = true;

    /// <summary>When a gateway is next to be handed the message; null once it is completed or failed.</summary>
    public DateTime? NextAttemptAt { get; set; }

    /// <summary>The gateway's answer to the last attempt, e.g. an SMTP server's <c>250 2.0.0 Ok: queued</c>.</summary>
    public string? GatewayAnswer { get; set; }

    /// <summary>When a gateway was handed the message; null while nobody has sent it.</summary>
    public DateTime? SendTime { get; set; }

    /// <summary>When the gateway confirmed delivery.</summary>
    public DateTime? SendTimeComplete { get; set; }

    public int TryTimes { get; set; }

    /// <summary>The gateway's last error, when it failed.</summary>
    public string? LastError { get; set; }

    /// <summary>Files sent with an e-mail; loaded only by whoever needs them (the gateway, an export).</summary>
    public List<OutboundAttachment> Attachments { get; } = [];
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
        builder.Property(m => m.Language).HasMaxLength(8).HasDefaultValue(Domain.Customers.PreferredLanguages.English);
        builder.Property(m => m.State).HasMaxLength(16).HasWireNameConversion(MessageStates.ToWireName, MessageStates.TryParse);
        builder.Property(m => m.MessageId).HasMaxLength(OutboundMessage.MaxMessageIdLength);
        builder.Property(m => m.InReplyTo).HasMaxLength(OutboundMessage.MaxMessageIdLength);
        builder.Property(m => m.References).HasMaxLength(OutboundMessage.MaxReferencesLength);
        builder.Property(m => m.CaseReference).HasMaxLength(32);
        builder.Property(m => m.GatewayAnswer).HasMaxLength(1000);
        builder.Property(m => m.Purpose).HasMaxLength(32);
        builder.Property(m => m.LastError).HasMaxLength(1000);
        builder.HasOne<Customer>().WithMany().HasForeignKey(m => m.CustomerId).OnDelete(DeleteBehavior.Restrict);
        // The outbox newest first, one customer's messages, a receiver's address, and what waits for a gateway.
        builder.HasIndex(m => m.CreatedAt);
        builder.HasIndex(m => new { m.CustomerId, m.CreatedAt });
        builder.HasIndex(m => new { m.ReceiverAddress, m.CreatedAt });
        builder.HasIndex(m => new { m.State, m.CreatedAt });
        // What is due for a gateway, per channel; finished messages leave the index.
        builder.HasIndex(m => new { m.Type, m.NextAttemptAt }).HasFilter("\"NextAttemptAt\" IS NOT NULL");
        // Replies are threaded by the Message-ID they answer; a Message-ID names one message.
        builder.HasIndex(m => m.MessageId).IsUnique().HasFilter("\"MessageId\" IS NOT NULL");
        builder.HasIndex(m => new { m.CaseId, m.CreatedAt }).HasFilter("\"CaseId\" IS NOT NULL");
    }
}
