using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Leaving;

namespace Touchpoint.Domain.Tests.Leaving;

public sealed class VisitorDetailsTests
{
    [Theory]
    [InlineData(null, "070", "a@b.se", "name")]
    [InlineData("Magnus Ek", " ", "a@b.se", "subscription")]
    [InlineData("Magnus Ek", "070", "", "contact")]
    public void Each_detail_is_required_and_the_missing_one_is_named(string? name, string? subscription, string? contact, string field)
    {
        Assert.False(VisitorDetails.TryCreate(name, subscription, contact, out _, out var missing, out var error));
        Assert.Equal(field, missing);
        Assert.NotEmpty(error);
    }

    [Fact]
    public void A_name_matches_whatever_the_case_accents_and_spacing()
    {
        Assert.True(VisitorDetails.TryCreate("henrik  molgaard", "x", "y", out var details, out _, out _));
        Assert.True(details.NameMatches("Henrik Mølgaard"));
        Assert.False(details.NameMatches("Henrik Mølgaard Jensen"));
    }

    [Fact]
    public void A_number_typed_without_country_code_is_read_in_every_country_served()
    {
        Assert.True(VisitorDetails.TryCreate("Magnus Ek", "070-777 04 04", "magnus.ek@example.se", out var details, out _, out _));
        Assert.Contains("+46707770404", details.SubscriptionNumbers());
        Assert.Null(details.SubscriptionId);
    }

    [Fact]
    public void The_contact_must_be_the_identity_on_file()
    {
        Assert.True(VisitorDetails.TryCreate("Magnus Ek", "x", "Magnus.Ek@Example.se", out var byEmail, out _, out _));
        Assert.True(byEmail.ContactMatches(IdentityKind.Email, "magnus.ek@example.se", Jurisdiction.SE));
        Assert.False(byEmail.ContactMatches(IdentityKind.Email, "someone.else@example.se", Jurisdiction.SE));
        Assert.False(byEmail.ContactMatches(IdentityKind.NationalId, "magnus.ek@example.se", Jurisdiction.SE));

        Assert.True(VisitorDetails.TryCreate("Magnus Ek", "x", "0707770404", out var byPhone, out _, out _));
        Assert.True(byPhone.ContactMatches(IdentityKind.Msisdn, "+46707770404", Jurisdiction.SE));
    }
}
