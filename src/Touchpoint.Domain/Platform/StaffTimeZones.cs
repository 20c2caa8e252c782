using Touchpoint.Domain.Customers;

namespace Touchpoint.Domain.Platform;

/// <summary>
/// The clock a member of staff reads times by: the zone they chose, else the one their team lead chose (a team
/// usually sits together), else the zone of the operator's home country.
/// </summary>
public static class StaffTimeZones
{
    /// <summary>The IANA id of the zone a user's times are shown in.</summary>
    public static string ZoneOf(string? own, string? teamLeads, Jurisdiction homeCountry) =>
        own ?? teamLeads ?? JurisdictionTimes.TimeZoneId(homeCountry);

    /// <summary>
    /// The zone <paramref name="zoneId"/> names, when it is an IANA id this machine knows ("Europe/Stockholm"; not a
    /// Windows name such as "W. Europe Standard Time", which the picker never offers and other nodes may not know).
    /// </summary>
    public static bool TryFind(string? zoneId, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        // Lookups may ignore case; only the zone's own spelling is stored.
        if (string.IsNullOrWhiteSpace(zoneId) || !TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var found) || !found.HasIanaId
            || !string.Equals(found.Id, zoneId, StringComparison.Ordinal))
        {
            return false;
        }

        zone = found;
        return true;
    }

    /// <summary>The zones a user can choose: Europe's first (where Touchpoint's operators are), then the rest, each by name.</summary>
    public static IReadOnlyList<string> Choices { get; } =
        [.. TimeZoneInfo.GetSystemTimeZones()
            .Where(z => z.HasIanaId && (z.Id.Contains('/', StringComparison.Ordinal) || z.Id == "UTC"))
            .Select(z => z.Id)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(id => id.StartsWith("Europe/", StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(id => id, StringComparer.Ordinal)];
}
