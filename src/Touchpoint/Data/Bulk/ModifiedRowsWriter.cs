using System.Collections.Concurrent;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Touchpoint.Features.Live;
using Touchpoint.Hosting;

namespace Touchpoint.Data.Bulk;

/// <summary>
/// Writes the changed rows of a unit of work on SQLite with one prepared <c>UPDATE</c> per kind and set of changed
/// columns (<see cref="SqliteInsertStatement"/>) instead of EF's save, then accepts them as stored, so the save that
/// follows only has the rest. For work that changes hundreds of rows of a few kinds in one transaction (an outbox
/// batch claimed and completed, the cases its replies count on): EF builds, binds and runs each UPDATE as a command of
/// its own, which cost several times what SQLite spends on the rows. The caller captures the audit entries before
/// (they are the same whichever writes the row); the live topics are published at the commit, as a save's are.
/// </summary>
/// <remarks>
/// Each row is written as EF writes it: only its changed columns, found by its key, and when the kind has concurrency
/// tokens only while they still hold their original values; a row that is gone or was changed meanwhile fails the
/// work with <see cref="DbUpdateConcurrencyException"/>, as EF's save would. A row is left to EF's save when EF would
/// have to order it among its own commands or fill values itself: its kind has owned values, an inheritance, values
/// the database makes on update, or deleted rows in the same work; a changed foreign key may point at a row EF has
/// yet to insert; its key changed; a concurrency token was null.
/// </remarks>
internal static class ModifiedRowsWriter
{
    /// <summary>
    /// Writes what it can of the modified rows tracked by <paramref name="db"/> in its open SQLite transaction, adding
    /// the live topics they touch to <paramref name="topics"/>; returns how many. Changes must have been detected.
    /// </summary>
    public static int Write(TouchpointDbContext db, ISet<string> topics)
    {
        if (db.Database.CurrentTransaction?.GetDbTransaction() is not SqliteTransaction { Connection: { } connection })
        {
            return 0;
        }

        var entries = db.ChangeTracker.Entries().ToList();
        var deletedKinds = entries.Where(e => e.State == EntityState.Deleted).Select(e => e.Metadata).ToHashSet();
        var addedKinds = entries.Where(e => e.State == EntityState.Added).Select(e => e.Metadata).ToHashSet();
        var modified = new List<(EntityEntry Entry, List<IProperty> Set)>();
        foreach (var entry in entries)
        {
            if (entry.State == EntityState.Modified && ChangedColumns(entry, deletedKinds, addedKinds) is { } set)
            {
                modified.Add((entry, set));
            }
        }

        if (modified.Count == 0)
        {
            return 0;
        }

        var statements = new Dictionary<string, Update>(StringComparer.Ordinal);
        try
        {
            foreach (var (entry, set) in modified)
            {
                var kind = KindOf(entry.Metadata);
                var shape = $"{entry.Metadata.Name}|{string.Join(',', set.Select(p => p.Name))}";
                if (!statements.TryGetValue(shape, out var update))
                {
                    update = new Update(Prepare(db, connection, kind, set), set);
                    statements[shape] = update;
                }

                var values = new object?[set.Count + kind.Where.Count];
                for (var i = 0; i < set.Count; i++)
                {
                    values[i] = ProviderValue(set[i], entry.Property(set[i]).CurrentValue);
                }

                for (var i = 0; i < kind.Where.Count; i++)
                {
                    var property = entry.Property(kind.Where[i]);
                    values[set.Count + i] = ProviderValue(kind.Where[i], kind.Where[i].IsPrimaryKey() ? property.CurrentValue : property.OriginalValue);
                }

                if (update.Statement.Execute(values) != 1)
                {
                    throw new DbUpdateConcurrencyException(
                        $"The database operation was expected to affect 1 row(s), but actually affected 0 row(s); the {entry.Metadata.DisplayName()} may have been changed or deleted since it was loaded.");
                }

                if (!set.All(TimerFieldAttribute.IsOn))
                {
                    LiveTopics.Of(entry, topics);
                }
            }
        }
        finally
        {
            foreach (var update in statements.Values)
            {
                update.Statement.Dispose();
            }
        }

        foreach (var (entry, set) in modified)
        {
            // Stored: what it holds now is what the database holds, as EF's save leaves a row it wrote.
            foreach (var property in set)
            {
                var value = entry.Property(property);
                value.OriginalValue = value.CurrentValue;
            }

            entry.State = EntityState.Unchanged;
        }

        return modified.Count;
    }

