namespace Touchpoint.Domain.Customers;

/// <summary>The kinds of identifier by which a customer can be found and told apart.</summary>
public enum IdentityKind
{
    NationalId,
    Msisdn,
    Email,

    /// <summary>A customer number from a brand the operator has merged in, e.g. "sonofon:1234567".</summary>
    LegacyId,
}

public static class IdentityKinds
{
    private static readonly WireNameTable<IdentityKind> Table = new(
        "identity kind",
        (IdentityKind.NationalId, "nationalId"),
        (IdentityKind.Msisdn, "msisdn"),
        (IdentityKind.Email, "email"),
        (IdentityKind.LegacyId, "legacyId"));

    public static IReadOnlyList<string> WireNames => Table.Names;

    public static string ToWireName(this IdentityKind kind) => Table.NameOf(kind);

    public static bool TryParse(string? text, out IdentityKind value, out string error) =>
        Table.TryParse(text, out value, out error);
}
