namespace Touchpoint.Domain.Privacy;

/// <summary>
/// The default retention of every kind of record Touchpoint keeps about a customer. Operators change the months per
/// kind in configuration (<c>Touchpoint:Retention:Months:&lt;kind&gt;</c>); the disposal and the legal reasons are the
/// product's.
/// </summary>
public static class RetentionRules
{
    private const string ContractEvidence =
        "Contract records are kept as evidence of what was agreed and how it ended, for the limitation period and the bookkeeping law's retention period.";

    private const string Bookkeeping =
        "Payments and credits are bookkeeping records: the accounting law makes the operator keep them.";

    /// <summary>The years the bookkeeping laws of the six jurisdictions ask for, at the longest (seven in Sweden).</summary>
    public const int BookkeepingMonths = 84;

    /// <summary>How long care records stay after the relationship ends, to answer complaints and claims about it.</summary>
    public const int CareMonths = 24;

    public static IReadOnlyList<RetentionRule> Defaults { get; } =
    [
        new("customer", Disposal.Anonymise, CareMonths),
        new("identities", Disposal.Delete, CareMonths),
        new("subscriptions", Disposal.Anonymise, BookkeepingMonths, ContractEvidence),
        new("contractSummaries", Disposal.Delete, BookkeepingMonths, ContractEvidence),
        new("timeline", Disposal.Anonymise, CareMonths, DisputeEvidence: true),
        new("contacts", Disposal.Anonymise, CareMonths, DisputeEvidence: true),
        new("cases", Disposal.Anonymise, CareMonths, DisputeEvidence: true),
        new("caseQuestions", Disposal.Anonymise, CareMonths, DisputeEvidence: true),
        new("caseNotes", Disposal.Anonymise, CareMonths, DisputeEvidence: true),
        new("caseStatusChanges", Disposal.Anonymise, CareMonths, DisputeEvidence: true),
        new("caseOwners", Disposal.Anonymise, CareMonths, DisputeEvidence: true),
        new("casePauses", Disposal.Anonymise, CareMonths, DisputeEvidence: true),
        new("promises", Disposal.Anonymise, CareMonths, DisputeEvidence: true),
        new("compensations", Disposal.Anonymise, BookkeepingMonths, Bookkeeping, DisputeEvidence: true),
        new("orders", Disposal.Anonymise, BookkeepingMonths, ContractEvidence),
        new("orderItems", Disposal.Anonymise, BookkeepingMonths, ContractEvidence),
        new("orderCancellations", Disposal.Anonymise, BookkeepingMonths, ContractEvidence),
        new("coverageChecks", Disposal.Anonymise, 12),
        new("leavingRequests", Disposal.Anonymise, CareMonths),
        new("terminations", Disposal.Anonymise, BookkeepingMonths, ContractEvidence),
        new("surveys", Disposal.Anonymise, CareMonths, DisputeEvidence: true),
        new("nonConformityFindings", Disposal.Anonymise, BookkeepingMonths, ContractEvidence, DisputeEvidence: true),
        new("messagesSent", Disposal.Anonymise, CareMonths, DisputeEvidence: true),
        new("messageAttachmentsSent", Disposal.Delete, CareMonths, DisputeEvidence: true),
        new("messagesReceived", Disposal.Anonymise, CareMonths, DisputeEvidence: true),
        new("messageAttachmentsReceived", Disposal.Delete, CareMonths, DisputeEvidence: true),
        new("calls", Disposal.Anonymise, CareMonths, DisputeEvidence: true),
        new("partnerAgencies", Disposal.Delete, 0),
        new("merges", Disposal.Anonymise, CareMonths),
        new("staffNotifications", Disposal.Anonymise, 12),
        new("personalDataExports", Disposal.Anonymise, 36),
        new("erasureRequests", Disposal.Anonymise, 36, "The record of an erasure request is the evidence that it was answered (GDPR Art. 5(2), 17)."),
        new("audit", Disposal.Never, 0),
    ];

    /// <summary>The defaults with the months an operator configured; unknown kinds and months out of range are refused.</summary>
    public static IReadOnlyList<RetentionRule> With(IReadOnlyDictionary<string, int> months)
    {
        ArgumentNullException.ThrowIfNull(months);
        foreach (var (kind, value) in months)
        {
            var rule = Defaults.FirstOrDefault(r => string.Equals(r.Kind, kind, StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException($"'{kind}' is not a kind of record; known: {string.Join(", ", Defaults.Select(r => r.Kind))}.", nameof(months));
            if (value is < 0 or > RetentionRule.MaxMonths)
            {
                throw new ArgumentException($"The retention of '{rule.Kind}' must be 0 to {RetentionRule.MaxMonths} months; it is {value}.", nameof(months));
            }

            if (rule.Disposal == Disposal.Never)
            {
                throw new ArgumentException($"'{rule.Kind}' is never disposed of: it has no retention to set.", nameof(months));
            }
        }

        return [.. Defaults.Select(r => months.FirstOrDefault(m => string.Equals(m.Key, r.Kind, StringComparison.OrdinalIgnoreCase)) is { Key: not null } m ? r with { Months = m.Value } : r)];
    }
}
