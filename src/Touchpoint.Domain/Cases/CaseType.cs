namespace Touchpoint.Domain.Cases;

/// <summary>What a case is about; the wire names are the TMF621 ticketType values Touchpoint uses.</summary>
public enum CaseType
{
    /// <summary>The customer is dissatisfied and expects a response (ISO 10002).</summary>
    Complaint,

    /// <summary>The customer asks for something: a change, information, a document.</summary>
    Request,

    /// <summary>Something does not work: a fault in a service or device.</summary>
    Incident,
}

public static class CaseTypes
{
    private static readonly WireNameTable<CaseType> Table = new(
        "case type",
        (CaseType.Complaint, "complaint"),
        (CaseType.Request, "request"),
        (CaseType.Incident, "incident"));

    public static IReadOnlyList<string> WireNames => Table.Names;

    public static string ToWireName(this CaseType type) => Table.NameOf(type);

    public static bool TryParse(string? text, out CaseType value, out string error) =>
        Table.TryParse(text, out value, out error);
}
