namespace Touchpoint.Features.Customers;

public sealed record AddressInput(string? Street, string? PostalCode, string? City, string? Country);

public sealed record IdentityInput(string? Kind, string? Value);

/// <summary>Contact and contract preferences; a null field keeps the stored value.</summary>
public sealed record PreferencesInput(
    IReadOnlyList<string>? AllowedMarketingChannels,
    bool? TelemarketingOptOut,
    bool? MarketingObjection,
    bool? NeverOfferBinding,
    string? PreferredLanguage);

public sealed record CreateCustomerInput(
    string? Kind,
    string? Name,
    string? Jurisdiction,
    AddressInput? ServiceAddress,
    AddressInput? BillingAddress,
    IReadOnlyList<IdentityInput>? Identities,
    PreferencesInput? Preferences);

/// <summary>A change of a customer; a null field keeps the stored value.</summary>
/// <param name="Kind">person or business: who buys, and so whether new sales are consumer sales (TP-5).</param>
public sealed record UpdateCustomerInput(
    string? Name,
    AddressInput? ServiceAddress,
    AddressInput? BillingAddress,
    PreferencesInput? Preferences,
    string? Kind = null);
