using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
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
public sealed record ExportSection(string Key, string Title, Type EntityType, Func<TouchpointDbContext, Guid, IQueryable<object>> Rows);

/// <summary>A kind of record keyed to a customer that an export leaves out on purpose, and why.</summary>
public sealed record LeftOutOfExport(Type EntityType, string Why);

/// <summary>
/// The one list of everything Touchpoint holds on a person, as an Art. 15 export shows it. A test walks the EF model
/// for every entity keyed to a customer and fails when one is neither here nor in <see cref="LeftOut"/>.
/// </summary>
public static class PersonalDataSections
{
    /// <summary>What the export says in place of survey answers, which Touchpoint does not collect yet.</summary>
    public const string SurveyAnswersNote = "Touchpoint does not collect survey answers yet: none are held about you.";

    public static IReadOnlyList<ExportSection> All { get; } =
    [
        // Records merged into this one stay behind as references to it; they are his too.
        Section("customer", "Customer record and preferences", (db, id) => db.Customers.Where(c => c.Id == id || c.MergedIntoId == id).OrderBy(c => c.Id)),
        Section("identities", "Identities (phone numbers, e-mail addresses, national and legacy ids)", (db, id) => db.CustomerIdentities.Where(i => i.CustomerId == id).OrderBy(i => i.Id)),
        Section("subscriptions", "Subscriptions", (db, id) => db.Subscriptions.Where(s => s.CustomerId == id).OrderBy(s => s.Id)),
        Section("contractSummaries", "Contract summaries", (db, id) => db.ContractSummaries.Where(s => s.CustomerId == id).OrderBy(s => s.IssuedAt).ThenBy(s => s.Id)),
        Section("timeline", "Timeline", (db, id) => db.TimelineEntries.Where(t => t.CustomerId == id).OrderBy(t => t.At).ThenBy(t => t.Id)),
        Section("contacts", "Contacts (calls, e-mails, chats, visits)", (db, id) => db.Interactions.Where(i => i.CustomerId == id).OrderBy(i => i.OccurredAt).ThenBy(i => i.Id)),
        Section("cases", "Cases", (db, id) => db.Cases.Where(c => c.CustomerId == id).OrderBy(c => c.Id)),
        Section("caseQuestions", "Questions asked in cases", (db, id) => db.CaseQuestions.Where(q => db.Cases.Any(c => c.Id == q.CaseId && c.CustomerId == id)).OrderBy(q => q.Id)),
        Section("caseNotes", "Notes on cases", (db, id) => db.CaseNotes.Where(n => db.Cases.Any(c => c.Id == n.CaseId && c.CustomerId == id)).OrderBy(n => n.Id)),
        Section("caseStatusChanges", "Case status changes", (db, id) => db.CaseStatusChanges.Where(s => db.Cases.Any(c => c.Id == s.CaseId && c.CustomerId == id)).OrderBy(s => s.At)),
        Section("caseOwners", "Who owned each case", (db, id) => db.CaseOwnerHistory.Where(h => db.Cases.Any(c => c.Id == h.CaseId && c.CustomerId == id)).OrderBy(h => h.CaseId).ThenBy(h => h.Sequence)),
        Section("casePauses", "Pauses of case deadlines", (db, id) => db.CasePauses.Where(p => db.Cases.Any(c => c.Id == p.CaseId && c.CustomerId == id)).OrderBy(p => p.Id)),
        Section("promises", "Promises made to you", (db, id) => db.Promises.Where(p => p.CustomerId == id).OrderBy(p => p.Id)),
        Section("compensations", "Compensations", (db, id) => db.Compensations.Where(c => c.CustomerId == id).OrderBy(c => c.Id)),
        Section("orders", "Orders", (db, id) => db.ProductOrders.Where(o => o.CustomerId == id).OrderBy(o => o.Id)),
        Section("orderItems", "Order items", (db, id) => db.ProductOrderItems.Where(i => db.ProductOrders.Any(o => o.Id == i.OrderId && o.CustomerId == id)).OrderBy(i => i.OrderId).ThenBy(i => i.Position)),
        Section("orderCancellations", "Order cancellation requests", (db, id) => db.CancelProductOrders.Where(r => db.ProductOrders.Any(o => o.Id == r.OrderId && o.CustomerId == id)).OrderBy(r => r.CreatedAt)),
        Section("coverageChecks", "Coverage checks of your addresses", (db, id) => db.QualificationChecks.Where(q => q.CustomerId == id).OrderBy(q => q.Id)),
        Section("leavingRequests", "Requests to cancel or withdraw on the web", (db, id) => db.LeaveRequests.Where(r => r.CustomerId == id).OrderBy(r => r.CreatedAt)),
        Section("terminations", "Cancellations, withdrawals and terminations", (db, id) => db.Terminations.Where(t => t.CustomerId == id).OrderBy(t => t.Id)),
        Section("nonConformityFindings", "Findings that a service did not meet its contract", (db, id) => db.NonConformityFindings.Where(f => f.CustomerId == id).OrderBy(f => f.Id)),
        Section("messagesSent", "Messages sent to you", (db, id) => db.OutboundMessages.Where(m => m.CustomerId == id).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)),
        Section("messageAttachmentsSent", "Files sent with messages to you (names and sizes)", (db, id) => db.OutboundAttachments.Where(a => db.OutboundMessages.Any(m => m.Id == a.OutboundMessageId && m.CustomerId == id)).OrderBy(a => a.Id)),
        Section("messagesReceived", "Messages received from you", (db, id) => db.InboundMessages.Where(m => m.CustomerId == id).OrderBy(m => m.ReceivedAt).ThenBy(m => m.Id)),
        Section("messageAttachmentsReceived", "Files received with your messages (names and sizes)", (db, id) => db.InboundAttachments.Where(a => db.InboundMessages.Any(m => m.Id == a.InboundMessageId && m.CustomerId == id)).OrderBy(a => a.Id)),
        Section("merges", "Merges of duplicate customer records", (db, id) => db.CustomerMerges.Where(m => m.KeptCustomerId == id || m.MergedCustomerId == id).OrderBy(m => m.RequestedAt)),
        Section("staffNotifications", "Notices to staff about you", (db, id) => db.Notifications.Where(n => n.CustomerId == id).OrderBy(n => n.Id)),
        Section("personalDataExports", "Requests for a copy of your data", (db, id) => db.PersonalDataExports.Where(e => e.CustomerId == id).OrderBy(e => e.RequestedAt)),
        Section("audit", "Who read or changed your data, and when", (db, id) => db.AuditEntries.Where(e => e.CustomerId == id).OrderBy(e => e.At).ThenBy(e => e.Id)),
    ];

    /// <summary>Kinds keyed to a customer that the export leaves out; each is a copy of what a section above shows.</summary>
    public static IReadOnlyList<LeftOutOfExport> LeftOut { get; } =
    [
        new(typeof(CustomerNameToken), "The words of the name, indexed for search: the name is in the customer record."),
        new(typeof(TroubleTicketEventDelivery), "Copies of case changes queued for integrations: the cases are in the export."),
    ];

    /// <summary>Survey answers have no table yet; the export says so rather than staying silent.</summary>
    public const string SurveyAnswersKey = "surveyAnswers";

    private static ExportSection Section<T>(string key, string title, Func<TouchpointDbContext, Guid, IQueryable<T>> rows) where T : class =>
        new(key, title, typeof(T), (db, id) => rows(db, id).AsNoTracking());
}
