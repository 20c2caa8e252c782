using System.Globalization;
using Touchpoint.Domain.Platform;

namespace Touchpoint.Domain.Customers;

/// <summary>
/// The clock a customer lives by: their jurisdiction's time zone. Every time written to a customer is in it, named, so
/// "we call you back by 14:20" means 14:20 where they are.
/// </summary>
public static class JurisdictionTimes
{
    /// <summary>The IANA time zone of <paramref name="jurisdiction"/>, e.g. Europe/Stockholm for SE.</summary>
    public static string TimeZoneId(Jurisdiction jurisdiction) => jurisdiction switch
    {
        Jurisdiction.SE => "Europe/Stockholm",
        Jurisdiction.DK => "Europe/Copenhagen",
        Jurisdiction.NL => "Europe/Amsterdam",
        Jurisdiction.NO => "Europe/Oslo",
        Jurisdiction.FI => "Europe/Helsinki",
        Jurisdiction.DE => "Europe/Berlin",
        _ => throw new ArgumentOutOfRangeException(nameof(jurisdiction), jurisdiction, "Unknown jurisdiction."),
    };

    public static TimeZoneInfo TimeZone(Jurisdiction jurisdiction) => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId(jurisdiction));

    /// <summary>A UTC instant as the customer reads it: "7 December 2026 at 10:20 (Stockholm time)".</summary>
    public static string ForCustomer(DateTime utc, Jurisdiction jurisdiction)
    {
        if (utc.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException("Give the instant in UTC.", nameof(utc));
        }

        var zoneId = TimeZoneId(jurisdiction);
        var local = TimeZoneInfo.ConvertTimeFromUtc(utc, TimeZoneInfo.FindSystemTimeZoneById(zoneId));
        return string.Create(CultureInfo.InvariantCulture, $"{local:d MMMM yyyy} at {local:HH:mm} ({WallClock.ZoneName(zoneId)})");
    }

    /// <summary>As above for a stored jurisdiction (its wire name); in UTC, named so, when it is not one Touchpoint knows.</summary>
    public static string ForCustomer(DateTime utc, string? jurisdiction) =>
        Jurisdictions.TryParse(jurisdiction, out var known, out _)
            ? ForCustomer(utc, known)
            : string.Create(CultureInfo.InvariantCulture, $"{utc:d MMMM yyyy} at {utc:HH:mm} (UTC)");
}
