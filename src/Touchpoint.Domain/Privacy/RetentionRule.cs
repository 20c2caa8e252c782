namespace Touchpoint.Domain.Privacy;

/// <summary>What becomes of a kind of record when it may no longer be kept.</summary>
public enum Disposal
{
    /// <summary>The rows go.</summary>
    Delete,

    /// <summary>The rows stay, every personal field of them cleared, so reports keep their counts.</summary>
    Anonymise,

    /// <summary>Never disposed of: the audit log is append-only and hash-chained.</summary>
    Never,
}

/// <summary>
/// How long one kind of record about a customer is kept, counted from the day his last contract ended (or his last
/// contact, when he never had one), and what then becomes of it.
/// </summary>
/// <param name="Kind">The record kind, as the Art. 15 export names it (<c>contractSummaries</c>, <c>timeline</c>, …).</param>
/// <param name="Months">Months after the relationship ended; 0 disposes of it as the relationship ends.</param>
/// <param name="LegalDuty">
/// Why the law makes the operator keep it for <paramref name="Months"/> even when the customer asks for erasure
/// (bookkeeping, evidence of the contract); null when erasure disposes of it at once.
/// </param>
/// <param name="DisputeEvidence">Kept while a dispute about the customer is open (an open case, a compensation waiting for approval).</param>
public sealed record RetentionRule(string Kind, Disposal Disposal, int Months, string? LegalDuty = null, bool DisputeEvidence = false)
{
    public const int MaxMonths = 1200;

    /// <summary>The last day the kind is kept after a relationship that ended on <paramref name="relationshipEnded"/>.</summary>
    public DateOnly KeptUntil(DateOnly relationshipEnded) => relationshipEnded.AddMonths(Months);
}
