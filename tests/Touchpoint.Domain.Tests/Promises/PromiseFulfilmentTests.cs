using Touchpoint.Domain.Compensation;
using Touchpoint.Domain.Interactions;
using Touchpoint.Domain.Promises;
using static Touchpoint.Domain.Tests.Promises.PromiseSamples;

namespace Touchpoint.Domain.Tests.Promises;

public sealed class PromiseFulfilmentTests
{
    [Fact]
    public void An_outbound_call_before_due_keeps_a_callback()
    {
        var verdict = PromiseFulfilment.Check(Callback(), Call(12));

        Assert.Equal(FulfilmentMatch.Keeps, verdict.Match);
        Assert.Equal("An outbound phone contact at 2026-03-02T10:12:00Z keeps the callback.", verdict.Reason);
    }

    [Fact]
    public void An_outbound_call_exactly_at_due_keeps_a_callback() =>
        Assert.Equal(FulfilmentMatch.Keeps, PromiseFulfilment.Check(Callback(), Call(20)).Match);

    [Fact]
    public void An_outbound_call_after_due_keeps_it_late()
    {
        var verdict = PromiseFulfilment.Check(Callback(), Call(21));

        Assert.Equal(FulfilmentMatch.KeepsLate, verdict.Match);
        Assert.EndsWith("but late: it was due at 2026-03-02T10:20:00Z.", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_inbound_call_from_the_customer_does_not_keep_a_callback()
    {
        var verdict = PromiseFulfilment.Check(Callback(), Call(12, InteractionDirection.Inbound));

        Assert.Equal(FulfilmentMatch.DoesNotKeep, verdict.Match);
        Assert.Equal("An inbound call from the customer does not keep a callback: the operator must call them.", verdict.Reason);
    }

    [Theory]
    [InlineData(InteractionChannel.Email)]
    [InlineData(InteractionChannel.Sms)]
    [InlineData(InteractionChannel.Ivr)]
    [InlineData(InteractionChannel.Chat)]
    [InlineData(InteractionChannel.Store)]
    public void Only_a_phone_call_keeps_a_callback(InteractionChannel channel)
    {
        var verdict = PromiseFulfilment.Check(Callback(), Contact(channel, InteractionDirection.Outbound));

        Assert.Equal(FulfilmentMatch.DoesNotKeep, verdict.Match);
        Assert.Equal($"A callback is kept by an outbound phone call, not by an outbound {channel.ToWireName()} contact.", verdict.Reason);
    }

    [Fact]
    public void A_customer_visiting_the_store_does_not_keep_a_callback() =>
        Assert.Equal(
            "An inbound store contact from the customer does not keep a callback: the operator must call them.",
            PromiseFulfilment.Check(Callback(), Contact(InteractionChannel.Store, InteractionDirection.Inbound)).Reason);

    [Fact]
    public void A_call_to_another_customer_keeps_nothing()
    {
        var verdict = PromiseFulfilment.Check(Callback(), Call(12) with { CustomerId = OtherCustomer });

        Assert.Equal(FulfilmentMatch.DoesNotKeep, verdict.Match);
        Assert.Equal("The act concerns another customer than the one the promise was made to.", verdict.Reason);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void An_act_not_after_the_promise_keeps_nothing(int minutesAfterMade)
    {
        var verdict = PromiseFulfilment.Check(Callback(), Call(minutesAfterMade));

        Assert.Equal(FulfilmentMatch.DoesNotKeep, verdict.Match);
        Assert.Contains("was not after the promise was made at 2026-03-02T10:00:00Z", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_act_about_another_case_keeps_nothing()
    {
        var verdict = PromiseFulfilment.Check(Callback() with { CaseRef = "CASE-1" }, Call(5) with { CaseRef = "CASE-2" });

        Assert.Equal(FulfilmentMatch.DoesNotKeep, verdict.Match);
        Assert.Equal("The act concerns case CASE-2; the promise belongs to case CASE-1.", verdict.Reason);
    }

    [Fact]
    public void An_act_about_another_subscription_keeps_nothing()
    {
        var verdict = PromiseFulfilment.Check(Callback() with { SubscriptionId = Guid.NewGuid() }, Call(5) with { SubscriptionId = Guid.NewGuid() });

        Assert.Equal(FulfilmentMatch.DoesNotKeep, verdict.Match);
        Assert.Equal("The act concerns another subscription than the promise.", verdict.Reason);
    }

    [Fact]
    public void An_act_naming_no_case_or_subscription_concerns_the_customer_in_general() =>
        Assert.Equal(
            FulfilmentMatch.Keeps,
            PromiseFulfilment.Check(Callback() with { CaseRef = "CASE-1", SubscriptionId = Guid.NewGuid() }, Call(5)).Match);

    [Fact]
    public void An_act_about_the_same_case_keeps_it() =>
        Assert.Equal(FulfilmentMatch.Keeps, PromiseFulfilment.Check(Callback() with { CaseRef = "CASE-1" }, Call(5) with { CaseRef = "CASE-1" }).Match);

    private static MessageDeliveredAct Delivered(InteractionChannel channel)
    {
        var promise = Of(PromiseKind.WrittenReply);
        return new MessageDeliveredAct(promise.CustomerId, promise.DueAt.AddMinutes(-5), channel);
    }

    [Fact]
    public void A_delivered_email_or_a_recorded_letter_keeps_a_written_reply()
    {
        var delivered = Delivered(InteractionChannel.Email);
        Assert.Equal(FulfilmentMatch.Keeps, PromiseFulfilment.Check(Of(PromiseKind.WrittenReply), delivered).Match);
        Assert.Equal(FulfilmentMatch.Keeps, PromiseFulfilment.Check(Of(PromiseKind.WrittenReply), Contact(InteractionChannel.Letter, InteractionDirection.Outbound)).Match);
    }

    [Fact]
    public void S4_2_an_email_recorded_by_hand_does_not_keep_a_written_reply_only_the_delivered_one_does()
    {
        var verdict = PromiseFulfilment.Check(Of(PromiseKind.WrittenReply), Contact(InteractionChannel.Email, InteractionDirection.Outbound));

        Assert.Equal(FulfilmentMatch.DoesNotKeep, verdict.Match);
        Assert.Equal("A written reply is kept by an e-mail Touchpoint delivered or a letter, not by an outbound email contact.", verdict.Reason);
    }

    [Fact]
    public void A_delivered_sms_does_not_keep_a_written_reply() =>
        Assert.Equal(
            "A written reply is kept by an e-mail Touchpoint delivered or a letter, not by a delivered sms message.",
            PromiseFulfilment.Check(Of(PromiseKind.WrittenReply), Delivered(InteractionChannel.Sms)).Reason);

    [Theory]
    [InlineData(InteractionChannel.Sms)]
    [InlineData(InteractionChannel.Phone)]
    [InlineData(InteractionChannel.Chat)]
    [InlineData(InteractionChannel.Social)]
    public void Other_channels_do_not_keep_a_written_reply(InteractionChannel channel)
    {
        var verdict = PromiseFulfilment.Check(Of(PromiseKind.WrittenReply), Contact(channel, InteractionDirection.Outbound));

        Assert.Equal(FulfilmentMatch.DoesNotKeep, verdict.Match);
        Assert.Equal($"A written reply is kept by an e-mail Touchpoint delivered or a letter, not by an outbound {channel.ToWireName()} contact.", verdict.Reason);
    }

    [Fact]
    public void An_email_from_the_customer_does_not_keep_a_written_reply() =>
        Assert.Equal(
            "A message from the customer does not keep a written reply: the operator must write to them.",
            PromiseFulfilment.Check(Of(PromiseKind.WrittenReply), Contact(InteractionChannel.Email, InteractionDirection.Inbound)).Reason);

    [Fact]
    public void A_completed_visit_keeps_a_technician_visit_and_a_call_does_not()
    {
        var visit = Of(PromiseKind.TechnicianVisit);

        Assert.Equal(FulfilmentMatch.Keeps, PromiseFulfilment.Check(visit, new TechnicianVisitDoneAct(Customer, At(60))).Match);
        Assert.Equal(
            "A technician visit is kept by the visit being done, not by an outbound phone contact.",
            PromiseFulfilment.Check(visit, Call(60)).Reason);
    }

    [Fact]
    public void A_refund_of_the_promised_amount_or_more_keeps_a_refund_promise()
    {
        var refund = Of(PromiseKind.Refund);

        Assert.Equal(FulfilmentMatch.Keeps, PromiseFulfilment.Check(refund, new RefundRecordedAct(Customer, At(60), new Money(200m, Currency.SEK))).Match);
        Assert.Equal(FulfilmentMatch.Keeps, PromiseFulfilment.Check(refund, new RefundRecordedAct(Customer, At(60), new Money(250m, Currency.SEK))).Match);
    }

    [Fact]
    public void A_smaller_refund_does_not_keep_a_refund_promise()
    {
        var verdict = PromiseFulfilment.Check(Of(PromiseKind.Refund), new RefundRecordedAct(Customer, At(60), new Money(199.99m, Currency.SEK)));

        Assert.Equal(FulfilmentMatch.DoesNotKeep, verdict.Match);
        Assert.Equal("The refund of 199.99 SEK is less than the 200.00 SEK promised.", verdict.Reason);
    }

    [Fact]
    public void A_refund_in_another_currency_does_not_keep_a_refund_promise() =>
        Assert.Equal(
            "The refund is in EUR; 200.00 SEK was promised.",
            PromiseFulfilment.Check(Of(PromiseKind.Refund), new RefundRecordedAct(Customer, At(60), new Money(500m, Currency.EUR))).Reason);

    [Fact]
    public void A_refund_promise_is_not_kept_by_a_letter() =>
        Assert.Equal(
            FulfilmentMatch.DoesNotKeep,
            PromiseFulfilment.Check(Of(PromiseKind.Refund), Contact(InteractionChannel.Letter, InteractionDirection.Outbound)).Match);

    [Fact]
    public void Resolving_the_promised_case_keeps_a_resolution_promise()
    {
        var promise = Of(PromiseKind.ResolutionByDate);

        Assert.Equal(FulfilmentMatch.Keeps, PromiseFulfilment.Check(promise, new CaseResolvedAct(Customer, At(60), "CASE-7")).Match);
        Assert.Equal(
            "Case CASE-8 was resolved; the promise is about case CASE-7.",
            PromiseFulfilment.Check(promise, new CaseResolvedAct(Customer, At(60), "CASE-8")).Reason);
    }

    [Fact]
    public void Resolving_a_case_does_not_keep_a_callback() =>
        Assert.Equal(
            "A callback is kept by an outbound phone call, not by the resolution of case CASE-7.",
            PromiseFulfilment.Check(Callback(), new CaseResolvedAct(Customer, At(5), "CASE-7")).Reason);
}
