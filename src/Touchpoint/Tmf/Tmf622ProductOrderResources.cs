using System.Text.Json.Serialization;

namespace Touchpoint.Tmf;

// The TMF622 resources as Touchpoint reads and writes them; what each field means is at the top of Tmf622ProductOrderApi.cs.

public sealed record TmfOrderItemRelationship
{
    public string? Id { get; init; }
    public string? RelationshipType { get; init; }
}

public sealed record TmfProductRefOrValue
{
    public string? Id { get; init; }
    public string? Href { get; init; }
    public string? TerminationDate { get; init; }
    public IReadOnlyList<TmfPlace>? Place { get; init; }
    public IReadOnlyList<TmfCharacteristic>? ProductCharacteristic { get; init; }

    [JsonPropertyName("@referredType")]
    public string? ReferredType { get; init; }
}

public sealed record TmfProductOrderItem
{
    public required string Id { get; init; }
    public required string Action { get; init; }
    public string? State { get; init; }
    public int? Quantity { get; init; }
    public TmfRef? ProductOffering { get; init; }
    public TmfProductRefOrValue? Product { get; init; }
    public IReadOnlyList<TmfOrderItemRelationship>? ProductOrderItemRelationship { get; init; }

    [JsonPropertyName("@type")]
    public string Type { get; init; } = "ProductOrderItem";
}

public sealed record TmfProductOrder
{
    public required string Id { get; init; }
    public required string Href { get; init; }
    public string? State { get; init; }
    public string? Description { get; init; }
    public string? ExternalId { get; init; }
    public string? Priority { get; init; }
    public string? OrderDate { get; init; }
    public string? CompletionDate { get; init; }
    public string? ExpectedCompletionDate { get; init; }
    public string? RequestedStartDate { get; init; }
    public string? RequestedCompletionDate { get; init; }
    public string? CancellationDate { get; init; }
    public string? CancellationReason { get; init; }
    public IReadOnlyList<TmfRelatedParty>? RelatedParty { get; init; }
    public IReadOnlyList<TmfRelatedChannel>? Channel { get; init; }
    public IReadOnlyList<TmfNote>? Note { get; init; }
    public required IReadOnlyList<TmfProductOrderItem> ProductOrderItem { get; init; }

    [JsonPropertyName("@type")]
    public string Type { get; init; } = "ProductOrder";
}

/// <summary>ProductOrder_Create and ProductOrder_Update (a merge patch).</summary>
public sealed record TmfProductOrderInput
{
    public string? State { get; init; }
    public string? Description { get; init; }
    public string? ExternalId { get; init; }
    public string? Priority { get; init; }
    public string? Category { get; init; }
    public DateTimeOffset? RequestedStartDate { get; init; }
    public DateTimeOffset? RequestedCompletionDate { get; init; }
    public IReadOnlyList<TmfRelatedParty?>? RelatedParty { get; init; }
    public IReadOnlyList<TmfRelatedChannel?>? Channel { get; init; }
    public IReadOnlyList<TmfProductOrderItemInput?>? ProductOrderItem { get; init; }
}

public sealed record TmfProductOrderItemInput
{
    public string? Id { get; init; }
    public string? Action { get; init; }
    public string? State { get; init; }
    public int? Quantity { get; init; }
    public TmfRef? ProductOffering { get; init; }
    public TmfProductInputRef? Product { get; init; }
    public IReadOnlyList<TmfOrderItemRelationship?>? ProductOrderItemRelationship { get; init; }
}

public sealed record TmfProductInputRef
{
    public string? Id { get; init; }
    public IReadOnlyList<TmfPlace?>? Place { get; init; }
    public IReadOnlyList<TmfCharacteristic?>? ProductCharacteristic { get; init; }
}

public sealed record TmfProductOrderRef
{
    public string? Id { get; init; }
    public string? Href { get; init; }

    [JsonPropertyName("@referredType")]
    public string? ReferredType { get; init; }
}

public sealed record TmfCancelProductOrder
{
    public required string Id { get; init; }
    public required string Href { get; init; }
    public required string State { get; init; }
    public string? CancellationReason { get; init; }
    public string? EffectiveCancellationDate { get; init; }
    public string? RequestedCancellationDate { get; init; }
    public required TmfProductOrderRef ProductOrder { get; init; }

    [JsonPropertyName("@type")]
    public string Type { get; init; } = "CancelProductOrder";
}

public sealed record TmfCancelProductOrderInput(TmfProductOrderRef? ProductOrder, string? CancellationReason, DateTimeOffset? RequestedCancellationDate);
