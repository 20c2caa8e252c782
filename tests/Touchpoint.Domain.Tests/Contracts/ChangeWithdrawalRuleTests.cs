using Touchpoint.Domain.Contracts;
using Touchpoint.Domain.Customers;

namespace Touchpoint.Domain.Tests.Contracts;

/// <summary>
/// CRD-9 for a change sold on its own: a plan change, upgrade or new binding sold by phone, web or off the premises has
/// its own 14 days (CRD-10: 12 months longer without the information), whatever the contract's first sale was, and
/// withdrawing it puts back the terms from before it without ending the contract.
/// </summary>
public sealed class ChangeWithdrawalRuleTests
{
    private static readonly ContractRuleBook Law = ContractRuleBook.Law;
    private static readonly DateOnly Sold = new(2026, 5, 4);
    private static readonly Guid Mobil430 = Guid.NewGuid();
    private static readonly Guid Mobil600 = Guid.NewGuid();
    private static readonly Guid Unlimited = Guid.NewGuid();
    private static readonly ContractTerms Before = new(Mobil430, 430m, null);

    private static ContractChange Upgrade(SalesMode via, bool informed = true) => new(Guid.NewGuid(), Sold, via, informed, Before);

    [Fact]
    public void A_phone_sold_upgrade_withdrawn_on_day_10_is_open_and_says_what_it_puts_back()
    {
        var decision = Law.WithdrawalOfChange(Jurisdiction.SE, Upgrade(SalesMode.Distance), Sold.AddDays(10));

        Assert.True(decision.IsOpen);
        Assert.Equal(new DateOnly(2026, 5, 18), decision.OpenUntil);
        Assert.Equal(["CRD-9"], decision.RuleIds);
        Assert.Equal(
            "You can withdraw from this change without giving a reason until 2026-05-18: the 14-day withdrawal period of this change, sold at a distance on 2026-05-04, is still open. " +
            "Withdrawing it puts back the plan, price and binding from before it; the subscription runs on.",
            decision.Explanation);
    }

    [Fact]
    public void The_same_upgrade_on_day_15_is_closed_naming_CRD_9()
    {
        Assert.True(Law.WithdrawalOfChange(Jurisdiction.SE, Upgrade(SalesMode.Distance), Sold.AddDays(14)).IsOpen);

        var decision = Law.WithdrawalOfChange(Jurisdiction.SE, Upgrade(SalesMode.Distance), Sold.AddDays(15));

        Assert.False(decision.IsOpen);
        Assert.Equal(new DateOnly(2026, 5, 18), decision.OpenUntil);
        Assert.Equal(["CRD-9"], decision.RuleIds);
        Assert.Equal(
            "Withdrawal from this change is no longer possible: the 14-day withdrawal period of this change, sold at a distance on 2026-05-04, ended on 2026-05-18.",
            decision.Explanation);
    }

