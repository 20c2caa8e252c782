using System.Globalization;
using System.Text.RegularExpressions;

namespace Touchpoint.Domain.Platform;

/// <summary>
/// Instants inside text written once and read by many (a timeline entry, a notification): stored unambiguous, in UTC
/// ("2026-12-07 09:20 UTC"), and shown to each reader on their own clock by <see cref="Localize"/>, so the text a
/// Stockholm agent and a Helsinki lead read names the same moment in the time each of them lives by.
/// </summary>
public static partial class TimeStamps
{
    /// <summary>The instant as stored text carries it: "2026-12-07 09:20 UTC".</summary>
    public static string Write(DateTime utc)
    {
        if (utc.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException("Give the instant in UTC.", nameof(utc));
        }

        return utc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
    }

    /// <summary>Every stamp <see cref="Write"/> made in <paramref name="text"/>, on <paramref name="zone"/>'s clock ("7 Dec 2026 10:20").</summary>
    public static string Localize(string? text, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        return Stamp().Replace(text, match =>
            DateTime.TryParseExact(match.Groups["at"].Value, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var utc)
                ? WallClock.Format(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone)
                : match.Value);
    }

    [GeneratedRegex(@"(?<!\d)(?<at>\d{4}-\d{2}-\d{2} \d{2}:\d{2}) UTC\b", RegexOptions.CultureInvariant)]
    private static partial Regex Stamp();
}
