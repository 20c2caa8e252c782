using System.Collections.Frozen;

namespace Touchpoint.Features.Cases;

/// <summary>
/// ISO 10002 root-cause codes: why the customer had to contact us, so reports can show what to fix. A short
/// list on purpose — a code nobody can choose between is not recorded consistently.
/// </summary>
public static class RootCauses
{
    private static readonly FrozenDictionary<string, string> Descriptions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["notServiceable"] = "Sold or ordered something the address, device or coverage cannot deliver (S3-1).",
        ["wrongInformation"] = "The customer was told something wrong or incomplete, by us or a partner (S0-1).",
        ["processLimitation"] = "Our systems or processes could not do what the customer needed in one go (S2-1, S2-2).",
        ["billingError"] = "A charge, price or discount was wrong.",
        ["serviceFault"] = "A network, service or device fault.",
        ["missedCommitment"] = "A promise, callback, appointment or delivery was not kept (S4-2).",
        ["unansweredContact"] = "Questions or contacts went unanswered or were passed around (S1-3, S1-4).",
        ["staffConduct"] = "How a member of staff or a partner agent behaved.",
        ["noFault"] = "Nothing went wrong on our side; the customer needed help or information.",
        ["other"] = "None of the above; say what in the status reason.",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static IReadOnlyDictionary<string, string> All => Descriptions;

    /// <summary>Exact codes (case-insensitive input, canonical output); the error names the allowed ones.</summary>
    public static bool TryParse(string? text, out string code, out string error)
    {
        code = Descriptions.Keys.FirstOrDefault(k => string.Equals(k, text?.Trim(), StringComparison.OrdinalIgnoreCase)) ?? "";
        error = code.Length > 0 ? "" : $"'{text}' is not a root-cause code; allowed: {string.Join(", ", Descriptions.Keys.Order(StringComparer.Ordinal))}.";
        return code.Length > 0;
    }
}
