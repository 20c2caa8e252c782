using Touchpoint.Domain.Contracts;

namespace Touchpoint.Features.Leaving;

/// <summary>Whether the customer may withdraw (cooling-off, CRD-9): ends the contract today, nothing to pay.</summary>
/// <param name="OpenUntil">The last day of the withdrawal period, also once it has passed; null when the law gives none (a store sale).</param>
public sealed record WithdrawalOption(bool IsOpen, DateOnly? OpenUntil, DateOnly? EffectiveDate, IReadOnlyList<string> RuleIds, string Explanation)
{
    public static WithdrawalOption Of(WithdrawalDecision decision, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return new(decision.IsOpen, decision.OpenUntil, decision.IsOpen ? today : null, decision.RuleIds, decision.Explanation);
    }
}

/// <summary>When a cancellation with notice takes effect, and the rules behind it (EU-105-2, NL-1, SE-1, FI-1 …).</summary>
/// <param name="NoticeMonths">The notice in whole months; null when it is counted in weeks or days (FI-1), see <paramref name="Notice"/>.</param>
public sealed record CancellationOption(DateOnly EffectiveDate, int? NoticeMonths, RulePeriod Notice, bool IsBound, IReadOnlyList<string> RuleIds, string Explanation)
{
    public static CancellationOption Of(LeavingDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return new(decision.EffectiveDate, decision.NoticeMonths, decision.Notice, decision.IsBound, decision.RuleIds, decision.Explanation);
    }
}

/// <summary>What leaving one subscription would mean today, through any channel: the same answer for the web, a phone agent and a store.</summary>
/// <param name="Pending">A cancellation already confirmed and not yet in effect.</param>
/// <param name="FreeTerminationUntil">An announced change of terms lets the customer leave free of any binding until this day (EU-105-3, S0-6).</param>
public sealed record LeavingChoices(
    Guid SubscriptionId, Guid CustomerId, string PlanName, string? Msisdn, string Status,
    WithdrawalOption Withdrawal, CancellationOption Cancellation, TerminationView? Pending, DateOnly? FreeTerminationUntil);

public sealed record TerminationView(
    Guid Id, string Reference, Guid CustomerId, Guid SubscriptionId, string PlanName, string Kind, string Channel, string State,
    DateTime RequestedAt, string RequestedByName, DateOnly EffectiveDate, IReadOnlyList<string> RuleIds, string Explanation,
    string? DeclinedRetentionOffer, DateTime? CompletedAt, DateTime? RevokedAt, string? RevokedAtRequestOf, string? RevokedVia)
{
    public static TerminationView Of(Termination termination, string planName)
    {
        ArgumentNullException.ThrowIfNull(termination);
        return new(termination.Id, termination.Reference, termination.CustomerId, termination.SubscriptionId, planName, termination.Kind,
            termination.Channel, termination.State, termination.RequestedAt, termination.RequestedByName, termination.EffectiveDate,
            termination.RuleIdList, termination.Explanation, termination.DeclinedRetentionOffer, termination.CompletedAt,
            termination.RevokedAt, termination.RevokedAtRequestOf, termination.RevokedVia);
    }
}
