using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Touchpoint.Data.Bulk;

/// <summary>One column as EF maps it: its name, its type mapping and how to read its stored value off an entity.</summary>
internal sealed class BulkColumn(string name, RelationalTypeMapping mapping, Func<object, object?> read)
{
    public string Name { get; } = name;
    public RelationalTypeMapping Mapping { get; } = mapping;

    /// <summary>The type of <see cref="ProviderValue"/> when it is not null.</summary>
    public Type ProviderClrType { get; } = NonNullable(mapping.Converter?.ProviderClrType ?? mapping.ClrType);

    /// <summary>The PostgreSQL type name without facets ("character varying", "numeric"), as COPY expects it.</summary>
    public string PostgresType { get; } = mapping.StoreTypeNameBase;

    /// <summary>The value as the provider stores it: after EF's value converter (enum to string, UTC check, …).</summary>
    public object? ProviderValue(object entity)
    {
        var value = read(entity);
        return value is null || Mapping.Converter is not { } converter ? value : converter.ConvertToProvider(value);
    }

    private static Type NonNullable(Type type) => Nullable.GetUnderlyingType(type) ?? type;
}

/// <summary>The table of one entity type, read from the EF model.</summary>
internal sealed class BulkTable
{
    private BulkTable(string name, string? schema, IReadOnlyList<BulkColumn> columns)
    {
        Name = name;
        Schema = schema;
        Columns = columns;
    }

    public string Name { get; }
    public string? Schema { get; }
    public IReadOnlyList<BulkColumn> Columns { get; }

    /// <summary>
    /// Every mapped column except those the database generates. Fails at once for what the writer cannot
    /// write faithfully — a shadow property, an owned type in another table, a collection it does not
    /// handle — rather than silently storing rows EF would not.
    /// </summary>
    public static BulkTable For<T>(IModel model, IReadOnlyCollection<string>? handledCollections = null) =>
        For(model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not part of the EF model."),
            navigation => handledCollections?.Contains(navigation.Name) == true);

    /// <summary>
    /// The table of <paramref name="entityType"/>, for rows tracked one entry each (<see cref="TrackedRowsWriter"/>): its
    /// collections are rows of their own, written from their own entries.
    /// </summary>
    public static BulkTable ForTrackedRows(IEntityType entityType) => For(entityType, _ => true);

    private static BulkTable For(IEntityType entityType, Func<INavigation, bool> collectionWrittenApart)
    {
        var typeName = entityType.ClrType.Name;
        var tableName = entityType.GetTableName()
            ?? throw new InvalidOperationException($"{typeName} is not mapped to a table.");
        var table = StoreObjectIdentifier.Table(tableName, entityType.GetSchema());
        var columns = new List<BulkColumn>();

        foreach (var property in entityType.GetProperties())
        {
            if (IsGeneratedByDatabase(property))
            {
                continue;
            }

            var getter = property.GetGetter();
            columns.Add(Column(property, table, entity => getter.GetClrValue(entity)));
        }

        foreach (var navigation in entityType.GetNavigations())
        {
            if (navigation.TargetEntityType.IsOwned() && !navigation.IsCollection)
            {
                var owned = navigation.TargetEntityType;
                if (owned.GetTableName() != tableName || owned.GetSchema() != table.Schema)
                {
                    throw new NotSupportedException($"{typeName}.{navigation.Name} is stored in its own table; BulkWriter writes owned types only when they share the owner's table.");
                }

                var ownerGetter = navigation.GetGetter();
                foreach (var property in owned.GetProperties())
                {
                    if (property.IsPrimaryKey())
                    {
                        // The owner's key, already written by the owner's own column.
                        continue;
                    }

                    var getter = property.GetGetter();
                    columns.Add(Column(property, table, entity => ownerGetter.GetClrValue(entity) is { } value ? getter.GetClrValue(value) : null));
                }
            }
            else if (navigation.IsCollection && !collectionWrittenApart(navigation))
            {
                throw new NotSupportedException($"{typeName}.{navigation.Name} is a collection BulkWriter does not write; extend BulkWriter before bulk-writing {typeName}.");
            }
        }

        return new BulkTable(tableName, table.Schema, columns);
    }

    private static BulkColumn Column(IProperty property, StoreObjectIdentifier table, Func<object, object?> read)
    {
        if (property.IsShadowProperty())
        {
            throw new NotSupportedException($"{property.DeclaringType.DisplayName()}.{property.Name} is a shadow property; BulkWriter cannot read it from the entity. Give it a CLR property or extend BulkWriter.");
        }

        var column = property.GetColumnName(table)
            ?? throw new InvalidOperationException($"{property.DeclaringType.DisplayName()}.{property.Name} has no column in {table.Name}.");
        var mapping = property.GetRelationalTypeMapping();
        return new BulkColumn(column, mapping, read);
    }

    /// <summary>Integer keys (identity / autoincrement) and computed columns are the database's to fill.</summary>
    private static bool IsGeneratedByDatabase(IProperty property) =>
        property.GetComputedColumnSql(StoreObjectIdentifier.Table(property.DeclaringType.GetTableName()!, property.DeclaringType.GetSchema())) is not null
        || (property.IsPrimaryKey()
            && property.ValueGenerated.HasFlag(ValueGenerated.OnAdd)
            && (Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType) is var type
            && (type == typeof(long) || type == typeof(int) || type == typeof(short)));
}
