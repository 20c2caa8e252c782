using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Touchpoint.Domain.Audit;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Audit;

public enum AuditAction
{
    Created,
    Updated,
    Deleted,
    Read,
    SignedIn,
    SignInFailed,
    SignedOut,
    Merged,

    /// <summary>A merge asked for that the evidence does not allow alone: waiting for a team lead.</summary>
    MergeRequested,

    /// <summary>A team lead refused a requested merge.</summary>
    MergeRefused,

    /// <summary>A merge undone: the rows it moved are back and both records are active again.</summary>
    Unmerged,

    /// <summary>A bulk import: one entry per file (who, which file, how many rows), not one per row.</summary>
    Imported,

    /// <summary>
    /// A customer's personal data deleted or anonymised, on his request (GDPR Art. 17) or as a retention period ended:
    /// one entry per customer and run, with the rows per kind of record, never the values.
    /// </summary>
    Disposed,
}

/// <summary>One line of the append-only audit log: who did what, when and from where.</summary>
public sealed class AuditEntry
{
    public long Id { get; private set; }
    public DateTime At { get; private set; }
    public string? UserId { get; private set; }
    public string UserName { get; private set; } = "";
    public string? IpAddress { get; private set; }
    public string Channel { get; private set; } = "";
    public AuditAction Action { get; private set; }
    public string EntityType { get; private set; } = "";
    public string? EntityId { get; private set; }

    /// <summary>Names of changed fields, or the purpose of a read; never the personal data itself.</summary>
    public string? Details { get; private set; }

    /// <summary>
    /// What an update changed, field by field, old → new (<see cref="FieldChange"/> as JSON); null for anything else.
    /// Personal values are kept as they were and masked when shown (<see cref="AuditViews"/>); secrets are never kept.
    /// </summary>
    public string? Changes { get; private set; }

    /// <summary>
    /// The customer the entry is about: the customer row itself, or a row of theirs (a case, a promise, a contact), so
    /// "everything done to or read about this customer" is one indexed filter.
    /// </summary>
    public Guid? CustomerId { get; private set; }

    /// <summary>
    /// Every customer a read of many showed (a list, a search), comma-separated, when there was more than one; the
    /// request's one entry names them all. A read of one customer's data names them in <see cref="CustomerId"/>.
    /// </summary>
    public string? Subjects { get; private set; }

    /// <summary>What the hash chain seals of this entry (<see cref="AuditChain"/>): every column.</summary>
    public AuditEntryContent Content =>
        new(Id, At, UserId, UserName, IpAddress, Channel, Action.ToString(), EntityType, EntityId, Details, Changes, CustomerId, Subjects);

    public IReadOnlyList<FieldChange> ReadChanges() => FieldChange.Deserialize(Changes);

    public static AuditEntry Create(
        Actor actor, DateTime at, AuditAction action, string entityType, string? entityId, string? details, IReadOnlyList<FieldChange>? changes = null,
        Guid? customerId = null, string? subjects = null) => new()
    {
        At = at,
        UserId = actor.UserId,
        UserName = actor.UserName,
        IpAddress = actor.IpAddress,
        Channel = actor.Channel,
        Action = action,
        EntityType = entityType,
        EntityId = entityId,
        Details = details,
        Changes = FieldChange.Serialize(changes),
        CustomerId = customerId ?? (entityType == CustomerEntity && Guid.TryParse(entityId, out var customer) ? customer : null),
        Subjects = subjects,
    };

    /// <summary>
    /// The entries about any of <paramref name="customers"/>: those naming one customer, a read of many that listed
    /// them among others (<see cref="Subjects"/>), and entries from before customers were recorded on every entry,
    /// which name the customer row only.
    /// </summary>
    public static IQueryable<AuditEntry> About(IQueryable<AuditEntry> entries, IReadOnlyCollection<Guid> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var keys = customers.Select(id => id.ToString("D")).ToArray();
        return entries.Where(e => (e.CustomerId != null && customers.Contains(e.CustomerId.Value))
            || (e.EntityType == CustomerEntity && e.EntityId != null && keys.Contains(e.EntityId))
            || (e.Subjects != null && keys.Any(key => e.Subjects.Contains(key))));
    }

    /// <summary>The form <see cref="Subjects"/> keeps customers in, so a customer's key is found in it by a text search.</summary>
    public static string SubjectList(IEnumerable<Guid> customers) => string.Join(',', customers.Select(c => c.ToString("D")));

    /// <summary>The entity type of a customer row, whose id is the customer's.</summary>
    public const string CustomerEntity = "Customer";

    public const int DetailsLength = 2000;
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.Property(e => e.UserName).HasMaxLength(256);
        builder.Property(e => e.UserId).HasMaxLength(64);
        builder.Property(e => e.IpAddress).HasMaxLength(64);
        builder.Property(e => e.Channel).HasMaxLength(16);
        builder.Property(e => e.Action).HasConversion<string>().HasMaxLength(32);
        builder.Property(e => e.EntityType).HasMaxLength(128);
        builder.Property(e => e.EntityId).HasMaxLength(128);
        builder.Property(e => e.Details).HasMaxLength(AuditEntry.DetailsLength);
        builder.HasIndex(e => e.At);
        builder.HasIndex(e => new { e.UserId, e.At });
        builder.HasIndex(e => new { e.EntityType, e.EntityId, e.At });
        builder.HasIndex(e => new { e.CustomerId, e.At });
    }
}
