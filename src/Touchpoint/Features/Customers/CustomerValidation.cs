using Touchpoint.Domain.Coverage;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Interactions;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Customers;

/// <summary>Turns request input into valid customer rows, or the first problem, named by its JSON path.</summary>
public static class CustomerValidation
{
    public const int MaxIdentities = 50;

    public static Outcome<Customer> ValidateNew(CreateCustomerInput input, DateOnly today)
    {
        var kind = CustomerKind.Person;
        if (input.Kind is not null && !CustomerKinds.TryParse(input.Kind, out kind, out _))
        {
            return InvalidKind(input.Kind);
        }

        if (!CustomerNames.TryValidate(input.Name, out var name, out var nameError))
        {
            return new Failure.Invalid("name", nameError);
        }

        if (!Jurisdictions.TryParse(input.Jurisdiction, out var jurisdiction, out var jurisdictionError))
        {
            return new Failure.Invalid("jurisdiction", jurisdictionError);
        }

        var preferences = ValidatePreferences("preferences", input.Preferences, ContactPreferences.Default(jurisdiction));
        if (preferences.Failure is { } preferencesError)
        {
            return preferencesError;
        }

        var customer = new Customer
        {
            Kind = kind,
            Name = name,
            NameKey = CustomerNames.SearchKey(name),
            Jurisdiction = jurisdiction.ToWireName(),
            PreferredLanguage = preferences.Value!.PreferredLanguage,
        };
        CustomerPreferences.Write(customer, preferences.Value);

        foreach (var (field, address, apply) in new (string, AddressInput?, Action<Address>)[]
                 {
                     ("serviceAddress", input.ServiceAddress, a => customer.ServiceAddress = a),
                     ("billingAddress", input.BillingAddress, a => customer.BillingAddress = a),
                 })
        {
            if (address is null)
            {
                continue;
            }

            var parsed = ValidateAddress(field, address);
            if (parsed.Failure is { } invalid)
            {
                return invalid;
            }

            apply(parsed.Value!);
        }

        var identities = input.Identities ?? [];
        if (identities.Count > MaxIdentities)
        {
            return new Failure.Invalid("identities", $"At most {MaxIdentities} identities per customer.");
        }

        for (var index = 0; index < identities.Count; index++)
        {
            var parsed = ValidateIdentity($"identities[{index}].", identities[index], jurisdiction, today);
            if (parsed.Failure is { } invalid)
            {
                return invalid;
            }

            var identity = parsed.Value!;
            if (customer.Identities.Any(i => i.Kind == identity.Kind && i.Value == identity.Value))
            {
                return new Failure.Invalid($"identities[{index}].value", $"The {identity.Kind} {identity.Value} is listed twice.");
            }

            identity.CustomerId = customer.Id;
            customer.Identities.Add(identity);
        }

        return customer;
    }

    /// <summary>A customer kind is a person or a business; its names only, so "1" is not one.</summary>
    public static Failure.Invalid InvalidKind(string? kind) => new("kind", $"'{kind}' is not a customer kind; use person or business.");

    /// <param name="prefix">The JSON path of the identity object followed by a dot, or empty.</param>
    public static Outcome<CustomerIdentity> ValidateIdentity(string prefix, IdentityInput? input, Jurisdiction jurisdiction, DateOnly today)
    {
        if (input is null)
        {
            return new Failure.Invalid(prefix.TrimEnd('.'), "An identity needs a kind and a value.");
        }

        if (!IdentityKinds.TryParse(input.Kind, out var kind, out var kindError))
        {
            return new Failure.Invalid($"{prefix}kind", kindError);
        }

        if (!IdentityNormalizer.TryNormalize(kind, input.Value, jurisdiction, today, out var value, out var valueError))
        {
            return new Failure.Invalid($"{prefix}value", valueError);
        }

        return new CustomerIdentity { Kind = kind.ToWireName(), Value = value };
    }

