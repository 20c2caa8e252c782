using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Interactions;
using Touchpoint.Domain.Messages;
using Touchpoint.Domain.Promises;
using Touchpoint.Features.Cases;
using Touchpoint.Features.Interactions;
using Touchpoint.Features.Promises;

namespace Touchpoint.Features.Messages;

/// <summary>
/// What a message that reached the customer does, and only such a message: it is an outbound contact (linked to its
/// case and counted in the case's effort), it meets the case's first response and next update, and it keeps a
/// written reply that was promised (S4-2). A one-time code is none of these: it answers nobody's question.
/// </summary>
public sealed class DeliveredMessages(CaseSla sla, PromiseWatch watch, TimeProvider clock)
{
    public async Task RecordAsync(TouchpointDbContext db, OutboundMessage message, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(message);
        if (message.State != MessageState.Completed || message.Purpose == MessagePurposes.OneTimeCode)
        {
            return;
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await RecordOnceAsync(db, message, now, cancellationToken);
                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                // Someone changed the case meanwhile: read it again and count the message on what is there now.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task RecordOnceAsync(TouchpointDbContext db, OutboundMessage message, DateTime now, CancellationToken cancellationToken)
    {
        var channel = message.Type == MessageTypes.Sms ? InteractionChannel.Sms : InteractionChannel.Email;
        var @case = message.CaseId is { } caseId ? await db.Cases.FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken) : null;
        var interaction = new Interaction
        {
            CustomerId = message.CustomerId,
            OccurredAt = now,
            Channel = channel,
            Direction = InteractionDirection.Outbound,
            AgentName = message.SenderName,
            Reason = Clip($"{channel.DisplayName()} to {message.ReceiverAddress}: {message.Subject}", 200),
            Summary = Clip(message.Content, 4000),
            CaseRef = @case?.Reference,
            RecordedAt = now,
        };

        // The message's own timeline entry was written with it; this row makes it a contact, not a second entry.
        db.Interactions.Add(interaction);
        if (@case is not null)
        {
            await CaseContacts.CountAsync(db, sla, @case, interaction, now, cancellationToken);
            @case.Version++;
        }

        var act = new MessageDeliveredAct(message.CustomerId, now, channel) { CaseRef = @case?.Reference };
        await new PromiseKeeping(db, watch, clock).SaveWithActAsync(act, interaction.Id, message.SenderName, cancellationToken);
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
