using Microsoft.EntityFrameworkCore;
using PhoneNumbers;
using Touchpoint.Data;
using Touchpoint.Domain.Customers;

namespace Touchpoint.Features.Telephony;

/// <summary>The customer a caller's number belongs to, when one does.</summary>
public sealed record CallerCustomer(Guid Id, string Name, Jurisdiction? Jurisdiction, string? PreferredLanguage);

/// <summary>
/// A caller's number as the switch sends it, read as E.164 and matched to the customer whose mobile number it is.
/// A withheld or unknown number leaves the caller anonymous; nobody is made a contact by calling.
/// </summary>
public static class CallerNumbers
{
    private static readonly string[] Withheld = ["anonymous", "withheld", "unknown", "private", "restricted"];

    /// <summary>Null for a withheld number; an error when the text is neither withheld nor a phone number.</summary>
    public static bool TryRead(string? text, out string? number, out string error)
    {
        number = null;
        error = string.Empty;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed) || Withheld.Contains(trimmed, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        var international = trimmed.StartsWith('+') || trimmed.StartsWith("00", StringComparison.Ordinal) ? trimmed : "+" + trimmed;
        if (IdentityNormalizer.TryNormalize(IdentityKind.Msisdn, international, Jurisdiction.SE, out var normalized, out _))
        {
            number = normalized;
            return true;
        }

        error = $"callerNumber '{trimmed}' is not a phone number in international form (e.g. +46701234567); send null or \"anonymous\" when it was withheld.";
        return false;
    }

    public static async Task<CallerCustomer?> CustomerAsync(TouchpointDbContext db, string number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var msisdn = IdentityKind.Msisdn.ToWireName();
        var found = await (from identity in db.CustomerIdentities
                           join customer in db.Customers on identity.CustomerId equals customer.Id
                           where identity.Kind == msisdn && identity.Value == number
                           select new { customer.Id, customer.Name, customer.Jurisdiction, customer.PreferredLanguage }).FirstOrDefaultAsync(cancellationToken);
        return found is null ? null
            : new CallerCustomer(found.Id, found.Name, Jurisdictions.TryParse(found.Jurisdiction, out var jurisdiction, out _) ? jurisdiction : null, found.PreferredLanguage);
    }

    /// <summary>The jurisdiction of the number's country, when Touchpoint serves it: an anonymous caller's opening hours.</summary>
    public static Jurisdiction? JurisdictionOf(string? number)
    {
        if (number is null)
        {
            return null;
        }

        var phoneNumbers = PhoneNumberUtil.GetInstance();
        var region = phoneNumbers.GetRegionCodeForNumber(phoneNumbers.Parse(number, null));
        return Jurisdictions.TryParse(region, out var jurisdiction, out _) ? jurisdiction : null;
    }
}
