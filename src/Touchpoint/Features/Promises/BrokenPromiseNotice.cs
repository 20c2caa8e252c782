using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Promises;
using Touchpoint.Features.Messages;

namespace Touchpoint.Features.Promises;

/// <summary>
/// The customer hears from us that we broke our promise, and what happens next (S4-2): not from their own waiting.
/// Written in the transaction that breaks the promise, to the contact on file, at the customer's own clock; a notice
/// never keeps the promise it reports (<see cref="MessagePurposes.CanKeepPromise"/>).
/// </summary>
public static class BrokenPromiseNotice
{
    /// <returns>False when the promise is no longer owed (done late in the same act) or no address is on file.</returns>
    public static async Task<bool> QueueAsync(TouchpointDbContext db, PromiseRecord promise, string ownerName, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(promise);
        if (!promise.ToDomain().IsOwed || await MessageOutbox.ContactOnFileAsync(db, promise.CustomerId, cancellationToken) is not { } contact)
        {
            return false;
        }

        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == promise.CustomerId)
            .Select(c => new { c.Name, c.Jurisdiction }).SingleAsync(cancellationToken);
        var jurisdiction = Jurisdictions.TryParse(customer.Jurisdiction, out var known, out _) ? known : Jurisdiction.SE;
        var @case = promise.CaseRef is null ? null
            : await db.Cases.AsNoTracking().Where(c => c.Reference == promise.CaseRef && c.CustomerId == promise.CustomerId)
                .Select(c => new { c.Id, c.Reference }).FirstOrDefaultAsync(cancellationToken);
        MessageOutbox.Queue(db, new NewMessage(promise.CustomerId, customer.Name, contact.Type, contact.Address,
            "We did not keep our promise to you",
            Content(promise, ownerName, JurisdictionTimes.ForCustomer(promise.DueAt, jurisdiction)),
            MessagePurposes.PromiseBroken) { CaseId = @case?.Id, CaseReference = @case?.Reference }, now);
        return true;
    }

    public static string Content(PromiseRecord promise, string ownerName, string dueAsTheCustomerReadsIt)
    {
        ArgumentNullException.ThrowIfNull(promise);
        var next = promise.Kind switch
        {
            PromiseKind.Callback => "We will call you as soon as we can.",
            PromiseKind.WrittenReply => "We will write to you as soon as we can.",
            PromiseKind.Refund => "Your refund is still owed to you, and we are making sure it is paid.",
            PromiseKind.TechnicianVisit => "We will contact you to book the visit again, at a time that suits you.",
            _ => "We are still on it, and we will tell you as soon as it is done.",
        };
        return $"We promised you {promise.Description}, by {dueAsTheCustomerReadsIt}. We did not keep that promise, and we are sorry. "
               + $"{next} {ownerName} now looks after it and is responsible until it is done. "
               + "If waiting cost you time or money, reply to this message: you may be entitled to compensation.";
    }
}
