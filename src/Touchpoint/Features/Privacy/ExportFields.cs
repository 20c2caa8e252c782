using Microsoft.EntityFrameworkCore.Metadata;
using Touchpoint.Features.Audit;

namespace Touchpoint.Features.Privacy;

/// <summary>
/// Which fields of a row an export writes, read from the EF model: every mapped property in declaration order except
/// secrets, then every owned record. The page labels each by name, so this is also the list of names it needs labels for.
/// </summary>
public static class ExportFields
{
    /// <summary>The properties of <paramref name="entityType"/> an export writes, as declared.</summary>
    public static IEnumerable<IReadOnlyProperty> PropertiesOf(IReadOnlyEntityType entityType) =>
        entityType.GetProperties()
            .Where(p => p.PropertyInfo is not null && PersonalData.SensitivityOf(p) != FieldSensitivity.Secret)
            .OrderBy(p => p.PropertyInfo!.MetadataToken);

    /// <summary>The owned records of <paramref name="entityType"/> an export writes inside its rows, as declared.</summary>
    public static IEnumerable<IReadOnlyNavigation> OwnedOf(IReadOnlyEntityType entityType) =>
        entityType.GetNavigations()
            .Where(n => n.TargetEntityType.IsOwned() && n.PropertyInfo is not null)
            .OrderBy(n => n.PropertyInfo!.MetadataToken);

    /// <summary>Every field name the export of <paramref name="entityTypes"/> can write, owned records' fields included.</summary>
    public static IReadOnlySet<string> NamesIn(IReadOnlyModel model, IEnumerable<Type> entityTypes)
    {
        ArgumentNullException.ThrowIfNull(model);
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in entityTypes)
        {
            Collect(model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model."), names);
        }

        return names;
    }

    private static void Collect(IReadOnlyEntityType entityType, SortedSet<string> names)
    {
        names.UnionWith(PropertiesOf(entityType).Select(p => p.Name));
        foreach (var owned in OwnedOf(entityType))
        {
            names.Add(owned.Name);
            Collect(owned.TargetEntityType, names);
        }
    }
}
