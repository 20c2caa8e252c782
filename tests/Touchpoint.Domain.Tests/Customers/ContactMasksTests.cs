using Touchpoint.Domain.Customers;

namespace Touchpoint.Domain.Tests.Customers;

public sealed class ContactMasksTests
{
    [Theory]
    [InlineData("+46706004300", "+46 •••• 4300")]
    [InlineData("+4520550101", "+45 •••• 0101")]
    [InlineData("+31612345678", "+31 •••• 5678")]
    [InlineData("12345", "••••45")]
    [InlineData(null, null)]
    public void A_phone_number_keeps_its_country_code_and_last_four_digits(string? msisdn, string? shown)
    {
        Assert.Equal(shown, ContactMasks.Phone(msisdn));
    }

    [Theory]
    [InlineData("jan.devries@example.nl", "j•••@example.nl")]
    [InlineData("a@b.se", "a•••@b.se")]
    [InlineData("broken", "•••")]
    [InlineData(null, null)]
    public void An_email_address_keeps_its_first_character_and_its_domain(string? address, string? shown)
    {
        Assert.Equal(shown, ContactMasks.Email(address));
    }
}
