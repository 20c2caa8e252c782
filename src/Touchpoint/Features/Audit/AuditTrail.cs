using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Audit;

/// <summary>
/// A row derived from another, audited row in the same transaction (a timeline entry, a search token).
/// Auditing it again would double the log without saying anything new.
/// </summary>
public interface IDerivedRow;

/// <summary>Turns the pending changes of a unit of work into audit entries.</summary>
internal static class AuditTrail
{
    /// <summary>Fields whose names are enough; Identity's stamps change on every sign-in and say nothing.</summary>
    private static readonly HashSet<string> NoiseProperties = ["ConcurrencyStamp", "SecurityStamp"];

    public static List<PendingChange> Capture(ChangeTracker changeTracker)
    {
        var changes = new List<PendingChange>();
        foreach (var entry in changeTracker.Entries())
        {
            if (entry.Entity is AuditEntry or DataProtectionKey or IDerivedRow)
            {
                if (entry.Entity is AuditEntry && entry.State is EntityState.Modified or EntityState.Deleted)
                {
                    throw new InvalidOperationException("The audit log is append-only: entries cannot be changed or deleted.");
                }

                continue;
            }

            var action = entry.State switch
            {
                EntityState.Added => AuditAction.Created,
                EntityState.Modified => AuditAction.Updated,
                EntityState.Deleted => AuditAction.Deleted,
                _ => (AuditAction?)null,
            };
            if (action is null)
            {
                continue;
            }

            var fields = action == AuditAction.Updated
                ? entry.Properties.Where(p => p.IsModified && !NoiseProperties.Contains(p.Metadata.Name)).Select(p => p.Metadata.Name).ToList()
                : [];
            if (action == AuditAction.Updated && fields.Count == 0)
            {
                continue;
            }

            changes.Add(new PendingChange(entry, action.Value, fields.Count == 0 ? null : string.Join(", ", fields)));
        }

        return changes;
    }

    internal sealed record PendingChange(EntityEntry Entry, AuditAction Action, string? ChangedFields)
    {
        public bool HasTemporaryKey => Entry.Properties.Any(p => p.Metadata.IsPrimaryKey() && p.IsTemporary);

        public AuditEntry ToEntry(Actor actor, DateTime at)
        {
            var key = Entry.Metadata.FindPrimaryKey();
            var id = key is null
                ? null
                : string.Join("/", key.Properties.Select(p => Entry.Property(p.Name).CurrentValue?.ToString()));
            return AuditEntry.Create(actor, at, Action, Entry.Metadata.ClrType.Name, id, ChangedFields is null ? null : $"fields: {ChangedFields}");
        }
    }
}
