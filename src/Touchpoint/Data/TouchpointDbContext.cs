using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data.Bulk;
using Touchpoint.Features.Audit;
using Touchpoint.Features.Cases;
using Touchpoint.Features.Catalogue;
using Touchpoint.Features.Compensation;
using Touchpoint.Features.Contracts;
using Touchpoint.Features.Coverage;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Feedback;
using Touchpoint.Features.Idempotency;
using Touchpoint.Features.Identity;
using Touchpoint.Features.Inbox;
using Touchpoint.Features.Interactions;
using Touchpoint.Features.Leaving;
using Touchpoint.Features.Live;
using Touchpoint.Features.Mail;
using Touchpoint.Features.Merges;
using Touchpoint.Features.Messages;
using Touchpoint.Features.Orders;
using Touchpoint.Features.PartnerAgencies;
using Touchpoint.Features.Privacy;
using Touchpoint.Features.Promises;
using Touchpoint.Features.Queues;
using Touchpoint.Features.ReplyTemplates;
using Touchpoint.Features.Subscriptions;
using Touchpoint.Features.Telephony;
using Touchpoint.Features.TermChanges;
using Touchpoint.Hosting;
using Touchpoint.Tmf;

namespace Touchpoint.Data;

/// <summary>
/// The one database of Touchpoint. Each provider has a thin subclass that owns its migrations
/// (<see cref="SqliteTouchpointDbContext"/>, <see cref="PostgresTouchpointDbContext"/>); code
/// everywhere else depends on this type only.
/// </summary>
public abstract partial class TouchpointDbContext(DbContextOptions options)
    : IdentityDbContext<TouchpointUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    private readonly TouchpointContextServices services = options.FindExtension<TouchpointContextServices>()
        ?? throw new InvalidOperationException($"The options of {nameof(TouchpointDbContext)} must carry {nameof(TouchpointContextServices)}: configure them with UseTouchpointServices.");

    public DbSet<PartnerAgency> PartnerAgencies => Set<PartnerAgency>();
    public DbSet<AgencyCustomer> AgencyCustomers => Set<AgencyCustomer>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AuditSeal> AuditSeals => Set<AuditSeal>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<CustomerIdentity> CustomerIdentities => Set<CustomerIdentity>();
    public DbSet<CustomerNameToken> CustomerNameTokens => Set<CustomerNameToken>();
    public DbSet<CustomerMerge> CustomerMerges => Set<CustomerMerge>();
    public DbSet<Plan> Plans => Set<Plan>();
    public DbSet<Subscription> Subscriptions => Set<Subscription>();
    public DbSet<ContractSummary> ContractSummaries => Set<ContractSummary>();
    public DbSet<Interaction> Interactions => Set<Interaction>();
    public DbSet<TimelineEntry> TimelineEntries => Set<TimelineEntry>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<PromiseRecord> Promises => Set<PromiseRecord>();
    public DbSet<Case> Cases => Set<Case>();
    public DbSet<CaseQuestion> CaseQuestions => Set<CaseQuestion>();
    public DbSet<CaseOwnerHistoryEntry> CaseOwnerHistory => Set<CaseOwnerHistoryEntry>();
    public DbSet<CasePause> CasePauses => Set<CasePause>();
    public DbSet<CaseReferenceCounter> CaseReferenceCounters => Set<CaseReferenceCounter>();
    public DbSet<CustomerNumberCounter> CustomerNumberCounters => Set<CustomerNumberCounter>();
    public DbSet<CompensationRecord> Compensations => Set<CompensationRecord>();
    public DbSet<CaseStatusChange> CaseStatusChanges => Set<CaseStatusChange>();
    public DbSet<CaseNote> CaseNotes => Set<CaseNote>();
    public DbSet<TroubleTicketHub> TroubleTicketHubs => Set<TroubleTicketHub>();
    public DbSet<TroubleTicketEventDelivery> TroubleTicketEventDeliveries => Set<TroubleTicketEventDelivery>();
    public DbSet<ProductOrder> ProductOrders => Set<ProductOrder>();
    public DbSet<ProductOrderItem> ProductOrderItems => Set<ProductOrderItem>();
    public DbSet<CancelProductOrderRequest> CancelProductOrders => Set<CancelProductOrderRequest>();
    public DbSet<CoverageArea> CoverageAreas => Set<CoverageArea>();
    public DbSet<QualificationCheck> QualificationChecks => Set<QualificationCheck>();
    public DbSet<OutboundMessage> OutboundMessages => Set<OutboundMessage>();
    public DbSet<OutboundAttachment> OutboundAttachments => Set<OutboundAttachment>();
    public DbSet<InboundMessage> InboundMessages => Set<InboundMessage>();
    public DbSet<InboundAttachment> InboundAttachments => Set<InboundAttachment>();
    public DbSet<LeaveRequest> LeaveRequests => Set<LeaveRequest>();
    public DbSet<Termination> Terminations => Set<Termination>();
    public DbSet<NonConformityFinding> NonConformityFindings => Set<NonConformityFinding>();
    public DbSet<Survey> Surveys => Set<Survey>();
    public DbSet<TermChange> TermChanges => Set<TermChange>();
    public DbSet<ReplyTemplate> ReplyTemplates => Set<ReplyTemplate>();
    public DbSet<ReplyTemplateTranslation> ReplyTemplateTranslations => Set<ReplyTemplateTranslation>();
    public DbSet<WorkQueue> WorkQueues => Set<WorkQueue>();
    public DbSet<WorkQueueMember> WorkQueueMembers => Set<WorkQueueMember>();
    public DbSet<CallQueueSettings> CallQueueSettings => Set<CallQueueSettings>();
    public DbSet<QueueCall> QueueCalls => Set<QueueCall>();
    public DbSet<QueueCallEstimate> QueueCallEstimates => Set<QueueCallEstimate>();
    public DbSet<QueueAgent> QueueAgents => Set<QueueAgent>();
    public DbSet<TelephonyEvent> TelephonyEvents => Set<TelephonyEvent>();
    public DbSet<PersonalDataExport> PersonalDataExports => Set<PersonalDataExport>();
    public DbSet<ErasureRequest> ErasureRequests => Set<ErasureRequest>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(TouchpointDbContext).Assembly, IsForThisContext);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    // EF Core's synchronous SaveChanges must audit as the asynchronous one does; the audit is written only asynchronously.
