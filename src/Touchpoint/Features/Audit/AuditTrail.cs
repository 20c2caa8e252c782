using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Audit;

/// <summary>
/// A row derived from another, audited row in the same transaction (a timeline entry, a search token).
/// Auditing it again would double the log without saying anything new.
/// </summary>
public interface IDerivedRow;

/// <summary>
/// Turns the pending changes of a unit of work into audit entries: who created, changed or deleted which row, and for a
/// change every field with its old and new value (<see cref="FieldChange"/>; how sensitive each is comes from
/// <see cref="PersonalData"/>). A value owned by a row (an address) is part of that row: its changes are the owner's, as
/// "ServiceAddress.Street".
/// </summary>
internal static class AuditTrail
{
    /// <summary>
    /// Bookkeeping that says nothing an entry does not: Identity's stamps change on every sign-in, and a row's UpdatedAt is
    /// the entry's own time. Timers (<see cref="TimerFieldAttribute"/>) are background work's own.
    /// </summary>
    private static readonly HashSet<string> NoiseProperties = ["ConcurrencyStamp", "SecurityStamp", "UpdatedAt"];

    public static List<PendingChange> Capture(ChangeTracker changeTracker)
    {
        var entries = changeTracker.Entries().ToList();
        var owned = OwnedChanges(entries);
        var changes = new List<PendingChange>();
        foreach (var entry in entries)
        {
            if (entry.Entity is AuditEntry or AuditSeal or DataProtectionKey or IDerivedRow)
            {
                if (entry.Entity is AuditEntry or AuditSeal && entry.State is EntityState.Modified or EntityState.Deleted)
                {
                    throw new InvalidOperationException("The audit log is append-only: entries cannot be changed or deleted.");
                }

                continue;
            }

            if (entry.Metadata.IsOwned())
            {
                continue;
            }

            var action = entry.State switch
            {
                EntityState.Added => AuditAction.Created,
                EntityState.Modified => AuditAction.Updated,
                EntityState.Deleted => AuditAction.Deleted,
                // An address replaced on an otherwise unchanged customer is a change of the customer.
                EntityState.Unchanged when owned.ContainsKey(entry.Entity) => AuditAction.Updated,
                _ => (AuditAction?)null,
            };
            if (action is null)
            {
                continue;
            }

            var fields = new List<FieldChange>();
            if (action == AuditAction.Updated)
            {
                // Update() marks every property modified (Identity's user store does so); only a value that differs is a change.
                fields.AddRange(entry.Properties
                    .Where(p => p.IsModified && !NoiseProperties.Contains(p.Metadata.Name) && !TimerFieldAttribute.IsOn(p.Metadata) && !p.Metadata.GetValueComparer().Equals(p.OriginalValue, p.CurrentValue))
                    .Select(p => FieldChange.Of(p.Metadata.Name, Stored(p.Metadata, p.OriginalValue), Stored(p.Metadata, p.CurrentValue), PersonalData.SensitivityOf(p.Metadata))));
                fields.AddRange(owned.GetValueOrDefault(entry.Entity) ?? []);
                if (fields.Count == 0)
                {
                    continue;
                }
            }

            changes.Add(new PendingChange(entry, action.Value, fields));
        }

        return changes;
    }

    /// <summary>
    /// The entry <see cref="Capture"/> would make for <paramref name="row"/> added and saved by <paramref name="actor"/>,
    /// for a row written without the change tracker (see <c>TouchpointDbContext.AddRow</c>); null for a row that is not
    /// audited.
    /// </summary>
    public static AuditEntry? CreatedEntry(IEntityType entityType, object row, Actor actor, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(entityType);
        if (row is AuditEntry or AuditSeal or DataProtectionKey or IDerivedRow || entityType.IsOwned())
        {
            return null;
        }

        return EntryOf(entityType, p => p.GetGetter().GetClrValue(row), AuditAction.Created, [], actor, at);
    }

