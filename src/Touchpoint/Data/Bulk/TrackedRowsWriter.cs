using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Touchpoint.Features.Audit;
using Touchpoint.Features.Live;
using Touchpoint.Hosting;

namespace Touchpoint.Data.Bulk;

/// <summary>
/// Writes the rows a unit of work adds with <see cref="BulkWriter"/>'s prepared inserts instead of EF's generated
/// batches, then marks them stored, so the save that follows only has the rest. Each row gets the audit entry
/// and the live topics the save would have given it. For work that adds many rows of a few kinds in one transaction
/// (a batch of arrived mail): EF compiles and binds every insert of a batch anew, which cost several times what SQLite
/// spends storing the rows.
/// </summary>
/// <remarks>
/// A row is left to EF's save when the bulk path could not write it as EF would: its key is made by the database and
/// something may need it (only derived rows, which nothing refers to and nobody audits, are written without knowing
/// their key); it refers to a row of its own kind added in the same work; its kind has a shape the writer refuses
/// (<see cref="BulkTable"/>); or it refers to an added row left to EF, which is written only afterwards.
/// </remarks>
internal static class TrackedRowsWriter
{
    /// <summary>
    /// Writes the added rows of <paramref name="db"/>'s change tracker it can, with their audit entries by
    /// <paramref name="actor"/> at <paramref name="now"/>, in the open transaction; returns how many. Changes must
    /// have been detected; the caller saves the rest.
    /// </summary>
    public static async Task<int> WriteAddedAsync(TouchpointDbContext db, Actor actor, DateTime now, CancellationToken cancellationToken)
    {
        var added = db.ChangeTracker.Entries()
            .Where(e => e.State == EntityState.Added && !e.Metadata.IsOwned())
            .GroupBy(e => e.Metadata)
            .ToDictionary(g => g.Key, g => g.ToList());
        var writable = WritableKinds(db, added);
        if (writable.Count == 0)
        {
            return 0;
        }

        var rows = writable.SelectMany(kind => added[kind.EntityType]).ToList();
        // Entries are new wrappers at every enumeration: the rows are known by their entities.
        var entities = rows.Select(e => e.Entity).ToHashSet(ReferenceEqualityComparer.Instance);
        var audited = AuditTrail.Capture(db.ChangeTracker).Where(change => entities.Contains(change.Entry.Entity)).Select(change => change.ToEntry(actor, now)).ToList();
        var topics = new HashSet<string>(StringComparer.Ordinal);
        await using (var writer = BulkWriter.Create(db))
        {
            foreach (var kind in writable)
            {
                var entries = added[kind.EntityType];
                foreach (var entry in entries)
                {
                    LiveTopics.Of(entry, topics);
                }

                await writer.WriteRowsAsync(kind.Table, InAddedOrder(entries).Select(e => e.Entity), cancellationToken);
            }

            await writer.WriteAuditEntriesAsync(audited, cancellationToken);
        }

        LiveChangeCapture.Of(db)?.PublishAtCommit(db, topics);
        foreach (var entry in rows)
        {
            // Rows keyed by the database are known to nothing else; the others stay tracked, as stored, for the rows
            // EF still saves to refer to (detaching a principal would make EF drop its added dependents).
            var stored = entry.Properties.Any(p => p.Metadata.IsPrimaryKey() && p.IsTemporary) ? EntityState.Detached : EntityState.Unchanged;
            foreach (var owned in entry.References.Where(r => r.Metadata.TargetEntityType.IsOwned() && r.TargetEntry is not null))
            {
                owned.TargetEntry!.State = stored;
            }

            entry.State = stored;
        }

        return rows.Count;
    }

    private sealed record WritableKind(IEntityType EntityType, BulkTable Table);

    /// <summary>The kinds of added row to write, principals before the rows that refer to them.</summary>
    private static List<WritableKind> WritableKinds(TouchpointDbContext db, Dictionary<IEntityType, List<EntityEntry>> added)
    {
        var tables = new Dictionary<IEntityType, BulkTable>();
        foreach (var (entityType, entries) in added)
        {
            if (TableFor(entityType, entries) is { } table && BulkWriter.CanWrite(table, db))
            {
                tables[entityType] = table;
            }
        }

        while (true)
        {
            // A kind referring to an added kind EF writes must wait for EF too; repeat until nothing more moves.
            bool moved;
            do
            {
                moved = false;
                foreach (var entityType in tables.Keys.ToList())
                {
                    if (Principals(entityType).Any(principal => principal != entityType && added.ContainsKey(principal) && !tables.ContainsKey(principal)))
                    {
                        tables.Remove(entityType);
                        moved = true;
                    }
                }
            }
            while (moved);

            var ordered = new List<WritableKind>(tables.Count);
            var placed = new HashSet<IEntityType>();
            while (ordered.Count < tables.Count
                   && tables.Keys.FirstOrDefault(t => !placed.Contains(t) && Principals(t).All(p => p == t || !tables.ContainsKey(p) || placed.Contains(p))) is { } next)
            {
                ordered.Add(new WritableKind(next, tables[next]));
                placed.Add(next);
            }

            if (ordered.Count == tables.Count)
            {
                return ordered;
            }

            // Kinds that refer to each other in a circle are EF's to order.
            foreach (var entityType in tables.Keys.Where(t => !placed.Contains(t)).ToList())
            {
                tables.Remove(entityType);
            }
        }
    }

    private static BulkTable? TableFor(IEntityType entityType, List<EntityEntry> entries)
    {
        if (entityType.GetTableName() is null)
        {
            return null;
        }

        var keyMadeByDatabase = entries.Any(e => e.Properties.Any(p => p.Metadata.IsPrimaryKey() && p.IsTemporary));
        if (keyMadeByDatabase && (!typeof(IDerivedRow).IsAssignableFrom(entityType.ClrType) || entityType.GetReferencingForeignKeys().Any()))
        {
            return null;
        }

        var selfReferences = entityType.GetForeignKeys().Where(fk => fk.PrincipalEntityType == entityType).ToList();
        if (selfReferences.Count > 0 && entries.Any(e => selfReferences.Any(fk => fk.Properties.Any(p => e.Property(p.Name).CurrentValue is not null))))
        {
            return null;
        }

        try
        {
            return BulkTable.ForTrackedRows(entityType);
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    private static IEnumerable<IEntityType> Principals(IEntityType entityType) =>
        entityType.GetForeignKeys().Select(fk => fk.PrincipalEntityType);

    /// <summary>Rows keyed by the database keep the order they were added in (their temporary keys count up), so ids order them as EF's save would.</summary>
    private static IEnumerable<EntityEntry> InAddedOrder(List<EntityEntry> entries)
    {
        var key = entries[0].Metadata.FindPrimaryKey()?.Properties is [var single] ? single : null;
        return key is not null && entries[0].Property(key.Name).IsTemporary
            ? entries.OrderBy(e => e.Property(key.Name).CurrentValue)
            : entries;
    }
}