#pragma warning disable RS0030
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();
#pragma warning restore RS0030

    /// <summary>
    /// Saves and records who changed what in the same transaction: an audit entry is never
    /// missing for a write that happened, nor present for one that did not.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (!ChangeTracker.AutoDetectChangesEnabled)
        {
            return await SaveAndAuditAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        // Numbering, audit capture, the live change feed and the save itself each read every tracked row; one pass
        // detects what changed for all of them (a batch of arrived mail tracks thousands of rows).
        ChangeTracker.DetectChanges();
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return await SaveAndAuditAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = true;
        }
    }

    /// <summary>
    /// Saves the disposal of personal data (an erasure, a retention purge) without an audit entry per changed row: the
    /// change audit keeps old values, so it would copy into the log every value being erased. The caller records one
    /// entry saying what was disposed of, whose and why (<see cref="RecordEvent"/>).
    /// </summary>
    public async Task<int> SaveDisposalAsync(CancellationToken cancellationToken)
    {
        capturingChanges = false;
        try
        {
            return await SaveChangesAsync(acceptAllChangesOnSuccess: true, cancellationToken);
        }
        finally
        {
            capturingChanges = true;
        }
    }

    private bool capturingChanges = true;

    /// <summary>
    /// Saves as <see cref="SaveChangesAsync(bool, CancellationToken)"/> does, but writes the added rows with prepared
    /// inserts (<see cref="TrackedRowsWriter"/>): for a unit of work that adds many rows, inside
    /// the transaction the caller opened and commits.
    /// </summary>
    public async Task<int> SaveChangesWritingAddedInBulkAsync(CancellationToken cancellationToken)
    {
        if (Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Rows are written in bulk inside a transaction: call Database.BeginTransactionAsync() first and commit it afterwards.");
        }

        var detecting = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.DetectChanges();
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            StoredTextGuard.Check(ChangeTracker);
            var aside = TakeRowsAside();
            foreach (var row in aside)
            {
                StoredTextGuard.Check(row.EntityType, row.Row);
            }

            await CustomerNumbers.AssignToAddedAsync(this, cancellationToken);
            var written = await TrackedRowsWriter.WriteAddedAsync(this, aside, services.Actor.Get(), services.Clock.GetUtcNow().UtcDateTime, cancellationToken);
            var rest = await SaveRestAuditedInBulkAsync(cancellationToken);
            return written + rest;
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detecting;
        }
    }

    /// <summary>
    /// What a bulk save leaves to EF (changed rows, rows whose keys the database makes): on SQLite the changed rows it
    /// can are written with prepared updates (<see cref="ModifiedRowsWriter"/>), the rest saved by EF, and their audit
    /// entries written after it with prepared inserts, in the open transaction: EF would insert each entry as a row of
    /// its own save, and a batch changes hundreds of rows.
    /// </summary>
    private async Task<int> SaveRestAuditedInBulkAsync(CancellationToken cancellationToken)
    {
        TrackRowsAside();
        StoredTextGuard.Check(ChangeTracker);
        await CustomerNumbers.AssignToAddedAsync(this, cancellationToken);
        await PrivacyReviews.MarkEndedContractsAsync(this, services.Clock.GetUtcNow().UtcDateTime, cancellationToken);
        var changes = capturingChanges ? AuditTrail.Capture(ChangeTracker) : [];
        var topics = new HashSet<string>(StringComparer.Ordinal);
        var updated = ModifiedRowsWriter.Write(this, topics);
        var written = updated + await base.SaveChangesAsync(acceptAllChangesOnSuccess: true, cancellationToken);
        if (changes.Count > 0)
        {
            // After the save, so keys the database made are known, as the usual save audits them.
            var actor = services.Actor.Get();
            var now = services.Clock.GetUtcNow().UtcDateTime;
            var entries = changes.ConvertAll(c => c.ToEntry(actor, now));
            var auditEntry = Model.FindEntityType(typeof(AuditEntry))!;
            foreach (var entry in entries)
            {
                LiveTopics.OfAdded(auditEntry, entry, topics);
            }

            await using (var writer = BulkWriter.Create(this))
            {
                await writer.WriteAuditEntriesAsync(entries, cancellationToken);
            }
        }

        if (topics.Count > 0)
        {
            LiveChangeCapture.Of(this)?.PublishAtCommit(this, topics);
        }

        return written;
    }

    private async Task<int> SaveAndAuditAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        TrackRowsAside();
        StoredTextGuard.Check(ChangeTracker);
        await CustomerNumbers.AssignToAddedAsync(this, cancellationToken);
        await PrivacyReviews.MarkEndedContractsAsync(this, services.Clock.GetUtcNow().UtcDateTime, cancellationToken);
        var changes = capturingChanges ? AuditTrail.Capture(ChangeTracker) : [];
        if (changes.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var actor = services.Actor.Get();
        var now = services.Clock.GetUtcNow().UtcDateTime;
        if (!changes.Any(c => c.HasTemporaryKey))
        {
            AuditEntries.AddRange(changes.Select(c => c.ToEntry(actor, now)));
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        // Database-generated keys are known only after the insert: save, then audit, in one transaction.
        await using var transaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken)
            : null;
        var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        AuditEntries.AddRange(changes.Select(c => c.ToEntry(actor, now)));
        await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return written;
    }

    /// <summary>Records an event that is not a row change, such as a sign-in.</summary>
    public void RecordEvent(AuditAction action, string entityType, string? entityId, string? details, Actor? actor = null)
    {
        AuditEntries.Add(AuditEntry.Create(actor ?? services.Actor.Get(), services.Clock.GetUtcNow().UtcDateTime, action, entityType, entityId, details));
    }

    /// <summary>Entities are configured beside them: in their feature, or in Tmf/ for what only TM Forum APIs use (the TMF621 hub).</summary>
    private static bool IsForThisContext(Type configurationType) =>
        configurationType.Namespace is { } name
        && (name.StartsWith("Touchpoint.Features", StringComparison.Ordinal) || name == "Touchpoint.Tmf");
}
