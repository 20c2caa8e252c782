namespace Touchpoint.Domain.Cases;

/// <summary>
/// One rung of the escalation ladder. <see cref="Key"/> names a role relative to the case ("owner", "teamLead");
/// the host resolves it to the people to notify.
/// </summary>
public sealed record EscalationStep(string Key, string Title)
{
    public static EscalationStep Owner { get; } = new("owner", "Case owner");

    /// <summary>Also where a bounced case goes at once (S2-4), whatever the ladder.</summary>
    public static EscalationStep TeamLead { get; } = new("teamLead", "Team lead");

    public static EscalationStep HeadOfCare { get; } = new("headOfCare", "Head of customer care");
}

/// <summary>An alert and who it goes to.</summary>
public sealed record Escalation(SlaAlert Alert, EscalationStep To);

/// <summary>
/// Who hears about SLA warnings and breaches: each one goes one step further up than the last (S3-2), and
/// once at the top every further one goes to the top. Counted per case, across all its deadlines.
/// </summary>
public sealed class EscalationLadder
{
    public EscalationLadder(IReadOnlyList<EscalationStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Count == 0)
        {
            throw new ArgumentException("An escalation ladder needs at least one step.", nameof(steps));
        }

        var repeated = steps.GroupBy(s => s.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            throw new ArgumentException($"The escalation step '{repeated.Key}' appears more than once; each escalation must go further up.", nameof(steps));
        }

        Steps = [.. steps];
    }

    /// <summary>Owner → team lead → head of care.</summary>
    public static EscalationLadder Default { get; } = new([EscalationStep.Owner, EscalationStep.TeamLead, EscalationStep.HeadOfCare]);

    public IReadOnlyList<EscalationStep> Steps { get; }

    public EscalationStep NextStep(int escalationsSoFar)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(escalationsSoFar);
        return Steps[Math.Min(escalationsSoFar, Steps.Count - 1)];
    }

    /// <summary>
    /// Assigns alerts not yet acted on, oldest first, each to the step above the previous one. The caller
    /// passes only new alerts (it remembers the ones it has escalated) and how many escalations the case had.
    /// </summary>
    public IReadOnlyList<Escalation> Assign(IEnumerable<SlaAlert> newAlerts, int escalationsSoFar)
    {
        ArgumentNullException.ThrowIfNull(newAlerts);
        ArgumentOutOfRangeException.ThrowIfNegative(escalationsSoFar);
        return [.. newAlerts
            .OrderBy(a => a.At)
            .ThenBy(a => a.Target)
            .Select((alert, index) => new Escalation(alert, NextStep(escalationsSoFar + index)))];
    }
}
