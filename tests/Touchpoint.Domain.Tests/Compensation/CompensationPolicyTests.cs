using System.Reflection;
using Touchpoint.Domain.Compensation;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Promises;

namespace Touchpoint.Domain.Tests.Compensation;

public sealed class CompensationPolicyTests
{
    private static readonly CompensationPolicy Policy = CompensationPolicy.Default;

    private static Money Sek(decimal amount) => new(amount, Currency.SEK);

    private static CompensationProposal Propose(Jurisdiction jurisdiction, params Harm[] harms)
    {
        Assert.True(Policy.TryPropose(jurisdiction, harms, out var proposal, out var error), error);
        return proposal;
    }

    private static string Refusal(Jurisdiction jurisdiction, params Harm[] harms)
    {
        Assert.False(Policy.TryPropose(jurisdiction, harms, out var proposal, out var error));
        Assert.Null(proposal);
        return error;
    }

    [Theory]
    [InlineData(299, 10)] // 9.83 a day, rounded up
    [InlineData(365, 12)] // exactly 12: must not become 13 through decimal rounding of 12/365
    [InlineData(30.42, 2)] // 1.0001 a day still rounds up
    [InlineData(0, 0)]
    public void The_daily_price_is_monthly_times_12_over_365_rounded_up_to_whole_units(decimal monthly, decimal expectedDaily) =>
        Assert.Equal(Sek(expectedDaily), CompensationPolicy.DailyPrice(Sek(monthly)));

    [Fact]
    public void Days_without_service_are_paid_at_the_daily_price()
    {
        // S3: Bert's broadband, 37 days without a working service at 299 kr a month.
        var proposal = Propose(Jurisdiction.SE, new DaysWithoutService(37, Sek(299m)));

        Assert.Equal(Sek(370m), proposal.Total);
        Assert.Equal([new CompensationLine("37 days without service × 10.00 SEK a day", Sek(370m), null)], proposal.Lines);
    }

    [Fact]
    public void Each_harm_gets_its_own_line_and_the_total_adds_them_up()
    {
        var proposal = Propose(
            Jurisdiction.SE,
            new DaysWithoutService(1, Sek(299m)),
            new MissedTechnicianAppointment(),
            new BrokenPromise(PromiseKind.Callback),
            new PortingDelay(3));

        Assert.Equal(
            [
                new CompensationLine("1 day without service × 10.00 SEK a day", Sek(10m), null),
                new CompensationLine("Missed technician appointment", Sek(300m), "EU-106-5"),
                new CompensationLine("Broken promise (callback)", Sek(100m), null),
                new CompensationLine("3 days porting delay × 50.00 SEK a day", Sek(150m), "EU-106-5"),
            ],
            proposal.Lines);
        Assert.Equal(Sek(560m), proposal.Total);
    }

    [Theory]
    [InlineData(Jurisdiction.SE, Currency.SEK, 300, 100, 50)]
    [InlineData(Jurisdiction.NO, Currency.NOK, 300, 100, 50)]
    [InlineData(Jurisdiction.DK, Currency.DKK, 200, 70, 35)]
    [InlineData(Jurisdiction.NL, Currency.EUR, 30, 10, 5)]
    [InlineData(Jurisdiction.FI, Currency.EUR, 30, 10, 5)]
    [InlineData(Jurisdiction.DE, Currency.EUR, 30, 10, 5)]
    public void Defaults_are_in_the_customers_own_currency(Jurisdiction jurisdiction, Currency currency, int appointment, int promise, int portingDay)
    {
        var proposal = Propose(jurisdiction, new MissedTechnicianAppointment(), new BrokenPromise(PromiseKind.WrittenReply), new PortingDelay(1));

        Assert.Equal(
            [new Money(appointment, currency), new Money(promise, currency), new Money(portingDay, currency)],
            proposal.Lines.Select(l => l.Amount));
        Assert.Equal(new Money(appointment + promise + portingDay, currency), proposal.Total);
    }

    [Fact]
    public void Every_currency_has_rates_and_they_keep_the_same_order()
    {
        foreach (var currency in Enum.GetValues<Currency>())
        {
            var rates = Policy.RatesFor(currency);
            Assert.True(rates.MissedAppointment.Exceeds(rates.BrokenPromise));
            Assert.True(rates.BrokenPromise.Exceeds(rates.PortingDelayPerDay));
        }
    }

    [Fact]
    public void A_monthly_price_in_another_currency_is_refused() =>
        Assert.Equal(
            "The monthly price is in SEK; a NL customer is compensated in EUR.",
            Refusal(Jurisdiction.NL, new DaysWithoutService(3, Sek(299m))));

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void Days_without_service_must_be_at_least_one(int days) =>
        Assert.Equal("Days without service must be at least 1.", Refusal(Jurisdiction.SE, new DaysWithoutService(days, Sek(299m))));

    [Fact]
    public void A_negative_monthly_price_is_refused() =>
        Assert.Equal("The monthly price cannot be negative.", Refusal(Jurisdiction.SE, new DaysWithoutService(2, Sek(-1m))));

    [Fact]
    public void A_porting_delay_must_be_at_least_one_day() =>
        Assert.Equal("A porting delay must be at least 1 day.", Refusal(Jurisdiction.SE, new PortingDelay(0)));

    [Fact]
    public void Nothing_went_wrong_means_nothing_to_propose() =>
        Assert.Equal("Name at least one thing that went wrong; the proposal is built from them.", Refusal(Jurisdiction.SE));

    [Fact]
    public void A_policy_without_rates_for_the_currency_says_so()
    {
        var swedishOnly = new CompensationPolicy([Policy.RatesFor(Currency.SEK)]);

        Assert.False(swedishOnly.TryPropose(Jurisdiction.DK, [new MissedTechnicianAppointment()], out _, out var error));
        Assert.Equal("No compensation rates are configured for DKK.", error);
    }

    [Fact]
    public void Rates_must_be_positive_in_one_currency_and_given_once()
    {
        var sek = Policy.RatesFor(Currency.SEK);

        Assert.Throws<ArgumentException>(() => new CompensationPolicy([sek with { BrokenPromise = new Money(100m, Currency.EUR) }]));
        Assert.Throws<ArgumentException>(() => new CompensationPolicy([sek with { PortingDelayPerDay = Sek(0m) }]));
        Assert.Throws<ArgumentException>(() => new CompensationPolicy([sek, sek]));
    }

    [Fact]
    public void The_policy_cannot_be_given_a_segment_or_customer_value()
    {
        // S0-7: low value never means lower service. The proposal must not be able to depend on who the customer is.
        string[] forbidden = ["segment", "value", "lifetime", "tier", "ltv", "churn"];
        var types = typeof(CompensationPolicy).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(CompensationPolicy).Namespace && (t == typeof(CompensationPolicy) || t.IsSubclassOf(typeof(Harm))));

        var inputs = types
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly).Where(m => !m.IsSpecialName) // property setters take "value"; operators take "left"/"right"
                .Cast<MethodBase>()
                .Concat(t.GetConstructors()))
            .SelectMany(m => m.GetParameters())
            .Select(p => p.Name!)
            .ToList();

        Assert.Contains("harms", inputs);
        Assert.DoesNotContain(inputs, name => forbidden.Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase)));
    }
}
