using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Messages;
using Touchpoint.Features.Cases;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Messages;

namespace Touchpoint.Features.Mail;

/// <summary>
/// What a batch of arrived mail needs to know from the database, read once for the whole batch: which Message-IDs are
/// stored already, who sent them, which cases the Message-IDs they answer and the references they quote belong to.
/// Each message of the batch is then routed in memory, in order, and what it adds (a contact, a case, itself) is seen
/// by the messages after it exactly as if it had been stored alone before them.
/// </summary>
/// <summary>What a delivery status notification names: the Message-ID of ours it reports, and the addresses that bounced.</summary>
internal sealed record BounceReport(string? OriginalId, IReadOnlyList<string> Recipients);

internal sealed class InboundBatch
{
    private readonly HashSet<string> storedIds;
    private readonly Dictionary<string, Guid> customerByAddress;
    private readonly Dictionary<string, List<Guid>> casesByMessageId;
    private readonly Dictionary<Guid, Case> cases;
    private readonly Dictionary<string, Case> caseByReference;

    private readonly Dictionary<string, OutboundMessage> bouncedOriginals;
    private readonly List<CustomerIdentity> bouncedIdentities;

    private InboundBatch(
        HashSet<string> storedIds, Dictionary<string, Guid> customerByAddress, Dictionary<string, List<Guid>> casesByMessageId, List<Case> cases,
        Dictionary<string, OutboundMessage> bouncedOriginals, List<CustomerIdentity> bouncedIdentities)
    {
        this.storedIds = storedIds;
        this.customerByAddress = customerByAddress;
        this.casesByMessageId = casesByMessageId;
        this.cases = cases.ToDictionary(c => c.Id);
        caseByReference = cases.ToDictionary(c => c.Reference, StringComparer.Ordinal);
        this.bouncedOriginals = bouncedOriginals;
        this.bouncedIdentities = bouncedIdentities;
    }

    /// <summary>
    /// Reads, in a query each, what <paramref name="rows"/> need: stored Message-IDs, senders, threads and quoted cases,
    /// and for the <paramref name="bounces"/> among them our messages they report and the addresses that bounced.
    /// </summary>
    public static async Task<InboundBatch> ReadAsync(
        TouchpointDbContext db, IReadOnlyCollection<InboundMessage> rows, IReadOnlyCollection<BounceReport> bounces, CancellationToken cancellationToken)
    {
        // Hundreds of keys a batch: looked up without EF's query pipeline (RawLookup), read untracked.
        var messageIds = rows.Select(r => r.MessageId).Distinct(StringComparer.Ordinal).ToList<object>();
        var storedIds = (await new RawLookup<InboundMessage>(db).WhereInAsync(nameof(InboundMessage.MessageId), messageIds,
                [nameof(InboundMessage.MessageId)], r => r.GetString(0), cancellationToken))
            .ToHashSet(StringComparer.Ordinal);

        // Bounces and delay notices are not routed by sender, thread or subject (see InboundMail.BounceAsync).
        var routed = rows.Where(r => r.Kind is InboundKind.Personal or InboundKind.Automatic && !storedIds.Contains(r.MessageId)).ToList();
        var addresses = routed.Select(r => r.FromAddress).Distinct(StringComparer.Ordinal).ToList<object>();
        string email = IdentityKind.Email.ToWireName();
        var customerByAddress = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var (address, customerId) in await new RawLookup<CustomerIdentity>(db).WhereEqual(nameof(CustomerIdentity.Kind), email)
                     .WhereInAsync(nameof(CustomerIdentity.Value), addresses, [nameof(CustomerIdentity.Value), nameof(CustomerIdentity.CustomerId)],
                         r => (r.GetString(0), r.GetGuid(1)), cancellationToken))
        {
            customerByAddress[address] = customerId;
        }

