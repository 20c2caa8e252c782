using Microsoft.EntityFrameworkCore;
using MimeKit;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Messages;
using Touchpoint.Features.Cases;
using Touchpoint.Features.Inbox;
using Touchpoint.Features.Languages;

namespace Touchpoint.Features.Mail;

public sealed partial class InboundMail
{
    /// <summary>The Message-ID of ours a delivery status notification reports, and the addresses that bounced: read before the batch's lookups.</summary>
    private static BounceReport ReportOf(MimeMessage mail, InboundHeaders headers) => new(
        mail.BodyParts.OfType<MessagePart>().Select(p => p.Message?.MessageId).FirstOrDefault(id => id is not null) ?? mail.InReplyTo,
        [.. InboundClassifier.BouncedRecipients(headers)]);

    /// <summary>
    /// A permanent delivery failure: the message it reports fails with the reason, the address is marked bouncing on
    /// the customer, and whoever answers for the message (the case's owner or accountable lead) is told, because the
    /// customer never got it and someone has to reach them another way.
    /// </summary>
    private string Bounce(InboundMessage row, InboundHeaders headers, BounceReport report, InboundBatch known, DateTime now)
    {
        var recipients = report.Recipients;
        var status = headers.DeliveryStatuses!.First(s => recipients.Contains(s.Recipient));
        var reason = $"bounced: {status.Status} for {status.Recipient}";
        var original = known.BouncedOriginal(report.OriginalId);
        var identities = known.BouncedIdentities(recipients).ToList();
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
        var @case = original.CaseId is { } caseId ? known.CaseById(caseId) : null;
        if (@case is not null)
        {
            var userId = @case.OwnerKind == Domain.Cases.OwnerKind.User ? @case.OwnerId : @case.AccountableUserId;
            Inbox.Inbox.Notify(db, userId, now, NotificationKinds.MailBounced, $"Mail to {original.ReceiverName} on {@case.Reference} bounced",
                $"\"{original.Subject}\" to {original.ReceiverAddress}: {status.Status}. Reach the customer another way and ask for a working address.",
                $"/cases/{@case.Id}", original.CustomerId,
                StoredText.Of("Notification.MailBounced", StoredText.Value(original.ReceiverName), StoredText.Value(@case.Reference)),
                StoredText.Of("Notification.MailBounced.Detail", StoredText.Value(original.Subject), StoredText.Value(original.ReceiverAddress), StoredText.Value(status.Status)));
        }

        return $"a bounce: \"{original.Subject}\" to {original.ReceiverAddress} failed ({status.Status}); the address is marked bouncing";
    }
}
