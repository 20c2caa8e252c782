using Touchpoint.Domain.Customers;

namespace Touchpoint.Domain.Tests.Customers;

/// <summary>Phone numbers, e-mail addresses and legacy ids.</summary>
public sealed class ContactIdentityTests
{
    private static readonly DateOnly Today = new(2026, 5, 1);

    private static string AssertValid(IdentityKind kind, string raw, Jurisdiction jurisdiction = Jurisdiction.SE)
    {
        Assert.True(IdentityNormalizer.TryNormalize(kind, raw, jurisdiction, Today, out var normalized, out var error), error);
        Assert.Equal(string.Empty, error);

        // Canonical values are a fixed point, so stored values can be re-checked.
        Assert.True(IdentityNormalizer.TryNormalize(kind, normalized, jurisdiction, out var again, out _));
        Assert.Equal(normalized, again);
        Assert.InRange(normalized.Length, 1, IdentityNormalizer.MaxLength);
        return normalized;
    }

    private static string AssertInvalid(IdentityKind kind, string? raw, Jurisdiction jurisdiction = Jurisdiction.SE)
    {
        Assert.False(IdentityNormalizer.TryNormalize(kind, raw, jurisdiction, Today, out var normalized, out var error));
        Assert.Equal(string.Empty, normalized);
        Assert.NotEmpty(error);
        return error;
    }

    // --- Phone numbers ---

    [Theory]
    [InlineData("070-123 45 67", Jurisdiction.SE, "+46701234567")]
    [InlineData("0701234567", Jurisdiction.SE, "+46701234567")]
    [InlineData("+46 70 123 45 67", Jurisdiction.SE, "+46701234567")]
    [InlineData("0046701234567", Jurisdiction.SE, "+46701234567")]
    [InlineData("+46 (0)70-123 45 67", Jurisdiction.SE, "+46701234567")]
    [InlineData("08-123 456 78", Jurisdiction.SE, "+46812345678")]
    [InlineData("+4520123456", Jurisdiction.SE, "+4520123456")]
    [InlineData("20 12 34 56", Jurisdiction.DK, "+4520123456")]
    [InlineData("+45 20 12 34 56", Jurisdiction.DK, "+4520123456")]
    [InlineData("004520123456", Jurisdiction.DK, "+4520123456")]
    [InlineData("06 12345678", Jurisdiction.NL, "+31612345678")]
    [InlineData("06-12 34 56 78", Jurisdiction.NL, "+31612345678")]
    [InlineData("+31 6 12345678", Jurisdiction.NL, "+31612345678")]
    [InlineData("0031612345678", Jurisdiction.NL, "+31612345678")]
    [InlineData("412 34 567", Jurisdiction.NO, "+4741234567")]
    [InlineData("+47 412 34 567", Jurisdiction.NO, "+4741234567")]
    [InlineData("004741234567", Jurisdiction.NO, "+4741234567")]
    [InlineData("+46701234567", Jurisdiction.NO, "+46701234567")]
    [InlineData("040 123 4567", Jurisdiction.FI, "+358401234567")]
    [InlineData("+358 40 1234567", Jurisdiction.FI, "+358401234567")]
    [InlineData("00358401234567", Jurisdiction.FI, "+358401234567")]
    [InlineData("09 1234567", Jurisdiction.FI, "+35891234567")]
    [InlineData("0151 23456789", Jurisdiction.DE, "+4915123456789")]
    [InlineData("+49 151 23456789", Jurisdiction.DE, "+4915123456789")]
    [InlineData("030 1234567", Jurisdiction.DE, "+49301234567")]
    public void Phone_numbers_are_stored_in_E164(string raw, Jurisdiction jurisdiction, string expected) =>
        Assert.Equal(expected, AssertValid(IdentityKind.Msisdn, raw, jurisdiction));

    [Theory]
    [InlineData("12", Jurisdiction.SE)]
    [InlineData("070-123", Jurisdiction.SE)]
    [InlineData("070-123 45 67 89 01", Jurisdiction.SE)]
    [InlineData("0701234567", Jurisdiction.DK)] // a Swedish national format means nothing in Denmark
    [InlineData("+46 00 000 00 00", Jurisdiction.SE)]
    [InlineData("070-CALL-ME", Jurisdiction.SE)]
    [InlineData("070-123 45 67 ext. 5", Jurisdiction.SE)]
    [InlineData("phone", Jurisdiction.NO)]
    [InlineData("+", Jurisdiction.NL)]
    [InlineData("040 12", Jurisdiction.FI)]
    [InlineData("0151 2", Jurisdiction.DE)]
    public void Invalid_phone_numbers_are_refused_naming_the_value_and_jurisdiction(string raw, Jurisdiction jurisdiction) =>
        Assert.Equal($"'{raw}' is not a valid phone number for {jurisdiction}.", AssertInvalid(IdentityKind.Msisdn, raw, jurisdiction));

    [Fact]
    public void A_missing_phone_number_is_required() =>
        Assert.Equal("A phone number is required.", AssertInvalid(IdentityKind.Msisdn, " "));

    // --- E-mail addresses ---

