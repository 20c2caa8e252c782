using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Interactions;
using Touchpoint.Domain.Messages;
using Touchpoint.Domain.Promises;
using Touchpoint.Features.Cases;
using Touchpoint.Features.Feedback;
using Touchpoint.Features.Interactions;
using Touchpoint.Features.Languages;
using Touchpoint.Features.Promises;
using static Touchpoint.Domain.Platform.TextLimits;

namespace Touchpoint.Features.Messages;

/// <summary>
/// What a message that reached the customer does, and only such a message: it is an outbound contact (linked to its
/// case and counted in the case's effort), it meets the case's first response and next update, and it keeps a
/// written reply that was promised (S4-2). A one-time code is none of these: it answers nobody's question.
/// </summary>
public sealed class DeliveredMessages(CaseSla sla, PromiseWatch watch, TimeProvider clock, CustomerVoices voices, SurveyScheduling surveys)
{
    public Task RecordAsync(TouchpointDbContext db, OutboundMessage message, DateTime now, CancellationToken cancellationToken) =>
        RecordAsync(db, [message], now, cancellationToken);

    /// <summary>
    /// Records a batch of delivered messages with one read of their cases, one of the cases' pauses and one of their
    /// customers' promises. The contacts of customers who wait for nothing are saved together; each one that may keep a
    /// promise is saved with what it does to that promise, in one transaction.
    /// </summary>
    public async Task RecordAsync(TouchpointDbContext db, IReadOnlyList<OutboundMessage> messages, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(messages);
        var pending = messages.Where(m => m.State == MessageState.Completed && MessagePurposes.IsContact(m.Purpose)).ToList();
        for (var attempt = 1; pending.Count > 0; attempt++)
        {
            try
            {
                await RecordPendingAsync(db, pending, now, cancellationToken);
                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                // Someone changed a case meanwhile: read it again and count what is not yet saved on what is there now.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>Removes each message from <paramref name="pending"/> once its contact is saved.</summary>
    private async Task RecordPendingAsync(TouchpointDbContext db, List<OutboundMessage> pending, DateTime now, CancellationToken cancellationToken)
    {
        var caseIds = pending.Where(m => m.CaseId is not null).Select(m => m.CaseId!.Value).Distinct().ToList();
        var cases = caseIds.Count == 0 ? [] : await db.Cases.Where(c => caseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var pauses = (caseIds.Count == 0 ? [] : await db.CasePauses.AsNoTracking().Where(p => caseIds.Contains(p.CaseId)).ToListAsync(cancellationToken))
            .ToLookup(p => p.CaseId);
        var keeping = new PromiseKeeping(db, watch, clock, voices, surveys);
        var waiting = await keeping.WaitingAsync([.. pending.Where(m => MessagePurposes.CanKeepPromise(m.Purpose)).Select(m => m.CustomerId).Distinct()], cancellationToken);

        var waitingForNothing = pending.Where(m => !MessagePurposes.CanKeepPromise(m.Purpose) || !waiting.Contains(m.CustomerId)).ToList();
        if (waitingForNothing.Count > 0)
        {
            // Hundreds of contacts at a time: added aside and written in bulk, with their cases' changes, in one transaction.
            await using (var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null)
            {
                using (db.AddingRowsAside())
                {
                    foreach (var message in waitingForNothing)
                    {
                        AddContact(db, message, CaseOf(message, cases), pauses, now);
                    }

                    await db.SaveChangesWritingAddedInBulkAsync(cancellationToken);
                }

                if (transaction is not null)
                {
                    await transaction.CommitAsync(cancellationToken);
                }
            }

            pending.RemoveAll(waitingForNothing.Contains);
        }

        foreach (var message in pending.ToList())
        {
            var @case = CaseOf(message, cases);
            var interaction = AddContact(db, message, @case, pauses, now);
            var act = new MessageDeliveredAct(message.CustomerId, now, interaction.Channel) { CaseRef = @case?.Reference };
            await keeping.SaveWithActAsync(act, interaction.Id, message.SenderName, cancellationToken);
            pending.Remove(message);
        }
    }

    private static Case? CaseOf(OutboundMessage message, Dictionary<Guid, Case> cases) =>
        message.CaseId is { } caseId ? cases.GetValueOrDefault(caseId) : null;

    private Interaction AddContact(TouchpointDbContext db, OutboundMessage message, Case? @case, ILookup<Guid, CasePause> pauses, DateTime now)
    {
        var channel = MessageTypes.ChannelOf(message.Type);
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
        db.AddRow(interaction);
        if (@case is not null)
        {
            CaseContacts.Count(sla, @case, interaction, now, [.. pauses[@case.Id]]);
            @case.Version++;
        }

        return interaction;
    }
}
