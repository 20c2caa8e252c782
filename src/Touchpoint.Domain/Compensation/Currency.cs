using System.Globalization;
using Touchpoint.Domain.Customers;

namespace Touchpoint.Domain.Compensation;

/// <summary>The ISO 4217 currencies of the jurisdictions Touchpoint serves.</summary>
public enum Currency
{
    SEK,
    DKK,
    EUR,
    NOK,
}

public static class Currencies
{
    private static readonly WireNameTable<Currency> Table = new(
        "currency",
        (Currency.SEK, "SEK"),
        (Currency.DKK, "DKK"),
        (Currency.EUR, "EUR"),
        (Currency.NOK, "NOK"));

    public static IReadOnlyList<string> WireNames => Table.Names;

    public static string ToWireName(this Currency currency) => Table.NameOf(currency);

    public static bool TryParse(string? text, out Currency value, out string error) =>
        Table.TryParse(text, out value, out error);

    /// <summary>
    /// The currency a customer is compensated in. Compensation is paid where the customer's contract is,
    /// never converted, so a Dutch, Finnish or German customer is always compensated in euros.
    /// </summary>
    public static Currency LocalCurrency(this Jurisdiction jurisdiction) => jurisdiction switch
    {
        Jurisdiction.SE => Currency.SEK,
        Jurisdiction.DK => Currency.DKK,
        Jurisdiction.NL => Currency.EUR,
        Jurisdiction.NO => Currency.NOK,
        Jurisdiction.FI or Jurisdiction.DE => Currency.EUR,
        _ => throw new ArgumentOutOfRangeException(nameof(jurisdiction), jurisdiction, "Unknown jurisdiction."),
    };

    /// <summary>
    /// The culture amounts are written in for a customer of <paramref name="jurisdiction"/>: the country's own
    /// ("1 234,50 kr" in Sweden, "1.234,50 kr." in Denmark, "€ 1.234,50" in the Netherlands).
    /// </summary>
    public static CultureInfo LocalCulture(this Jurisdiction jurisdiction) => CultureInfo.GetCultureInfo(jurisdiction switch
    {
        Jurisdiction.SE => "sv-SE",
        Jurisdiction.DK => "da-DK",
        Jurisdiction.NL => "nl-NL",
        Jurisdiction.NO => "nb-NO",
        Jurisdiction.FI => "fi-FI",
        Jurisdiction.DE => "de-DE",
        _ => throw new ArgumentOutOfRangeException(nameof(jurisdiction), jurisdiction, "Unknown jurisdiction."),
    });

    /// <summary>An amount in the local currency of <paramref name="jurisdiction"/>, written as its customers write it.</summary>
    public static string FormatLocal(decimal amount, Jurisdiction jurisdiction) => amount.ToString("C2", jurisdiction.LocalCulture());

    /// <summary>The jurisdictions whose customers pay in <paramref name="currency"/>: one for SEK, DKK and NOK; NL, FI and DE for EUR.</summary>
    public static IReadOnlyList<Jurisdiction> JurisdictionsPayingIn(this Currency currency) =>
        [.. Enum.GetValues<Jurisdiction>().Where(jurisdiction => jurisdiction.LocalCurrency() == currency)];
}
