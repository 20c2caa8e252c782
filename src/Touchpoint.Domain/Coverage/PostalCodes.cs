using System.Diagnostics.CodeAnalysis;
using Touchpoint.Domain.Customers;

namespace Touchpoint.Domain.Coverage;

/// <summary>
/// Postcodes of the four countries, reduced to one key per postcode however they are written: Sweden five
/// digits ("114 55" → "11455"), Denmark and Norway four digits, the Netherlands four digits and two letters
/// ("3511 ax" → "3511AX"). Coverage is stored and looked up by this key.
/// </summary>
public static class PostalCodes
{
    public static bool TryNormalize(Jurisdiction country, string? text, [NotNullWhen(true)] out string? key, out string error)
    {
        key = null;
        var compact = new string((text ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray()).ToUpperInvariant();
        // A Swedish code is often written "SE-114 55"; the country prefix adds nothing once the country is known.
        var prefix = country.ToWireName();
        if (compact.StartsWith(prefix, StringComparison.Ordinal) && compact.Length > prefix.Length && char.IsAsciiDigit(compact[prefix.Length]))
        {
            compact = compact[prefix.Length..];
        }

        var valid = country switch
        {
            Jurisdiction.SE => compact.Length == 5 && compact.All(char.IsAsciiDigit) && compact[0] != '0',
            Jurisdiction.DK or Jurisdiction.NO => compact.Length == 4 && compact.All(char.IsAsciiDigit),
            Jurisdiction.NL => compact.Length == 6 && compact[..4].All(char.IsAsciiDigit) && compact[0] != '0'
                && compact[4..].All(char.IsAsciiLetterUpper),
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
        _ => "four digits such as 1620",
    };
}
