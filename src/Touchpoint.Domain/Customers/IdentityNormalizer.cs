using System.Diagnostics.CodeAnalysis;
using System.Net.Mail;
using PhoneNumbers;
using Touchpoint.Domain.Customers.NationalIds;

namespace Touchpoint.Domain.Customers;

/// <summary>
/// Turns what an agent or customer typed into the one canonical value of that identity, so that a
/// unique index on (kind, normalized value) enforces "each identity belongs to at most one customer".
/// Normalizing a canonical value again returns it unchanged.
/// </summary>
public static class IdentityNormalizer
{
    /// <summary>Longest canonical value of any kind (an e-mail address); size database columns by this.</summary>
    public const int MaxLength = 254;

    public const int MaxLegacyBrandLength = 40;
    public const int MaxLegacyValueLength = 200;

    /// <summary>
    /// Without a reference date. Deterministic, at a cost: Swedish national ids in the 10-digit forms
    /// (YYMMDD-NNNN, YYMMDD+NNNN) are refused because their century cannot be known, and birth dates are
    /// not checked against the future. Prefer the overload taking today's date wherever a clock is at hand.
    /// </summary>
    public static bool TryNormalize(IdentityKind kind, string? raw, Jurisdiction jurisdiction, out string normalized, out string error) =>
        TryNormalize(kind, raw, jurisdiction, today: null, out normalized, out error);

    /// <param name="today">Reference date for reading the century of Swedish 10-digit ids and refusing birth dates in the future.</param>
    public static bool TryNormalize(IdentityKind kind, string? raw, Jurisdiction jurisdiction, DateOnly today, out string normalized, out string error) =>
        TryNormalize(kind, raw, jurisdiction, (DateOnly?)today, out normalized, out error);

    private static bool TryNormalize(IdentityKind kind, string? raw, Jurisdiction jurisdiction, DateOnly? today, out string normalized, out string error)
    {
        normalized = string.Empty;
        if (string.IsNullOrWhiteSpace(raw))
        {
            error = $"{Describe(kind)} is required.";
            return false;
        }

        var text = raw.Trim();
        return kind switch
        {
            IdentityKind.Msisdn => TryNormalizeMsisdn(text, jurisdiction, out normalized, out error),
            IdentityKind.Email => TryNormalizeEmail(text, out normalized, out error),
            IdentityKind.NationalId => TryNormalizeNationalId(text, jurisdiction, today, out normalized, out error),
            IdentityKind.LegacyId => TryNormalizeLegacyId(text, out normalized, out error),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown identity kind."),
        };
    }

    private static string Describe(IdentityKind kind) => kind switch
    {
        IdentityKind.Msisdn => "A phone number",
        IdentityKind.Email => "An e-mail address",
        IdentityKind.NationalId => "A national identity number",
        IdentityKind.LegacyId => "A legacy id",
        _ => "An identity",
    };

    private static bool TryNormalizeMsisdn(string text, Jurisdiction jurisdiction, out string normalized, out string error)
    {
        normalized = string.Empty;
        var region = jurisdiction.DefaultRegion();
        error = $"'{text}' is not a valid phone number for {jurisdiction.ToWireName()}.";

        // libphonenumber reads letters as keypad digits ("1-800-FLOWERS") and accepts extensions;
        // neither belongs in a subscriber number, so only digits and the usual punctuation get through.
        if (!text.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')' or '.' or '/'))
        {
            return false;
        }

        var phoneNumbers = PhoneNumberUtil.GetInstance();
        PhoneNumber number;
        try
        {
            number = phoneNumbers.Parse(text, region);
        }
        catch (NumberParseException)
        {
            return false;
        }

        if (!phoneNumbers.IsValidNumber(number))
        {
            return false;
        }

