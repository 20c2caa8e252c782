using System.Globalization;

namespace Touchpoint.Features.Work;

/// <summary>How long until something is due, or how long it is overdue, in the words the pages use.</summary>
public static class TimeLeft
{
    /// <summary>"20 min left", "3 h 5 min left", "overdue by 2 d 4 h".</summary>
    public static string Describe(TimeSpan left) =>
        left >= TimeSpan.Zero ? $"{Span(left, roundUp: true)} left" : $"overdue by {Span(left.Negate(), roundUp: false)}";

    /// <summary>Until <paramref name="due"/> from <paramref name="now"/>.</summary>
    public static string Describe(DateTime due, DateTime now) => Describe(due - now);

    public static bool IsOverdue(DateTime due, DateTime now) => due < now;

    /// <summary>A length of time in whole minutes: the time left rounds up, so a promise made for 20 minutes reads "20 min left".</summary>
    public static string Span(TimeSpan span, bool roundUp)
    {
        var minutes = (long)(roundUp ? Math.Ceiling(span.TotalMinutes) : Math.Floor(span.TotalMinutes));
        var days = minutes / (24 * 60);
        var hours = minutes / 60 % 24;
        var rest = minutes % 60;
        return days > 0 ? Invariant($"{days} d {hours} h")
            : hours > 0 ? Invariant($"{hours} h {rest} min")
            : Invariant($"{rest} min");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
