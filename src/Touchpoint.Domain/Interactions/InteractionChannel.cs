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

    /// <summary>What people call the channel: what agents read, and TMF683's channel name.</summary>
    public static string DisplayName(this InteractionChannel channel) => channel switch
    {
        InteractionChannel.Phone => "Phone",
        InteractionChannel.Email => "E-mail",
        InteractionChannel.Chat => "Chat",
        InteractionChannel.Store => "Store",
        InteractionChannel.Web => "Web",
        InteractionChannel.Letter => "Letter",
        InteractionChannel.Social => "Social media",
        InteractionChannel.Ivr => "IVR",
        InteractionChannel.Sms => "SMS",
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "Unknown channel."),
    };

    /// <summary>The channel whose <see cref="DisplayName"/> is <paramref name="text"/>, in any case.</summary>
    public static bool TryParseDisplayName(string? text, out InteractionChannel value)
    {
        foreach (var channel in Enum.GetValues<InteractionChannel>())
        {
            if (string.Equals(channel.DisplayName(), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = channel;
                return true;
            }
        }

        value = default;
        return false;
    }
}
