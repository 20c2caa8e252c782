using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Interactions;

namespace Touchpoint.Domain.Tests.Customers;

public sealed class ContactPreferencesTests
{
    private static readonly ContactPreferences Swedish = ContactPreferences.Default(Jurisdiction.SE);

    [Theory]
    [InlineData(Jurisdiction.SE, "sv")]
    [InlineData(Jurisdiction.DK, "da")]
    [InlineData(Jurisdiction.NL, "nl")]
    [InlineData(Jurisdiction.NO, "nb")]
    [InlineData(Jurisdiction.FI, "fi")]
    [InlineData(Jurisdiction.DE, "de")]
    public void Defaults_speak_the_jurisdictions_language_and_allow_no_marketing(Jurisdiction jurisdiction, string language)
    {
        var preferences = ContactPreferences.Default(jurisdiction);

        Assert.Equal(language, preferences.PreferredLanguage);
        Assert.Empty(preferences.AllowedMarketingChannels);
        Assert.False(preferences.TelemarketingOptOut);
        Assert.False(preferences.MarketingObjection);
        Assert.False(preferences.NeverOfferBinding);
        Assert.All(Enum.GetValues<InteractionChannel>(), channel => Assert.False(preferences.MayMarketVia(channel)));
    }

    [Fact]
    public void Marketing_goes_only_through_channels_the_customer_opted_in_to()
    {
        var preferences = Swedish with { AllowedMarketingChannels = new HashSet<InteractionChannel> { InteractionChannel.Email, InteractionChannel.Sms } };

        Assert.True(preferences.MayMarketVia(InteractionChannel.Email));
        Assert.True(preferences.MayMarketVia(InteractionChannel.Sms));
        Assert.False(preferences.MayMarketVia(InteractionChannel.Letter));
        Assert.False(preferences.MayMarketVia(InteractionChannel.Phone));
    }

    [Fact]
    public void A_marketing_objection_stops_marketing_in_every_channel()
    {
        var preferences = Swedish with
        {
            AllowedMarketingChannels = Enum.GetValues<InteractionChannel>().ToHashSet(),
            MarketingObjection = true,
        };

        Assert.All(Enum.GetValues<InteractionChannel>(), channel => Assert.False(preferences.MayMarketVia(channel)));
    }

    [Fact]
    public void The_telemarketing_opt_out_stops_marketing_calls_only()
    {
        var preferences = Swedish with
        {
            AllowedMarketingChannels = Enum.GetValues<InteractionChannel>().ToHashSet(),
            TelemarketingOptOut = true,
        };

        Assert.False(preferences.MayMarketVia(InteractionChannel.Phone));
        Assert.False(preferences.MayMarketVia(InteractionChannel.Ivr));
        Assert.True(preferences.MayMarketVia(InteractionChannel.Sms));
        Assert.True(preferences.MayMarketVia(InteractionChannel.Email));
        Assert.True(preferences.MayMarketVia(InteractionChannel.Letter));
    }

