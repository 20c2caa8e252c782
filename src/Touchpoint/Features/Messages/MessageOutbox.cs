using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Messages;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Interactions;
using Touchpoint.Features.Languages;
using static Touchpoint.Domain.Platform.TextLimits;

namespace Touchpoint.Features.Messages;

/// <param name="Address">The phone number or e-mail address ON FILE: never one a visitor typed in.</param>
/// <param name="TimelineDetail">What the timeline shows instead of the content, for content staff must not read (a code).</param>
public sealed record NewMessage(
    Guid CustomerId, string ReceiverName, string Type, string Address, string Subject, string Content, string Purpose, string? TimelineDetail = null)
{
    /// <summary>The case the message is about, if any.</summary>
    public Guid? CaseId { get; init; }

    public string? CaseReference { get; init; }

    /// <summary>The customer's message this answers and the thread before it (e-mail threading headers).</summary>
    public string? InReplyTo { get; init; }

    public string? References { get; init; }

    /// <summary>Who signs it: the member of staff who wrote a reply; Touchpoint itself when null.</summary>
    public string? SenderName { get; init; }

    /// <summary>The language it is written in (<see cref="Domain.Languages.CustomerLanguages"/>); what Touchpoint adds around it, such as the e-mail's footer, follows it. English when null.</summary>
    public string? Language { get; init; }

    /// <summary>Files to go with it; only an e-mail carries them.</summary>
    public IReadOnlyList<MessageAttachment> Attachments { get; init; } = [];
}

/// <summary>
/// Writes messages to customers into the outbox, each with its entry on the customer's timeline, in the caller's
/// unit of work: a message exists exactly when the change it tells of was saved.
/// </summary>
public static class MessageOutbox
{
    /// <summary>The sender named on every message.</summary>
    public const string SenderName = "Touchpoint customer care";

    public static OutboundMessage Queue(TouchpointDbContext db, NewMessage message, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(message);
        if (message.Type is not (MessageTypes.Sms or MessageTypes.Email))
        {
            throw new ArgumentOutOfRangeException(nameof(message), message.Type, "A message goes by sms or email.");
        }

        if (message.Attachments.Count > 0 && message.Type != MessageTypes.Email)
        {
            throw new ArgumentException("Only an e-mail carries files.", nameof(message));
        }

        var row = new OutboundMessage
        {
            CustomerId = message.CustomerId,
            Type = message.Type,
            Subject = Clip(message.Subject, OutboundMessage.MaxSubjectLength),
            Content = Clip(message.Content, OutboundMessage.MaxContentLength),
            ReceiverName = Clip(message.ReceiverName, 200),
            ReceiverAddress = message.Address,
            SenderName = Clip(message.SenderName ?? SenderName, 200),
            State = MessageState.Initial,
            Purpose = message.Purpose,
            Language = message.Language ?? PreferredLanguages.English,
            Automatic = MessagePurposes.IsAutomatic(message.Purpose),
            CaseId = message.CaseId,
            CaseReference = message.CaseReference,
            InReplyTo = message.InReplyTo,
            References = message.References,
            CreatedAt = now,
            // Due at once; a channel without a gateway leaves it waiting here, in state initial.
            NextAttemptAt = now,
        };
        foreach (var file in message.Attachments)
        {
            row.Attachments.Add(new OutboundAttachment { OutboundMessageId = row.Id, FileName = file.FileName, ContentType = file.ContentType, Content = file.Content });
        }

        db.OutboundMessages.Add(row);
        db.TimelineEntries.Add(new TimelineEntry
        {
            CustomerId = message.CustomerId,
            At = now,
            Kind = TimelineEntryKind.Message,
            Channel = message.Type,
            Direction = "outbound",
            Title = Clip($"{MessageTypes.DisplayName(message.Type)} to {message.Address}: {message.Subject}", 300),
            Detail = Clip(message.TimelineDetail ?? message.Content, 4000),
            ActorName = message.SenderName ?? SenderName,
            SourceId = row.Id.ToString(),
        }.Says(StoredText.Of("Timeline.Message", StoredText.Code("Channel", message.Type), StoredText.Value(message.Address), StoredText.Value(message.Subject))));
        return row;
    }

    /// <summary>
    /// Where a message to the customer goes when they gave no address for it: the e-mail address on file, else the
    /// phone number by SMS; null when neither is on file (the timeline then is the only record).
    /// </summary>
    public static (string Type, string Address)? ContactOnFile(IEnumerable<CustomerIdentity> identities)
    {
        ArgumentNullException.ThrowIfNull(identities);
        return Choose([.. identities.Select(i => (i.Kind, i.Value))]);
    }

    /// <inheritdoc cref="ContactOnFile(IEnumerable{CustomerIdentity})"/>
    public static async Task<(string Type, string Address)?> ContactOnFileAsync(TouchpointDbContext db, Guid customerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        string email = IdentityKind.Email.ToWireName(), msisdn = IdentityKind.Msisdn.ToWireName();
        var identities = await db.CustomerIdentities.AsNoTracking()
            .Where(i => i.CustomerId == customerId && (i.Kind == email || i.Kind == msisdn))
            .OrderBy(i => i.Id)
            .Select(i => new { i.Kind, i.Value })
            .ToListAsync(cancellationToken);
        return Choose([.. identities.Select(i => (i.Kind, i.Value))]);
    }

    private static (string Type, string Address)? Choose(List<(string Kind, string Value)> identities) =>
        identities.FirstOrDefault(i => i.Kind == IdentityKind.Email.ToWireName()) is { Value: not null } email ? (MessageTypes.Email, email.Value)
            : identities.FirstOrDefault(i => i.Kind == IdentityKind.Msisdn.ToWireName()) is { Value: not null } phone ? (MessageTypes.Sms, phone.Value)
            : null;
}
