using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Messages;
using Touchpoint.Features.Mail;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Messages;

/// <param name="Answer">The gateway's words: an SMTP server's reply, the reason a connection failed.</param>
public sealed record DeliveryAttempt(AttemptResult Result, string Answer);

/// <summary>
/// An SMS or e-mail gateway. E-mail always has one (<see cref="EmailGateway"/>: SMTP, or files in the embedded
/// default); SMS has one when a provider is configured. A channel without a gateway leaves its messages in the
/// outbox as <see cref="MessageState.Initial"/>, shown on <c>/outbox</c>, and nothing claims they were sent.
/// </summary>
public interface IMessageGateway
{
    /// <summary>True when this gateway carries messages of <paramref name="type"/> (<see cref="MessageTypes"/>).</summary>
    bool Carries(string type);

    /// <summary>One attempt per message, in the order given.</summary>
    Task<IReadOnlyList<DeliveryAttempt>> SendAsync(IReadOnlyList<OutboundMessage> messages, CancellationToken cancellationToken);
}

/// <summary>
/// Delivers the outbox at least once, run by the <see cref="DueWatcher"/>. Due messages are claimed in a short
/// transaction (<see cref="RowLocks"/>) and leased (<see cref="DeliveryRetry.Lease"/>), then handed to their gateway
/// outside it, so a slow server never holds the database; the outcome is saved after. A gateway that cannot take a
/// message now gets it again later (<see cref="DeliveryRetry"/>) under the same Message-ID; one that refuses it
/// fails it with its answer for staff to see.
/// </summary>
public sealed class MessageDelivery(IEnumerable<IMessageGateway> gateways, MailSettings mail, DeliveryRetry retry, DeliveredMessages delivered) : IDueWork
{
    private readonly IMessageGateway[] gateways = [.. gateways];

    public string Name => "messages";

    public async Task<int> RunAsync(TouchpointDbContext db, DateTime now, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var carried = MessageTypes.CarriedBy(gateways);
        if (carried.Length == 0)
        {
            return 0;
        }

        var due = db.OutboundMessages
            .Where(m => carried.Contains(m.Type) && m.NextAttemptAt != null && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.CreatedAt);
        var claimed = new List<OutboundMessage>();
        await db.HandleDueAsync(due, limit, messages =>
        {
            foreach (var message in messages)
            {
                Lease(message, now);
            }

            claimed.AddRange(messages);
            return Task.CompletedTask;
        }, cancellationToken, saveInBulk: true);

        await LoadAttachmentsAsync(db, claimed, cancellationToken);
        foreach (var byType in claimed.GroupBy(m => m.Type))
        {
            var batch = byType.ToList();
            var attempts = await gateways.First(g => g.Carries(byType.Key)).SendAsync(batch, cancellationToken);
            for (var i = 0; i < batch.Count; i++)
            {
                Record(batch[i], attempts[i], now);
            }
        }

        // Outside the claim's transaction: the lease keeps other nodes off these rows meanwhile. Saved before what
        // follows, so a message the server took is never sent again because a follow-up failed.
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.SaveChangesWritingAddedInBulkAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await delivered.RecordAsync(db, claimed, now, cancellationToken);

        return claimed.Count;
    }

    /// <summary>The files of the claimed e-mails, fixed up onto the tracked messages; most messages have none.</summary>
    private static async Task LoadAttachmentsAsync(TouchpointDbContext db, List<OutboundMessage> claimed, CancellationToken cancellationToken)
    {
        var emails = claimed.Where(m => m.Type == MessageTypes.Email).Select(m => m.Id).ToList();
        if (emails.Count > 0)
        {
            await db.OutboundAttachments.Where(a => emails.Contains(a.OutboundMessageId)).LoadAsync(cancellationToken);
        }
    }

    private void Lease(OutboundMessage message, DateTime now)
    {
        message.State = MessageState.InProgress;
        message.TryTimes++;
        message.SendTime ??= now;
        message.NextAttemptAt = now + DeliveryRetry.Lease;
        if (message.Type == MessageTypes.Email)
        {
            // Fixed before the first attempt and committed with the claim: every retry goes under the same id.
            message.MessageId ??= OutgoingMail.MessageIdFor(message, mail.MessageIdDomain);
        }
    }

    private void Record(OutboundMessage message, DeliveryAttempt attempt, DateTime now)
    {
        var outcome = retry.After(attempt.Result, message.TryTimes, now);
        message.State = outcome.State;
        message.NextAttemptAt = outcome.NextAttemptAt;
        message.GatewayAnswer = attempt.Answer;
        message.LastError = attempt.Result == AttemptResult.Accepted ? null : attempt.Answer;
        message.SendTimeComplete = attempt.Result == AttemptResult.Accepted ? now : null;
    }
}
