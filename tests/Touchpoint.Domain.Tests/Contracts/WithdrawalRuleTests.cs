using Touchpoint.Domain.Contracts;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Interactions;

namespace Touchpoint.Domain.Tests.Contracts;

/// <summary>CRD-9: 14 days to withdraw from a distance or off-premises sale; CRD-10: 12 months longer without the information. S0-5.</summary>
public sealed class WithdrawalRuleTests
{
    private static readonly ContractRuleBook Law = ContractRuleBook.Law;
    private static readonly DateOnly Sold = new(2026, 5, 4);

    private static ContractFacts Sale(InteractionChannel channel, bool informed = true) =>
        new(Jurisdiction.SE, Sold, Sold.AddMonths(12), SalesModes.FromChannel(channel), informed);

    [Fact]
    public void S0_5_a_phone_sale_withdrawn_on_day_10_is_open()
    {
        var decision = Law.Withdrawal(Sale(InteractionChannel.Phone), Sold.AddDays(10));

        Assert.True(decision.IsOpen);
        Assert.Equal(new DateOnly(2026, 5, 18), decision.OpenUntil);
        Assert.Equal(["CRD-9"], decision.RuleIds);
        Assert.Equal("You can withdraw without giving a reason until 2026-05-18: the 14-day withdrawal period of this distance sale concluded on 2026-05-04 is still open.", decision.Explanation);
    }

    [Fact]
    public void S0_5_a_phone_sale_withdrawn_on_day_20_is_refused_with_the_reason()
    {
        var decision = Law.Withdrawal(Sale(InteractionChannel.Phone), Sold.AddDays(20));

        Assert.False(decision.IsOpen);
        Assert.Equal(new DateOnly(2026, 5, 18), decision.OpenUntil);
        Assert.Equal(["CRD-9"], decision.RuleIds);
        Assert.Equal("Withdrawal is no longer possible: the 14-day withdrawal period of this distance sale concluded on 2026-05-04 ended on 2026-05-18; you can still leave with notice.", decision.Explanation);
    }

    [Fact]
    public void The_14th_day_is_the_last_day()
    {
        Assert.True(Law.Withdrawal(Sale(InteractionChannel.Web), Sold.AddDays(14)).IsOpen);
        Assert.False(Law.Withdrawal(Sale(InteractionChannel.Web), Sold.AddDays(15)).IsOpen);
    }

    [Fact]
    public void A_store_sale_has_no_statutory_withdrawal_right()
    {
        var decision = Law.Withdrawal(Sale(InteractionChannel.Store), Sold.AddDays(1));

        Assert.False(decision.IsOpen);
        Assert.Null(decision.OpenUntil);
        Assert.Equal(["CRD-9"], decision.RuleIds);
        Assert.Equal("Concluded in a store, so the law gives no withdrawal right (that is for distance and off-premises sales); you can still leave with notice.", decision.Explanation);
    }

    [Fact]
    public void A_door_to_door_sale_can_be_withdrawn_from()
    {
        var decision = Law.Withdrawal(new ContractFacts(Jurisdiction.NL, Sold, null, SalesMode.OffPremises), Sold.AddDays(3));
        Assert.True(decision.IsOpen);
        Assert.Contains("off-premises sale", decision.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void CRD_10_without_the_withdrawal_information_the_period_runs_12_months_longer()
    {
        var decision = Law.Withdrawal(Sale(InteractionChannel.Phone, informed: false), Sold.AddDays(200));

        Assert.True(decision.IsOpen);
        Assert.Equal(new DateOnly(2027, 5, 18), decision.OpenUntil);
        Assert.Equal(["CRD-9", "CRD-10"], decision.RuleIds);
        Assert.Equal("You can withdraw without giving a reason until 2027-05-18: the withdrawal period of this distance sale concluded on 2026-05-04, extended because the withdrawal information was not given, is still open.", decision.Explanation);
        Assert.False(Law.Withdrawal(Sale(InteractionChannel.Phone, informed: false), new DateOnly(2027, 5, 19)).IsOpen);
    }

    [Theory]
    [InlineData(InteractionChannel.Phone, SalesMode.Distance)]
    [InlineData(InteractionChannel.Web, SalesMode.Distance)]
    [InlineData(InteractionChannel.Email, SalesMode.Distance)]
    [InlineData(InteractionChannel.Chat, SalesMode.Distance)]
    [InlineData(InteractionChannel.Sms, SalesMode.Distance)]
    [InlineData(InteractionChannel.Letter, SalesMode.Distance)]
    [InlineData(InteractionChannel.Social, SalesMode.Distance)]
    [InlineData(InteractionChannel.Ivr, SalesMode.Distance)]
    [InlineData(InteractionChannel.Store, SalesMode.OnPremises)]
    public void The_channel_of_the_sale_decides_the_sales_mode(InteractionChannel channel, SalesMode expected) =>
        Assert.Equal(expected, SalesModes.FromChannel(channel));

    [Fact]
    public void Sales_modes_have_stable_wire_names()
    {
        Assert.Equal(["distance", "offPremises", "onPremises"], SalesModes.WireNames);
        Assert.True(SalesModes.TryParse("OffPremises", out var mode, out _));
        Assert.Equal(SalesMode.OffPremises, mode);
    }
}
