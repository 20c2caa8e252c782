using System.Collections;
using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Touchpoint.Data.Bulk;

/// <summary>A row added aside from the change tracker, with its entity type.</summary>
internal sealed record RowAside(IEntityType EntityType, object Row);

/// <summary>
/// Rows a unit of work adds without tracking them (<see cref="TouchpointDbContext.AddRow{T}"/>), in the order added. Only
/// rows that are written whole by their own table's columns stay aside: one of a kind with owned values, or with
/// related rows set on a navigation, is left to the change tracker, which writes those too.
/// </summary>
internal sealed class RowsAside(IModel model)
{
    private static readonly ConcurrentDictionary<IEntityType, IReadOnlyList<INavigationBase>?> NavigationsOf = new();

    private List<RowAside> rows = [];

    public bool TryAdd(object row)
    {
        if (model.FindEntityType(row.GetType()) is not { } entityType
            || NavigationsOf.GetOrAdd(entityType, Navigations) is not { } navigations
            || navigations.Any(navigation => HoldsRows(navigation.GetGetter().GetClrValue(row)))
            || KeyLeftToEf(entityType, row))
        {
            return false;
        }

        rows.Add(new RowAside(entityType, row));
        return true;
    }

    public IReadOnlyList<RowAside> Take()
    {
        var taken = rows;
        rows = [];
        return taken;
    }

    /// <summary>The navigations of a kind that can stay aside, or null when its rows own values the change tracker keeps apart.</summary>
    private static IReadOnlyList<INavigationBase>? Navigations(IEntityType entityType) =>
        entityType.GetNavigations().Any(n => n.TargetEntityType.IsOwned()) || entityType.GetDerivedTypes().Any() || entityType.BaseType is not null
            ? null
            : [.. entityType.GetNavigations(), .. entityType.GetSkipNavigations()];

    /// <summary>A key EF would make on adding the row (a Guid left empty); a key the database makes is written without it.</summary>
    private static bool KeyLeftToEf(IEntityType entityType, object row) =>
        entityType.FindPrimaryKey() is not { } key
        || key.Properties.Any(p => p.GetGetter().HasSentinelValue(row) && !(p.ValueGenerated.HasFlag(ValueGenerated.OnAdd) && IsInteger(p.ClrType)));

    private static bool IsInteger(Type type) => (Nullable.GetUnderlyingType(type) ?? type) is var t && (t == typeof(long) || t == typeof(int) || t == typeof(short));

    private static bool HoldsRows(object? value) => value switch
    {
        null => false,
        IEnumerable collection => collection.Cast<object>().Any(),
        _ => true,
    };
}
