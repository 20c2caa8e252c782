using System.Globalization;
using Touchpoint.Domain.Orders;

namespace Touchpoint.Domain.Tests.Orders;

public sealed class NumberPortingTests
{
    private static readonly Guid Henrik = Guid.NewGuid();

    [Fact]
    public void S1_1_a_port_in_of_a_number_we_serve_for_the_same_customer_is_refused_as_already_his()
    {
        var check = NumberPorting.Check(Henrik, Henrik);

        Assert.Equal(PortInCheck.AlreadyYours, check);
        Assert.Equal(
            "The number +4520550101 is already yours with us, so there is nothing to port in (TP-4). A renewal of that subscription is offered instead.",
            NumberPorting.Reason(check, "+4520550101"));
    }

    [Fact]
    public void A_number_served_for_someone_else_is_refused_without_naming_them_and_an_unknown_number_may_be_ported_in()
    {
        var other = NumberPorting.Check(Henrik, Guid.NewGuid());
        Assert.Equal(PortInCheck.ServedForAnotherCustomer, other);
        Assert.DoesNotContain("yours", NumberPorting.Reason(other, "+4520550101"), StringComparison.Ordinal);

        Assert.Equal(PortInCheck.Allowed, NumberPorting.Check(Henrik, null));
        Assert.Equal("", NumberPorting.Reason(PortInCheck.Allowed, "+4520550101"));
    }

    [Theory]
    [InlineData("2026-12-01", "2027-01-01")]
    [InlineData("2027-01-31", "2027-02-28")]
    public void A_number_stays_portable_a_month_after_the_subscription_ends(string ended, string until) =>
        Assert.Equal(DateOnly.Parse(until, CultureInfo.InvariantCulture), NumberPorting.PortableUntil(DateOnly.Parse(ended, CultureInfo.InvariantCulture)));
}
