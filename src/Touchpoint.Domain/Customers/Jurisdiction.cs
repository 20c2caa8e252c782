namespace Touchpoint.Domain.Customers;

/// <summary>The country whose consumer and telecom law governs a customer's contracts.</summary>
public enum Jurisdiction
{
    SE,
    DK,
    NL,
    NO,
    FI,
    DE,
}

public static class Jurisdictions
{
    private static readonly WireNameTable<Jurisdiction> Table = new(
        "jurisdiction",
        (Jurisdiction.SE, "SE"),
        (Jurisdiction.DK, "DK"),
        (Jurisdiction.NL, "NL"),
        (Jurisdiction.NO, "NO"),
        (Jurisdiction.FI, "FI"),
        (Jurisdiction.DE, "DE"));

    public static IReadOnlyList<string> WireNames => Table.Names;

    public static string ToWireName(this Jurisdiction jurisdiction) => Table.NameOf(jurisdiction);

    /// <summary>Case-insensitive ("se" is SE); the error names the allowed values.</summary>
    public static bool TryParse(string? text, out Jurisdiction value, out string error) =>
        Table.TryParse(text, out value, out error);

    /// <summary>ISO 3166-1 region used to read phone numbers written without a country code.</summary>
    public static string DefaultRegion(this Jurisdiction jurisdiction) => jurisdiction switch
    {
        Jurisdiction.SE => "SE",
        Jurisdiction.DK => "DK",
        Jurisdiction.NL => "NL",
        Jurisdiction.NO => "NO",
        Jurisdiction.FI => "FI",
        Jurisdiction.DE => "DE",
        _ => throw new ArgumentOutOfRangeException(nameof(jurisdiction), jurisdiction, "Unknown jurisdiction."),
    };

    /// <summary>The language a new customer is addressed in until they choose another (ISO 639-1; Norway: Bokmål; Finland: Finnish, though Swedish is official there too).</summary>
    public static string DefaultLanguage(this Jurisdiction jurisdiction) => jurisdiction switch
    {
        Jurisdiction.SE => "sv",
        Jurisdiction.DK => "da",
        Jurisdiction.NL => "nl",
        Jurisdiction.NO => "nb",
        Jurisdiction.FI => "fi",
        Jurisdiction.DE => "de",
        _ => throw new ArgumentOutOfRangeException(nameof(jurisdiction), jurisdiction, "Unknown jurisdiction."),
    };
}
