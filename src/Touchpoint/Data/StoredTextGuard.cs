using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Touchpoint.Domain.Platform;

namespace Touchpoint.Data;

/// <summary>
/// The last check before the database, the same on SQLite and PostgreSQL: no text longer than its column's limit
/// (SQLite would store it, PostgreSQL refuse it with an error), none that <see cref="WrittenText"/> refuses
/// (PostgreSQL cannot store a NUL), and no number larger than its column's precision (the same two answers). Endpoints check what a person sends with words of their own; this catches what
/// any path, a page or a new endpoint, forgot, before anything is written.
/// </summary>
public static class StoredTextGuard
{
    public static void Check(ChangeTracker tracker)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            foreach (var property in CheckedProperties(entry.Metadata))
            {
                var value = entry.Property(property);
                if (entry.State == EntityState.Modified && !value.IsModified)
                {
                    continue;
                }

                CheckValue(entry.Metadata.ClrType.Name, property, value.CurrentValue);
            }
        }
    }

    /// <summary>The same checks for a row about to be added that the change tracker does not track (see <c>AddRow</c>).</summary>
    public static void Check(IEntityType entityType, object row)
    {
        ArgumentNullException.ThrowIfNull(entityType);
        ArgumentNullException.ThrowIfNull(row);
        foreach (var property in CheckedProperties(entityType))
        {
            CheckValue(entityType.ClrType.Name, property, property.GetGetter().GetClrValue(row));
        }
    }

    // The model does not change while the application runs: which properties hold text or numbers is read once a kind.
    private static readonly ConcurrentDictionary<IEntityType, IProperty[]> CheckedByKind = new();

    /// <summary>The properties whose values are checked: text and decimal numbers; no other value can break a column.</summary>
    private static IProperty[] CheckedProperties(IEntityType entityType) => CheckedByKind.GetOrAdd(entityType, static kind =>
        [.. kind.GetProperties()
            .Where(p => p.ClrType == typeof(string) || p.ClrType == typeof(decimal) || p.ClrType == typeof(decimal?))]);

    private static void CheckValue(string entity, IReadOnlyProperty property, object? value)
    {
        if (value is decimal number)
        {
            CheckNumber(entity, property, number);
            return;
        }

        if (value is not string text)
        {
            return;
        }

        if (property.GetMaxLength() is { } max && text.Length > max)
        {
            var field = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            throw new StoredTextRefusedException(entity, field, $"{field} is longer than {max} characters ({text.Length}).");
        }

        if (WrittenText.Problem(text) is { } problem)
        {
            throw new StoredTextRefusedException(entity, JsonNamingPolicy.CamelCase.ConvertName(property.Name), problem);
        }
    }

    /// <summary>
    /// A number too large for its column's precision: PostgreSQL refuses it with an error (numeric field overflow),
    /// SQLite would store it. Checked after rounding to the column's scale, as PostgreSQL rounds before it compares.
    /// </summary>
    private static void CheckNumber(string entity, IReadOnlyProperty property, decimal number)
    {
        if (property.GetPrecision() is not { } precision)
        {
            return;
        }

        var scale = property.GetScale() ?? 0;
        var bound = Power10(precision - scale);
        if (Math.Abs(Math.Round(number, scale, MidpointRounding.AwayFromZero)) >= bound)
        {
            var field = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            var largest = bound - Power10(-scale);
            throw new StoredTextRefusedException(entity, field,
                $"{field} is too large for its column: at most {largest.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
        }
    }

    private static decimal Power10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < Math.Abs(exponent); i++)
        {
            result = exponent > 0 ? result * 10 : result / 10;
        }

        return result;
    }
}

/// <summary>A text or number <see cref="StoredTextGuard"/> refused; nothing of the unit of work was saved.</summary>
public sealed class StoredTextRefusedException(string entity, string field, string problem)
    : Exception($"{entity}.{field} cannot be stored: {problem}")
{
    public string Entity { get; } = entity;

    /// <summary>The refused property, camelCase as the API's fields are named.</summary>
    public string Field { get; } = field;

    public string Problem { get; } = problem;
}
