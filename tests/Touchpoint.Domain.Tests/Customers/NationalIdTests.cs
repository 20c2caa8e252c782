using Touchpoint.Domain.Customers;

namespace Touchpoint.Domain.Tests.Customers;

public sealed class NationalIdTests
{
    private static readonly DateOnly Today = new(2026, 5, 1);

    private static (bool Valid, string Normalized, string Error) Normalize(string? raw, Jurisdiction jurisdiction)
    {
        var valid = IdentityNormalizer.TryNormalize(IdentityKind.NationalId, raw, jurisdiction, Today, out var normalized, out var error);
        Assert.Equal(valid, error.Length == 0);
        Assert.Equal(valid, normalized.Length > 0);
        return (valid, normalized, error);
    }

    private static string AssertValid(string raw, Jurisdiction jurisdiction)
    {
        var (valid, normalized, error) = Normalize(raw, jurisdiction);
        Assert.True(valid, error);
        return normalized;
    }

    private static string AssertInvalid(string raw, Jurisdiction jurisdiction)
    {
        var (valid, normalized, error) = Normalize(raw, jurisdiction);
        Assert.False(valid, $"'{raw}' was accepted as {normalized}");
        Assert.Contains($"'{raw.Trim()}'", error, StringComparison.Ordinal);
        return error;
    }

    // --- Sweden ---

    [Theory]
    [InlineData("811218-9876")]
    [InlineData("8112189876")]
    [InlineData("198112189876")]
    [InlineData("19811218-9876")]
    [InlineData("  811218-9876 ")]
    [InlineData("SE:198112189876")]
    [InlineData("se:198112189876")]
    public void Swedish_personal_numbers_in_every_accepted_form_have_one_canonical_value(string raw) =>
        Assert.Equal("SE:198112189876", AssertValid(raw, Jurisdiction.SE));

    [Fact]
    public void Swedish_plus_sign_means_a_hundred_years_or_more() =>
        Assert.Equal("SE:188112189876", AssertValid("811218+9876", Jurisdiction.SE));

    [Theory]
    [InlineData("050101", '-', "2005")]
    [InlineData("270101", '-', "1927")]
    [InlineData("260101", '-', "2026")]
    [InlineData("050101", '+', "1905")]
    [InlineData("261224", '+', "1926")]
    public void Swedish_century_is_inferred_from_today_and_the_separator(string birth, char separator, string expectedYear)
    {
        var raw = CheckDigits.Swedish(birth, separator, "123");
        var normalized = AssertValid(raw, Jurisdiction.SE);
        Assert.Equal($"SE:{expectedYear}{birth[2..]}", normalized[..11]);
    }

