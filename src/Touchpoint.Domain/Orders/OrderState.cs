namespace Touchpoint.Domain.Orders;

/// <summary>Lifecycle states of a product order, as ProductOrderStateType in TMF622 Product Ordering.</summary>
public enum OrderState
{
    /// <summary>Received, checked and qualified; waiting for its start date.</summary>
    Acknowledged,

    /// <summary>Refused before anything was done (a failed check). Touchpoint answers such an order with an error instead of storing it.</summary>
    Rejected,

    /// <summary>Waiting on the customer (a document, an appointment).</summary>
    Pending,

    /// <summary>Held by the operator (a supplier, a field team).</summary>
    Held,
    InProgress,
    Cancelled,
    Completed,

    /// <summary>Execution failed; nothing of the order was applied (all or nothing).</summary>
    Failed,

    /// <summary>Some items done and some not. TMF622 has it; Touchpoint never enters it, because an order runs as a whole.</summary>
    Partial,
    AssessingCancellation,
    PendingCancellation,
}

public static class OrderStates
{
    private static readonly WireNameTable<OrderState> Table = new(
        "order state",
        (OrderState.Acknowledged, "acknowledged"),
        (OrderState.Rejected, "rejected"),
        (OrderState.Pending, "pending"),
        (OrderState.Held, "held"),
        (OrderState.InProgress, "inProgress"),
        (OrderState.Cancelled, "cancelled"),
        (OrderState.Completed, "completed"),
        (OrderState.Failed, "failed"),
        (OrderState.Partial, "partial"),
        (OrderState.AssessingCancellation, "assessingCancellation"),
        (OrderState.PendingCancellation, "pendingCancellation"));

    public static IReadOnlyList<string> WireNames => Table.Names;

    public static string ToWireName(this OrderState state) => Table.NameOf(state);

    public static bool TryParse(string? text, out OrderState value, out string error) =>
        Table.TryParse(text, out value, out error);
}

/// <summary>Lifecycle states of one order item, as ProductOrderItemStateType in TMF622 (the order's states without partial).</summary>
public enum OrderItemState
{
    Acknowledged,
    Rejected,
    Pending,
    Held,
    InProgress,
    Cancelled,
    Completed,
    Failed,
    AssessingCancellation,
    PendingCancellation,
}

public static class OrderItemStates
{
    private static readonly WireNameTable<OrderItemState> Table = new(
        "order item state",
        (OrderItemState.Acknowledged, "acknowledged"),
        (OrderItemState.Rejected, "rejected"),
        (OrderItemState.Pending, "pending"),
        (OrderItemState.Held, "held"),
        (OrderItemState.InProgress, "inProgress"),
        (OrderItemState.Cancelled, "cancelled"),
        (OrderItemState.Completed, "completed"),
        (OrderItemState.Failed, "failed"),
        (OrderItemState.AssessingCancellation, "assessingCancellation"),
        (OrderItemState.PendingCancellation, "pendingCancellation"));

    public static IReadOnlyList<string> WireNames => Table.Names;

    public static string ToWireName(this OrderItemState state) => Table.NameOf(state);

    public static bool TryParse(string? text, out OrderItemState value, out string error) =>
        Table.TryParse(text, out value, out error);
}

/// <summary>What an order item does to a product (TMF622 OrderItemActionType).</summary>
public enum OrderItemAction
{
    /// <summary>A new subscription: a sale, an add-on, a port-in.</summary>
    Add,

    /// <summary>A change to an existing subscription that keeps it (id, history, binding): a move, a plan change (S2-2).</summary>
    Modify,

    /// <summary>The end of a subscription: a termination or a port-out.</summary>
    Delete,

    /// <summary>A subscription the order refers to without changing it, e.g. one another item relies on.</summary>
    NoChange,
}

public static class OrderItemActions
{
    private static readonly WireNameTable<OrderItemAction> Table = new(
        "order item action",
        (OrderItemAction.Add, "add"),
        (OrderItemAction.Modify, "modify"),
        (OrderItemAction.Delete, "delete"),
        (OrderItemAction.NoChange, "noChange"));

    public static IReadOnlyList<string> WireNames => Table.Names;

    public static string ToWireName(this OrderItemAction action) => Table.NameOf(action);

    public static bool TryParse(string? text, out OrderItemAction value, out string error) =>
        Table.TryParse(text, out value, out error);
}

/// <summary>How one order item depends on another (TMF622 OrderItemRelationship.relationshipType).</summary>
public enum OrderItemRelationshipType
{
    /// <summary>This item can only be done with, and after, the other: TV at the new address relies on the move.</summary>
    ReliesOn,

    /// <summary>The items are sold together as a bundle; no order between them.</summary>
    Bundles,
}

public static class OrderItemRelationshipTypes
{
    private static readonly WireNameTable<OrderItemRelationshipType> Table = new(
        "relationship type",
        (OrderItemRelationshipType.ReliesOn, "reliesOn"),
        (OrderItemRelationshipType.Bundles, "bundles"));

    public static IReadOnlyList<string> WireNames => Table.Names;

    public static string ToWireName(this OrderItemRelationshipType type) => Table.NameOf(type);

    public static bool TryParse(string? text, out OrderItemRelationshipType value, out string error) =>
        Table.TryParse(text, out value, out error);
}
