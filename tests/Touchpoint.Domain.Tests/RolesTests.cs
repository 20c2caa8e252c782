using Touchpoint.Domain.Platform;

namespace Touchpoint.Domain.Tests;

public sealed class RolesTests
{
    [Theory]
    [InlineData("Agent", true)]
    [InlineData("TeamLead", true)]
    [InlineData("Admin", true)]
    [InlineData("PartnerAgent", true)]
    [InlineData("agent", false)]
    [InlineData("Root", false)]
    public void Only_the_four_roles_are_known(string role, bool known) => Assert.Equal(known, Roles.IsKnown(role));

    [Fact]
    public void Own_staff_excludes_partner_agents() =>
        Assert.DoesNotContain(Roles.PartnerAgent, Roles.OwnStaff.Split(','));
}
