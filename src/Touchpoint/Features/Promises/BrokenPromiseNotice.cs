using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Promises;
using Touchpoint.Features.Languages;
using Touchpoint.Features.Messages;

namespace Touchpoint.Features.Promises;

/// <summary>
/// The customer hears from us that we broke our promise, and what happens next (S4-2): not from their own waiting.
/// Written in the transaction that breaks the promise, to the contact on file, at the customer's own clock; a notice
/// never keeps the promise it reports (<see cref="MessagePurposes.CanKeepPromise"/>).
/// </summary>
public static class BrokenPromiseNotice
{
    /// <param name="owner">Who now looks after it, as the customer reads it in their language.</param>
    /// <returns>False when the promise is no longer owed (done late in the same act) or no address is on file.</returns>
    public static async Task<bool> QueueAsync(
        TouchpointDbContext db, CustomerVoices voices, PromiseRecord promise, Func<CustomerVoice, string> owner, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(voices);
        ArgumentNullException.ThrowIfNull(promise);
        ArgumentNullException.ThrowIfNull(owner);
        if (!promise.ToDomain().IsOwed || await MessageOutbox.ContactOnFileAsync(db, promise.CustomerId, cancellationToken) is not { } contact)
        {
            return false;
        }

        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == promise.CustomerId)
            .Select(c => new { c.Name, c.Jurisdiction, c.PreferredLanguage }).SingleAsync(cancellationToken);
        var voice = voices.For(customer.PreferredLanguage, customer.Jurisdiction);
        var @case = promise.CaseRef is null ? null
            : await db.Cases.AsNoTracking().Where(c => c.Reference == promise.CaseRef && c.CustomerId == promise.CustomerId)
                .Select(c => new { c.Id, c.Reference }).FirstOrDefaultAsync(cancellationToken);
        MessageOutbox.Queue(db, new NewMessage(promise.CustomerId, customer.Name, contact.Type, contact.Address,
            voice["Promise.Broken.Subject"], Content(voice, promise, owner(voice)),
            MessagePurposes.PromiseBroken) { CaseId = @case?.Id, CaseReference = @case?.Reference, Language = voice.Language }, now);
        return true;
    }

    public static string Content(CustomerVoice voice, PromiseRecord promise, string owner)
    {
        ArgumentNullException.ThrowIfNull(voice);
        ArgumentNullException.ThrowIfNull(promise);
        var next = voice[promise.Kind switch
        {
            PromiseKind.Callback => "Promise.Next.Callback",
            PromiseKind.WrittenReply => "Promise.Next.WrittenReply",
            PromiseKind.Refund => "Promise.Next.Refund",
            PromiseKind.TechnicianVisit => "Promise.Next.TechnicianVisit",
            _ => "Promise.Next.Other",
        }];
        return voice.Text("Promise.Broken.Body", promise.Description, voice.Time(promise.DueAt), next, owner);
    }
}