    public static Outcome<Address> ValidateAddress(string field, AddressInput input)
    {
        if (string.IsNullOrWhiteSpace(input.Street))
        {
            return new Failure.Invalid($"{field}.street", "street is required.");
        }

        if (string.IsNullOrWhiteSpace(input.PostalCode))
        {
            return new Failure.Invalid($"{field}.postalCode", "postalCode is required.");
        }

        if (string.IsNullOrWhiteSpace(input.City))
        {
            return new Failure.Invalid($"{field}.city", "city is required.");
        }

        var country = string.IsNullOrWhiteSpace(input.Country) ? null : input.Country.Trim().ToUpperInvariant();
        if (country is null || !Jurisdictions.TryParse(country, out var jurisdiction, out _))
        {
            return new Failure.Invalid($"{field}.country", $"country must be one of {string.Join(", ", Jurisdictions.WireNames)}.");
        }

        // Coverage is looked up by postcode: one the country cannot have would make every later check unanswerable.
        if (!PostalCodes.TryNormalize(jurisdiction, input.PostalCode, out _, out var postalCodeError))
        {
            return new Failure.Invalid($"{field}.postalCode", postalCodeError);
        }

        if (input.Street.Length > 200 || input.City.Length > 100 || input.PostalCode.Length > 16)
        {
            return new Failure.Invalid(field, "The address is too long (street ≤ 200, city ≤ 100, postal code ≤ 16 characters).");
        }

        return new Address(input.Street.Trim(), input.PostalCode.Trim(), input.City.Trim(), country);
    }

    /// <summary>Applies the given fields on top of <paramref name="current"/>; null fields keep their value.</summary>
    public static Outcome<ContactPreferences> ValidatePreferences(string field, PreferencesInput? input, ContactPreferences current)
    {
        if (input is null)
        {
            return current;
        }

        var channels = current.AllowedMarketingChannels;
        if (input.AllowedMarketingChannels is { } names)
        {
            var parsed = new HashSet<InteractionChannel>();
            for (var index = 0; index < names.Count; index++)
            {
                if (!InteractionChannels.TryParse(names[index], out var channel, out var error))
                {
                    return new Failure.Invalid($"{field}.allowedMarketingChannels[{index}]", error);
                }

                parsed.Add(channel);
            }

            channels = parsed;
        }

        var language = current.PreferredLanguage;
        if (input.PreferredLanguage is not null && !PreferredLanguages.TryValidate(input.PreferredLanguage, out language, out var languageError))
        {
            return new Failure.Invalid($"{field}.preferredLanguage", languageError);
        }

        return current with
        {
            AllowedMarketingChannels = channels,
            TelemarketingOptOut = input.TelemarketingOptOut ?? current.TelemarketingOptOut,
            MarketingObjection = input.MarketingObjection ?? current.MarketingObjection,
            NeverOfferBinding = input.NeverOfferBinding ?? current.NeverOfferBinding,
            PreferredLanguage = language,
        };
    }
}

/// <summary>Maps the domain's <see cref="ContactPreferences"/> onto the customer row and back.</summary>
public static class CustomerPreferences
{
    public static ContactPreferences Read(Customer customer) => new()
    {
        AllowedMarketingChannels = customer.AllowedMarketingChannels
            .Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(name => InteractionChannels.TryParse(name, out var channel, out _) ? channel : (InteractionChannel?)null)
            .OfType<InteractionChannel>()
            .ToHashSet(),
        TelemarketingOptOut = customer.TelemarketingOptOut,
        MarketingObjection = customer.MarketingObjection,
        NeverOfferBinding = customer.NeverOfferBinding,
        PreferredLanguage = customer.PreferredLanguage,
    };

    public static void Write(Customer customer, ContactPreferences preferences)
    {
        customer.AllowedMarketingChannels = string.Join(",", preferences.AllowedMarketingChannels.Select(c => c.ToWireName()).Order(StringComparer.Ordinal));
        customer.TelemarketingOptOut = preferences.TelemarketingOptOut;
        customer.MarketingObjection = preferences.MarketingObjection;
        customer.NeverOfferBinding = preferences.NeverOfferBinding;
        customer.PreferredLanguage = preferences.PreferredLanguage;
    }
}
