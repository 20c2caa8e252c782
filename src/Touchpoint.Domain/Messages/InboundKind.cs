namespace Touchpoint.Domain.Messages;

/// <summary>What an arriving message is, which decides what Touchpoint may do with it.</summary>
public enum InboundKind
{
    /// <summary>Written by a person: threaded to a case, and may be answered.</summary>
    Personal,

    /// <summary>
    /// Written by a machine (an auto-reply, a list, a vacation notice): recorded on the case, never answered, so two
    /// auto-responders cannot talk to each other for ever (RFC 3834).
    /// </summary>
    Automatic,

    /// <summary>A delivery status notification saying a message of ours could not be delivered (5.x.x).</summary>
    Bounce,

    /// <summary>A delivery status notification saying delivery is only late (<c>Action: delayed</c>): not a bounce.</summary>
    DeliveryDelayed,
}

public static class InboundKinds
{
    private static readonly WireNameTable<InboundKind> Table = new(
        "inbound message kind",
        (InboundKind.Personal, "personal"),
        (InboundKind.Automatic, "automatic"),
        (InboundKind.Bounce, "bounce"),
        (InboundKind.DeliveryDelayed, "deliveryDelayed"));

    public static IReadOnlyList<string> WireNames => Table.Names;

    public static string ToWireName(this InboundKind kind) => Table.NameOf(kind);

    public static bool TryParse(string? text, out InboundKind value, out string error) => Table.TryParse(text, out value, out error);
}

/// <param name="Action">failed, delayed, delivered, relayed or expanded.</param>
/// <param name="Status">The enhanced status code, e.g. 5.1.1.</param>
public sealed record DeliveryStatus(string Recipient, string Action, string Status);

/// <summary>The headers that tell a machine's mail from a person's.</summary>
/// <param name="AutoSubmitted">RFC 3834's Auto-Submitted header.</param>
/// <param name="Precedence">The de-facto Precedence header (bulk, list, junk).</param>
/// <param name="AutoReplyMarkers">Whether any vendor marker of an auto-reply is present (X-Autoreply, X-Autorespond, X-Auto-Response-Suppress: All, List-Id…).</param>
/// <param name="DeliveryStatuses">The per-recipient fields of a delivery status notification; null when the message is not one.</param>
public sealed record InboundHeaders(string? AutoSubmitted, string? Precedence, bool AutoReplyMarkers, IReadOnlyList<DeliveryStatus>? DeliveryStatuses);

/// <summary>Classifies arriving mail (RFC 3834 for automatic responses, RFC 3464 for delivery status notifications).</summary>
public static class InboundClassifier
{
    public static InboundKind Classify(InboundHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (headers.DeliveryStatuses is { } statuses)
        {
            return statuses.Any(IsPermanentFailure) ? InboundKind.Bounce
                : statuses.Any(s => s.Action.Equals("delayed", StringComparison.OrdinalIgnoreCase)) ? InboundKind.DeliveryDelayed
                : InboundKind.Automatic;
        }

        var autoSubmitted = headers.AutoSubmitted?.Split(';')[0].Trim();
        if (!string.IsNullOrEmpty(autoSubmitted) && !autoSubmitted.Equals("no", StringComparison.OrdinalIgnoreCase))
        {
            return InboundKind.Automatic;
        }

        var precedence = headers.Precedence?.Trim();
        if (precedence is not null && (precedence.Equals("bulk", StringComparison.OrdinalIgnoreCase)
                                       || precedence.Equals("list", StringComparison.OrdinalIgnoreCase)
                                       || precedence.Equals("junk", StringComparison.OrdinalIgnoreCase)))
        {
            return InboundKind.Automatic;
        }

        return headers.AutoReplyMarkers ? InboundKind.Automatic : InboundKind.Personal;
    }

    /// <summary>The recipients a notification says can never be reached: <c>Action: failed</c> with a 5.x.x status.</summary>
    public static IEnumerable<string> BouncedRecipients(InboundHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return (headers.DeliveryStatuses ?? []).Where(IsPermanentFailure).Select(s => s.Recipient);
    }

    private static bool IsPermanentFailure(DeliveryStatus status) =>
        status.Action.Equals("failed", StringComparison.OrdinalIgnoreCase) && status.Status.TrimStart().StartsWith('5');
}
