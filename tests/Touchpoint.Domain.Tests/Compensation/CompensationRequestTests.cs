using Touchpoint.Domain.Compensation;
using Touchpoint.Domain.Customers;
using static Touchpoint.Domain.Tests.Compensation.CompensationSamples;

namespace Touchpoint.Domain.Tests.Compensation;

public sealed class CompensationRequestTests
{
    private static string Refusal(CompensationRequest request)
    {
        Assert.False(request.TryValidate(out var error));
        return error;
    }

    [Fact]
    public void A_positive_amount_in_the_customers_currency_with_a_reason_is_valid()
    {
        Assert.True(Request(350m).TryValidate(out var error), error);
        Assert.Equal(string.Empty, error);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-350)]
    public void The_amount_must_be_above_zero(decimal kronor) =>
        Assert.Equal("A compensation must be more than zero.", Refusal(Request(kronor)));

    [Fact]
    public void The_currency_must_be_the_customers()
    {
        Assert.Equal("A SE customer is compensated in SEK, not EUR.", Refusal(Request(350m) with { Amount = new Money(35m, Currency.EUR) }));
        Assert.Equal("A NL customer is compensated in EUR, not SEK.", Refusal(Request(350m) with { CustomerJurisdiction = Jurisdiction.NL }));
        Assert.True((Request(350m) with { CustomerJurisdiction = Jurisdiction.NL, Amount = new Money(35m, Currency.EUR) }).TryValidate(out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void A_reason_is_required(string reason) =>
        Assert.Equal("State what the compensation is for; the customer sees it on their timeline.", Refusal(Request(350m) with { Reason = reason }));

    [Fact]
    public void The_customer_requester_and_UTC_time_are_required()
    {
        Assert.Equal("A compensation needs the customer it is for.", Refusal(Request(350m) with { CustomerId = Guid.Empty }));
        Assert.Equal("A compensation needs the person who requested it.", Refusal(Request(350m) with { RequestedByUserId = "" }));
        Assert.Equal(
            "The time of the request must be a UTC instant.",
            Refusal(Request(350m) with { RequestedAt = DateTime.SpecifyKind(RequestedAt, DateTimeKind.Local) }));
    }

    [Fact]
    public void The_jurisdiction_must_be_a_known_one() =>
        Assert.StartsWith("A compensation needs the customer's jurisdiction", Refusal(Request(350m) with { CustomerJurisdiction = (Jurisdiction)9 }), StringComparison.Ordinal);
}
