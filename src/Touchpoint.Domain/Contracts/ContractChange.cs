namespace Touchpoint.Domain.Contracts;

/// <summary>The plan, price and binding of a contract at one moment.</summary>
/// <param name="BindingEnd">The first day the customer is no longer bound; null when not bound.</param>
public sealed record ContractTerms(Guid PlanId, decimal MonthlyPrice, DateOnly? BindingEnd);

/// <summary>
/// A change of a running contract sold on its own: a plan change, an upgrade, a new price or binding. Sold at a
/// distance or off the premises it carries a withdrawal right of its own (CRD-9), from the day it was sold, however
/// the contract itself was first concluded.
/// </summary>
/// <param name="Before">The terms the change replaced: what withdrawing it puts back.</param>
/// <param name="SoldToConsumer">The change was a consumer sale (TP-5): only a consumer's change carries a withdrawal right.</param>
public sealed record ContractChange(Guid Id, DateOnly SoldOn, SalesMode SoldVia, bool WithdrawalInformationGiven, ContractTerms Before, bool SoldToConsumer = true);

/// <summary>What withdrawing a change does to its contract.</summary>
/// <param name="Restored">The terms the contract has again: those from before the withdrawn change.</param>
/// <param name="Undone">The changes no longer in effect: the withdrawn one and every one made on top of it, oldest first.</param>
public sealed record ChangeWithdrawalEffect(ContractTerms Restored, IReadOnlyList<Guid> Undone);

public static class ContractChanges
{
    /// <summary>
    /// Withdrawing a change puts back the terms from before it. A later change still in effect was made on top of the
    /// withdrawn one, so it goes with it: the contract returns to where it stood before, never to a mix of the two.
    /// Nothing here ends the contract; a withdrawn change leaves the subscription running.
    /// </summary>
    /// <param name="inEffect">The contract's changes still in effect, oldest first.</param>
    public static ChangeWithdrawalEffect Withdraw(IReadOnlyList<ContractChange> inEffect, Guid changeId)
    {
        ArgumentNullException.ThrowIfNull(inEffect);
        var index = -1;
        for (var i = 0; i < inEffect.Count && index < 0; i++)
        {
            index = inEffect[i].Id == changeId ? i : -1;
        }

        if (index < 0)
        {
            throw new ArgumentException($"Change {changeId} is not among the changes in effect.", nameof(changeId));
        }

        return new ChangeWithdrawalEffect(inEffect[index].Before, [.. inEffect.Skip(index).Select(c => c.Id)]);
    }
}
