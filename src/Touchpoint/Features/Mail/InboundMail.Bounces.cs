using Microsoft.EntityFrameworkCore;
using MimeKit;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Messages;
using Touchpoint.Features.Cases;
using Touchpoint.Features.Inbox;

namespace Touchpoint.Features.Mail;

public sealed partial class InboundMail
{
    /// <summary>
    /// A permanent delivery failure: the message it reports fails with the reason, the address is marked bouncing on
    /// the customer, and whoever answers for the message (the case's owner or accountable lead) is told, because the
    /// customer never got it and someone has to reach them another way.
    /// </summary>
    private async Task<string> BounceAsync(InboundMessage row, MimeMessage mail, InboundHeaders headers, DateTime now, CancellationToken cancellationToken)
    {
        var recipients = InboundClassifier.BouncedRecipients(headers).ToList();
        var status = headers.DeliveryStatuses!.First(s => recipients.Contains(s.Recipient));
        var reason = $"bounced: {status.Status} for {status.Recipient}";
        var originalId = mail.BodyParts.OfType<MessagePart>().Select(p => p.Message?.MessageId).FirstOrDefault(id => id is not null)
                         ?? mail.InReplyTo;
        var original = originalId is null ? null
            : await db.OutboundMessages.FirstOrDefaultAsync(m => m.MessageId == originalId, cancellationToken);

        string email = IdentityKind.Email.ToWireName();
        var identities = await db.CustomerIdentities.Where(i => i.Kind == email && recipients.Contains(i.Value)).ToListAsync(cancellationToken);
        foreach (var identity in identities)
        {
            identity.BouncingSince ??= now;
            identity.BounceReason = Clip(reason, 500);
        }

        row.CustomerId = original?.CustomerId ?? identities.FirstOrDefault()?.CustomerId;
        if (original is null)
        {
            return $"a bounce for {string.Join(", ", recipients)}; the message it reports is not one of ours";
        }

        original.State = MessageState.Failed;
        original.NextAttemptAt = null;
        original.SendTimeComplete = null;
        original.LastError = Clip(reason, 1000);
        row.CaseId = original.CaseId;
        row.CaseReference = original.CaseReference;
        var @case = original.CaseId is { } caseId ? await db.Cases.FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken) : null;
        if (@case is not null)
        {
            var userId = @case.OwnerKind == Domain.Cases.OwnerKind.User ? @case.OwnerId : @case.AccountableUserId;
            Inbox.Inbox.Notify(db, userId, now, NotificationKinds.MailBounced, $"Mail to {original.ReceiverName} on {@case.Reference} bounced",
                $"\"{original.Subject}\" to {original.ReceiverAddress}: {status.Status}. Reach the customer another way and ask for a working address.",
                $"/cases/{@case.Id}", original.CustomerId);
        }

        return $"a bounce: \"{original.Subject}\" to {original.ReceiverAddress} failed ({status.Status}); the address is marked bouncing";
    }
}
