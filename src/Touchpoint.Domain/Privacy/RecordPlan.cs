namespace Touchpoint.Domain.Privacy;

/// <summary>What happens to one kind of record now.</summary>
public enum RecordFate
{
    Delete,
    Anonymise,
    Keep,
}

/// <summary>What Touchpoint knows about a customer that decides how long his records stay.</summary>
/// <param name="RelationshipEnded">The day his last contract ended, or of his last contact when he never had one; null while a contract is in force.</param>
/// <param name="OpenDisputes">What is still open about him (a case, a compensation waiting for approval), as staff would name it.</param>
public sealed record PrivacyFacts(
    DateOnly? RelationshipEnded,
    IReadOnlyList<string> OpenDisputes,
    DateOnly? LegalHoldUntil = null,
    string? LegalHoldReason = null);

/// <summary>The fate of one kind of record, and why; <see cref="KeptUntil"/> is set when a kept kind goes on a known day.</summary>
public sealed record PlannedFate(string Kind, RecordFate Fate, DateOnly? KeptUntil, string Why);

/// <summary>
/// Decides, per kind of record, what is deleted, anonymised or kept and why: for an erasure request (GDPR Art. 17) and
/// for the scheduled purge when a retention period ends. Both follow the same order of reasons: a legal hold keeps
/// everything, an open dispute keeps its evidence, a contract in force keeps everything, and the law's retention
/// periods keep what they name; an erasure request disposes of the rest at once, the purge when its period has ended.
/// </summary>
public static class RecordPlan
{
    public static IReadOnlyList<PlannedFate> ForErasure(IEnumerable<RetentionRule> rules, PrivacyFacts facts, DateOnly today) =>
        Plan(rules, facts, today, erasureRequested: true);

    public static IReadOnlyList<PlannedFate> ForRetention(IEnumerable<RetentionRule> rules, PrivacyFacts facts, DateOnly today) =>
        Plan(rules, facts, today, erasureRequested: false);

    /// <summary>
    /// When the plan should be made again: the first day a kept kind may go, tomorrow while a dispute is open, never
    /// (null) while a contract is in force or nothing is left to dispose of.
    /// </summary>
    public static DateOnly? NextReview(IEnumerable<PlannedFate> plan, PrivacyFacts facts, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(facts);
        var kept = plan.Where(p => p.Fate == RecordFate.Keep).ToList();
        if (facts.RelationshipEnded is null || kept.Count == 0)
        {
            return null;
        }

        var ends = kept.Where(p => p.KeptUntil is not null).Select(p => p.KeptUntil!.Value.AddDays(1)).ToList();
        DateOnly? next = ends.Count > 0 ? ends.Min() : null;
        // A dispute has no known end: look again tomorrow.
        return facts.OpenDisputes.Count > 0 && (next is null || today.AddDays(1) < next) ? today.AddDays(1) : next;
    }

    private static IReadOnlyList<PlannedFate> Plan(IEnumerable<RetentionRule> rules, PrivacyFacts facts, DateOnly today, bool erasureRequested)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(facts);
        return [.. rules.Select(rule => FateOf(rule, facts, today, erasureRequested))];
    }

    private static PlannedFate FateOf(RetentionRule rule, PrivacyFacts facts, DateOnly today, bool erasureRequested)
    {
        if (rule.Disposal == Disposal.Never)
        {
            return new(rule.Kind, RecordFate.Keep, null,
                "The audit log is append-only and hash-chained: it records who read or changed the data, and its personal values are masked when shown.");
        }

        if (facts.LegalHoldUntil is { } holdUntil && holdUntil >= today)
        {
            return new(rule.Kind, RecordFate.Keep, holdUntil, $"Legal hold until {holdUntil:yyyy-MM-dd}: {facts.LegalHoldReason}");
        }

        if (rule.DisputeEvidence && facts.OpenDisputes.Count > 0)
        {
            return new(rule.Kind, RecordFate.Keep, null, $"Evidence in an open dispute: {string.Join("; ", facts.OpenDisputes)}.");
        }

        if (facts.RelationshipEnded is not { } ended)
        {
            return new(rule.Kind, RecordFate.Keep, null, "A contract is in force: its records are needed to perform it.");
        }

        var keptUntil = rule.KeptUntil(ended);
        var dispose = new PlannedFate(rule.Kind, rule.Disposal == Disposal.Delete ? RecordFate.Delete : RecordFate.Anonymise, null,
            erasureRequested && keptUntil >= today ? "Erasure requested (GDPR Art. 17)." : $"Its retention of {rule.Months} months after the last contract ended is over.");
        if (keptUntil < today)
        {
            return dispose;
        }

        if (erasureRequested && rule.LegalDuty is null)
        {
            return dispose;
        }

        return new(rule.Kind, RecordFate.Keep, keptUntil, rule.LegalDuty ?? $"Kept {rule.Months} months after the last contract ended.");
    }
}
