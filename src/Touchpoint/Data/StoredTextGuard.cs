using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Touchpoint.Domain.Platform;

namespace Touchpoint.Data;

/// <summary>
/// The last check before the database, the same on SQLite and PostgreSQL: no text longer than its column's limit
/// (SQLite would store it, PostgreSQL refuse it with an error) and none that <see cref="WrittenText"/> refuses
/// (PostgreSQL cannot store a NUL). Endpoints check what a person sends with words of their own; this catches what
/// any path, a page or a new endpoint, forgot, before anything is written.
/// </summary>
public static class StoredTextGuard
{
    public static void Check(ChangeTracker tracker)
    {
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            foreach (var property in entry.Properties)
            {
                if (property.CurrentValue is not string text || (entry.State == EntityState.Modified && !property.IsModified))
                {
                    continue;
                }

                var field = JsonNamingPolicy.CamelCase.ConvertName(property.Metadata.Name);
                if (property.Metadata.GetMaxLength() is { } max && text.Length > max)
                {
                    throw new StoredTextRefusedException(entry.Metadata.ClrType.Name, field, $"{field} is longer than {max} characters ({text.Length}).");
                }

                if (WrittenText.Problem(text) is { } problem)
                {
                    throw new StoredTextRefusedException(entry.Metadata.ClrType.Name, field, problem);
                }
            }
        }
    }
}

/// <summary>A text <see cref="StoredTextGuard"/> refused; nothing of the unit of work was saved.</summary>
public sealed class StoredTextRefusedException(string entity, string field, string problem)
    : Exception($"{entity}.{field} cannot be stored: {problem}")
{
    public string Entity { get; } = entity;

    /// <summary>The refused property, camelCase as the API's fields are named.</summary>
    public string Field { get; } = field;

    public string Problem { get; } = problem;
}
