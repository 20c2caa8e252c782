using Touchpoint.Domain.ContactCentre;
using Touchpoint.Domain.Customers;

namespace Touchpoint.Domain.Tests.ContactCentre;

/// <summary>Issue 21: a queue's opening hours per jurisdiction, read as staff write them and kept on each country's clock.</summary>
public sealed class OpeningHoursTests
{
    private static OpeningHours Parse(string text)
    {
        Assert.True(OpeningHours.TryParse(text, out var hours, out var error), error);
        return hours;
    }

    [Fact]
    public void Hours_are_read_in_any_case_and_written_back_in_one_form()
    {
        var hours = Parse(" se mon-fri 08:00-20:00 , SAT 10:00-16:00; dk Mon-Sun 00:00-24:00 ");
        Assert.Equal("SE Mon-Fri 08:00-20:00, Sat 10:00-16:00; DK Mon-Sun 00:00-24:00", hours.ToString());
        Assert.Equal(hours.ToString(), Parse(hours.ToString()).ToString());
        Assert.Equal("", Parse("").ToString());
    }

    [Theory]
    [InlineData("Mon-Fri 08:00-20:00", "jurisdiction")]
    [InlineData("XX Mon-Fri 08:00-20:00", "jurisdiction")]
    [InlineData("SE Mon-Fri 20:00-08:00", "'Mon-Fri 20:00-08:00'")]
    [InlineData("SE Mon-Fry 08:00-20:00", "'Mon-Fry 08:00-20:00'")]
    [InlineData("SE Mon-Fri 8-20", "'Mon-Fri 8-20'")]
    [InlineData("SE Mon-Fri 08:00-20:00; SE Sat 10:00-12:00", "twice")]
    public void Hours_that_cannot_be_read_are_refused_saying_which_part(string text, string named)
    {
        Assert.False(OpeningHours.TryParse(text, out _, out var error));
        Assert.Contains(named, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_and_closed_follow_the_countrys_own_clock_through_summer_time()
    {
        var hours = Parse("SE Mon-Fri 08:00-20:00; FI Mon-Fri 08:00-20:00");
        // Monday 7 December 2026, 07:30 UTC: 08:30 in Stockholm, 09:30 in Helsinki.
        var monday = new DateTime(2026, 12, 7, 7, 30, 0, DateTimeKind.Utc);
        Assert.True(hours.IsOpen(Jurisdiction.SE, monday));
        Assert.False(hours.IsOpen(Jurisdiction.SE, monday.AddHours(-1)));
        Assert.True(hours.IsOpen(Jurisdiction.FI, monday.AddHours(-1)));
        // In June Stockholm is UTC+2: 06:30 UTC is 08:30 there.
        Assert.True(hours.IsOpen(Jurisdiction.SE, new DateTime(2026, 6, 8, 6, 30, 0, DateTimeKind.Utc)));
        // A country without hours of its own is served at any hour.
        Assert.True(hours.IsOpen(Jurisdiction.DK, monday.AddHours(-7)));
        Assert.True(OpeningHours.Always.IsOpen(Jurisdiction.SE, monday.AddHours(-7)));
    }

    [Fact]
    public void The_next_opening_after_a_weekend_or_an_evening_is_found_in_the_countrys_time()
    {
        var hours = Parse("SE Mon-Fri 08:00-20:00, Sat 10:00-16:00");
        var saturdayEvening = new DateTime(2026, 12, 5, 17, 0, 0, DateTimeKind.Utc);
        Assert.Equal(new DateTime(2026, 12, 7, 7, 0, 0, DateTimeKind.Utc), hours.NextOpening(Jurisdiction.SE, saturdayEvening));
        var fridayNight = new DateTime(2026, 12, 4, 21, 0, 0, DateTimeKind.Utc);
        Assert.Equal(new DateTime(2026, 12, 5, 9, 0, 0, DateTimeKind.Utc), hours.NextOpening(Jurisdiction.SE, fridayNight));
        var open = new DateTime(2026, 12, 7, 9, 0, 0, DateTimeKind.Utc);
        Assert.Equal(open, hours.NextOpening(Jurisdiction.SE, open));
    }

    [Fact]
    public void A_span_over_the_weekend_covers_the_days_between()
    {
        var hours = Parse("NO Fri-Mon 10:00-14:00");
        var sunday = new DateTime(2026, 12, 6, 11, 0, 0, DateTimeKind.Utc);
        Assert.True(hours.IsOpen(Jurisdiction.NO, sunday));
        Assert.False(hours.IsOpen(Jurisdiction.NO, sunday.AddDays(2)));
        Assert.Equal("NO Fri-Mon 10:00-14:00", hours.ToString());
    }
}
