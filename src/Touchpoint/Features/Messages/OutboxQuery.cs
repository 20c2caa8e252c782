using Touchpoint.Domain.Customers;

namespace Touchpoint.Features.Messages;

/// <summary>The outbox filtered by receiver as staff type it: a customer id, an e-mail address or a phone number in any format.</summary>
public static class OutboxQuery
{
    public static IQueryable<OutboundMessage> ByReceiver(IQueryable<OutboundMessage> messages, string? receiver)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var text = receiver?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return messages;
        }

        if (Guid.TryParse(text, out var customerId))
        {
            return messages.Where(m => m.CustomerId == customerId);
        }

        if (text.Contains('@', StringComparison.Ordinal))
        {
            var address = text.ToLowerInvariant();
            return messages.Where(m => m.ReceiverAddress == address);
        }

        var numbers = PhoneNumbers(text);
        return messages.Where(m => numbers.Contains(m.ReceiverAddress));
    }

    /// <summary>A typed number in E.164, read in each country Touchpoint serves; empty when it is no number.</summary>
    public static List<string> PhoneNumbers(string text) =>
        Enum.GetValues<Jurisdiction>()
            .Select(j => IdentityNormalizer.TryNormalize(IdentityKind.Msisdn, text, j, out var number, out _) ? number : null)
            .OfType<string>().Distinct(StringComparer.Ordinal).ToList();
}
