using System.Text.Json;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Interactions;
using Touchpoint.Features.Customers;
using Touchpoint.Hosting;

namespace Touchpoint.Tmf;

/// <summary>
/// The parts of a customer that TMF629 (Customer) and TMF632 (Individual, Organization) show alike —
/// contact media and characteristics — and the reading of those parts from a TMF body into the inputs
/// of <see cref="CustomerCommands"/>. The mapping itself is documented at the top of Tmf629CustomerApi.cs.
/// </summary>
public static class TmfCustomerMapping
{
    public const string Jurisdiction = "jurisdiction";
    public const string NationalId = "nationalId";
    public const string LegacyId = "legacyId";
    public const string PreferredLanguage = "preferredLanguage";
    public const string AllowedMarketingChannels = "allowedMarketingChannels";
    public const string TelemarketingOptOut = "telemarketingOptOut";
    public const string MarketingObjection = "marketingObjection";
    public const string NeverOfferBinding = "neverOfferBinding";

    private static readonly string[] PhoneMediumTypes = ["phone", "mobile", "telephone", "telephoneNumber"];
    private static readonly string[] EmailMediumTypes = ["email", "emailAddress"];
    private static readonly string[] PostalMediumTypes = ["postalAddress", "postal", "address"];

    // ---- Touchpoint → TMF ----

    public static List<TmfContactMedium>? ContactMedia(Customer customer, IEnumerable<CustomerIdentity> identities)
    {
        var media = new List<TmfContactMedium>();
        foreach (var identity in Sorted(identities))
        {
            if (identity.Kind == IdentityKind.Msisdn.ToWireName())
            {
                media.Add(new TmfContactMedium
                {
                    MediumType = "phone",
                    Characteristic = new TmfMediumCharacteristic { ContactType = "mobile", PhoneNumber = identity.Value },
                });
            }
            else if (identity.Kind == IdentityKind.Email.ToWireName())
            {
                media.Add(new TmfContactMedium { MediumType = "email", Characteristic = new TmfMediumCharacteristic { EmailAddress = identity.Value } });
            }
        }

        AddAddress(media, "service", customer.ServiceAddress);
        AddAddress(media, "billing", customer.BillingAddress);
        return media.Count == 0 ? null : media;
    }

    /// <summary>Jurisdiction and contact preferences; with <paramref name="identities"/>, national and legacy ids too.</summary>
    public static List<TmfCharacteristic> Characteristics(Customer customer, IEnumerable<CustomerIdentity>? identities)
    {
        var list = new List<TmfCharacteristic> { TmfCharacteristic.Of(Jurisdiction, "string", customer.Jurisdiction) };
        foreach (var identity in Sorted(identities ?? []))
        {
            if (identity.Kind == IdentityKind.NationalId.ToWireName())
            {
                list.Add(TmfCharacteristic.Of(NationalId, "string", identity.Value));
            }
            else if (identity.Kind == IdentityKind.LegacyId.ToWireName())
            {
                list.Add(TmfCharacteristic.Of(LegacyId, "string", identity.Value));
            }
        }

        var preferences = CustomerPreferences.Read(customer);
        list.Add(TmfCharacteristic.Of(PreferredLanguage, "string", preferences.PreferredLanguage));
        list.Add(TmfCharacteristic.Of(AllowedMarketingChannels, "array",
            preferences.AllowedMarketingChannels.Select(c => c.ToWireName()).Order(StringComparer.Ordinal).ToList()));
        list.Add(TmfCharacteristic.Of(TelemarketingOptOut, "boolean", preferences.TelemarketingOptOut));
        list.Add(TmfCharacteristic.Of(MarketingObjection, "boolean", preferences.MarketingObjection));
        list.Add(TmfCharacteristic.Of(NeverOfferBinding, "boolean", preferences.NeverOfferBinding));
        return list;
    }

    private static IEnumerable<CustomerIdentity> Sorted(IEnumerable<CustomerIdentity> identities) =>
        identities.OrderBy(i => i.Kind, StringComparer.Ordinal).ThenBy(i => i.Value, StringComparer.Ordinal);

    private static void AddAddress(List<TmfContactMedium> media, string contactType, Address? address)
    {
        if (address is null)
        {
            return;
        }

        media.Add(new TmfContactMedium
        {
            MediumType = "postalAddress",
            Characteristic = new TmfMediumCharacteristic
            {
                ContactType = contactType,
                Street1 = address.Street,
                PostCode = address.PostalCode,
                City = address.City,
                Country = address.Country,
            },
        });
    }

