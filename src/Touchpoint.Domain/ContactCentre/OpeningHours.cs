using System.Globalization;
using System.Text;
using Touchpoint.Domain.Customers;

namespace Touchpoint.Domain.ContactCentre;

/// <summary>One opening on the days from <paramref name="First"/> to <paramref name="Last"/>, in the jurisdiction's local time: "Mon-Fri 08:00-20:00".</summary>
public sealed record OpeningSpan(DayOfWeek First, DayOfWeek Last, TimeOnly Opens, TimeOnly Closes)
{
    /// <summary>"Fri-Mon" runs over the weekend: Friday, Saturday, Sunday and Monday.</summary>
    public bool Covers(DayOfWeek day) => First <= Last ? day >= First && day <= Last : day >= First || day <= Last;
}

/// <summary>
/// When a queue answers, per jurisdiction and in that jurisdiction's local time, written as staff write it:
/// <c>SE Mon-Fri 08:00-20:00, Sat 10:00-16:00; DK Mon-Fri 08:00-18:00</c>. A jurisdiction not named is served at any
/// hour (a queue with no hours at all is always open), so a country added later is never silently shut out.
/// </summary>
public sealed class OpeningHours
{
    public const int MaxLength = 1000;

    private static readonly string[] DayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    private readonly Dictionary<Jurisdiction, IReadOnlyList<OpeningSpan>> spans;

    private OpeningHours(Dictionary<Jurisdiction, IReadOnlyList<OpeningSpan>> spans) => this.spans = spans;

    public static OpeningHours Always { get; } = new([]);

    public IReadOnlyDictionary<Jurisdiction, IReadOnlyList<OpeningSpan>> Spans => spans;

    /// <summary>Reads the written form; the error quotes the part that is wrong and shows the form expected.</summary>
    public static bool TryParse(string? text, out OpeningHours hours, out string error)
    {
        hours = Always;
        error = string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (text.Length > MaxLength)
        {
            error = $"openingHours is at most {MaxLength} characters.";
            return false;
        }

        var parsed = new Dictionary<Jurisdiction, IReadOnlyList<OpeningSpan>>();
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var space = part.IndexOf(' ', StringComparison.Ordinal);
            if (space < 0 || !Jurisdictions.TryParse(part[..space], out var jurisdiction, out _))
            {
                error = $"openingHours: '{part}' does not start with a jurisdiction ({string.Join(", ", Jurisdictions.WireNames)}). Write e.g. 'SE Mon-Fri 08:00-20:00, Sat 10:00-16:00; DK Mon-Fri 08:00-18:00'.";
                return false;
            }

            if (parsed.ContainsKey(jurisdiction))
            {
                error = $"openingHours names {jurisdiction.ToWireName()} twice; give all its openings in one part, separated by commas.";
                return false;
            }

            var list = new List<OpeningSpan>();
            foreach (var opening in part[(space + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!TryParseSpan(opening, out var span))
                {
                    error = $"openingHours: '{opening}' ({jurisdiction.ToWireName()}) is not days and hours such as 'Mon-Fri 08:00-20:00' or 'Sat 10:00-16:00' (closing after opening, same day).";
                    return false;
                }

                list.Add(span);
            }

            if (list.Count == 0)
            {
                error = $"openingHours gives {jurisdiction.ToWireName()} no opening; leave it out to serve it at any hour.";
                return false;
            }

            parsed[jurisdiction] = list;
        }

        hours = new OpeningHours(parsed);
        return true;
    }

    /// <summary>Whether callers of <paramref name="jurisdiction"/> are answered at <paramref name="utc"/>.</summary>
    public bool IsOpen(Jurisdiction jurisdiction, DateTime utc)
    {
        if (!spans.TryGetValue(jurisdiction, out var openings))
        {
            return true;
        }

        var local = TimeZoneInfo.ConvertTimeFromUtc(AsUtc(utc), JurisdictionTimes.TimeZone(jurisdiction));
        var time = TimeOnly.FromDateTime(local);
        return openings.Any(o => o.Covers(local.DayOfWeek) && time >= o.Opens && time < o.Closes);
    }

