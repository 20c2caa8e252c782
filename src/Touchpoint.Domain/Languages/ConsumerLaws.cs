using Touchpoint.Domain.Customers;

namespace Touchpoint.Domain.Languages;

/// <summary>The two bodies of law a customer's contract rights come from.</summary>
public enum LawArea
{
    /// <summary>Distance and off-premises sales: the withdrawal right (CRD-9, CRD-10, CRD-11a) and the cancel button (DE-312k).</summary>
    ConsumerContracts,

    /// <summary>Electronic communications: binding, notice, changes of terms, non-conformity, number porting (EU-102 … EU-107 and the national limits).</summary>
    ElectronicCommunications,
}

/// <summary>
/// The national law behind a rule id, by the name a customer of that country knows it by ("distansavtalslagen",
/// "forbrugeraftaleloven"): a customer is told their right by their law's name; agents keep the rule id.
/// </summary>
public static class ConsumerLaws
{
    /// <summary>The area a rule id belongs to; null for Touchpoint's own promises (TP-…) and rules outside contract law.</summary>
    public static LawArea? AreaOf(string ruleId)
    {
        ArgumentNullException.ThrowIfNull(ruleId);
        if (ruleId.StartsWith("CRD-", StringComparison.Ordinal) || ruleId == "DE-312k")
        {
            return LawArea.ConsumerContracts;
        }

        return ruleId.StartsWith("EU-10", StringComparison.Ordinal) || ruleId is "SE-1" or "SE-2" or "DK-1" or "NL-1" or "NO-1" or "FI-1" or "DE-1"
            ? LawArea.ElectronicCommunications
            : null;
    }

    /// <summary>The law's own short name in its country's language, as it is cited there.</summary>
    public static string Name(Jurisdiction jurisdiction, LawArea area) => (jurisdiction, area) switch
    {
        (Jurisdiction.SE, LawArea.ConsumerContracts) => "distansavtalslagen",
        (Jurisdiction.SE, LawArea.ElectronicCommunications) => "lagen om elektronisk kommunikation",
        (Jurisdiction.DK, LawArea.ConsumerContracts) => "forbrugeraftaleloven",
        (Jurisdiction.DK, LawArea.ElectronicCommunications) => "teleloven",
        (Jurisdiction.NL, LawArea.ConsumerContracts) => "Burgerlijk Wetboek (boek 6)",
        (Jurisdiction.NL, LawArea.ElectronicCommunications) => "Telecommunicatiewet",
        (Jurisdiction.NO, LawArea.ConsumerContracts) => "angrerettloven",
        (Jurisdiction.NO, LawArea.ElectronicCommunications) => "ekomloven",
        (Jurisdiction.FI, LawArea.ConsumerContracts) => "kuluttajansuojalaki",
        (Jurisdiction.FI, LawArea.ElectronicCommunications) => "laki sähköisen viestinnän palveluista",
        (Jurisdiction.DE, LawArea.ConsumerContracts) => "Bürgerliches Gesetzbuch (BGB)",
        (Jurisdiction.DE, LawArea.ElectronicCommunications) => "Telekommunikationsgesetz (TKG)",
        _ => throw new ArgumentOutOfRangeException(nameof(jurisdiction), jurisdiction, "Unknown jurisdiction."),
    };

    /// <summary>The laws behind <paramref name="ruleIds"/> in <paramref name="jurisdiction"/>, each once, in the order first named.</summary>
    public static IReadOnlyList<string> Names(Jurisdiction jurisdiction, IEnumerable<string> ruleIds)
    {
        ArgumentNullException.ThrowIfNull(ruleIds);
        return [.. ruleIds.Select(AreaOf).OfType<LawArea>().Distinct().Select(area => Name(jurisdiction, area))];
    }
}
