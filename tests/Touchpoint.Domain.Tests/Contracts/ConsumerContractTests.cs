using Touchpoint.Domain.Contracts;
using Touchpoint.Domain.Customers;

namespace Touchpoint.Domain.Tests.Contracts;

/// <summary>
/// TP-5: the consumer-law rights (CRD-9 withdrawal, EU-105-1 and the national binding caps) belong to contracts sold to a
/// consumer and stay with them; a contract sold to a business has neither, and keeps the rights of every end-user.
/// </summary>
public sealed class ConsumerContractTests
{
    private static readonly ContractRuleBook Law = ContractRuleBook.Law;
    private static readonly DateOnly Sold = new(2026, 5, 4);

    private static ContractFacts PhoneSale(bool soldToConsumer, DateOnly? bindingEnd = null) =>
        new(Jurisdiction.DK, Sold, bindingEnd, SalesMode.Distance, SoldToConsumer: soldToConsumer);

    [Fact]
    public void A_phone_sale_to_a_business_has_no_withdrawal_right_and_says_why()
    {
        var decision = Law.Withdrawal(PhoneSale(soldToConsumer: false), Sold.AddDays(1));

        Assert.False(decision.IsOpen);
        Assert.Null(decision.OpenUntil);
        Assert.Equal(["CRD-9", "TP-5"], decision.RuleIds);
        Assert.Equal("Sold to a business, so the law gives no withdrawal right (that is for consumers); you can still leave with notice.", decision.Explanation);
    }

    [Fact]
    public void The_same_phone_sale_to_a_consumer_can_be_withdrawn()
    {
        var decision = Law.Withdrawal(PhoneSale(soldToConsumer: true), Sold.AddDays(1));

        Assert.True(decision.IsOpen);
        Assert.Equal(["CRD-9"], decision.RuleIds);
    }

    [Fact]
    public void A_business_without_the_withdrawal_information_gets_no_CRD_10_extension_either()
    {
        var facts = PhoneSale(soldToConsumer: false) with { WithdrawalInformationGiven = false };

        Assert.False(Law.Withdrawal(facts, Sold.AddDays(1)).IsOpen);
    }

    [Fact]
    public void A_business_in_DK_may_be_bound_for_12_months_where_a_consumer_may_not()
    {
        var business = Law.CheckBinding(Jurisdiction.DK, 12, soldToConsumer: false);
        var consumer = Law.CheckBinding(Jurisdiction.DK, 12);

        Assert.True(business.IsAllowed);
        Assert.Equal(24, business.MaxMonths);
        Assert.Equal(["TP-5"], business.RuleIds);
        Assert.Equal("A binding of 12 months is allowed: sold to a business, so the consumer limits (EU-105-1, DK-1) do not apply (TP-5).", business.Explanation);
        Assert.False(consumer.IsAllowed);
        Assert.Equal(["EU-105-1", "DK-1"], consumer.RuleIds);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(25)]
    public void A_business_binding_stays_within_what_a_plan_can_offer(int months)
    {
        var decision = Law.CheckBinding(Jurisdiction.NO, months, soldToConsumer: false);

        Assert.False(decision.IsAllowed);
        Assert.Equal(["TP-5"], decision.RuleIds);
    }

    [Fact]
    public void Without_binding_a_business_sale_is_allowed_and_names_the_rule() =>
        Assert.Equal("No binding: always allowed; sold to a business, so the consumer limits (EU-105-1, SE-1) do not apply (TP-5).",
            Law.CheckBinding(Jurisdiction.SE, 0, soldToConsumer: false).Explanation);

    [Fact]
    public void An_operator_file_that_tightens_the_consumer_cap_does_not_bind_a_business()
    {
        Assert.True(ContractRuleBook.TryLoad("""{ "version": "op-1", "jurisdictions": { "EU": { "bindingMaxMonths": 12 } } }""", out var book, out var error), error);

        Assert.False(book!.CheckBinding(Jurisdiction.SE, 24).IsAllowed);
        Assert.True(book.CheckBinding(Jurisdiction.SE, 24, soldToConsumer: false).IsAllowed);
    }

