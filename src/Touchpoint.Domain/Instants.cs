using System.Globalization;

namespace Touchpoint.Domain;

/// <summary>Instants in messages are ISO 8601 UTC, so a message reads the same in logs, tests and any culture.</summary>
internal static class Instants
{
    public static string Iso(DateTime instant) =>
        instant.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
