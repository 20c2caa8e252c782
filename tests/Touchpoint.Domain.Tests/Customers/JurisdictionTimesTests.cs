using Touchpoint.Domain.Customers;

namespace Touchpoint.Domain.Tests.Customers;

public sealed class JurisdictionTimesTests
{
    [Theory]
    [InlineData(Jurisdiction.SE, "2026-12-07T09:20:00Z", "7 December 2026 at 10:20 (Stockholm time)")]
    [InlineData(Jurisdiction.FI, "2026-12-07T09:20:00Z", "7 December 2026 at 11:20 (Helsinki time)")]
    [InlineData(Jurisdiction.NL, "2026-07-01T09:20:00Z", "1 July 2026 at 11:20 (Amsterdam time)")]
    public void A_time_written_to_a_customer_is_at_their_own_clock_and_names_it(Jurisdiction jurisdiction, string utc, string expected) =>
        Assert.Equal(expected, JurisdictionTimes.ForCustomer(DateTime.Parse(utc, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal), jurisdiction));

    [Fact]
    public void A_jurisdiction_Touchpoint_does_not_know_is_written_in_UTC_and_says_so() =>
        Assert.Equal("7 December 2026 at 09:20 (UTC)", JurisdictionTimes.ForCustomer(new DateTime(2026, 12, 7, 9, 20, 0, DateTimeKind.Utc), "XX"));

    [Fact]
    public void Every_jurisdiction_has_a_time_zone_this_machine_knows()
    {
        foreach (var jurisdiction in Enum.GetValues<Jurisdiction>())
        {
            Assert.NotNull(JurisdictionTimes.TimeZone(jurisdiction));
        }
    }
}
