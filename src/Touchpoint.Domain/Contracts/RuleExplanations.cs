namespace Touchpoint.Domain.Contracts;

/// <summary>
/// Each rule id of ../shared/RULES.md in one line an agent can read to a customer. The pages show rule ids as links to
/// these, so a decision names its rule without leaving anyone to look the rule up.
/// </summary>
public static class RuleExplanations
{
    public static IReadOnlyList<(string RuleId, string OneLine)> All { get; } =
    [
        ("EU-105-1", "A consumer can be bound to a contract for at most 24 months."),
        ("DK-1", "In Denmark a consumer can be bound for at most 6 months."),
        ("NO-1", "In Norway binding is at most 12 months, or 24 with a clear economic benefit for the customer."),
        ("SE-1", "In Sweden binding is at most 24 months, extensions included, and notice at most one month."),
        ("EU-105-2", "Once the binding has ended, the customer can leave at any time with at most one month's notice."),
        ("NL-1", "In the Netherlands the customer can leave after the first term at any time with at most one month's notice."),
        ("TP-1", "Taking back a termination at our request never adds notice or a new binding."),
        ("EU-105-3", "A change of terms is announced a month ahead and lets the customer leave free of charge (Sweden: within 3 months)."),
        ("SE-2", "In Sweden a change of terms lets the customer leave free of charge within 3 months."),
        ("EU-105-5", "When the service keeps falling short of the contract, the customer can end it without cost."),
        ("FI-1", "In Finland binding is at most 24 months, and an open-ended contract ends with 2 weeks' notice."),
        ("DE-1", "In Germany binding is at most 24 months, a 12-month option must be offered, then one month's notice."),
        ("EU-107", "Adding a service to a bundle never extends the existing binding without the customer's consent."),
        ("EU-102", "Before a consumer is bound they get a one-page contract summary to keep."),
        ("CRD-9", "A sale by phone, online or at the door can be withdrawn from within 14 days without a reason."),
        ("CRD-10", "If the customer was not told about withdrawal, the 14 days run 12 months longer."),
        ("CRD-11a", "Contracts made online can be withdrawn from online, always reachable, with a receipt."),
        ("DE-312k", "Contracts can be cancelled without signing in, with a confirmation the customer keeps."),
        ("TP-2", "Every channel that can sell can also cancel."),
        ("SE-3", "In Sweden a sale in a call we make needs the customer's written acceptance after the call."),
        ("DK-2", "In Denmark unsolicited sales calls to consumers are not allowed."),
        ("NL-3", "In the Netherlands sales calls need the customer's consent, except to customers about similar products."),
        ("SE-4", "In Sweden numbers are checked against the NIX register before a sales call."),
        ("NO-2", "In Norway sales calls respect the reservation register, and never at weekends or late."),
        ("GDPR-21", "A customer who objects to marketing gets none, in any channel."),
        ("TP-3", "Offers to switch to us never go to our own customers, and callers say which company they call for."),
        ("TP-5", "The withdrawal right and the limits on binding are a consumer's; a contract sold to a business has neither."),
        ("EU-106-6", "A number is ported out only when the customer asks for it, through their new operator."),
        ("EU-106-2", "Customers keep their number when they switch, free, for at least a month after they leave."),
        ("EU-106-3", "A number moves on the agreed date and works within one working day."),
        ("EU-106-5", "Customers are compensated for porting delays and missed appointments."),
        ("TP-4", "We do not port in a number we already serve for the same customer; we offer what they want instead."),
        ("ISO-10002", "Complaints are free, acknowledged, owned by a named person and answered by a deadline."),
        ("ADR", "When a complaint is rejected, the customer is told which dispute body they can turn to."),
        ("GDPR-12/15/17", "Requests to see or erase personal data are answered within a month."),
    ];

    private static readonly Dictionary<string, string> ById = All.ToDictionary(r => r.RuleId, r => r.OneLine, StringComparer.Ordinal);

    /// <summary>The rule's one line; null for an id the rule book does not know (an operator's own rule, say).</summary>
    public static string? Explain(string ruleId) => ById.GetValueOrDefault(ruleId);
}
