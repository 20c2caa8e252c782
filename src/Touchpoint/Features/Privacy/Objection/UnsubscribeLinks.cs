using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace Touchpoint.Features.Privacy.Objection;

/// <summary>
/// One-click unsubscribe links (RFC 8058) for e-mail that markets: a token per customer that nobody can guess or forge
/// (ASP.NET Core Data Protection: authenticated encryption with the app's key ring, kept in the database), the link
/// <c>/unsubscribe/{token}</c>, and the two headers a marketing e-mail carries so a mail program offers "unsubscribe"
/// itself. A POST to the link records the objection (GDPR-21); a GET only shows a page with the button, because mail
/// scanners open links on their own. The token does not expire: an objection must work whenever the customer sends it.
/// </summary>
public sealed class UnsubscribeLinks(IDataProtectionProvider protection)
{
    /// <summary>Longer than any token this class makes; a longer one is refused before it is decrypted.</summary>
    public const int MaxTokenLength = 400;

    public const string ListUnsubscribe = "List-Unsubscribe";
    public const string ListUnsubscribePost = "List-Unsubscribe-Post";

    /// <summary>The List-Unsubscribe-Post value RFC 8058 prescribes, also the body a mail program posts.</summary>
    public const string OneClick = "List-Unsubscribe=One-Click";

    private readonly IDataProtector protector = protection.CreateProtector("Touchpoint.Privacy.Objection.Unsubscribe.v1");

    public string TokenFor(Guid customerId) => WebEncoders.Base64UrlEncode(protector.Protect(customerId.ToByteArray()));

    /// <summary>The customer a token was made for; false for anything this Touchpoint did not make (forged, altered, cut short).</summary>
    public bool TryRead(string? token, out Guid customerId)
    {
        customerId = Guid.Empty;
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength)
        {
            return false;
        }

        try
        {
            var bytes = protector.Unprotect(WebEncoders.Base64UrlDecode(token));
            if (bytes.Length != 16)
            {
                return false;
            }

            customerId = new Guid(bytes);
            return true;
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return false;
        }
    }

    /// <summary>The link under <paramref name="publicBaseUrl"/> (where customers reach this Touchpoint).</summary>
    public Uri LinkFor(Uri publicBaseUrl, Guid customerId)
    {
        ArgumentNullException.ThrowIfNull(publicBaseUrl);
        if (!publicBaseUrl.IsAbsoluteUri)
        {
            throw new ArgumentException("The public base URL must be absolute.", nameof(publicBaseUrl));
        }

        var root = publicBaseUrl.AbsoluteUri.EndsWith('/') ? publicBaseUrl : new Uri(publicBaseUrl.AbsoluteUri + "/");
        return new Uri(root, $"unsubscribe/{TokenFor(customerId)}");
    }

    /// <summary>The headers of a marketing e-mail to the customer: List-Unsubscribe with the link, List-Unsubscribe-Post for one click.</summary>
    public IReadOnlyDictionary<string, string> HeadersFor(Uri publicBaseUrl, Guid customerId) => new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [ListUnsubscribe] = $"<{LinkFor(publicBaseUrl, customerId).AbsoluteUri}>",
        [ListUnsubscribePost] = OneClick,
    };
}
