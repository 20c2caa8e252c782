using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Touchpoint.Data;

/// <summary>
/// Every timestamp is stored as UTC. A local or unspecified time reaching the database is a bug,
/// so it is refused rather than silently shifted; values read back are marked UTC.
/// </summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => EnsureUtc(value),
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc))
{
    private static DateTime EnsureUtc(DateTime value) => value.Kind == DateTimeKind.Utc
        ? value
        : throw new InvalidOperationException($"Timestamp {value:O} is {value.Kind}; Touchpoint stores UTC only.");
}