        normalized = phoneNumbers.Format(number, PhoneNumberFormat.E164);
        error = string.Empty;
        return true;
    }

    [SuppressMessage("Globalization", "CA1308:Normalize strings to uppercase", Justification = "E-mail addresses are conventionally shown and stored in lower case.")]
    private static bool TryNormalizeEmail(string text, out string normalized, out string error)
    {
        normalized = string.Empty;
        var candidate = text.ToLowerInvariant();
        if (candidate.Length > MaxLength)
        {
            error = $"'{text}' is not a valid e-mail address: it is longer than {MaxLength} characters.";
            return false;
        }

        // MailAddress also accepts display names ("Anna <anna@example.se>") and repairs some input,
        // so the parsed address must be exactly what was typed.
        if (candidate.Any(char.IsWhiteSpace)
            || !MailAddress.TryCreate(candidate, out var address)
            || !string.Equals(address.Address, candidate, StringComparison.Ordinal)
            || !string.IsNullOrEmpty(address.DisplayName))
        {
            error = $"'{text}' is not a valid e-mail address.";
            return false;
        }

        // Mail between real customers never goes to a dotless host such as "localhost".
        var host = address.Host;
        if (!host.Contains('.', StringComparison.Ordinal) || host.StartsWith('.') || host.EndsWith('.') || host.Contains("..", StringComparison.Ordinal))
        {
            error = $"'{text}' is not a valid e-mail address: the domain '{host}' is incomplete.";
            return false;
        }

        normalized = candidate;
        error = string.Empty;
        return true;
    }

    private static bool TryNormalizeNationalId(string text, Jurisdiction jurisdiction, DateOnly? today, out string normalized, out string error)
    {
        normalized = string.Empty;
        var prefix = jurisdiction.ToWireName() + ":";

        // Accept the canonical form back, so normalizing is idempotent.
        if (text.Contains(':', StringComparison.Ordinal))
        {
            if (!text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                error = $"'{text}' is not a national identity number of {jurisdiction.ToWireName()}, the customer's jurisdiction.";
                return false;
            }

            text = text[prefix.Length..].Trim();
        }

        string digits;
        var valid = jurisdiction switch
        {
            Jurisdiction.SE => SwedishPersonalNumber.TryNormalize(text, today, out digits, out error),
            Jurisdiction.DK => DanishCprNumber.TryNormalize(text, today, out digits, out error),
            Jurisdiction.NO => NorwegianBirthNumber.TryNormalize(text, today, out digits, out error),
            Jurisdiction.NL => DutchCitizenServiceNumber.TryNormalize(text, out digits, out error),
            Jurisdiction.FI => FinnishPersonalIdentityCode.TryNormalize(text, today, out digits, out error),
            Jurisdiction.DE => NoGermanNationalId(text, out digits, out error),
            _ => throw new ArgumentOutOfRangeException(nameof(jurisdiction), jurisdiction, "Unknown jurisdiction."),
        };

        if (valid)
        {
            normalized = prefix + digits;
        }

        return valid;
    }

    /// <summary>
    /// Germany has no general personal number, and the numbers Germans do carry may not stand in for one: the ID card's
    /// serial number may not be used to look people up, and the tax id serves the tax office only. So none is stored.
    /// </summary>
    private static bool NoGermanNationalId(string text, out string digits, out string error)
    {
        digits = string.Empty;
        error = $"'{text}' cannot be recorded: Germany has no national identity number, and neither the ID card's number nor the tax id may be used to identify a customer; identify a German customer by phone number, e-mail or a legacy id.";
        return false;
    }

    [SuppressMessage("Globalization", "CA1308:Normalize strings to uppercase", Justification = "Brand slugs are lower case by definition.")]
    private static bool TryNormalizeLegacyId(string text, out string normalized, out string error)
    {
        normalized = string.Empty;
        var separatorAt = text.IndexOf(':', StringComparison.Ordinal);
        if (separatorAt < 0)
        {
            error = $"'{text}' is not a valid legacy id: write it as brand:value, e.g. sonofon:1234567.";
            return false;
        }

        var brand = text[..separatorAt].Trim().ToLowerInvariant();
        var value = text[(separatorAt + 1)..].Trim();

        if (brand.Length == 0 || brand.Length > MaxLegacyBrandLength || !brand.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            error = $"'{text}' is not a valid legacy id: the brand must be 1 to {MaxLegacyBrandLength} letters a-z, digits or hyphens.";
            return false;
        }

        if (value.Length == 0 || value.Length > MaxLegacyValueLength || value.Any(char.IsWhiteSpace))
        {
            error = $"'{text}' is not a valid legacy id: the value after the brand must be 1 to {MaxLegacyValueLength} characters without spaces.";
            return false;
        }

        normalized = $"{brand}:{value}";
        error = string.Empty;
        return true;
    }
}