        // A known sender's mail that answers nothing opens a case, which reads what it needs of the customer: read here, once.
        var opening = routed.Where(r => r.Kind == InboundKind.Personal && ThreadIds(r).Count == 0 && CaseReferences.InSubject(r.Subject).Count == 0)
            .Select(r => customerByAddress.GetValueOrDefault(r.FromAddress)).Where(id => id != Guid.Empty).Distinct().Cast<object>().ToList();
        var customers = new RawLookup<Customer>(db);
        var openingCustomers = await customers.WhereInAsync(nameof(Customer.Id), opening,
            [nameof(Customer.Id), nameof(Customer.Status), nameof(Customer.MergedIntoId), nameof(Customer.Jurisdiction), nameof(Customer.Name), nameof(Customer.PreferredLanguage)],
            r => new CaseCustomer(r.GetGuid(0), customers.ValueOf<CustomerStatus>(r, 1, nameof(Customer.Status)), customers.ValueOf<Guid?>(r, 2, nameof(Customer.MergedIntoId)),
                r.GetString(3), r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5)),
            cancellationToken);

        var threadIds = routed.SelectMany(ThreadIds).Distinct(StringComparer.Ordinal).ToList<object>();
        var threads = new List<(string MessageId, Guid CaseId)>();
        if (threadIds.Count > 0)
        {
            threads.AddRange(await new RawLookup<OutboundMessage>(db).WhereNotNull(nameof(OutboundMessage.CaseId))
                .WhereInAsync(nameof(OutboundMessage.MessageId), threadIds, [nameof(OutboundMessage.MessageId), nameof(OutboundMessage.CaseId)],
                    r => (r.GetString(0), r.GetGuid(1)), cancellationToken));
            threads.AddRange(await new RawLookup<InboundMessage>(db).WhereNotNull(nameof(InboundMessage.CaseId))
                .WhereInAsync(nameof(InboundMessage.MessageId), threadIds, [nameof(InboundMessage.MessageId), nameof(InboundMessage.CaseId)],
                    r => (r.GetString(0), r.GetGuid(1)), cancellationToken));
        }

        var casesByMessageId = threads.GroupBy(t => t.MessageId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(t => t.CaseId).Distinct().ToList(), StringComparer.Ordinal);

        // A bounce fails our message and marks the addresses: both tracked, as they change.
        var originalIds = bounces.Select(b => b.OriginalId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var originals = originalIds.Count == 0 ? []
            : (await db.OutboundMessages.Where(m => m.MessageId != null && originalIds.Contains(m.MessageId)).ToListAsync(cancellationToken))
            .GroupBy(m => m.MessageId!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var recipients = bounces.SelectMany(b => b.Recipients).Distinct(StringComparer.Ordinal).ToList();
        var bouncedIdentities = recipients.Count == 0 ? []
            : await db.CustomerIdentities.Where(i => i.Kind == email && recipients.Contains(i.Value)).ToListAsync(cancellationToken);

        var caseIds = threads.Select(t => t.CaseId).Concat(originals.Values.Where(m => m.CaseId is not null).Select(m => m.CaseId!.Value)).Distinct().ToList();
        var references = routed.SelectMany(r => CaseReferences.InSubject(r.Subject)).Distinct(StringComparer.Ordinal).ToList();
        // Routing reads these cases and changes none of them: untracked, they cost nothing when the batch is saved.
        var cases = caseIds.Count == 0 && references.Count == 0 ? []
            : await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id) || references.Contains(c.Reference)).ToListAsync(cancellationToken);
        return new InboundBatch(storedIds, customerByAddress, casesByMessageId, cases, originals, bouncedIdentities) { OpeningCustomers = openingCustomers };
    }

    /// <summary>The customers of the known senders whose mail will open a case, read for opening it (<see cref="CaseCommands.Know"/>).</summary>
    public IReadOnlyList<CaseCustomer> OpeningCustomers { get; private init; } = [];

    /// <summary>Our message a bounce reports, when it is one of ours.</summary>
    public OutboundMessage? BouncedOriginal(string? messageId) => messageId is null ? null : bouncedOriginals.GetValueOrDefault(messageId);

    /// <summary>The e-mail identities, of any customer, of the addresses a bounce reports.</summary>
    public IEnumerable<CustomerIdentity> BouncedIdentities(IReadOnlyCollection<string> recipients) => bouncedIdentities.Where(i => recipients.Contains(i.Value));

    /// <summary>A case read for the batch: one a message threads to or quotes, or that a bounced message was about.</summary>
    public Case? CaseById(Guid caseId) => cases.GetValueOrDefault(caseId);

    /// <summary>The Message-IDs a message answers: its In-Reply-To, then its References.</summary>
    public static IReadOnlyList<string> ThreadIds(InboundMessage row) =>
        new[] { row.InReplyTo }.Concat((row.References ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .OfType<string>().Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Takes <paramref name="messageId"/> for this message, unless it was stored before or an earlier message of this
    /// batch took it: then this one is the duplicate.
    /// </summary>
    public bool TryClaim(string messageId) => storedIds.Add(messageId);

    public Guid? CustomerOf(string address) => customerByAddress.TryGetValue(address, out var customerId) ? customerId : null;

    /// <summary>A contact made for an unknown sender: their next mail in this batch is theirs.</summary>
    public void AddContact(string address, Guid customerId) => customerByAddress[address] = customerId;

    /// <summary>The customer's latest case that one of <paramref name="messageIds"/> (ours or theirs) was on.</summary>
    public Case? CaseOfThread(IReadOnlyList<string> messageIds, Guid customerId) =>
        messageIds.SelectMany(id => casesByMessageId.GetValueOrDefault(id) ?? [])
            .Select(caseId => cases.GetValueOrDefault(caseId))
            .OfType<Case>()
            .Where(c => c.CustomerId == customerId)
            .OrderByDescending(c => c.OpenedAt).ThenByDescending(c => c.Reference, StringComparer.Ordinal)
            .FirstOrDefault();

    /// <summary>Of the cases <paramref name="references"/> name, the customer's first opened.</summary>
    public Case? CaseQuoted(IReadOnlyList<string> references, Guid customerId) =>
        references.Select(reference => caseByReference.GetValueOrDefault(reference))
            .OfType<Case>()
            .Where(c => c.CustomerId == customerId)
            .OrderBy(c => c.OpenedAt).ThenBy(c => c.Reference, StringComparer.Ordinal)
            .FirstOrDefault();

    /// <summary>A message of this batch is now on <paramref name="case"/>: a later one answering it threads there too.</summary>
    public void Add(InboundMessage row, Case? @case)
    {
        if (@case is null)
        {
            return;
        }

        cases.TryAdd(@case.Id, @case);
        caseByReference.TryAdd(@case.Reference, @case);
        if (!casesByMessageId.TryGetValue(row.MessageId, out var caseIds))
        {
            casesByMessageId[row.MessageId] = caseIds = [];
        }

        caseIds.Add(@case.Id);
    }
}