    [Fact]
    public void Swedish_hyphen_form_born_later_this_year_is_in_the_future()
    {
        // 24 Dec with '-' in 2026 can only mean 2026-12-24: the 1926 holder writes '+' from this year on.
        var error = AssertInvalid(CheckDigits.Swedish("261224", '-', "123"), Jurisdiction.SE);
        Assert.EndsWith("the birth date in it is in the future.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Swedish_twelve_digit_form_in_the_future_is_refused() =>
        AssertInvalid("20" + CheckDigits.SwedishTenDigits("300101123"), Jurisdiction.SE);

    [Fact]
    public void Swedish_coordination_number_has_day_plus_sixty_and_keeps_it()
    {
        var raw = CheckDigits.Swedish("811278", '-', "987");
        Assert.Equal("SE:19" + raw.Replace("-", "", StringComparison.Ordinal), AssertValid(raw, Jurisdiction.SE));
    }

    [Theory]
    [InlineData("811292")] // coordination day 32
    [InlineData("811232")] // day 32
    [InlineData("811318")] // month 13
    [InlineData("810018")] // month 0
    [InlineData("811200")] // day 0
    [InlineData("810230")] // 30 February
    public void Swedish_numbers_with_impossible_dates_are_refused_even_with_a_matching_check_digit(string birth)
    {
        var error = AssertInvalid(CheckDigits.Swedish(birth, '-', "123"), Jurisdiction.SE);
        Assert.EndsWith("the birth date in it does not exist.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Swedish_29_february_is_valid_only_in_leap_years()
    {
        var tenDigits = CheckDigits.SwedishTenDigits("000229123");
        Assert.Equal("SE:20" + tenDigits, AssertValid(tenDigits[..6] + "-" + tenDigits[6..], Jurisdiction.SE));
        AssertInvalid(tenDigits[..6] + "+" + tenDigits[6..], Jurisdiction.SE); // 1900 was not a leap year
        AssertInvalid("19" + tenDigits, Jurisdiction.SE);
    }

    [Theory]
    [InlineData("811218-9875")]
    [InlineData("811218-9867")]
    [InlineData("198112189870")]
    public void Swedish_numbers_with_a_wrong_check_digit_are_refused(string raw) =>
        Assert.EndsWith("the check digit does not match.", AssertInvalid(raw, Jurisdiction.SE), StringComparison.Ordinal);

    [Theory]
    [InlineData("811218 9876")]
    [InlineData("81121-89876")]
    [InlineData("811218-98765")]
    [InlineData("8112-18-9876")]
    [InlineData("19811218+9876")]
    [InlineData("ABCDEF-GHIJ")]
    [InlineData("811218")]
    public void Swedish_numbers_in_other_shapes_are_refused_with_the_accepted_forms(string raw) =>
        Assert.EndsWith("write it as YYMMDD-NNNN, YYYYMMDD-NNNN or YYYYMMDDNNNN.", AssertInvalid(raw, Jurisdiction.SE), StringComparison.Ordinal);

    [Fact]
    public void Swedish_twelve_digit_form_needs_a_plausible_century() =>
        AssertInvalid("21" + CheckDigits.SwedishTenDigits("811218987"), Jurisdiction.SE);

    [Fact]
    public void Without_a_date_Swedish_short_forms_are_refused_and_long_forms_accepted()
    {
        Assert.False(IdentityNormalizer.TryNormalize(IdentityKind.NationalId, "811218-9876", Jurisdiction.SE, out _, out var error));
        Assert.Equal("'811218-9876' is not a complete Swedish personal identity number: give the century too, as YYYYMMDD-NNNN.", error);

        Assert.True(IdentityNormalizer.TryNormalize(IdentityKind.NationalId, "19811218-9876", Jurisdiction.SE, out var normalized, out _));
        Assert.Equal("SE:198112189876", normalized);
    }

    [Fact]
    public void A_national_id_of_another_jurisdiction_is_refused()
    {
        var error = AssertInvalid("DK:0101901234", Jurisdiction.SE);
        Assert.Equal("'DK:0101901234' is not a national identity number of SE, the customer's jurisdiction.", error);
    }

    [Fact]
    public void The_same_digits_are_told_apart_by_jurisdiction()
    {
        // 101010: 10 Oct 2010 read as YYMMDD in Sweden, 10 Oct 1910 read as DDMMYY in Denmark.
        var digits = CheckDigits.SwedishTenDigits("101010123");
        Assert.Equal("SE:20" + digits, AssertValid(digits, Jurisdiction.SE));
        Assert.Equal("DK:" + digits, AssertValid(digits, Jurisdiction.DK));
    }

    // --- Denmark ---

    [Theory]
    [InlineData("010190-1234")]
    [InlineData("0101901234")]
    [InlineData("DK:0101901234")]
    public void Danish_cpr_numbers_have_ten_digit_canonical_values(string raw) =>
        Assert.Equal("DK:0101901234", AssertValid(raw, Jurisdiction.DK));

    [Fact]
    public void Danish_cpr_numbers_failing_modulus_11_are_still_valid()
    {
        int[] weights = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1];
        var sum = "0101901234".Select((c, i) => (c - '0') * weights[i]).Sum();
        Assert.NotEqual(0, sum % 11);

        AssertValid("0101901234", Jurisdiction.DK);
    }

    [Theory]
    [InlineData("290200-4123")] // serial 4, year 00 -> 2000, a leap year
    [InlineData("290296-1123")] // serial 1 -> 1996
    [InlineData("010160-5000")] // serial 5, year 60 -> 1860
    [InlineData("010137-9000")] // serial 9, year 37 -> 1937
    public void Danish_birth_dates_use_the_century_given_by_the_serial_number(string raw) => AssertValid(raw, Jurisdiction.DK);

    [Theory]
    [InlineData("290200-1123")] // serial 1 -> 1900, not a leap year
    [InlineData("290258-5123")] // serial 5, year 58 -> 1858
    [InlineData("320190-1234")]
    [InlineData("011390-1234")]
    [InlineData("000190-1234")]
    public void Danish_numbers_with_impossible_dates_are_refused(string raw) =>
        Assert.EndsWith("the birth date in it does not exist.", AssertInvalid(raw, Jurisdiction.DK), StringComparison.Ordinal);

    [Fact]
    public void Danish_birth_date_in_the_future_is_refused_only_when_today_is_known()
    {
        // Serial 5 with year 50 means 2050.
        Assert.EndsWith("in the future.", AssertInvalid("010150-5000", Jurisdiction.DK), StringComparison.Ordinal);
        Assert.True(IdentityNormalizer.TryNormalize(IdentityKind.NationalId, "010150-5000", Jurisdiction.DK, out _, out _));
    }

    [Theory]
    [InlineData("010190 1234")]
    [InlineData("010190-123")]
    [InlineData("01019012345")]
    [InlineData("0101-901234")]
    public void Danish_numbers_in_other_shapes_are_refused(string raw) =>
        Assert.EndsWith("write it as DDMMYY-SSSS or as 10 digits.", AssertInvalid(raw, Jurisdiction.DK), StringComparison.Ordinal);

    // --- Norway ---

    [Theory]
    [InlineData("010190", 0, 499)] // 1990
    [InlineData("010105", 500, 999)] // 2005
    [InlineData("010160", 500, 749)] // 1860
    [InlineData("010145", 900, 999)] // 1945
    [InlineData("290296", 0, 499)] // 1996-02-29
    [InlineData("410190", 0, 499)] // D-number: day 1 + 40
    [InlineData("690296", 0, 499)] // D-number for 29 February 1996
    public void Norwegian_numbers_with_matching_control_digits_are_valid(string ddmmyy, int fromIndividual, int toIndividual)
    {
        var number = CheckDigits.FirstNorwegian(ddmmyy, fromIndividual, toIndividual);
        Assert.Equal("NO:" + number, AssertValid(number, Jurisdiction.NO));
    }

    [Fact]
    public void Norwegian_numbers_may_be_written_with_a_space_after_the_birth_date()
    {
        var number = CheckDigits.FirstNorwegian("010190", 0, 499);
        Assert.Equal("NO:" + number, AssertValid($"{number[..6]} {number[6..]}", Jurisdiction.NO));
    }

    [Fact]
    public void Norwegian_numbers_with_a_wrong_control_digit_are_refused()
    {
        var number = CheckDigits.FirstNorwegian("010190", 0, 499);
        var wrongFirst = number[..9] + ((number[9] - '0' + 1) % 10) + number[10];
        var wrongSecond = number[..10] + ((number[10] - '0' + 1) % 10);

        Assert.EndsWith("the control digits do not match.", AssertInvalid(wrongFirst, Jurisdiction.NO), StringComparison.Ordinal);
        Assert.EndsWith("the control digits do not match.", AssertInvalid(wrongSecond, Jurisdiction.NO), StringComparison.Ordinal);
    }

    [Fact]
    public void Norwegian_individual_number_must_fit_the_year()
    {
        // 500-749 with years 40-53 belongs to no century.
        var number = CheckDigits.FirstNorwegian("010145", 500, 749);
        Assert.EndsWith("its individual number does not fit its year of birth.", AssertInvalid(number, Jurisdiction.NO), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("320190", 0, 499)]
    [InlineData("720190", 0, 499)] // D-number for day 32
    [InlineData("011390", 0, 499)]
    [InlineData("290297", 0, 499)]
    [InlineData("290200", 0, 499)] // 1900
    public void Norwegian_numbers_with_impossible_dates_are_refused(string ddmmyy, int fromIndividual, int toIndividual)
    {
        var number = CheckDigits.FirstNorwegian(ddmmyy, fromIndividual, toIndividual);
        Assert.EndsWith("the birth date in it does not exist.", AssertInvalid(number, Jurisdiction.NO), StringComparison.Ordinal);
    }

    [Fact]
    public void Norwegian_birth_date_in_the_future_is_refused()
    {
        var number = CheckDigits.FirstNorwegian("010130", 500, 999); // 2030
        Assert.EndsWith("in the future.", AssertInvalid(number, Jurisdiction.NO), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0101901234")]
    [InlineData("010190123456")]
    [InlineData("010190-12345")]
    [InlineData("O1019012345")]
    public void Norwegian_numbers_must_be_eleven_digits(string raw) =>
        Assert.EndsWith("it must be 11 digits.", AssertInvalid(raw, Jurisdiction.NO), StringComparison.Ordinal);

    // --- Netherlands ---

    [Theory]
    [InlineData("111222333", "NL:111222333")]
    [InlineData("123456782", "NL:123456782")]
    [InlineData(" 123456782 ", "NL:123456782")]
    [InlineData("NL:123456782", "NL:123456782")]
    public void Dutch_bsn_passing_the_eleven_test_is_valid(string raw, string expected) =>
        Assert.Equal(expected, AssertValid(raw, Jurisdiction.NL));

    [Fact]
    public void Dutch_bsn_of_eight_digits_has_an_implied_leading_zero()
    {
        var bsn = CheckDigits.DutchBsn("01234567");
        Assert.NotNull(bsn);
        Assert.Equal("NL:" + bsn, AssertValid(bsn[1..], Jurisdiction.NL));
        Assert.Equal("NL:" + bsn, AssertValid(bsn, Jurisdiction.NL));
    }

    [Theory]
    [InlineData("111222334")]
    [InlineData("123456781")]
    [InlineData("000000000")]
    [InlineData("00000000")]
    public void Dutch_bsn_failing_the_eleven_test_is_refused(string raw) =>
        Assert.EndsWith("it fails the eleven test.", AssertInvalid(raw, Jurisdiction.NL), StringComparison.Ordinal);

    [Theory]
    [InlineData("1112223")]
    [InlineData("1112223330")]
    [InlineData("1112.22.333")]
    [InlineData("11122233X")]
    public void Dutch_bsn_must_be_nine_digits(string raw) =>
        Assert.EndsWith("it must be 9 digits.", AssertInvalid(raw, Jurisdiction.NL), StringComparison.Ordinal);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void A_missing_national_id_is_required(string? raw)
    {
        Assert.False(IdentityNormalizer.TryNormalize(IdentityKind.NationalId, raw, Jurisdiction.SE, Today, out _, out var error));
        Assert.Equal("A national identity number is required.", error);
    }
}
