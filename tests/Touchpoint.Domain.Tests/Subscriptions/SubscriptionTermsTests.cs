using Touchpoint.Domain.Subscriptions;

namespace Touchpoint.Domain.Tests.Subscriptions;

public sealed class SubscriptionTermsTests
{
    private static readonly DateOnly Start = new(2025, 3, 1);
    private static readonly DateOnly Today = new(2026, 11, 22);

    [Fact]
    public void Without_binding_the_customer_can_leave_after_one_months_notice()
    {
        var terms = SubscriptionTerms.Compute(Start, bindingEnd: null, Today);

        Assert.Null(terms.BindingEnd);
        Assert.False(terms.IsBound);
        Assert.Equal(1, terms.NoticeMonths);
        Assert.Equal(new DateOnly(2026, 12, 22), terms.EarliestLeaveDate);
        Assert.Equal(["EU-105-2"], terms.RuleIds);
        Assert.Equal("No binding; with one month's notice you can leave on 2026-12-22.", terms.Explanation);
    }

    [Fact]
    public void While_bound_the_customer_can_leave_when_the_binding_ends()
    {
        var terms = SubscriptionTerms.Compute(Start, new DateOnly(2027, 3, 1), Today);

        Assert.True(terms.IsBound);
        Assert.Equal(new DateOnly(2027, 3, 1), terms.EarliestLeaveDate);
        Assert.Equal(["EU-105-1", "EU-105-2"], terms.RuleIds);
        Assert.Equal("Bound until 2027-03-01; the earliest you can leave is 2027-03-01.", terms.Explanation);
    }

    [Fact]
    public void A_binding_ending_within_the_notice_month_still_needs_the_full_notice()
    {
        var terms = SubscriptionTerms.Compute(Start, new DateOnly(2026, 12, 1), Today);

        Assert.True(terms.IsBound);
        Assert.Equal(new DateOnly(2026, 12, 22), terms.EarliestLeaveDate);
        Assert.Equal("Bound until 2026-12-01; with one month's notice the earliest you can leave is 2026-12-22.", terms.Explanation);
    }

    [Fact]
    public void A_binding_ending_exactly_when_the_notice_does_is_the_leave_date()
    {
        var terms = SubscriptionTerms.Compute(Start, new DateOnly(2026, 12, 22), Today);

        Assert.True(terms.IsBound);
        Assert.Equal(new DateOnly(2026, 12, 22), terms.EarliestLeaveDate);
        Assert.Equal("Bound until 2026-12-22; the earliest you can leave is 2026-12-22.", terms.Explanation);
    }

    [Fact]
    public void On_the_day_the_binding_ends_the_customer_is_no_longer_bound()
    {
        var terms = SubscriptionTerms.Compute(Start, Today, Today);

        Assert.False(terms.IsBound);
        Assert.Equal(Today, terms.BindingEnd);
        Assert.Equal(new DateOnly(2026, 12, 22), terms.EarliestLeaveDate);
        Assert.Equal(["EU-105-2"], terms.RuleIds);
        Assert.Equal("The binding ended on 2026-11-22; with one month's notice you can leave on 2026-12-22.", terms.Explanation);
    }

    [Fact]
    public void A_binding_one_day_ahead_still_binds()
    {
        var terms = SubscriptionTerms.Compute(Start, Today.AddDays(1), Today);
        Assert.True(terms.IsBound);
        Assert.Contains("EU-105-1", terms.RuleIds);
    }

    [Theory]
    [InlineData("2026-01-31", "2026-02-28")]
    [InlineData("2028-01-31", "2028-02-29")]
    [InlineData("2026-03-31", "2026-04-30")]
    [InlineData("2026-02-28", "2026-03-28")]
    [InlineData("2026-12-15", "2027-01-15")]
    public void One_months_notice_ends_on_the_last_day_when_the_next_month_is_shorter(string today, string expected)
    {
        var terms = SubscriptionTerms.Compute(Start, null, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), terms.EarliestLeaveDate);
    }

    [Fact]
    public void A_binding_ending_before_the_start_is_a_data_error() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SubscriptionTerms.Compute(Start, Start.AddDays(-1), Today));

    [Fact]
    public void Terms_computed_from_the_same_dates_are_equal()
    {
        var first = SubscriptionTerms.Compute(Start, new DateOnly(2027, 3, 1), Today);
        var second = SubscriptionTerms.Compute(Start, new DateOnly(2027, 3, 1), Today);

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotEqual(first, SubscriptionTerms.Compute(Start, null, Today));
    }
}
