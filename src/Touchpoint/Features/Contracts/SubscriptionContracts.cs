using Touchpoint.Domain.Contracts;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Interactions;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Subscriptions;

namespace Touchpoint.Features.Contracts;

/// <summary>From a stored subscription to the facts the contract rules need.</summary>
public static class SubscriptionContracts
{
    /// <summary>The contract as the rules see it: concluded on the start date, sold via the recorded channel, to a consumer or a business.</summary>
    public static ContractFacts ToContractFacts(this Subscription s, Jurisdiction j)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new ContractFacts(j, s.StartDate, s.BindingEndDate, SalesModeOf(s), s.WithdrawalInformationGiven, s.FreeTerminationUntil, s.SoldToConsumer);
    }

    /// <summary>How the contract was sold; not recorded counts as a distance sale, so a missing record never removes a withdrawal right.</summary>
    public static SalesMode SalesModeOf(Subscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return InteractionChannels.TryParse(subscription.SoldVia, out var channel, out _) ? SalesModes.FromChannel(channel) : SalesMode.Distance;
    }

    /// <summary>The customer's jurisdiction; customers are only stored with a valid one.</summary>
    public static Jurisdiction JurisdictionOf(Customer customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return JurisdictionOf(customer.Jurisdiction);
    }

    public static Jurisdiction JurisdictionOf(string jurisdiction) =>
        Jurisdictions.TryParse(jurisdiction, out var parsed, out var error) ? parsed : throw new InvalidOperationException(error);

    /// <summary>Whole months from the start to the binding end: what the binding was sold as.</summary>
    public static int BindingMonths(this Subscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return subscription.BindingEndDate is { } end
            ? ((end.Year - subscription.StartDate.Year) * 12) + end.Month - subscription.StartDate.Month
            : 0;
    }

    /// <summary>What the customer's pages and APIs show as a subscription's terms on <paramref name="today"/>.</summary>
    public static SubscriptionTermsView TermsOn(this ContractRuleBook rules, Subscription subscription, Jurisdiction jurisdiction, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var facts = subscription.ToContractFacts(jurisdiction);
        var leaving = rules.Leaving(facts, today);
        var withdrawal = rules.Withdrawal(facts, today);
        return new SubscriptionTermsView(
            subscription.BindingEndDate, leaving.IsBound, leaving.NoticeMonths, leaving.Notice, leaving.EffectiveDate, leaving.RuleIds, leaving.Explanation,
            withdrawal.IsOpen, withdrawal.OpenUntil, withdrawal.RuleIds, withdrawal.Explanation, SalesModeOf(subscription).ToWireName(), rules.Version,
            subscription.SoldToConsumer);
    }
}

/// <summary>
/// A subscription's terms as the contract rules decide them on one day: when the customer can leave (with the rule ids
/// and a sentence to read out), and the withdrawal right.
/// </summary>
/// <param name="BindingEnd">The first day the customer is no longer bound; null when sold without binding.</param>
/// <param name="NoticeMonths">The notice in whole months; null when it is counted in weeks or days (FI-1), see <paramref name="Notice"/>.</param>
/// <param name="EarliestLeaveDate">Where notice given today ends the contract.</param>
/// <param name="WithdrawalOpenUntil">The last day of the withdrawal period (also when passed); null for a store sale or a sale to a business.</param>
/// <param name="SoldToConsumer">Sold to a consumer, so consumer law applies (TP-5); false for a sale to a business.</param>
public sealed record SubscriptionTermsView(
    DateOnly? BindingEnd,
    bool IsBound,
    int? NoticeMonths,
    RulePeriod Notice,
    DateOnly EarliestLeaveDate,
    IReadOnlyList<string> RuleIds,
    string Explanation,
    bool WithdrawalOpen,
    DateOnly? WithdrawalOpenUntil,
    IReadOnlyList<string> WithdrawalRuleIds,
    string WithdrawalExplanation,
    string SalesMode,
    string RulesVersion,
    bool SoldToConsumer);