    [Fact]
    public void Every_end_user_keeps_notice_after_the_binding_and_the_binding_itself_holds_for_a_business()
    {
        var business = PhoneSale(soldToConsumer: false, bindingEnd: Sold.AddMonths(12));

        var whileBound = Law.Leaving(business, Sold.AddMonths(3));
        var afterwards = Law.Leaving(business, Sold.AddMonths(13));

        Assert.True(whileBound.IsBound);
        Assert.Equal(Sold.AddMonths(12), whileBound.EffectiveDate);
        Assert.Equal(Sold.AddMonths(14), afterwards.EffectiveDate);
        Assert.Contains("EU-105-2", afterwards.RuleIds);
        var consumer = Law.Leaving(business with { SoldToConsumer = true }, Sold.AddMonths(13));
        Assert.Equal((consumer.EffectiveDate, consumer.NoticeMonths, consumer.Explanation), (afterwards.EffectiveDate, afterwards.NoticeMonths, afterwards.Explanation));
        Assert.Equal(consumer.RuleIds, afterwards.RuleIds);
    }

    [Fact]
    public void A_person_is_a_consumer_and_a_business_is_not()
    {
        Assert.True(ConsumerContracts.IsConsumerSale(CustomerKind.Person));
        Assert.False(ConsumerContracts.IsConsumerSale(CustomerKind.Business));
    }

    [Theory]
    [InlineData(true, CustomerKind.Business, true)]
    [InlineData(true, CustomerKind.Person, true)]
    [InlineData(false, CustomerKind.Person, true)]
    [InlineData(false, CustomerKind.Business, false)]
    public void A_change_to_a_contract_is_a_consumer_sale_when_the_contract_or_the_buyer_is_a_consumers(bool contractSoldToConsumer, CustomerKind buyer, bool expected) =>
        Assert.Equal(expected, ConsumerContracts.IsConsumerSale(contractSoldToConsumer, buyer));

    [Fact]
    public void A_consumer_who_becomes_a_business_is_told_what_they_keep()
    {
        Assert.Equal(
            "From now on this customer buys as a business: new contracts have no statutory withdrawal right and no consumer binding limit. " +
            "The 2 contracts sold to them as a consumer keep their withdrawal right (CRD-9) and binding limits (EU-105-1), also for later changes to them. (TP-5)",
            ConsumerContracts.KindChanged(CustomerKind.Person, CustomerKind.Business, 2));
        Assert.Contains("The one contract sold to them as a consumer keeps", ConsumerContracts.KindChanged(CustomerKind.Person, CustomerKind.Business, 1), StringComparison.Ordinal);
        Assert.Contains("No live contract was sold to them as a consumer.", ConsumerContracts.KindChanged(CustomerKind.Person, CustomerKind.Business, 0), StringComparison.Ordinal);
    }

    [Fact]
    public void A_business_that_becomes_a_consumer_gets_consumer_law_from_then_on()
    {
        var explanation = ConsumerContracts.KindChanged(CustomerKind.Business, CustomerKind.Person, 0);

        Assert.Contains("buys as a consumer", explanation, StringComparison.Ordinal);
        Assert.Contains("TP-5", explanation, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ConsumerContracts.KindChanged(CustomerKind.Person, CustomerKind.Person, 0));
    }

    [Fact]
    public void Customer_kinds_have_stable_wire_names_and_numbers_are_not_kinds()
    {
        Assert.Equal(["person", "business"], CustomerKinds.WireNames);
        Assert.True(CustomerKinds.TryParse(" Business ", out var kind, out _));
        Assert.Equal(CustomerKind.Business, kind);
        Assert.False(CustomerKinds.TryParse("1", out _, out var error));
        Assert.Equal("'1' is not a valid customer kind; allowed values: person, business.", error);
    }
}
