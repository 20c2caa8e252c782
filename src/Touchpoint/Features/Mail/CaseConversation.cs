using Touchpoint.Data;
using Touchpoint.Domain.Interactions;
using Touchpoint.Features.Cases;
using Touchpoint.Features.Inbox;
using Touchpoint.Features.Interactions;
using Touchpoint.Features.Languages;
using static Touchpoint.Domain.Platform.TextLimits;

namespace Touchpoint.Features.Mail;

/// <summary>Every message about a case is a contact on it: linked to the case, on the customer's history, counted in its effort.</summary>
public static class CaseConversation
{
    /// <summary>Records an arrived message as an inbound contact on its case and tells the case's owner.</summary>
    public static Interaction RecordInbound(TouchpointDbContext db, InboundMessage message, Case @case, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(@case);
        var channel = Messages.MessageTypes.ChannelOf(message.Channel);
        var interaction = new Interaction
        {
            CustomerId = @case.CustomerId,
            OccurredAt = now,
            Channel = channel,
            Direction = InteractionDirection.Inbound,
            AgentName = channel.DisplayName(),
            Reason = Clip($"{channel.DisplayName()} from {message.FromAddress}: {message.Subject}", 200),
            Summary = Clip(message.Text, 4000),
            CaseRef = @case.Reference,
            RecordedAt = now,
        };
        db.AddRow(interaction);
        db.AddRow(InteractionCommands.TimelineEntryFor(interaction));
        if (@case.OwnerKind == Domain.Cases.OwnerKind.User)
        {
            Inbox.Inbox.Notify(db, @case.OwnerId, now, NotificationKinds.CustomerWrote, $"{message.FromName ?? message.FromAddress} wrote on {@case.Reference}",
                Clip(message.Subject, 300), $"/cases/{@case.Id}", @case.CustomerId,
                StoredText.Of("Notification.CustomerWrote", StoredText.Value(message.FromName ?? message.FromAddress), StoredText.Value(@case.Reference)));
        }

        return interaction;
    }
}
