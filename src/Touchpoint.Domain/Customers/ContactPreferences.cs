using System.Collections.Frozen;
using Touchpoint.Domain.Interactions;

namespace Touchpoint.Domain.Customers;

/// <summary>
/// How a customer wants to be contacted and sold to (S0-3). Campaigns and offers must respect these;
/// <see cref="MayMarketVia"/> is the one place that decides whether marketing may go out in a channel.
/// </summary>
public sealed record ContactPreferences
{
    /// <summary>Channels the customer has opted in to marketing through. Empty by default: marketing is opt-in.</summary>
    public IReadOnlySet<InteractionChannel> AllowedMarketingChannels
    {
        get;
        init => field = value?.ToFrozenSet() ?? throw new ArgumentNullException(nameof(value));
    } = FrozenSet<InteractionChannel>.Empty;

    /// <summary>No marketing calls, even where phone marketing is otherwise allowed.</summary>
    public bool TelemarketingOptOut { get; init; }

    /// <summary>GDPR Art. 21(3): once the customer objects to direct marketing, none may be sent in any channel.</summary>
    public bool MarketingObjection { get; init; }

    /// <summary>The customer never wants to be offered a plan with a binding period (S0-2, S0-3).</summary>
    public bool NeverOfferBinding { get; init; }

    /// <summary>One of <see cref="PreferredLanguages.All"/>, in its canonical lower-case form.</summary>
    public required string PreferredLanguage
    {
        get;
        init => field = PreferredLanguages.IsSupported(value)
            ? value
            : throw new ArgumentException($"'{value}' is not a supported language; allowed values: {string.Join(", ", PreferredLanguages.All)}.", nameof(value));
    }

    /// <summary>New customers: addressed in the jurisdiction's language, no marketing until they opt in.</summary>
    public static ContactPreferences Default(Jurisdiction jurisdiction) => new() { PreferredLanguage = jurisdiction.DefaultLanguage() };

    public bool MayMarketVia(InteractionChannel channel) =>
        !MarketingObjection
        && AllowedMarketingChannels.Contains(channel)
        && !(TelemarketingOptOut && IsVoiceCall(channel));

    /// <summary>Short sentences for the customer's timeline, one per changed preference; empty when nothing changed.</summary>
    public static IReadOnlyList<string> DescribeChanges(ContactPreferences before, ContactPreferences after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);

        var changes = new List<string>();
        if (before.MarketingObjection != after.MarketingObjection)
        {
            changes.Add(after.MarketingObjection
                ? "Marketing objection (GDPR Art. 21) recorded."
                : "Marketing objection (GDPR Art. 21) withdrawn.");
        }

        if (before.TelemarketingOptOut != after.TelemarketingOptOut)
        {
            changes.Add(after.TelemarketingOptOut ? "Telemarketing opt-out turned on." : "Telemarketing opt-out turned off.");
        }

        if (!before.AllowedMarketingChannels.SetEquals(after.AllowedMarketingChannels))
        {
            var channels = after.AllowedMarketingChannels.Order().Select(c => c.ToWireName()).ToList();
            changes.Add($"Allowed marketing channels: {(channels.Count == 0 ? "none" : string.Join(", ", channels))}.");
        }

        if (before.NeverOfferBinding != after.NeverOfferBinding)
        {
            changes.Add($"Never offer a binding period: {(after.NeverOfferBinding ? "on" : "off")}.");
        }

        if (!string.Equals(before.PreferredLanguage, after.PreferredLanguage, StringComparison.Ordinal))
        {
            changes.Add($"Preferred language changed from {before.PreferredLanguage} to {after.PreferredLanguage}.");
        }

        return changes;
    }

    // An automated marketing call is telemarketing just as much as a call from a person.
    private static bool IsVoiceCall(InteractionChannel channel) => channel is InteractionChannel.Phone or InteractionChannel.Ivr;

    // Records compare collections by reference; two preferences with the same channels are the same preferences.
    public bool Equals(ContactPreferences? other) =>
        other is not null
        && TelemarketingOptOut == other.TelemarketingOptOut
        && MarketingObjection == other.MarketingObjection
        && NeverOfferBinding == other.NeverOfferBinding
        && string.Equals(PreferredLanguage, other.PreferredLanguage, StringComparison.Ordinal)
        && AllowedMarketingChannels.SetEquals(other.AllowedMarketingChannels);

    public override int GetHashCode()
    {
        var channelBits = AllowedMarketingChannels.Aggregate(0, (bits, channel) => bits | (1 << (int)channel));
        return HashCode.Combine(TelemarketingOptOut, MarketingObjection, NeverOfferBinding, PreferredLanguage, channelBits);
    }
}
