using Microsoft.EntityFrameworkCore;
using Touchpoint.Features.Messages;

namespace Touchpoint.Features.Cases;

public sealed partial class CaseCommands
{
    /// <summary>
    /// Writes a rejection to the customer, to the address on file (the outbox), with the reason and, for a complaint,
    /// the dispute body of the customer's jurisdiction (ADR). Saved with the status change, or not at all.
    /// </summary>
    /// <returns>What the case's timeline adds to the reason: the dispute body, or nothing for a case that is no complaint.</returns>
    private async Task<string> RejectedAsync(Case @case, string reason, DateTime now, CancellationToken cancellationToken)
    {
        var body = CaseViews.DisputeBodyFor(@case);
        if (await MessageOutbox.ContactOnFileAsync(db, @case.CustomerId, cancellationToken) is { } contact)
        {
            var customer = await db.Customers.Where(c => c.Id == @case.CustomerId).Select(c => new { c.Name, c.PreferredLanguage, c.Jurisdiction }).FirstAsync(cancellationToken);
            var voice = voices.For(customer.PreferredLanguage, customer.Jurisdiction);
            MessageOutbox.Queue(db, new NewMessage(
                @case.CustomerId, customer.Name, contact.Type, contact.Address,
                CaseRejection.MessageSubject(voice, @case), CaseRejection.MessageContent(voice, @case, reason, body), MessagePurposes.CaseRejected) { Language = voice.Language }, now);
        }

        return body is null ? "" : CaseRejection.DisputeBodyText(body);
    }
}