    // ---- TMF → Touchpoint ----

    /// <summary>An identity from the body, with the JSON paths its kind and value came from.</summary>
    public sealed record IdentityPart(IdentityInput Input, string KindPath, string ValuePath)
    {
        /// <summary>Field names of <see cref="CustomerCommands.AddIdentityAsync"/> (no prefix) in TMF terms.</summary>
        public FieldMap Map => new FieldMap().Map("kind", KindPath).Map("value", ValuePath).Map("", ValuePath);
    }

    /// <summary>What a Customer_Create or Customer_Update body says, in the terms of <see cref="CustomerCommands"/>.</summary>
    public sealed class CustomerBody
    {
        public List<IdentityPart> Identities { get; } = [];
        public AddressInput? ServiceAddress { get; set; }
        public AddressInput? BillingAddress { get; set; }
        public string? Jurisdiction { get; set; }
        public string JurisdictionPath { get; set; } = "characteristic";
        public PreferencesInput? Preferences { get; set; }

        /// <summary>Command field names → TMF paths, for failures of the whole-customer commands.</summary>
        public FieldMap Map { get; } = new();
    }

    /// <summary>Reads contact media and characteristics; a shape Touchpoint cannot map is a 400 naming its path.</summary>
    /// <param name="characteristicField">What the body calls its characteristics: TMF629's <c>characteristic</c>, TMF632's <c>partyCharacteristic</c>.</param>
    public static Outcome<CustomerBody> Read(
        IReadOnlyList<TmfContactMedium?>? contactMedia, IReadOnlyList<TmfCharacteristic?>? characteristics, string characteristicField = "characteristic")
    {
        var body = new CustomerBody { JurisdictionPath = characteristicField };
        body.Map.Map("jurisdiction", body.JurisdictionPath);
        for (var j = 0; j < (contactMedia?.Count ?? 0); j++)
        {
            var path = $"contactMedium[{j}]";
            var medium = contactMedia![j];
            if (medium is null)
            {
                return new Failure.Invalid(path, "A contact medium needs a mediumType and a characteristic.");
            }

            var type = medium.MediumType?.Trim();
            var characteristic = medium.Characteristic ?? new TmfMediumCharacteristic();
            if (Is(type, PhoneMediumTypes) || Is(type, EmailMediumTypes))
            {
                var phone = Is(type, PhoneMediumTypes);
                var valuePath = $"{path}.characteristic.{(phone ? "phoneNumber" : "emailAddress")}";
                var value = phone ? characteristic.PhoneNumber : characteristic.EmailAddress;
                var kind = phone ? IdentityKind.Msisdn : IdentityKind.Email;
                AddIdentity(body, new IdentityInput(kind.ToWireName(), value), $"{path}.mediumType", valuePath);
            }
            else if (Is(type, PostalMediumTypes))
            {
                var contactType = characteristic.ContactType?.Trim();
                var billing = string.Equals(contactType, "billing", StringComparison.OrdinalIgnoreCase);
                if (!billing && contactType is not null && !Is(contactType, ["service", "installation", "home"]))
                {
                    return new Failure.Invalid($"{path}.characteristic.contactType",
                        $"'{contactType}' is not an address type Touchpoint keeps; use service or billing.");
                }

                var street = string.Join(", ", new[] { characteristic.Street1, characteristic.Street2 }.Where(s => !string.IsNullOrWhiteSpace(s)));
                var address = new AddressInput(street, characteristic.PostCode, characteristic.City, characteristic.Country);
                var field = billing ? "billingAddress" : "serviceAddress";
                if ((billing ? body.BillingAddress : body.ServiceAddress) is not null)
                {
                    return new Failure.Invalid(path, $"Only one {(billing ? "billing" : "service")} address is kept per customer.");
                }

                if (billing)
                {
                    body.BillingAddress = address;
                }
                else
                {
                    body.ServiceAddress = address;
                }

                body.Map.Map(field, $"{path}.characteristic")
                    .Map($"{field}.street", $"{path}.characteristic.street1")
                    .Map($"{field}.postalCode", $"{path}.characteristic.postCode")
                    .Map($"{field}.city", $"{path}.characteristic.city")
                    .Map($"{field}.country", $"{path}.characteristic.country");
            }
            else
            {
                return new Failure.Invalid($"{path}.mediumType", $"'{type}' is not a contact medium Touchpoint keeps; use phone, email or postalAddress.");
            }
        }

        var preferences = new PreferencesFields();
        for (var k = 0; k < (characteristics?.Count ?? 0); k++)
        {
            var path = $"{characteristicField}[{k}]";
            var characteristic = characteristics![k];
            var name = characteristic?.Name?.Trim();
            if (characteristic is null || string.IsNullOrEmpty(name))
            {
                return new Failure.Invalid($"{path}.name", "A characteristic needs a name and a value.");
            }

            var valuePath = $"{path}.value";
            var value = characteristic.Value ?? default;
            switch (name)
            {
                case Jurisdiction:
                    if (body.Jurisdiction is not null)
                    {
                        return new Failure.Invalid($"{path}.name", "jurisdiction is given twice.");
                    }

                    if (!TryString(value, valuePath, out var jurisdiction, out var bad))
                    {
                        return bad;
                    }

                    body.Jurisdiction = jurisdiction;
                    body.JurisdictionPath = valuePath;
                    body.Map.Map("jurisdiction", valuePath);
                    break;
                case NationalId or LegacyId:
                    if (!TryString(value, valuePath, out var id, out bad))
                    {
                        return bad;
                    }

                    AddIdentity(body, new IdentityInput(name, id), $"{path}.name", valuePath);
                    break;
                case PreferredLanguage:
                    if (!TryString(value, valuePath, out var language, out bad) || !preferences.Set(name, valuePath, out bad))
                    {
                        return bad;
                    }

                    preferences.Language = language;
                    break;
                case AllowedMarketingChannels:
                    if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
                    {
                        return new Failure.Invalid(valuePath, $"{name} is an array of channel names: {string.Join(", ", InteractionChannels.WireNames)}.");
                    }

                    if (!preferences.Set(name, valuePath, out bad))
                    {
                        return bad;
                    }

                    preferences.Channels = [.. value.EnumerateArray().Select(e => e.GetString()!)];
                    body.Map.MapPrefix($"preferences.{name}", valuePath);
                    break;
                case TelemarketingOptOut or MarketingObjection or NeverOfferBinding:
                    if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                    {
                        return new Failure.Invalid(valuePath, $"{name} is true or false.");
                    }

                    if (!preferences.Set(name, valuePath, out bad))
                    {
                        return bad;
                    }

                    preferences.Flags[name] = value.GetBoolean();
                    break;
                default:
                    return new Failure.Invalid($"{path}.name",
                        $"'{name}' is not a customer characteristic Touchpoint keeps; known: {string.Join(", ", Jurisdiction, NationalId, LegacyId, PreferredLanguage, AllowedMarketingChannels, TelemarketingOptOut, MarketingObjection, NeverOfferBinding)}.");
            }

            if (name is PreferredLanguage or TelemarketingOptOut or MarketingObjection or NeverOfferBinding)
            {
                body.Map.Map($"preferences.{name}", valuePath);
            }
        }

        body.Preferences = preferences.ToInput();
        return body;
    }

