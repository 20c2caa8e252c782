using Microsoft.EntityFrameworkCore;
using Touchpoint.Domain.Customers;
using Touchpoint.Features.Messages;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Privacy;

public sealed partial class PersonalDataExports
{
    /// <summary>
    /// Sends the export to the customer's e-mail address on file, through the outbox, with both documents attached
    /// (HTML to read, JSON to take elsewhere); afterwards they are deleted here as after a download.
    /// </summary>
    public async Task<Outcome<PersonalDataExport>> SendAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var taken = await TakeAsync(id, cancellationToken);
        if (taken.Failure is { } failure)
        {
            return failure;
        }

        var export = taken.Value!;
        var email = IdentityKind.Email.ToWireName();
        var addresses = await db.CustomerIdentities.AsNoTracking()
            .Where(i => i.CustomerId == export.CustomerId && i.Kind == email)
            .OrderBy(i => i.BouncingSince != null).ThenBy(i => i.Id)
            .Select(i => i.Value).ToListAsync(cancellationToken);
        if (addresses.Count == 0)
        {
            return new Failure.Conflict("The customer has no e-mail address on file to send the export to: add one, or download it and hand it over.");
        }

        var customer = await db.Customers.Where(c => c.Id == export.CustomerId).Select(c => new { c.Name, c.PreferredLanguage, c.Jurisdiction }).SingleAsync(cancellationToken);
        var voice = voices.For(customer.PreferredLanguage, customer.Jurisdiction);
        var now = clock.GetUtcNow().UtcDateTime;
        var message = MessageOutbox.Queue(db, new NewMessage(
            export.CustomerId, customer.Name, MessageTypes.Email, addresses[0], voice["Export.Subject"], voice["Export.Body"],
            MessagePurposes.PersonalDataExport,
            TimelineDetail: "A copy of everything held on the customer (GDPR Art. 15), as HTML and JSON attachments.")
        {
            Language = voice.Language,
            Attachments =
            [
                new MessageAttachment(FileName(export, "html"), "text/html; charset=utf-8", export.HtmlDocument!),
                new MessageAttachment(FileName(export, "json"), "application/json", export.JsonDocument!),
            ],
        }, now);
        Empty(export);
        export.Status = ExportStatus.Sent;
        export.SentAt = now;
        export.SentMessageId = message.Id;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await reads.RecordAsync(nameof(PersonalDataExport), export.Id.ToString(), $"{ExportGeneration.Purpose}: sent to the customer", export.CustomerId, cancellationToken);
        return export;
    }
}
