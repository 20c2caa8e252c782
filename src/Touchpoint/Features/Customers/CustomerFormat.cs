using System.Globalization;
using Touchpoint.Domain.Compensation;
using Touchpoint.Domain.Customers;

namespace Touchpoint.Features.Customers;

/// <summary>How the 360 page's panels write amounts, dates and addresses.</summary>
public static class CustomerFormat
{
    /// <summary>
    /// An amount in the local currency of the customer's jurisdiction, written as its customers write it ("1 234,50 kr");
    /// a bare number when the jurisdiction is unknown.
    /// </summary>
    public static string Money(decimal amount, string? jurisdiction) =>
        Jurisdictions.TryParse(jurisdiction, out var parsed, out _)
            ? Currencies.FormatLocal(amount, parsed)
            : amount.ToString("#,0.00", CultureInfo.InvariantCulture);

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Address(Address address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return $"{address.Street}, {address.PostalCode} {address.City}, {address.Country}";
    }

    /// <summary>The coverage page for the address's postcode: what the customer can get there, before anything is sold (S3-1).</summary>
    public static string CoverageLink(Address address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return $"/coverage?country={Uri.EscapeDataString(address.Country)}&postcode={Uri.EscapeDataString(address.PostalCode)}";
    }
}