    private static void AddIdentity(CustomerBody body, IdentityInput input, string kindPath, string valuePath)
    {
        var index = body.Identities.Count;
        body.Identities.Add(new IdentityPart(input, kindPath, valuePath));
        body.Map.Map($"identities[{index}].kind", kindPath)
            .Map($"identities[{index}].value", valuePath)
            .Map($"identities[{index}]", valuePath);
    }

    private static bool Is(string? text, string[] names) => names.Any(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));

    private static bool TryString(JsonElement value, string path, out string text, out Failure.Invalid failure)
    {
        text = value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
        failure = new Failure.Invalid(path, "The value must be a string.");
        return value.ValueKind == JsonValueKind.String;
    }

    private sealed class PreferencesFields
    {
        private readonly HashSet<string> seen = new(StringComparer.Ordinal);

        public string? Language { get; set; }
        public List<string>? Channels { get; set; }
        public Dictionary<string, bool> Flags { get; } = new(StringComparer.Ordinal);

        public bool Set(string name, string path, out Failure.Invalid failure)
        {
            failure = new Failure.Invalid(path, $"{name} is given twice.");
            return seen.Add(name);
        }

        public PreferencesInput? ToInput() => seen.Count == 0
            ? null
            : new PreferencesInput(Channels, Flag(TelemarketingOptOut), Flag(MarketingObjection), Flag(NeverOfferBinding), Language);

        private bool? Flag(string name) => Flags.TryGetValue(name, out var value) ? value : null;
    }
}
