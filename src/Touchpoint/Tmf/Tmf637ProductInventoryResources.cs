using System.Text.Json.Serialization;

namespace Touchpoint.Tmf;

public sealed record TmfRef
{
    public string? Id { get; init; }
    public string? Href { get; init; }
    public string? Name { get; init; }

    [JsonPropertyName("@referredType")]
    public string? ReferredType { get; init; }
}

public sealed record TmfMoney(string? Unit, decimal? Value);

public sealed record TmfPrice
{
    public TmfMoney? TaxIncludedAmount { get; init; }
    public TmfMoney? DutyFreeAmount { get; init; }
}

public sealed record TmfProductPrice
{
    public string? Name { get; init; }
    public string? PriceType { get; init; }
    public string? RecurringChargePeriod { get; init; }
    public TmfPrice? Price { get; init; }
}

public sealed record TmfQuantity(decimal? Amount, string? Units);

public sealed record TmfProductTerm
{
    public string? Name { get; init; }
    public string? Description { get; init; }
    public TmfQuantity? Duration { get; init; }
    public TmfTimePeriod? ValidFor { get; init; }
}

/// <summary>A RelatedPlaceRefOrValue carrying the address itself (GeographicAddress fields as extensions).</summary>
public sealed record TmfPlace
{
    public string? Id { get; init; }
    public string? Href { get; init; }
    public string? Name { get; init; }
    public string? Role { get; init; }
    public string? StreetName { get; init; }
    public string? Postcode { get; init; }
    public string? City { get; init; }
    public string? Country { get; init; }

    [JsonPropertyName("@type")]
    public string? Type { get; init; }
}

public sealed record TmfProduct
{
    public required string Id { get; init; }
    public required string Href { get; init; }
    public string? Name { get; init; }
    public string? Status { get; init; }
    public bool? IsBundle { get; init; }
    public bool? IsCustomerVisible { get; init; }
    public string? StartDate { get; init; }
    public string? OrderDate { get; init; }
    public TmfRef? ProductOffering { get; init; }
    public TmfRef? ProductSpecification { get; init; }
    public IReadOnlyList<TmfProductPrice>? ProductPrice { get; init; }
    public IReadOnlyList<TmfProductTerm>? ProductTerm { get; init; }
    public IReadOnlyList<TmfCharacteristic>? ProductCharacteristic { get; init; }
    public IReadOnlyList<TmfPlace>? Place { get; init; }
    public IReadOnlyList<TmfRelatedParty>? RelatedParty { get; init; }

    [JsonPropertyName("@type")]
    public string Type { get; init; } = "Product";
}

/// <summary>Product_Create.</summary>
public sealed record TmfProductInput
{
    public string? Status { get; init; }
    public DateTimeOffset? StartDate { get; init; }
    public TmfRef? ProductOffering { get; init; }
    public TmfRef? ProductSpecification { get; init; }
    public IReadOnlyList<TmfProductPrice?>? ProductPrice { get; init; }
    public IReadOnlyList<TmfCharacteristic?>? ProductCharacteristic { get; init; }
    public IReadOnlyList<TmfPlace?>? Place { get; init; }
    public IReadOnlyList<TmfRelatedParty?>? RelatedParty { get; init; }
}
