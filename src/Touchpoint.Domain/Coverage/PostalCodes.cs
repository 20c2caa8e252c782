using System.Diagnostics.CodeAnalysis;
using Touchpoint.Domain.Customers;

namespace Touchpoint.Domain.Coverage;

/// <summary>
/// Postcodes of the countries Touchpoint serves, reduced to one key per postcode however they are written: Sweden five
/// digits ("114 55" → "11455"), Denmark and Norway four digits, the Netherlands four digits and two letters
/// ("3511 ax" → "3511AX"), Finland and Germany five digits ("FI-00100", "D-10115"). Coverage is stored and looked up by
/// this key.
/// </summary>
public static class PostalCodes
{
    public static bool TryNormalize(Jurisdiction country, string? text, [NotNullWhen(true)] out string? key, out string error)
    {
        key = null;
        var compact = new string((text ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray()).ToUpperInvariant();
        // A Swedish code is often written "SE-114 55"; the country prefix adds nothing once the country is known.
        var prefix = country.ToWireName();
        foreach (var countryPrefix in CountryPrefixes(country))
        {
            if (compact.StartsWith(countryPrefix, StringComparison.Ordinal) && compact.Length > countryPrefix.Length && char.IsAsciiDigit(compact[countryPrefix.Length]))
            {
                compact = compact[countryPrefix.Length..];
                break;
            }
        }

        var valid = country switch
        {
            Jurisdiction.SE => compact.Length == 5 && compact.All(char.IsAsciiDigit) && compact[0] != '0',
            Jurisdiction.DK or Jurisdiction.NO => compact.Length == 4 && compact.All(char.IsAsciiDigit),
            Jurisdiction.NL => compact.Length == 6 && compact[..4].All(char.IsAsciiDigit) && compact[0] != '0'
                && compact[4..].All(char.IsAsciiLetterUpper),

            // Finnish codes start anywhere from 00100 (Helsinki); German ones run from 01001, never 00.
            Jurisdiction.FI => compact.Length == 5 && compact.All(char.IsAsciiDigit),
            Jurisdiction.DE => compact.Length == 5 && compact.All(char.IsAsciiDigit) && !compact.StartsWith("00", StringComparison.Ordinal),
            _ => false,
        };
        if (!valid)
        {
            error = $"'{text}' is not a postcode of {prefix}; expected {Pattern(country)}.";
            return false;
        }

        key = compact;
        error = "";
        return true;
    }

    /// <summary>The key as people write it: "114 55" in Sweden, "3511 AX" in the Netherlands, unchanged elsewhere.</summary>
    public static string Display(Jurisdiction country, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return country switch
        {
            Jurisdiction.SE when key.Length == 5 => $"{key[..3]} {key[3..]}",
            Jurisdiction.NL when key.Length == 6 => $"{key[..4]} {key[4..]}",
            _ => key,
        };
    }

    private static string Pattern(Jurisdiction country) => country switch
    {
        Jurisdiction.SE => "five digits such as 114 55",
        Jurisdiction.NL => "four digits and two letters such as 3511 AX",
        Jurisdiction.FI => "five digits such as 00100",
        Jurisdiction.DE => "five digits such as 10115",
        _ => "four digits such as 1620",
    };

    /// <summary>
    /// Country prefixes people put before a postcode ("SE-114 55"): the ISO code, and for Germany also the old "D-" still
    /// seen on letters. The longer one is tried first, so "DE-10115" loses "DE", not just "D".
    /// </summary>
    private static string[] CountryPrefixes(Jurisdiction country) => country == Jurisdiction.DE ? ["DE", "D"] : [country.ToWireName()];
}
