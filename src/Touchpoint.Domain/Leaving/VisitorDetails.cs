using Touchpoint.Domain.Customers;

namespace Touchpoint.Domain.Leaving;

/// <summary>
/// What a visitor of the public "Cancel or withdraw" page gives instead of a password: their name, the subscription
/// (its number or its id) and an e-mail address or phone number (CRD-11a asks only name, contract id and contact).
/// All three must match the customer on file before a code is sent, and the code goes to the contact on file.
/// </summary>
public sealed record VisitorDetails(string Name, string Subscription, string Contact)
{
    public const int MaxLength = 254;

    /// <summary>Checks that each detail is given; <paramref name="field"/> names the first missing one.</summary>
    public static bool TryCreate(string? name, string? subscription, string? contact, out VisitorDetails details, out string field, out string error)
    {
        details = new VisitorDetails(name?.Trim() ?? "", subscription?.Trim() ?? "", contact?.Trim() ?? "");
        (field, error) = details switch
        {
            { Name.Length: 0 } => ("name", "Enter your name as on your contract."),
            { Name.Length: > MaxLength } => ("name", $"The name is longer than {MaxLength} characters."),
            { Subscription.Length: 0 } => ("subscription", "Enter the subscription's phone number or its id."),
            { Subscription.Length: > MaxLength } => ("subscription", $"The subscription is longer than {MaxLength} characters."),
            { Contact.Length: 0 } => ("contact", "Enter the e-mail address or phone number you gave us."),
            { Contact.Length: > MaxLength } => ("contact", $"The contact is longer than {MaxLength} characters."),
            _ => ("", ""),
        };
        return field.Length == 0;
    }

    /// <summary>The subscription as an id, when the visitor typed one.</summary>
    public Guid? SubscriptionId => Guid.TryParse(Subscription, out var id) ? id : null;

    /// <summary>
    /// The subscription as a phone number in E.164, read in each country Touchpoint serves (a number without a
    /// country code is read as that country's): the visitor's country is not known yet.
    /// </summary>
    public IReadOnlySet<string> SubscriptionNumbers() => Numbers(Subscription);

    /// <summary>True when the name matches the one on file, ignoring case, accents and spacing.</summary>
    public bool NameMatches(string nameOnFile)
    {
        ArgumentNullException.ThrowIfNull(nameOnFile);
        return string.Equals(CustomerNames.SearchKey(Name), CustomerNames.SearchKey(nameOnFile), StringComparison.Ordinal);
    }

    /// <summary>True when the contact the visitor typed is the identity on file (<paramref name="kind"/> e-mail or phone).</summary>
    public bool ContactMatches(IdentityKind kind, string valueOnFile, Jurisdiction jurisdiction)
    {
        ArgumentNullException.ThrowIfNull(valueOnFile);
        return kind switch
        {
            IdentityKind.Email => IdentityNormalizer.TryNormalize(IdentityKind.Email, Contact, jurisdiction, out var email, out _)
                && string.Equals(email, valueOnFile, StringComparison.Ordinal),
            IdentityKind.Msisdn => IdentityNormalizer.TryNormalize(IdentityKind.Msisdn, Contact, jurisdiction, out var number, out _)
                && string.Equals(number, valueOnFile, StringComparison.Ordinal),
            _ => false,
        };
    }

    private static HashSet<string> Numbers(string text)
    {
        var numbers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var jurisdiction in Enum.GetValues<Jurisdiction>())
        {
            if (IdentityNormalizer.TryNormalize(IdentityKind.Msisdn, text, jurisdiction, out var number, out _))
            {
                numbers.Add(number);
            }
        }

        return numbers;
    }
}
