namespace Touchpoint.Domain.Interactions;

/// <summary>Where a contact with the customer took place.</summary>
public enum InteractionChannel
{
    Phone,
    Email,
    Chat,
    Store,
    Web,
    Letter,
    Social,

    /// <summary>Automated voice menu or automated call; a voice call for telemarketing purposes.</summary>
    Ivr,
    Sms,
}

public static class InteractionChannels
{
    private static readonly WireNameTable<InteractionChannel> Table = new(
        "channel",
        (InteractionChannel.Phone, "phone"),
        (InteractionChannel.Email, "email"),
        (InteractionChannel.Chat, "chat"),
        (InteractionChannel.Store, "store"),
        (InteractionChannel.Web, "web"),
        (InteractionChannel.Letter, "letter"),
        (InteractionChannel.Social, "social"),
        (InteractionChannel.Ivr, "ivr"),
        (InteractionChannel.Sms, "sms"));

    public static IReadOnlyList<string> WireNames => Table.Names;

    public static string ToWireName(this InteractionChannel channel) => Table.NameOf(channel);

    public static bool TryParse(string? text, out InteractionChannel value, out string error) =>
        Table.TryParse(text, out value, out error);
}
