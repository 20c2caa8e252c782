using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Messages;
using Touchpoint.Features.Cases;
using Touchpoint.Features.Inbox;
using Touchpoint.Features.Languages;
using Touchpoint.Features.Messages;
using static Touchpoint.Domain.Platform.TextLimits;

namespace Touchpoint.Features.Sms;

/// <summary>
/// Sinch's word on whether an SMS reached the phone. Delivered confirms the message with the operator's time; a
/// final failure (Failed, Rejected, Expired, Aborted, Cancelled, Deleted) fails it with Sinch's status and code and
/// tells whoever answers for its case, as a bounced mail does: the customer never got it. Interim statuses
/// (Queued, Dispatched, Unknown) change nothing.
/// </summary>
public sealed class SmsDeliveryReports(TouchpointDbContext db, TimeProvider clock)
{
    private static readonly string[] FinalFailures = ["Failed", "Rejected", "Expired", "Aborted", "Cancelled", "Deleted"];

    public async Task<string> ApplyAsync(SinchDeliveryReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var message = await FindAsync(report, cancellationToken);
        if (message is null)
        {
            return $"no SMS of ours has client_reference '{report.ClientReference}' or batch '{report.BatchId}'";
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var status = report.Status!.Trim();
        if (string.Equals(status, "Delivered", StringComparison.OrdinalIgnoreCase))
        {
            message.State = MessageState.Completed;
            message.NextAttemptAt = null;
            message.SendTimeComplete = report.At?.UtcDateTime ?? now;
            await db.SaveChangesAsync(cancellationToken);
            return $"delivered to {message.ReceiverAddress}";
        }

        if (!FinalFailures.Contains(status, StringComparer.OrdinalIgnoreCase))
        {
            return $"{status}: not final, nothing changed";
        }

        var reason = report.Code is { } code ? $"Sinch: {status} (code {code}) for {message.ReceiverAddress}" : $"Sinch: {status} for {message.ReceiverAddress}";
        if (message.State == MessageState.Failed && message.LastError == reason)
        {
            // Sinch retries a callback it thinks was lost: the owner was told the first time.
            return $"{status}: already recorded";
        }

        message.State = MessageState.Failed;
        message.NextAttemptAt = null;
        message.SendTimeComplete = null;
        message.LastError = reason;
        await TellOwnerAsync(message, status, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return $"failed: {reason}";
    }

    private async Task<OutboundMessage?> FindAsync(SinchDeliveryReport report, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(report.ClientReference, out var id)
            && await db.OutboundMessages.FirstOrDefaultAsync(m => m.Id == id && m.Type == MessageTypes.Sms, cancellationToken) is { } byReference)
        {
            return byReference;
        }

        // A batch sent without our reference (by hand, from Sinch's dashboard) is found by the batch id Sinch answered.
        return report.BatchId is { Length: > 0 } batchId
            ? await db.OutboundMessages.FirstOrDefaultAsync(m => m.Type == MessageTypes.Sms && m.GatewayAnswer == batchId, cancellationToken)
            : null;
    }

    private async Task TellOwnerAsync(OutboundMessage message, string status, DateTime now, CancellationToken cancellationToken)
    {
        var @case = message.CaseId is { } caseId ? await db.Cases.FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken) : null;
        if (@case is null)
        {
            return;
        }

        var userId = @case.OwnerKind == Domain.Cases.OwnerKind.User ? @case.OwnerId : @case.AccountableUserId;
        Inbox.Inbox.Notify(db, userId, now, NotificationKinds.SmsFailed, $"SMS to {message.ReceiverName} on {@case.Reference} did not arrive",
            $"\"{Clip(message.Content, 200)}\" to {message.ReceiverAddress}: {status}. Reach the customer another way.",
            $"/cases/{@case.Id}", message.CustomerId,
            StoredText.Of("Notification.SmsFailed", StoredText.Value(message.ReceiverName), StoredText.Value(@case.Reference)),
            StoredText.Of("Notification.SmsFailed.Detail", StoredText.Value(Clip(message.Content, 200)), StoredText.Value(message.ReceiverAddress), StoredText.Value(status)));
    }
}
