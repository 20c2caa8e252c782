using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Features.Audit;
using Touchpoint.Features.Cases;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Interactions;
using Touchpoint.Features.Mail;
using Touchpoint.Features.Messages;
using Touchpoint.Features.Orders;
using Touchpoint.Tmf;

namespace Touchpoint.Features.Privacy;

/// <summary>
/// One kind of record in an export: the entity it reads and how to find a customer's rows of it, oldest first. Rows are
/// read as a stream, never all at once, and written field by field from the EF model, so a column added to an entity
/// is in the next export without anyone remembering to add it.
/// </summary>
/// <param name="Rows">The rows of a person, given the ids of every customer record that is theirs (<see cref="PersonalDataSections.RecordsOfAsync"/>).</param>
/// <param name="TrackedRows">The same rows, tracked, for disposing of them (<see cref="RecordDisposal"/>).</param>
public sealed record ExportSection(
    string Key, string Title, Type EntityType, Func<TouchpointDbContext, Guid[], IQueryable<object>> Rows, Func<TouchpointDbContext, Guid[], IQueryable<object>> TrackedRows);

/// <summary>A kind of record keyed to a customer that an export leaves out on purpose, and why.</summary>
public sealed record LeftOutOfExport(Type EntityType, string Why);

/// <summary>
/// The one list of everything Touchpoint holds on a person, as an Art. 15 export shows it and as erasure and retention
/// dispose of it (each key has a <see cref="Touchpoint.Domain.Privacy.RetentionRule"/>). A test walks the EF model
/// for every entity keyed to a customer and fails when one is neither here nor in <see cref="LeftOut"/>.
/// </summary>
public static class PersonalDataSections
{
    public static IReadOnlyList<ExportSection> All { get; } =
    [
        // Records merged into his stay behind as references to it, with whatever a merge does not move: they are his too.
        Section("customer", "Customer record and preferences", (db, ids) => db.Customers.Where(c => ids.Contains(c.Id)).OrderBy(c => c.Id)),
        Section("identities", "Identities (phone numbers, e-mail addresses, national and legacy ids)", (db, ids) => db.CustomerIdentities.Where(i => ids.Contains(i.CustomerId)).OrderBy(i => i.Id)),
        Section("subscriptions", "Subscriptions", (db, ids) => db.Subscriptions.Where(s => ids.Contains(s.CustomerId)).OrderBy(s => s.Id)),
        Section("contractSummaries", "Contract summaries", (db, ids) => db.ContractSummaries.Where(s => ids.Contains(s.CustomerId)).OrderBy(s => s.IssuedAt).ThenBy(s => s.Id)),
        Section("timeline", "Timeline", (db, ids) => db.TimelineEntries.Where(t => ids.Contains(t.CustomerId)).OrderBy(t => t.At).ThenBy(t => t.Id)),
        Section("contacts", "Contacts (calls, e-mails, chats, visits)", (db, ids) => db.Interactions.Where(i => ids.Contains(i.CustomerId)).OrderBy(i => i.OccurredAt).ThenBy(i => i.Id)),
        Section("cases", "Cases", (db, ids) => db.Cases.Where(c => ids.Contains(c.CustomerId)).OrderBy(c => c.Id)),
        Section("caseQuestions", "Questions asked in cases", (db, ids) => db.CaseQuestions.Where(q => db.Cases.Any(c => c.Id == q.CaseId && ids.Contains(c.CustomerId))).OrderBy(q => q.Id)),
        Section("caseNotes", "Notes on cases", (db, ids) => db.CaseNotes.Where(n => db.Cases.Any(c => c.Id == n.CaseId && ids.Contains(c.CustomerId))).OrderBy(n => n.Id)),
        Section("caseStatusChanges", "Case status changes", (db, ids) => db.CaseStatusChanges.Where(s => db.Cases.Any(c => c.Id == s.CaseId && ids.Contains(c.CustomerId))).OrderBy(s => s.At)),
        Section("caseOwners", "Who owned each case", (db, ids) => db.CaseOwnerHistory.Where(h => db.Cases.Any(c => c.Id == h.CaseId && ids.Contains(c.CustomerId))).OrderBy(h => h.CaseId).ThenBy(h => h.Sequence)),
        Section("casePauses", "Pauses of case deadlines", (db, ids) => db.CasePauses.Where(p => db.Cases.Any(c => c.Id == p.CaseId && ids.Contains(c.CustomerId))).OrderBy(p => p.Id)),
        Section("promises", "Promises made to you", (db, ids) => db.Promises.Where(p => ids.Contains(p.CustomerId)).OrderBy(p => p.Id)),
        Section("compensations", "Compensations", (db, ids) => db.Compensations.Where(c => ids.Contains(c.CustomerId)).OrderBy(c => c.Id)),
        Section("orders", "Orders", (db, ids) => db.ProductOrders.Where(o => ids.Contains(o.CustomerId)).OrderBy(o => o.Id)),
        Section("orderItems", "Order items", (db, ids) => db.ProductOrderItems.Where(i => db.ProductOrders.Any(o => o.Id == i.OrderId && ids.Contains(o.CustomerId))).OrderBy(i => i.OrderId).ThenBy(i => i.Position)),
        Section("orderCancellations", "Order cancellation requests", (db, ids) => db.CancelProductOrders.Where(r => db.ProductOrders.Any(o => o.Id == r.OrderId && ids.Contains(o.CustomerId))).OrderBy(r => r.CreatedAt)),
        Section("coverageChecks", "Coverage checks of your addresses", (db, ids) => db.QualificationChecks.Where(q => q.CustomerId != null && ids.Contains(q.CustomerId.Value)).OrderBy(q => q.Id)),
        Section("leavingRequests", "Requests to cancel or withdraw on the web", (db, ids) => db.LeaveRequests.Where(r => r.CustomerId != null && ids.Contains(r.CustomerId.Value)).OrderBy(r => r.CreatedAt)),
        Section("terminations", "Cancellations, withdrawals and terminations", (db, ids) => db.Terminations.Where(t => ids.Contains(t.CustomerId)).OrderBy(t => t.Id)),
        Section("surveys", "Surveys and your answers", (db, ids) => db.Surveys.Where(s => ids.Contains(s.CustomerId)).OrderBy(s => s.Id)),
        Section("nonConformityFindings", "Findings that a service did not meet its contract", (db, ids) => db.NonConformityFindings.Where(f => ids.Contains(f.CustomerId)).OrderBy(f => f.Id)),
        Section("messagesSent", "Messages sent to you", (db, ids) => db.OutboundMessages.Where(m => ids.Contains(m.CustomerId)).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)),
        Section("messageAttachmentsSent", "Files sent with messages to you (names and sizes)", (db, ids) => db.OutboundAttachments.Where(a => db.OutboundMessages.Any(m => m.Id == a.OutboundMessageId && ids.Contains(m.CustomerId))).OrderBy(a => a.Id)),
        Section("messagesReceived", "Messages received from you", (db, ids) => db.InboundMessages.Where(m => m.CustomerId != null && ids.Contains(m.CustomerId.Value)).OrderBy(m => m.ReceivedAt).ThenBy(m => m.Id)),
        Section("messageAttachmentsReceived", "Files received with your messages (names and sizes)", (db, ids) => db.InboundAttachments.Where(a => db.InboundMessages.Any(m => m.Id == a.InboundMessageId && m.CustomerId != null && ids.Contains(m.CustomerId.Value))).OrderBy(a => a.Id)),
        Section("partnerAgencies", "Partner agencies given you to contact", (db, ids) => db.AgencyCustomers.Where(g => ids.Contains(g.CustomerId)).OrderBy(g => g.GivenAt)),
        Section("calls", "Your calls to our queues: when, what you were told, what became of them", (db, ids) => db.QueueCalls.Where(c => c.CustomerId != null && ids.Contains(c.CustomerId.Value)).OrderBy(c => c.EnteredAt).ThenBy(c => c.Id)),
        Section("merges", "Merges of duplicate customer records", (db, ids) => db.CustomerMerges.Where(m => ids.Contains(m.KeptCustomerId) || ids.Contains(m.MergedCustomerId)).OrderBy(m => m.RequestedAt)),
        Section("staffNotifications", "Notices to staff about you", (db, ids) => db.Notifications.Where(n => n.CustomerId != null && ids.Contains(n.CustomerId.Value)).OrderBy(n => n.Id)),
        Section("personalDataExports", "Requests for a copy of your data", (db, ids) => db.PersonalDataExports.Where(e => ids.Contains(e.CustomerId)).OrderBy(e => e.RequestedAt)),
        Section("erasureRequests", "Requests to erase your data", (db, ids) => db.ErasureRequests.Where(r => ids.Contains(r.CustomerId)).OrderBy(r => r.RequestedAt)),
        Section("audit", "Who read or changed your data, and when", AuditOf),
    ];

    /// <summary>Kinds keyed to a customer that the export leaves out; each is a copy of what a section above shows.</summary>
    public static IReadOnlyList<LeftOutOfExport> LeftOut { get; } =
    [
        new(typeof(CustomerNameToken), "The words of the name, indexed for search: the name is in the customer record."),
        new(typeof(TroubleTicketEventDelivery), "Copies of case changes queued for integrations: the cases are in the export."),
    ];

    /// <summary>
    /// The customer's id and the ids of every record merged into it, however many merges ago: a merge moves identities,
    /// subscriptions, contacts and promises to the kept record, and leaves cases, messages and the rest on the merged one.
    /// </summary>
    public static async Task<Guid[]> RecordsOfAsync(TouchpointDbContext db, Guid customerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var records = new HashSet<Guid> { customerId };
        List<Guid> found = [customerId];
        while (found.Count > 0)
        {
            var newer = found;
            found = await db.Customers.AsNoTracking()
                .Where(c => c.MergedIntoId != null && newer.Contains(c.MergedIntoId.Value)).Select(c => c.Id).ToListAsync(cancellationToken);
            found.RemoveAll(id => !records.Add(id));
        }

        return [.. records];
    }

    /// <summary>Every entry about the customer's records (<see cref="AuditEntry.About"/>), oldest first.</summary>
    private static IQueryable<AuditEntry> AuditOf(TouchpointDbContext db, Guid[] ids) =>
        AuditEntry.About(db.AuditEntries, ids).OrderBy(e => e.At).ThenBy(e => e.Id);

    private static ExportSection Section<T>(string key, string title, Func<TouchpointDbContext, Guid[], IQueryable<T>> rows) where T : class =>
        new(key, title, typeof(T), (db, ids) => rows(db, ids).AsNoTracking(), (db, ids) => rows(db, ids).AsTracking());
}
