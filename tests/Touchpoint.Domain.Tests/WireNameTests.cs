using Touchpoint.Domain.Contracts;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Interactions;
using Touchpoint.Domain.Leaving;
using Touchpoint.Domain.Subscriptions;

namespace Touchpoint.Domain.Tests;

/// <summary>Wire names are stored in the database and sent to clients: they must not drift.</summary>
public sealed class WireNameTests
{
    [Fact]
    public void Jurisdictions_have_their_country_codes() =>
        Assert.Equal(["SE", "DK", "NL", "NO", "FI", "DE"], Enum.GetValues<Jurisdiction>().Select(j => j.ToWireName()));

    [Fact]
    public void Identity_kinds_have_camel_case_names() =>
        Assert.Equal(["nationalId", "msisdn", "email", "legacyId"], Enum.GetValues<IdentityKind>().Select(k => k.ToWireName()));

    [Fact]
    public void Channels_have_lower_case_names() =>
        Assert.Equal(
            ["phone", "email", "chat", "store", "web", "letter", "social", "ivr", "sms"],
            Enum.GetValues<InteractionChannel>().Select(c => c.ToWireName()));

    [Fact]
    public void Directions_have_lower_case_names() =>
        Assert.Equal(["inbound", "outbound"], Enum.GetValues<InteractionDirection>().Select(d => d.ToWireName()));

    [Fact]
    public void Subscription_statuses_have_the_TMF637_names() =>
        Assert.Equal(
            ["created", "pendingActive", "active", "pendingTerminate", "terminated", "suspended"],
            Enum.GetValues<SubscriptionStatus>().Select(s => s.ToWireName()));

    [Fact]
    public void Timeline_entry_kinds_have_camel_case_names() =>
        Assert.Equal(
            ["interaction", "preferenceChange", "merge", "identityAdded", "subscriptionChange", "case", "promise", "order", "offer", "survey", "compensation", "qualification", "message", "customerChange"],
            Enum.GetValues<TimelineEntryKind>().Select(k => k.ToWireName()));

    [Fact]
    public void Termination_kinds_and_states_have_camel_case_names()
    {
        Assert.Equal(["cancellation", "withdrawal", "changeWithdrawal", "endWithoutCost"], Enum.GetValues<TerminationKind>().Select(k => k.ToWireName()));
        Assert.Equal(["pending", "completed", "revoked"], Enum.GetValues<TerminationState>().Select(s => s.ToWireName()));
    }

    [Fact]
    public void Term_change_kinds_have_the_names_announcements_take() =>
        Assert.Equal(
            ["worse", "onlyToCustomersBenefit", "purelyAdministrative", "imposedByLaw"],
            Enum.GetValues<TermChangeKind>().Select(k => k.ToWireName()));

    [Fact]
    public void Every_wire_name_parses_back_to_its_value()
    {
        AssertRoundTrip<Jurisdiction>(v => v.ToWireName(), Jurisdictions.TryParse);
        AssertRoundTrip<IdentityKind>(v => v.ToWireName(), IdentityKinds.TryParse);
        AssertRoundTrip<InteractionChannel>(v => v.ToWireName(), InteractionChannels.TryParse);
        AssertRoundTrip<InteractionDirection>(v => v.ToWireName(), InteractionDirections.TryParse);
        AssertRoundTrip<SubscriptionStatus>(v => v.ToWireName(), SubscriptionStatuses.TryParse);
        AssertRoundTrip<TimelineEntryKind>(v => v.ToWireName(), TimelineEntryKinds.TryParse);
        AssertRoundTrip<TerminationKind>(v => v.ToWireName(), TerminationKinds.TryParse);
        AssertRoundTrip<TerminationState>(v => v.ToWireName(), TerminationStates.TryParse);
        AssertRoundTrip<TermChangeKind>(v => v.ToWireName(), TermChangeKinds.TryParse);
    }

    [Theory]
    [InlineData("se", Jurisdiction.SE)]
    [InlineData(" No ", Jurisdiction.NO)]
    [InlineData("dk", Jurisdiction.DK)]
    [InlineData("fi", Jurisdiction.FI)]
    [InlineData(" De", Jurisdiction.DE)]
    public void Jurisdictions_parse_case_insensitively(string text, Jurisdiction expected)
    {
        Assert.True(Jurisdictions.TryParse(text, out var value, out var error), error);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("PENDINGACTIVE", SubscriptionStatus.PendingActive)]
    [InlineData("pendingterminate", SubscriptionStatus.PendingTerminate)]
    public void Statuses_parse_case_insensitively(string text, SubscriptionStatus expected)
    {
        Assert.True(SubscriptionStatuses.TryParse(text, out var value, out _));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("FR")]
    [InlineData("Sweden")]
    [InlineData("0")]
    [InlineData("S E")]
    public void Unknown_jurisdictions_are_refused_naming_the_allowed_values(string text)
    {
        Assert.False(Jurisdictions.TryParse(text, out _, out var error));
        Assert.Equal($"'{text}' is not a valid jurisdiction; allowed values: SE, DK, NL, NO, FI, DE.", error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_missing_value_is_refused_as_required(string? text)
    {
        Assert.False(InteractionChannels.TryParse(text, out _, out var error));
        Assert.Equal("A channel is required; allowed values: phone, email, chat, store, web, letter, social, ivr, sms.", error);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("Outbound2")]
    [InlineData("out")]
    public void Numbers_and_near_misses_are_not_directions(string text)
    {
        Assert.False(InteractionDirections.TryParse(text, out _, out var error));
        Assert.Contains("allowed values: inbound, outbound", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Channel_errors_quote_the_value()
    {
        Assert.False(InteractionChannels.TryParse("fax", out _, out var error));
        Assert.StartsWith("'fax' is not a valid channel;", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Timeline_and_identity_errors_name_their_allowed_values()
    {
        Assert.False(TimelineEntryKinds.TryParse("note", out _, out var timelineError));
        Assert.Contains("interaction, preferenceChange, merge, identityAdded, subscriptionChange, case, promise, order, offer, survey, compensation", timelineError, StringComparison.Ordinal);
        Assert.False(IdentityKinds.TryParse("ssn", out _, out var identityError));
        Assert.Contains("nationalId, msisdn, email, legacyId", identityError, StringComparison.Ordinal);
    }

    [Fact]
    public void An_undefined_enum_value_has_no_wire_name() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ((InteractionChannel)99).ToWireName());

    [Theory]
    [InlineData(Jurisdiction.SE, "SE", "sv")]
    [InlineData(Jurisdiction.DK, "DK", "da")]
    [InlineData(Jurisdiction.NL, "NL", "nl")]
    [InlineData(Jurisdiction.NO, "NO", "nb")]
    [InlineData(Jurisdiction.FI, "FI", "fi")]
    [InlineData(Jurisdiction.DE, "DE", "de")]
    public void Each_jurisdiction_has_a_phone_region_and_a_language(Jurisdiction jurisdiction, string region, string language)
    {
        Assert.Equal(region, jurisdiction.DefaultRegion());
        Assert.Equal(language, jurisdiction.DefaultLanguage());
    }

    private delegate bool TryParser<TEnum>(string? text, out TEnum value, out string error);

    private static void AssertRoundTrip<TEnum>(Func<TEnum, string> toWireName, TryParser<TEnum> tryParse)
        where TEnum : struct, Enum
    {
        foreach (var value in Enum.GetValues<TEnum>())
        {
            Assert.True(tryParse(toWireName(value), out var parsed, out var error), error);
            Assert.Equal(value, parsed);
            Assert.Equal(string.Empty, error);
        }
    }
}
