using Touchpoint.Domain.Interactions;

namespace Touchpoint.Domain.Contracts;

/// <summary>How a contract was concluded; it decides whether the customer has a statutory withdrawal right (CRD-9).</summary>
public enum SalesMode
{
    /// <summary>Phone, web, e-mail, chat, SMS, letter, social media, IVR: no face-to-face meeting.</summary>
    Distance,

    /// <summary>Door-to-door or anywhere away from the operator's business premises.</summary>
    OffPremises,

    /// <summary>In the operator's store: no statutory withdrawal right.</summary>
    OnPremises,
}

public static class SalesModes
{
    private static readonly WireNameTable<SalesMode> Table = new(
        "sales mode",
        (SalesMode.Distance, "distance"),
        (SalesMode.OffPremises, "offPremises"),
        (SalesMode.OnPremises, "onPremises"));

    public static IReadOnlyList<string> WireNames => Table.Names;

    public static string ToWireName(this SalesMode mode) => Table.NameOf(mode);

    public static bool TryParse(string? text, out SalesMode value, out string error) => Table.TryParse(text, out value, out error);

    /// <summary>
    /// A store sale is on the premises; every other channel is a distance sale. A door-to-door sale has no
    /// channel of its own, so <see cref="SalesMode.OffPremises"/> is never inferred from one.
    /// </summary>
    public static SalesMode FromChannel(InteractionChannel channel) => channel switch
    {
        InteractionChannel.Store => SalesMode.OnPremises,
        InteractionChannel.Phone or InteractionChannel.Email or InteractionChannel.Chat or InteractionChannel.Web
            or InteractionChannel.Letter or InteractionChannel.Social or InteractionChannel.Ivr or InteractionChannel.Sms => SalesMode.Distance,
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "Unknown channel."),
    };
}
