using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Platform;

namespace Touchpoint.Domain.Tests.Platform;

public sealed class StaffTimeZonesTests
{
    [Theory]
    [InlineData("Europe/Helsinki", "Europe/Oslo", "Europe/Helsinki")]
    [InlineData(null, "Europe/Oslo", "Europe/Oslo")]
    [InlineData(null, null, "Europe/Copenhagen")]
    public void A_users_zone_is_their_own_else_their_team_leads_else_the_home_countrys(string? own, string? teamLeads, string expected) =>
        Assert.Equal(expected, StaffTimeZones.ZoneOf(own, teamLeads, Jurisdiction.DK));

    [Theory]
    [InlineData("Europe/Stockholm")]
    [InlineData("America/New_York")]
    [InlineData("UTC")]
    public void An_IANA_zone_is_known(string zoneId)
    {
        Assert.True(StaffTimeZones.TryFind(zoneId, out var zone));
        Assert.Equal(zoneId, zone.Id);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Europe/Atlantis")]
    [InlineData("europe/stockholm")]
    [InlineData("W. Europe Standard Time")]
    public void Anything_else_is_not_a_zone(string? zoneId) => Assert.False(StaffTimeZones.TryFind(zoneId, out _));

    [Fact]
    public void The_choices_put_Europe_first_and_each_is_a_zone_that_can_be_stored()
    {
        var choices = StaffTimeZones.Choices;

        Assert.StartsWith("Europe/", choices[0], StringComparison.Ordinal);
        Assert.Contains("Europe/Stockholm", choices);
        Assert.Contains("Asia/Tokyo", choices);
        Assert.True(choices.ToList().IndexOf("Europe/Zurich") < choices.ToList().IndexOf("Africa/Abidjan"));
        Assert.All(choices, id => Assert.True(StaffTimeZones.TryFind(id, out _), id));
    }
}