    /// <summary>The audit entry of one row's change, its key and customer read by <paramref name="valueOf"/>.</summary>
    private static AuditEntry EntryOf(IEntityType entityType, Func<IProperty, object?> valueOf, AuditAction action, IReadOnlyList<FieldChange> fields, Actor actor, DateTime at)
    {
        var key = entityType.FindPrimaryKey();
        var id = key is null
            ? null
            : string.Join("/", key.Properties.Select(p => valueOf(p)?.ToString()));
        var details = fields.Count == 0 ? null : $"fields: {string.Join(", ", fields.Select(f => f.Field))}";
        var customerId = entityType.FindProperty(nameof(AuditEntry.CustomerId)) is { } customer && valueOf(customer) is Guid owner
            ? owner
            : (Guid?)null;
        return AuditEntry.Create(actor, at, action, entityType.ClrType.Name, id, details, fields, customerId);
    }

    /// <summary>
    /// An enum as it is stored (its wire name, see <c>HasWireNameConversion</c>), so the audit shows the names the API
    /// and the database use, not C# member names.
    /// </summary>
    private static object? Stored(IReadOnlyProperty property, object? value) =>
        value is Enum && property.GetValueConverter() is { } converter ? converter.ConvertToProvider(value) : value;

    /// <summary>
    /// The field changes of owned values, by owner. EF tracks a replaced value as the old one deleted and the new one
    /// added; the two are paired here, so only the fields whose values differ are reported.
    /// </summary>
    private static Dictionary<object, List<FieldChange>> OwnedChanges(List<EntityEntry> entries)
    {
        var byOwner = new Dictionary<object, List<FieldChange>>(ReferenceEqualityComparer.Instance);
        var ownedEntries = entries.Where(e => e.Metadata.IsOwned() && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted);
        foreach (var group in ownedEntries.GroupBy(e => (Owner: OwnerOf(e, entries), Navigation: e.Metadata.FindOwnership()!.PrincipalToDependent!.Name)))
        {
            // An owned value of a row being created or deleted says nothing beyond the row's own entry.
            if (group.Key.Owner is not { State: EntityState.Modified or EntityState.Unchanged } owner)
            {
                continue;
            }

            var before = group.FirstOrDefault(e => e.State == EntityState.Deleted);
            var after = group.FirstOrDefault(e => e.State is EntityState.Added or EntityState.Modified);
            var template = after ?? before!;
            foreach (var property in template.Properties.Where(p => !p.Metadata.IsKey() && !p.Metadata.IsForeignKey()))
            {
                var name = property.Metadata.Name;
                var oldValue = after is { State: EntityState.Modified } ? after.Property(name).OriginalValue : before?.Property(name).OriginalValue;
                var newValue = after?.Property(name).CurrentValue;
                if (property.Metadata.GetValueComparer().Equals(oldValue, newValue))
                {
                    continue;
                }

                if (!byOwner.TryGetValue(owner.Entity, out var fields))
                {
                    byOwner[owner.Entity] = fields = [];
                }

                fields.Add(FieldChange.Of($"{group.Key.Navigation}.{name}", Stored(property.Metadata, oldValue), Stored(property.Metadata, newValue), PersonalData.SensitivityOf(property.Metadata)));
            }
        }

        return byOwner;
    }

    /// <summary>The tracked row that owns <paramref name="ownedEntry"/>: the principal whose key its foreign key holds.</summary>
    private static EntityEntry? OwnerOf(EntityEntry ownedEntry, List<EntityEntry> entries)
    {
        var ownership = ownedEntry.Metadata.FindOwnership()!;
        var keyValues = ownership.Properties.Select(p => ownedEntry.Property(p.Name).CurrentValue).ToList();
        return entries.FirstOrDefault(e =>
            ownership.PrincipalEntityType.IsAssignableFrom(e.Metadata)
            && ownership.PrincipalKey.Properties.Select(p => e.Property(p.Name).CurrentValue).SequenceEqual(keyValues));
    }

    internal sealed record PendingChange(EntityEntry Entry, AuditAction Action, IReadOnlyList<FieldChange> Fields)
    {
        public bool HasTemporaryKey => Entry.Properties.Any(p => p.Metadata.IsPrimaryKey() && p.IsTemporary);

        public AuditEntry ToEntry(Actor actor, DateTime at) =>
            EntryOf(Entry.Metadata, p => Entry.Property(p.Name).CurrentValue, Action, Fields, actor, at);
    }
}
