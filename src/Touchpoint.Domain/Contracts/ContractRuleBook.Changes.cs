using Touchpoint.Domain.Customers;

namespace Touchpoint.Domain.Contracts;

/// <summary>The withdrawal right of a change sold on its own (CRD-9, CRD-10).</summary>
public sealed partial class ContractRuleBook
{
    /// <summary>
    /// Is the withdrawal right of <paramref name="change"/> open on <paramref name="today"/>, and until when? The same
    /// period as for a new contract (CRD-9, CRD-10), counted from the day the change was sold. Withdrawing a change puts
    /// back the terms from before it (<see cref="ContractChanges.Withdraw"/>); it never ends the contract.
    /// </summary>
    public WithdrawalDecision WithdrawalOfChange(Jurisdiction jurisdiction, ContractChange change, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(change);
        var days = values[jurisdiction][ContractRule.WithdrawalDays];
        if (!change.SoldToConsumer)
        {
            return new WithdrawalDecision(false, null, [.. days.RuleIds, ConsumerContracts.RuleId],
                "This change was sold to a business, so the law gives no right to withdraw from it (that is for consumers).");
        }

        if (change.SoldVia == SalesMode.OnPremises)
        {
            return new WithdrawalDecision(false, null, days.RuleIds,
                "This change was agreed in a store, so the law gives no right to withdraw from it (that is for changes sold at a distance or off the premises).");
        }

        var (openUntil, ruleIds) = WithdrawalPeriod(jurisdiction, change.SoldOn, change.WithdrawalInformationGiven);
        var isOpen = today <= openUntil;
        var sold = change.SoldVia == SalesMode.Distance ? "sold at a distance" : "sold off the premises";
        var period = change.WithdrawalInformationGiven
            ? Text($"the {days.Value}-day withdrawal period of this change, {sold} on {Iso(change.SoldOn)},")
            : Text($"the withdrawal period of this change, {sold} on {Iso(change.SoldOn)} and extended because the withdrawal information was not given,");
        var explanation = isOpen
            ? Text($"You can withdraw from this change without giving a reason until {Iso(openUntil)}: {period} is still open. Withdrawing it puts back the plan, price and binding from before it; the subscription runs on.")
            : Text($"Withdrawal from this change is no longer possible: {period} ended on {Iso(openUntil)}.");
        return new WithdrawalDecision(isOpen, openUntil, Distinct(ruleIds), explanation);
    }
}
