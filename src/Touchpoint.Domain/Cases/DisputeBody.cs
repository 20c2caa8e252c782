using Touchpoint.Domain.Customers;

namespace Touchpoint.Domain.Cases;

/// <summary>An out-of-court dispute body (ADR) a customer can turn to when the operator rejects a complaint.</summary>
/// <param name="ReadOut">One sentence an agent can read to the customer, or put in the rejection letter.</param>
/// <param name="DisputedAmountOnHold">
/// While the body handles the complaint the operator must hold the disputed amount (no reminders, no fees)
/// and must not cut the service over it.
/// </param>
public sealed record DisputeBody(Jurisdiction Jurisdiction, string Name, string ReadOut, Uri Website, bool DisputedAmountOnHold);

/// <summary>RULES.md ADR: a rejected complaint tells the customer where to go next, per jurisdiction.</summary>
public static class DisputeBodies
{
    public const string RuleId = "ADR";

    private static readonly DisputeBody Arn = new(
        Jurisdiction.SE,
        "Allmänna reklamationsnämnden (ARN)",
        "If you do not accept our answer, you can take the dispute free of charge to Allmänna reklamationsnämnden (ARN), the Swedish National Board for Consumer Disputes, at arn.se.",
        new Uri("https://www.arn.se/"),
        DisputedAmountOnHold: false);

    private static readonly DisputeBody Teleankenaevnet = new(
        Jurisdiction.DK,
        "Teleankenævnet",
        "If you do not accept our answer, you can complain to Teleankenævnet, the Danish telecom complaints board, at teleanke.dk; while it handles your complaint we hold the disputed amount and will not cut your service over it.",
        new Uri("https://teleanke.dk/"),
        DisputedAmountOnHold: true);

    private static readonly DisputeBody Geschillencommissie = new(
        Jurisdiction.NL,
        "Geschillencommissie Telecommunicatie",
        "If you do not accept our answer, you can put the dispute to the Geschillencommissie Telecommunicatie, the independent Dutch disputes committee for telecom, at degeschillencommissie.nl.",
        new Uri("https://www.degeschillencommissie.nl/"),
        DisputedAmountOnHold: false);

    private static readonly DisputeBody Brukerklagenemnda = new(
        Jurisdiction.NO,
        "Brukerklagenemnda (BKN)",
        "If you do not accept our answer, you can complain free of charge to Brukerklagenemnda, the Norwegian complaints board for electronic communications, at brukerklagenemnda.no.",
        new Uri("https://www.brukerklagenemnda.no/"),
        DisputedAmountOnHold: false);

    private static readonly DisputeBody Kuluttajariitalautakunta = new(
        Jurisdiction.FI,
        "Kuluttajariitalautakunta",
        "If you do not accept our answer, you can take the dispute free of charge to Kuluttajariitalautakunta, the Finnish Consumer Disputes Board, at kuluttajariita.fi; the consumer advisory service (kuluttajaneuvonta) helps you prepare it.",
        new Uri("https://www.kuluttajariita.fi/"),
        DisputedAmountOnHold: false);

    private static readonly DisputeBody SchlichtungsstelleTelekommunikation = new(
        Jurisdiction.DE,
        "Schlichtungsstelle Telekommunikation der Bundesnetzagentur",
        "If you do not accept our answer, you can ask the Schlichtungsstelle Telekommunikation der Bundesnetzagentur, the conciliation body of the German telecom regulator, to mediate free of charge, at bundesnetzagentur.de/schlichtungsstelle.",
        new Uri("https://www.bundesnetzagentur.de/schlichtungsstelle"),
        DisputedAmountOnHold: false);

    public static DisputeBody For(Jurisdiction jurisdiction) => jurisdiction switch
    {
        Jurisdiction.SE => Arn,
        Jurisdiction.DK => Teleankenaevnet,
        Jurisdiction.NL => Geschillencommissie,
        Jurisdiction.NO => Brukerklagenemnda,
        Jurisdiction.FI => Kuluttajariitalautakunta,
        Jurisdiction.DE => SchlichtungsstelleTelekommunikation,
        _ => throw new ArgumentOutOfRangeException(nameof(jurisdiction), jurisdiction, "Unknown jurisdiction."),
    };

    /// <summary>The body to name when a case reaches this status; null when the ADR duty does not apply.</summary>
    public static DisputeBody? ToTellCustomer(CaseType type, CaseStatus status, Jurisdiction jurisdiction) =>
        type == CaseType.Complaint && status == CaseStatus.Rejected ? For(jurisdiction) : null;
}
