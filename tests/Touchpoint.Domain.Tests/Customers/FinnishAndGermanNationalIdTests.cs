using Touchpoint.Domain.Customers;

namespace Touchpoint.Domain.Tests.Customers;

/// <summary>
/// The Finnish henkilötunnus in all its forms, the 2023 century signs included, and Germany, which has no national id
/// a customer may be identified by. Check characters below were worked out by hand from DDMMYYZZZ mod 31.
/// </summary>
public sealed class FinnishAndGermanNationalIdTests
{
    private static readonly DateOnly Today = new(2026, 5, 1);

    private static string Valid(string raw, Jurisdiction jurisdiction = Jurisdiction.FI)
    {
        Assert.True(IdentityNormalizer.TryNormalize(IdentityKind.NationalId, raw, jurisdiction, Today, out var normalized, out var error), error);
        return normalized;
    }

    private static string Invalid(string raw, Jurisdiction jurisdiction = Jurisdiction.FI)
    {
        Assert.False(IdentityNormalizer.TryNormalize(IdentityKind.NationalId, raw, jurisdiction, Today, out var normalized, out var error));
        Assert.Equal(string.Empty, normalized);
        Assert.Contains($"'{raw.Trim()}'", error, StringComparison.Ordinal);
        return error;
    }

    [Theory]
    [InlineData("131052-308T", "FI:131052-308T")]
    [InlineData(" 131052-308t ", "FI:131052-308T")]
    [InlineData("fi:131052-308T", "FI:131052-308T")]
    [InlineData("010170+002K", "FI:010170+002K")] // 1870
    [InlineData("290200A002C", "FI:290200A002C")] // 29 February 2000
    [InlineData("010594Y9032", "FI:010594Y9032")] // a 2023 sign for the 1900s (the population register's own example)
    [InlineData("010594X9032", "FI:010594X9032")]
    [InlineData("010594U9032", "FI:010594U9032")]
    [InlineData("290204B002D", "FI:290204B002D")] // a 2023 sign for the 2000s
    [InlineData("290204F002D", "FI:290204F002D")]
    public void Finnish_codes_with_every_century_sign_are_valid_and_kept_as_written(string raw, string expected) =>
        Assert.Equal(expected, Valid(raw));

    [Fact]
    public void The_same_date_and_number_under_another_century_sign_is_another_person() =>
        Assert.NotEqual(Valid("010594-9032"), Valid("010594Y9032"));

    [Theory]
    [InlineData("131052-308U")]
    [InlineData("131052-308A")]
    [InlineData("010594Y9031")]
    public void A_wrong_check_character_is_refused(string raw) =>
        Assert.EndsWith("the check character does not match.", Invalid(raw), StringComparison.Ordinal);

    [Theory]
    [InlineData("131052G308T")]
    [InlineData("131052Z308T")]
    [InlineData("131052*308T")]
    public void An_unknown_century_sign_is_refused_naming_the_signs(string raw) =>
        Assert.Contains("is not a century sign (+ for the 1800s; -, Y, X, W, V or U for the 1900s; A, B, C, D, E or F for the 2000s)", Invalid(raw), StringComparison.Ordinal);

    [Fact]
    public void Individual_numbers_000_and_001_are_never_issued() =>
        Assert.EndsWith("individual numbers start at 002.", Invalid("131052-001W"), StringComparison.Ordinal);

    [Theory]
    [InlineData("310252-308Y")] // 31 February
    [InlineData("290200-002C")] // 1900 was no leap year
    public void An_impossible_birth_date_is_refused(string raw) =>
        Assert.EndsWith("the birth date in it does not exist.", Invalid(raw), StringComparison.Ordinal);

    [Fact]
    public void A_birth_date_after_today_is_refused() =>
        Assert.EndsWith("the birth date in it is in the future.", Invalid("010127A123C"), StringComparison.Ordinal);

    [Theory]
    [InlineData("131052308T")]
    [InlineData("131052-308TT")]
    [InlineData("13105A-308T")]
    public void A_code_of_the_wrong_shape_is_refused_with_an_example(string raw) =>
        Assert.EndsWith("e.g. 131052-308T.", Invalid(raw), StringComparison.Ordinal);

    [Fact]
    public void A_Finnish_code_is_not_a_national_id_of_another_country() =>
        Assert.Contains("not a national identity number of SE", Invalid("FI:131052-308T", Jurisdiction.SE), StringComparison.Ordinal);

    [Theory]
    [InlineData("T22000129")] // the number on an ID card
    [InlineData("12345678995")] // a tax id
    public void Germany_has_no_national_id_so_none_is_recorded_and_the_customer_is_told_what_identifies_them(string raw)
    {
        var error = Invalid(raw, Jurisdiction.DE);

        Assert.Contains("Germany has no national identity number", error, StringComparison.Ordinal);
        Assert.EndsWith("identify a German customer by phone number, e-mail or a legacy id.", error, StringComparison.Ordinal);
    }
}
