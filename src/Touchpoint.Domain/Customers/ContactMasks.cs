namespace Touchpoint.Domain.Customers;

/// <summary>
/// How a list of customers shows their phone numbers and e-mail addresses: enough for the agent to ask "the number
/// ending 4300?" or "your address at example.nl?" and tell namesakes apart, not enough to copy a customer's contact
/// details off the screen. The 360 page, opened for one customer, shows them whole.
/// </summary>
public static class ContactMasks
{
    private const char Hidden = '•';

    /// <summary>A canonical phone number (+4670…) as "+46 •••• 4300": the country code and the last four digits.</summary>
    public static string? Phone(string? msisdn)
    {
        if (string.IsNullOrEmpty(msisdn))
        {
            return msisdn;
        }

        var digits = msisdn.TrimStart('+');
        if (digits.Length <= 6)
        {
            return new string(Hidden, 4) + digits[^Math.Min(2, digits.Length)..];
        }

        var prefix = msisdn.StartsWith('+') ? "+" + digits[..2] + " " : "";
        return $"{prefix}{new string(Hidden, 4)} {digits[^4..]}";
    }

    /// <summary>An e-mail address as "j•••@example.nl": the first character of the mailbox and the whole domain.</summary>
    public static string? Email(string? address)
    {
        if (string.IsNullOrEmpty(address))
        {
            return address;
        }

        var at = address.LastIndexOf('@');
        return at <= 0 ? new string(Hidden, 3) : $"{address[0]}{new string(Hidden, 3)}{address[at..]}";
    }
}
