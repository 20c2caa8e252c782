using System.Globalization;
using Touchpoint.Domain.Contracts;
using Touchpoint.Domain.Interactions;
using Touchpoint.Domain.Leaving;
using Touchpoint.Features.Orders;

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
/// <param name="Withdrawal">Withdrawal from the subscription itself, judged on its own first sale.</param>
/// <param name="Pending">A cancellation already confirmed and not yet in effect.</param>
/// <param name="FreeTerminationUntil">An announced change of terms lets the customer leave free of any binding until this day (EU-105-3, S0-6).</param>
/// <param name="Changes">Changes of the subscription sold on their own and still in effect, newest first, each with its own withdrawal right (CRD-9).</param>
/// <param name="EndWithoutCost">Ending free of cost because the service does not conform to the contract (EU-105-5).</param>
/// <param name="MonthlyPrice">What the subscription costs a month until it ends, in <paramref name="Currency"/>.</param>
public sealed record LeavingChoices(
    Guid SubscriptionId, Guid CustomerId, string PlanName, string? Msisdn, string Status, decimal MonthlyPrice, string Currency,
    WithdrawalOption Withdrawal, CancellationOption Cancellation, TerminationView? Pending, DateOnly? FreeTerminationUntil,
    IReadOnlyList<ChangeWithdrawalOption> Changes, EndWithoutCostOption EndWithoutCost);

/// <summary>
/// A change of the subscription sold on its own (a plan change, upgrade, new price or binding) and whether it can still be
/// withdrawn (CRD-9, CRD-10). Withdrawing it puts back <see cref="Restores"/>; the subscription runs on.
/// </summary>
/// <param name="ChangeId">The order item that sold the change: what a withdrawal names.</param>
/// <param name="SoldVia">The channel it was sold in; null when not recorded (then judged as a distance sale).</param>
/// <param name="AlsoUndoes">Later changes made on top of this one, which go with it (their order item ids).</param>
/// <param name="Brought">What the change brought, as the customer reads it.</param>
public sealed record ChangeWithdrawalOption(
    Guid ChangeId, Guid OrderId, string Description, string? SoldVia, string? SoldByName, DateOnly SoldOn,
    bool IsOpen, DateOnly? OpenUntil, IReadOnlyList<string> RuleIds, string Explanation, RestoredTerms Restores, IReadOnlyList<Guid> AlsoUndoes,
    OrderedTerms Brought);

/// <summary>The plan, price and binding a withdrawn change puts back.</summary>
public sealed record RestoredTerms(string PlanCode, string PlanName, decimal MonthlyPrice, string Currency, DateOnly? BindingEndDate)
{
    /// <summary>"Mobil 430 at 430.00 SEK a month, no binding".</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{PlanName} at {MonthlyPrice:0.00} {Currency} a month, {(BindingEndDate is { } end ? $"bound until {end:yyyy-MM-dd}" : "no binding")}");
}

/// <summary>Whether the subscription may end free of cost (EU-105-5), on the strength of which finding, and what that means.</summary>
/// <param name="FindingId">The finding it rests on: the newest one that allows it; null when none does.</param>
/// <param name="DeviceInstalments">What becomes of device instalments, as the rules file says (waived, onSchedule, dueAtOnce).</param>
public sealed record EndWithoutCostOption(
    bool IsOpen, Guid? FindingId, DateOnly? EffectiveDate, bool BindingWaived, string? DeviceInstalments, IReadOnlyList<string> RuleIds, string Explanation);

public sealed record TerminationView(
    Guid Id, string Reference, Guid CustomerId, Guid SubscriptionId, string PlanName, string Kind, string Channel, string State,
    DateTime RequestedAt, string RequestedByName, DateOnly EffectiveDate, IReadOnlyList<string> RuleIds, string Explanation,
    string? DeclinedRetentionOffer, DateTime? CompletedAt, DateTime? RevokedAt, string? RevokedAtRequestOf, string? RevokedVia,
    Guid? OrderItemId, Guid? FindingId)
{
    public static TerminationView Of(Termination termination, string planName)
    {
        ArgumentNullException.ThrowIfNull(termination);
        return new(termination.Id, termination.Reference, termination.CustomerId, termination.SubscriptionId, planName, termination.Kind.ToWireName(),
            termination.Channel.ToWireName(), termination.State.ToWireName(), termination.RequestedAt, termination.RequestedByName, termination.EffectiveDate,
            termination.RuleIdList, termination.Explanation, termination.DeclinedRetentionOffer, termination.CompletedAt,
            termination.RevokedAt, termination.RevokedAtRequestOf, termination.RevokedVia?.ToWireName(), termination.OrderItemId, termination.FindingId);
    }
}
