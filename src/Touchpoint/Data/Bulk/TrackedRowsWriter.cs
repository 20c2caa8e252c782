using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Touchpoint.Features.Audit;
using Touchpoint.Features.Live;
using Touchpoint.Hosting;

namespace Touchpoint.Data.Bulk;

/// <summary>
/// Writes the rows a unit of work adds with <see cref="BulkWriter"/>'s prepared inserts instead of EF's generated
/// batches, then marks them stored, so the save that follows only has the rest: the tracked ones and those added aside
/// from the change tracker (<see cref="TouchpointDbContext.AddRow{T}"/>). Each row gets the audit entry
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
    /// Writes the added rows of <paramref name="db"/>'s change tracker it can, and <paramref name="aside"/> (rows added
    /// without tracking them), with their audit entries by <paramref name="actor"/> at <paramref name="now"/>, in the
    /// open transaction; returns how many. Changes must have been detected; the caller saves the rest. A row aside that
    /// cannot be written here is added to the change tracker, for the save that follows.
    /// </summary>
    public static async Task<int> WriteAddedAsync(
        TouchpointDbContext db, IReadOnlyList<RowAside> aside, Actor actor, DateTime now, CancellationToken cancellationToken)
    {
        var added = db.ChangeTracker.Entries()
            .Where(e => e.State == EntityState.Added && !e.Metadata.IsOwned())
            .GroupBy(e => e.Metadata)
            .ToDictionary(g => g.Key, g => g.ToList());
        var asideByKind = aside.GroupBy(a => a.EntityType).ToDictionary(g => g.Key, g => g.Select(a => a.Row).ToList());
        var writable = WritableKinds(db, added, asideByKind);
        foreach (var rows in asideByKind.Where(k => !writable.Any(w => w.EntityType == k.Key)).Select(k => k.Value))
        {
            foreach (var row in rows)
            {
                db.Add(row);
            }
        }

        if (writable.Count == 0)
        {
            return 0;
        }

        var tracked = writable.SelectMany(kind => added.GetValueOrDefault(kind.EntityType) ?? []).ToList();
        // Entries are new wrappers at every enumeration: the rows are known by their entities.
        var entities = tracked.Select(e => e.Entity).ToHashSet(ReferenceEqualityComparer.Instance);
        var audited = AuditTrail.Capture(db.ChangeTracker).Where(change => entities.Contains(change.Entry.Entity)).Select(change => change.ToEntry(actor, now)).ToList();
        var topics = new HashSet<string>(StringComparer.Ordinal);
        var written = 0;
        await using (var writer = BulkWriter.Create(db))
        {
            foreach (var kind in writable)
            {
                var entries = added.GetValueOrDefault(kind.EntityType) ?? [];
                foreach (var entry in entries)
                {
                    LiveTopics.Of(entry, topics);
                }

                var rowsAside = asideByKind.GetValueOrDefault(kind.EntityType) ?? [];
                foreach (var row in rowsAside)
                {
                    LiveTopics.OfAdded(kind.EntityType, row, topics);
                    if (AuditTrail.CreatedEntry(kind.EntityType, row, actor, now) is { } entry)
                    {
                        audited.Add(entry);
                    }
                }

                // Rows aside come after the tracked rows of their kind. Ids the database makes follow that order, so a
                // unit of work adds rows of such a kind (timeline entries, notifications) all aside or all tracked.
                await writer.WriteRowsAsync(kind.Table, InAddedOrder(entries).Select(e => e.Entity).Concat(rowsAside), cancellationToken);
                written += entries.Count + rowsAside.Count;
            }

            await writer.WriteAuditEntriesAsync(audited, cancellationToken);
        }

        LiveChangeCapture.Of(db)?.PublishAtCommit(db, topics);
        foreach (var entry in tracked)
        {
            // Rows keyed by the database are known to nothing else; the others stay tracked, as stored, for the rows
            // EF still saves to refer to (detaching a principal would make EF drop its added dependents).
            var stored = HasTemporaryKey(entry) ? EntityState.Detached : EntityState.Unchanged;
            foreach (var owned in entry.References.Where(r => r.Metadata.TargetEntityType.IsOwned() && r.TargetEntry is not null))
            {
                owned.TargetEntry!.State = stored;
            }

            entry.State = stored;
        }

        return written;
    }

    private sealed record WritableKind(IEntityType EntityType, BulkTable Table);

    /// <summary>The kinds of added row to write, principals before the rows that refer to them.</summary>
    private static List<WritableKind> WritableKinds(
        TouchpointDbContext db, Dictionary<IEntityType, List<EntityEntry>> added, Dictionary<IEntityType, List<object>> aside)
    {
        var tables = new Dictionary<IEntityType, BulkTable>();
        foreach (var entityType in added.Keys.Union(aside.Keys))
        {
            if (TableFor(entityType, added.GetValueOrDefault(entityType) ?? [], aside.GetValueOrDefault(entityType) ?? []) is { } table && BulkWriter.CanWrite(table, db))
            {
                tables[entityType] = table;
            }
        }

        bool IsAdded(IEntityType entityType) => added.ContainsKey(entityType) || aside.ContainsKey(entityType);
        while (true)
        {
            // A kind referring to an added kind EF writes must wait for EF too; repeat until nothing more moves.
            bool moved;
            do
            {
                moved = false;
                foreach (var entityType in tables.Keys.ToList())
                {
                    if (Principals(entityType).Any(principal => principal != entityType && IsAdded(principal) && !tables.ContainsKey(principal)))
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

    private static BulkTable? TableFor(IEntityType entityType, List<EntityEntry> entries, List<object> aside)
    {
        if (entityType.GetTableName() is null)
        {
            return null;
        }

        var keyMadeByDatabase = entries.Any(HasTemporaryKey) || (aside.Count > 0 && KeyMadeByDatabase(entityType, aside));
        if (keyMadeByDatabase && (!typeof(IDerivedRow).IsAssignableFrom(entityType.ClrType) || entityType.GetReferencingForeignKeys().Any()))
        {
            return null;
        }

        var selfReferences = entityType.GetForeignKeys().Where(fk => fk.PrincipalEntityType == entityType).ToList();
        if (selfReferences.Count > 0
            && (entries.Any(e => selfReferences.Any(fk => fk.Properties.Any(p => e.Property(p.Name).CurrentValue is not null)))
                || aside.Any(row => selfReferences.Any(fk => fk.Properties.Any(p => p.GetGetter().GetClrValue(row) is not null)))))
        {
            return null;
        }

        return Tables.GetOrAdd(entityType, static entityType =>
        {
            try
            {
                return BulkTable.ForTrackedRows(entityType);
            }
            catch (NotSupportedException)
            {
                return null;
            }
        });
    }

    // The model does not change while the application runs: each kind's table is read from it once.
    private static readonly ConcurrentDictionary<IEntityType, BulkTable?> Tables = new();

    private static bool HasTemporaryKey(EntityEntry entry) =>
        entry.Metadata.FindPrimaryKey() is { } key && key.Properties.Any(p => entry.Property(p.Name).IsTemporary);

    /// <summary>Rows aside whose key the database makes: an integer key generated on add, not set.</summary>
    private static bool KeyMadeByDatabase(IEntityType entityType, List<object> aside) =>
        entityType.FindPrimaryKey() is { Properties: [var key] } && key.ValueGenerated.HasFlag(ValueGenerated.OnAdd)
        && aside.Any(row => key.GetGetter().HasSentinelValue(row));

    private static IEnumerable<IEntityType> Principals(IEntityType entityType) =>
        entityType.GetForeignKeys().Select(fk => fk.PrincipalEntityType);

    /// <summary>Rows keyed by the database keep the order they were added in (their temporary keys count up), so ids order them as EF's save would.</summary>
    private static IEnumerable<EntityEntry> InAddedOrder(List<EntityEntry> entries)
    {
        if (entries.Count == 0)
        {
            return entries;
        }

        var key = entries[0].Metadata.FindPrimaryKey()?.Properties is [var single] ? single : null;
        return key is not null && entries[0].Property(key.Name).IsTemporary
            ? entries.OrderBy(e => e.Property(key.Name).CurrentValue)
            : entries;
    }
}
