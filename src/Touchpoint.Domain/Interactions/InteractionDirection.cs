namespace Touchpoint.Domain.Interactions;

/// <summary>Who started the contact: the customer (inbound) or the operator (outbound).</summary>
public enum InteractionDirection
{
    Inbound,
    Outbound,
}

public static class InteractionDirections
{
    private static readonly WireNameTable<InteractionDirection> Table = new(
        "direction",
        (InteractionDirection.Inbound, "inbound"),
        (InteractionDirection.Outbound, "outbound"));

    public static IReadOnlyList<string> WireNames => Table.Names;

    public static string ToWireName(this InteractionDirection direction) => Table.NameOf(direction);

    public static bool TryParse(string? text, out InteractionDirection value, out string error) =>
        Table.TryParse(text, out value, out error);
}