    /// <summary>A prepared UPDATE of one kind's <paramref name="Set"/> columns, found by its key and concurrency tokens.</summary>
    private sealed record Update(SqliteInsertStatement Statement, List<IProperty> Set);

    /// <summary>What the model says of a kind, read once: whether its changed rows can be written here, and how.</summary>
    private sealed record Kind(bool Writable, StoreObjectIdentifier Table, IReadOnlyList<IProperty> Properties, List<IProperty> Where, IReadOnlySet<IProperty> Settable);

    // The model does not change while the application runs.
    private static readonly ConcurrentDictionary<IEntityType, Kind> Kinds = new();

    private static Kind KindOf(IEntityType entityType) => Kinds.GetOrAdd(entityType, static kind =>
    {
        var tableName = kind.GetTableName();
        var table = StoreObjectIdentifier.Table(tableName ?? "", kind.GetSchema());
        IReadOnlyList<IProperty> properties = [.. kind.GetProperties()];
        var writable = tableName is not null && !kind.IsOwned() && kind.BaseType is null && !kind.GetDerivedTypes().Any()
            && !kind.GetNavigations().Any(n => n.TargetEntityType.IsOwned()) && !kind.GetComplexProperties().Any() && kind.FindPrimaryKey() is not null
            && !properties.Any(p => p.ValueGenerated.HasFlag(ValueGenerated.OnUpdate) || p.GetComputedColumnSql(table) is not null);
        var where = writable ? kind.FindPrimaryKey()!.Properties.Concat(properties.Where(p => p.IsConcurrencyToken)).ToList() : [];
        var settable = properties.Where(p => !p.IsPrimaryKey() && SqliteInsertStatement.SupportedTypes.Contains(ProviderType(p))).ToHashSet();
        return new Kind(writable && where.All(p => SqliteInsertStatement.SupportedTypes.Contains(ProviderType(p))), table, properties, where, settable);
    });

    /// <summary>The columns to write of a changed row, or null when it is left to EF's save.</summary>
    private static List<IProperty>? ChangedColumns(EntityEntry entry, HashSet<IEntityType> deletedKinds, HashSet<IEntityType> addedKinds)
    {
        var kind = KindOf(entry.Metadata);
        if (!kind.Writable || deletedKinds.Contains(entry.Metadata))
        {
            return null;
        }

        var set = new List<IProperty>();
        foreach (var property in kind.Properties)
        {
            var value = entry.Property(property);
            if ((property.IsConcurrencyToken && value.OriginalValue is null) || (value.IsModified
                && (!kind.Settable.Contains(property) || (property.IsForeignKey() && property.GetContainingForeignKeys().Any(fk => addedKinds.Contains(fk.PrincipalEntityType))))))
            {
                return null;
            }

            if (value.IsModified)
            {
                set.Add(property);
            }
        }

        return set.Count == 0 ? null : set;
    }

    private static SqliteInsertStatement Prepare(TouchpointDbContext db, SqliteConnection connection, Kind kind, List<IProperty> set)
    {
        var (table, where) = (kind.Table, kind.Where);
        var sql = db.GetService<ISqlGenerationHelper>();
        var text = new StringBuilder().Append("UPDATE ").Append(sql.DelimitIdentifier(table.Name, table.Schema)).Append(" SET ")
            .AppendJoin(", ", set.Select((p, i) => $"{sql.DelimitIdentifier(p.GetColumnName(table)!)} = ?{i + 1}"))
            .Append(" WHERE ")
            .AppendJoin(" AND ", where.Select((p, i) => $"{sql.DelimitIdentifier(p.GetColumnName(table)!)} = ?{set.Count + i + 1}"));
        return new SqliteInsertStatement(connection, text.ToString(), [.. set.Concat(where).Select(ProviderType)]);
    }

    private static Type ProviderType(IProperty property)
    {
        var mapping = property.GetRelationalTypeMapping();
        var type = mapping.Converter?.ProviderClrType ?? mapping.ClrType;
        return Nullable.GetUnderlyingType(type) ?? type;
    }

    private static object? ProviderValue(IProperty property, object? value) =>
        value is null || property.GetRelationalTypeMapping().Converter is not { } converter ? value : converter.ConvertToProvider(value);
}