    [Fact]
    public void Preferences_with_the_same_channels_are_equal_whatever_set_holds_them()
    {
        var first = Swedish with { AllowedMarketingChannels = new HashSet<InteractionChannel> { InteractionChannel.Email, InteractionChannel.Sms } };
        var second = Swedish with { AllowedMarketingChannels = new SortedSet<InteractionChannel> { InteractionChannel.Sms, InteractionChannel.Email } };

        Assert.Equal(first, second);
        Assert.True(first == second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    [Fact]
    public void Preferences_differing_in_any_field_are_not_equal()
    {
        var emailOnly = Swedish with { AllowedMarketingChannels = new HashSet<InteractionChannel> { InteractionChannel.Email } };

        Assert.NotEqual(Swedish, emailOnly);
        Assert.NotEqual(Swedish, Swedish with { TelemarketingOptOut = true });
        Assert.NotEqual(Swedish, Swedish with { MarketingObjection = true });
        Assert.NotEqual(Swedish, Swedish with { NeverOfferBinding = true });
        Assert.NotEqual(Swedish, Swedish with { PreferredLanguage = "en" });
        Assert.False(Swedish.Equals(null));
    }

    [Fact]
    public void Changing_the_callers_set_afterwards_does_not_change_the_preferences()
    {
        var channels = new HashSet<InteractionChannel> { InteractionChannel.Email };
        var preferences = Swedish with { AllowedMarketingChannels = channels };

        channels.Add(InteractionChannel.Phone);

        Assert.False(preferences.MayMarketVia(InteractionChannel.Phone));
        Assert.Single(preferences.AllowedMarketingChannels);
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("SV")]
    [InlineData("no")]
    [InlineData("")]
    public void Only_supported_canonical_languages_can_be_stored(string language) =>
        Assert.Throws<ArgumentException>(() => Swedish with { PreferredLanguage = language });

    [Theory]
    [InlineData("sv", "sv")]
    [InlineData(" EN ", "en")]
    [InlineData("Nb", "nb")]
    [InlineData("da", "da")]
    [InlineData("nl", "nl")]
    [InlineData("FI", "fi")]
    [InlineData("de", "de")]
    public void Supported_languages_validate_to_their_canonical_code(string text, string expected)
    {
        Assert.True(PreferredLanguages.TryValidate(text, out var language, out var error), error);
        Assert.Equal(expected, language);
    }

    [Theory]
    [InlineData("fr", "'fr' is not a supported language; allowed values: sv, da, nl, nb, fi, de, en.")]
    [InlineData("no", "'no' is not a supported language; allowed values: sv, da, nl, nb, fi, de, en.")]
    [InlineData(null, "A preferred language is required; allowed values: sv, da, nl, nb, fi, de, en.")]
    [InlineData(" ", "A preferred language is required; allowed values: sv, da, nl, nb, fi, de, en.")]
    public void Unsupported_languages_are_refused_naming_the_allowed_ones(string? text, string expectedError)
    {
        Assert.False(PreferredLanguages.TryValidate(text, out var language, out var error));
        Assert.Equal(expectedError, error);
        Assert.Equal(string.Empty, language);
    }

    [Fact]
    public void Unchanged_preferences_describe_no_changes() =>
        Assert.Empty(ContactPreferences.DescribeChanges(Swedish, Swedish with { AllowedMarketingChannels = new HashSet<InteractionChannel>() }));

    [Theory]
    [InlineData(true, "Telemarketing opt-out turned on.")]
    [InlineData(false, "Telemarketing opt-out turned off.")]
    public void Telemarketing_changes_are_described(bool after, string expected) =>
        Assert.Equal([expected], ContactPreferences.DescribeChanges(Swedish with { TelemarketingOptOut = !after }, Swedish with { TelemarketingOptOut = after }));

    [Theory]
    [InlineData(true, "Marketing objection (GDPR Art. 21) recorded.")]
    [InlineData(false, "Marketing objection (GDPR Art. 21) withdrawn.")]
    public void Marketing_objection_changes_are_described(bool after, string expected) =>
        Assert.Equal([expected], ContactPreferences.DescribeChanges(Swedish with { MarketingObjection = !after }, Swedish with { MarketingObjection = after }));

    [Theory]
    [InlineData(true, "Never offer a binding period: on.")]
    [InlineData(false, "Never offer a binding period: off.")]
    public void Binding_preference_changes_are_described(bool after, string expected) =>
        Assert.Equal([expected], ContactPreferences.DescribeChanges(Swedish with { NeverOfferBinding = !after }, Swedish with { NeverOfferBinding = after }));

    [Fact]
    public void Channel_changes_list_the_new_channels_in_a_fixed_order()
    {
        var after = Swedish with { AllowedMarketingChannels = new HashSet<InteractionChannel> { InteractionChannel.Sms, InteractionChannel.Email } };

        Assert.Equal(["Allowed marketing channels: email, sms."], ContactPreferences.DescribeChanges(Swedish, after));
        Assert.Equal(["Allowed marketing channels: none."], ContactPreferences.DescribeChanges(after, Swedish));
    }

    [Fact]
    public void Language_changes_are_described() =>
        Assert.Equal(["Preferred language changed from sv to en."], ContactPreferences.DescribeChanges(Swedish, Swedish with { PreferredLanguage = "en" }));

    [Fact]
    public void Several_changes_give_one_sentence_each()
    {
        var after = Swedish with
        {
            TelemarketingOptOut = true,
            MarketingObjection = true,
            NeverOfferBinding = true,
            AllowedMarketingChannels = new HashSet<InteractionChannel> { InteractionChannel.Letter },
        };

        Assert.Equal(
            [
                "Marketing objection (GDPR Art. 21) recorded.",
                "Telemarketing opt-out turned on.",
                "Allowed marketing channels: letter.",
                "Never offer a binding period: on.",
            ],
            ContactPreferences.DescribeChanges(Swedish, after));
    }
}