    /// <summary>The next instant (UTC) callers of <paramref name="jurisdiction"/> are answered; <paramref name="utc"/> itself when open now.</summary>
    public DateTime NextOpening(Jurisdiction jurisdiction, DateTime utc)
    {
        utc = AsUtc(utc);
        if (IsOpen(jurisdiction, utc))
        {
            return utc;
        }

        var zone = JurisdictionTimes.TimeZone(jurisdiction);
        var local = TimeZoneInfo.ConvertTimeFromUtc(utc, zone);
        for (var day = 0; day <= 7; day++)
        {
            var date = DateOnly.FromDateTime(local).AddDays(day);
            foreach (var opening in spans[jurisdiction].Where(o => o.Covers(date.DayOfWeek)).OrderBy(o => o.Opens))
            {
                var opensLocal = date.ToDateTime(opening.Opens);
                // An opening that falls in a spring-forward gap starts when the clocks have moved on.
                while (zone.IsInvalidTime(opensLocal))
                {
                    opensLocal = opensLocal.AddMinutes(30);
                }

                var opensUtc = TimeZoneInfo.ConvertTimeToUtc(opensLocal, zone);
                if (opensUtc > utc)
                {
                    return opensUtc;
                }
            }
        }

        throw new InvalidOperationException("Opening hours with no opening in a week cannot be parsed.");
    }

    /// <summary>The canonical written form, as <see cref="TryParse"/> reads it.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var (jurisdiction, openings) in spans.OrderBy(s => s.Key))
        {
            text.Append(text.Length == 0 ? "" : "; ").Append(jurisdiction.ToWireName()).Append(' ');
            text.AppendJoin(", ", openings.Select(o => string.Create(CultureInfo.InvariantCulture, $"{DaysText(o)} {o.Opens:HH\\:mm}-{ClosingText(o.Closes)}")));
        }

        return text.ToString();
    }

    private static bool TryParseSpan(string text, out OpeningSpan span)
    {
        span = null!;
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !TryParseDays(parts[0], out var first, out var last))
        {
            return false;
        }

        var times = parts[1].Split('-');
        if (times.Length != 2
            || !TimeOnly.TryParseExact(times[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var opens)
            || !TryParseClosing(times[1], out var closes)
            || closes <= opens)
        {
            return false;
        }

        span = new OpeningSpan(first, last, opens, closes);
        return true;
    }

    /// <summary>"24:00" closes at midnight.</summary>
    private static bool TryParseClosing(string text, out TimeOnly closes)
    {
        if (text == "24:00")
        {
            closes = TimeOnly.MaxValue;
            return true;
        }

        return TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out closes);
    }

    private static bool TryParseDays(string text, out DayOfWeek first, out DayOfWeek last)
    {
        var range = text.Split('-');
        last = default;
        if (range.Length is < 1 or > 2 || !TryDay(range[0], out first))
        {
            first = default;
            return false;
        }

        last = first;
        return range.Length == 1 || TryDay(range[1], out last);
    }

    private static bool TryDay(string text, out DayOfWeek day)
    {
        var index = Array.FindIndex(DayNames, d => d.Equals(text, StringComparison.OrdinalIgnoreCase));
        day = (DayOfWeek)Math.Max(index, 0);
        return index >= 0;
    }

    private static string ClosingText(TimeOnly closes) =>
        closes == TimeOnly.MaxValue ? "24:00" : closes.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static string DaysText(OpeningSpan span) =>
        span.First == span.Last ? DayNames[(int)span.First] : $"{DayNames[(int)span.First]}-{DayNames[(int)span.Last]}";

    private static DateTime AsUtc(DateTime value) => value.Kind == DateTimeKind.Utc ? value : DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