    [Fact]
    public void A_change_sold_to_a_business_has_no_withdrawal_right_naming_TP_5()
    {
        var decision = Law.WithdrawalOfChange(Jurisdiction.SE, Upgrade(SalesMode.Distance) with { SoldToConsumer = false }, Sold.AddDays(1));

        Assert.False(decision.IsOpen);
        Assert.Null(decision.OpenUntil);
        Assert.Equal(["CRD-9", "TP-5"], decision.RuleIds);
        Assert.StartsWith("This change was sold to a business", decision.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_change_agreed_in_a_store_has_no_statutory_withdrawal_right()
    {
        var decision = Law.WithdrawalOfChange(Jurisdiction.NL, Upgrade(SalesMode.OnPremises), Sold);

        Assert.False(decision.IsOpen);
        Assert.Null(decision.OpenUntil);
        Assert.Equal(["CRD-9"], decision.RuleIds);
        Assert.StartsWith("This change was agreed in a store", decision.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_change_sold_at_the_door_can_be_withdrawn() =>
        Assert.Contains("sold off the premises on 2026-05-04", Law.WithdrawalOfChange(Jurisdiction.DK, Upgrade(SalesMode.OffPremises), Sold.AddDays(3)).Explanation, StringComparison.Ordinal);

    [Fact]
    public void CRD_10_a_change_sold_without_the_withdrawal_information_can_be_withdrawn_12_months_longer()
    {
        var decision = Law.WithdrawalOfChange(Jurisdiction.SE, Upgrade(SalesMode.Distance, informed: false), Sold.AddDays(200));

        Assert.True(decision.IsOpen);
        Assert.Equal(new DateOnly(2027, 5, 18), decision.OpenUntil);
        Assert.Equal(["CRD-9", "CRD-10"], decision.RuleIds);
        Assert.Contains("extended because the withdrawal information was not given", decision.Explanation, StringComparison.Ordinal);
        Assert.False(Law.WithdrawalOfChange(Jurisdiction.SE, Upgrade(SalesMode.Distance, informed: false), new DateOnly(2027, 5, 19)).IsOpen);
    }

    [Fact]
    public void The_change_is_judged_on_its_own_sale_not_on_the_contracts_first_sale_in_a_store()
    {
        var soldInStoreYearsAgo = new ContractFacts(Jurisdiction.SE, new DateOnly(2020, 1, 10), null, SalesMode.OnPremises);

        Assert.False(Law.Withdrawal(soldInStoreYearsAgo, Sold.AddDays(10)).IsOpen);
        Assert.True(Law.WithdrawalOfChange(Jurisdiction.SE, Upgrade(SalesMode.Distance), Sold.AddDays(10)).IsOpen);
    }

    [Fact]
    public void An_operator_that_gives_30_days_gives_them_for_changes_too()
    {
        Assert.True(ContractRuleBook.TryLoad("""{ "version": "op", "jurisdictions": { "EU": { "withdrawalDays": 30 } } }""", out var book, out var error), error);

        Assert.True(book!.WithdrawalOfChange(Jurisdiction.NO, Upgrade(SalesMode.Distance), Sold.AddDays(30)).IsOpen);
        Assert.False(book.WithdrawalOfChange(Jurisdiction.NO, Upgrade(SalesMode.Distance), Sold.AddDays(31)).IsOpen);
    }

    [Fact]
    public void Withdrawing_a_change_puts_back_the_plan_price_and_binding_from_before_it()
    {
        var upgrade = new ContractChange(Guid.NewGuid(), Sold, SalesMode.Distance, true, Before);

        var effect = ContractChanges.Withdraw([upgrade], upgrade.Id);

        Assert.Equal(new ContractTerms(Mobil430, 430m, null), effect.Restored);
        Assert.Equal([upgrade.Id], effect.Undone);
    }

    [Fact]
    public void Withdrawing_a_change_takes_back_every_later_change_made_on_top_of_it_but_none_before_it()
    {
        var first = new ContractChange(Guid.NewGuid(), Sold.AddDays(-100), SalesMode.OnPremises, true, new ContractTerms(Unlimited, 199m, new DateOnly(2025, 1, 1)));
        var upgrade = new ContractChange(Guid.NewGuid(), Sold, SalesMode.Distance, true, Before);
        var later = new ContractChange(Guid.NewGuid(), Sold.AddDays(2), SalesMode.OnPremises, true, new ContractTerms(Mobil600, 600m, new DateOnly(2027, 5, 6)));

        var effect = ContractChanges.Withdraw([first, upgrade, later], upgrade.Id);

        Assert.Equal(Before, effect.Restored);
        Assert.Equal([upgrade.Id, later.Id], effect.Undone);
    }

    [Fact]
    public void A_change_not_in_effect_cannot_be_withdrawn() =>
        Assert.Throws<ArgumentException>(() => ContractChanges.Withdraw([Upgrade(SalesMode.Distance)], Guid.NewGuid()));
}