    [Theory]
    [InlineData("anna@example.se", "anna@example.se")]
    [InlineData("  Anna.Svensson@Example.SE ", "anna.svensson@example.se")]
    [InlineData("a+tag@sub.example.co.uk", "a+tag@sub.example.co.uk")]
    [InlineData("o'brien@example.ie", "o'brien@example.ie")]
    public void Email_addresses_are_trimmed_and_lower_cased(string raw, string expected) =>
        Assert.Equal(expected, AssertValid(IdentityKind.Email, raw));

    [Theory]
    [InlineData("anna")]
    [InlineData("anna@")]
    [InlineData("@example.se")]
    [InlineData("anna@@example.se")]
    [InlineData("anna @example.se")]
    [InlineData("anna@exa mple.se")]
    [InlineData("Anna <anna@example.se>")]
    [InlineData("\"Anna\" anna@example.se")]
    [InlineData("anna@example.se, bo@example.se")]
    public void Implausible_email_addresses_are_refused(string raw) =>
        Assert.Equal($"'{raw}' is not a valid e-mail address.", AssertInvalid(IdentityKind.Email, raw));

    [Theory]
    [InlineData("anna@localhost", "localhost")]
    [InlineData("anna@example.", "example.")]
    public void Email_domains_must_have_a_dot_between_labels(string raw, string domain) =>
        Assert.Equal($"'{raw}' is not a valid e-mail address: the domain '{domain}' is incomplete.", AssertInvalid(IdentityKind.Email, raw));

    [Theory]
    [InlineData("anna@example..se")]
    [InlineData("anna@.example.se")]
    public void Email_domains_with_empty_labels_are_refused(string raw) =>
        Assert.StartsWith($"'{raw}' is not a valid e-mail address", AssertInvalid(IdentityKind.Email, raw), StringComparison.Ordinal);

    [Fact]
    public void Email_addresses_may_be_254_characters_but_not_255()
    {
        var domain = string.Join('.', Enumerable.Repeat(new string('d', 60), 4)) + ".se"; // 4*60 + 3 dots + 3 = 246
        var longest = new string('a', 254 - 1 - domain.Length) + "@" + domain;
        Assert.Equal(254, longest.Length);
        Assert.Equal(longest, AssertValid(IdentityKind.Email, longest));

        var tooLong = "a" + longest;
        Assert.EndsWith("it is longer than 254 characters.", AssertInvalid(IdentityKind.Email, tooLong), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_email_address_is_required() =>
        Assert.Equal("An e-mail address is required.", AssertInvalid(IdentityKind.Email, null));

    // --- Legacy ids ---

    [Theory]
    [InlineData("sonofon:1234567", "sonofon:1234567")]
    [InlineData("  Sonofon : 1234567 ", "sonofon:1234567")]
    [InlineData("TELE-2:AB-99x", "tele-2:AB-99x")]
    [InlineData("telia:a:b", "telia:a:b")]
    public void Legacy_ids_have_a_lower_case_brand_and_an_untouched_value(string raw, string expected) =>
        Assert.Equal(expected, AssertValid(IdentityKind.LegacyId, raw));

    [Fact]
    public void Legacy_ids_need_a_brand()
    {
        Assert.Equal(
            "'1234567' is not a valid legacy id: write it as brand:value, e.g. sonofon:1234567.",
            AssertInvalid(IdentityKind.LegacyId, "1234567"));
    }

    [Theory]
    [InlineData(":1234567")]
    [InlineData("son ofon:1")]
    [InlineData("sønofon:1")]
    [InlineData("sono_fon:1")]
    public void Legacy_brands_are_letters_digits_and_hyphens(string raw) =>
        Assert.Contains("the brand must be", AssertInvalid(IdentityKind.LegacyId, raw), StringComparison.Ordinal);

    [Fact]
    public void Legacy_brands_have_a_length_limit()
    {
        AssertValid(IdentityKind.LegacyId, new string('b', IdentityNormalizer.MaxLegacyBrandLength) + ":1");
        AssertInvalid(IdentityKind.LegacyId, new string('b', IdentityNormalizer.MaxLegacyBrandLength + 1) + ":1");
    }

    [Theory]
    [InlineData("sonofon:")]
    [InlineData("sonofon:   ")]
    [InlineData("sonofon:12 34")]
    [InlineData("sonofon:12\t34")]
    public void Legacy_values_are_non_empty_without_spaces(string raw) =>
        Assert.Contains("the value after the brand must be", AssertInvalid(IdentityKind.LegacyId, raw), StringComparison.Ordinal);

    [Fact]
    public void Legacy_values_have_a_length_limit()
    {
        AssertValid(IdentityKind.LegacyId, "brand:" + new string('v', IdentityNormalizer.MaxLegacyValueLength));
        AssertInvalid(IdentityKind.LegacyId, "brand:" + new string('v', IdentityNormalizer.MaxLegacyValueLength + 1));
    }

    [Fact]
    public void Every_kind_is_handled_without_a_date()
    {
        foreach (var kind in Enum.GetValues<IdentityKind>())
        {
            Assert.False(IdentityNormalizer.TryNormalize(kind, "", Jurisdiction.NL, out _, out var error));
            Assert.EndsWith("is required.", error, StringComparison.Ordinal);
        }
    }
}
