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

    /// <summary>Every field the export of <paramref name="entityTypes"/> can write, owned records and their fields included.</summary>
    public static IReadOnlyList<IReadOnlyPropertyBase> FieldsIn(IReadOnlyModel model, IEnumerable<Type> entityTypes)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(entityTypes);
        var fields = new List<IReadOnlyPropertyBase>();
        foreach (var type in entityTypes)
        {
            Collect(model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model."), fields);
        }

        return fields;
    }

    private static void Collect(IReadOnlyEntityType entityType, List<IReadOnlyPropertyBase> fields)
    {
        fields.AddRange(PropertiesOf(entityType));
        foreach (var owned in OwnedOf(entityType))
        {
            fields.Add(owned);
            Collect(owned.TargetEntityType, fields);
        }
    }
}
