using Touchpoint.Domain.Contracts;
using Touchpoint.Domain.Customers;

namespace Touchpoint.Domain.Tests.Contracts;

/// <summary>
/// EU-105-5 (S3-1): a service its address cannot get, speeds significantly and repeatedly below the contract, or faults
/// that keep recurring let the customer end the contract free of cost — no fee, nothing of the binding — with device
/// instalments as the rules file says.
/// </summary>
public sealed class NonConformityRuleTests
{
    private static readonly ContractRuleBook Law = ContractRuleBook.Law;
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static SpeedMeasurement Measured(int daysAgo, decimal mbps) => new(Today.AddDays(-daysAgo), mbps);

    private static ContractRuleBook Operator(string euValues)
    {
        Assert.True(ContractRuleBook.TryLoad($$"""{ "version": "op", "jurisdictions": { "EU": { {{euValues}} } } }""", out var book, out var error), error);
        return book!;
    }

    private static string Refused(string euValues)
    {
        Assert.False(ContractRuleBook.TryLoad($$"""{ "version": "op", "jurisdictions": { "EU": { {{euValues}} } } }""", out _, out var error));
        return error;
    }

    [Fact]
    public void S3_1_4G_sold_where_there_is_none_may_be_ended_free_of_cost_citing_EU_105_5()
    {
        var decision = Law.Undeliverable(new ServiceabilityFinding("4G", "Vätövägen 7, 760 18 Vätö", false,
            "There is no 4G coverage at Vätövägen 7, 760 18 Vätö. Available there: fiber."));

        Assert.True(decision.EndsWithoutCost);
        Assert.Equal(["EU-105-5"], decision.RuleIds);
        Assert.Equal(
            "There is no 4G coverage at Vätövägen 7, 760 18 Vätö. Available there: fiber. The service cannot be delivered where the contract says, " +
            "so you may end the contract free of cost, with nothing of the binding to pay (EU-105-5).",
            decision.Explanation);
    }

    [Fact]
    public void A_service_the_address_can_get_is_no_reason_to_end_free_of_cost()
    {
        var decision = Law.Undeliverable(new ServiceabilityFinding("fiber", "Vätövägen 7, 760 18 Vätö", true, null));

        Assert.False(decision.EndsWithoutCost);
        Assert.Equal(["EU-105-5"], decision.RuleIds);
        Assert.StartsWith("The coverage check found fiber at Vätövägen 7, 760 18 Vätö", decision.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Speed_below_90_percent_of_the_contract_on_3_days_within_90_is_a_significant_recurring_discrepancy()
    {
        var decision = Law.Performance(Jurisdiction.SE, 100m, [Measured(80, 40m), Measured(30, 85.5m), Measured(2, 12m), Measured(2, 95m)], Today);

        Assert.True(decision.EndsWithoutCost);
        Assert.Equal(["EU-105-5"], decision.RuleIds);
        Assert.Equal(
            "On 3 days since 2026-08-26 the measured speed was below 90% of the 100 Mbit/s the contract promises (lowest 12 Mbit/s): a significant, recurring discrepancy, " +
            "so you may end the contract free of cost, with nothing of the binding to pay (EU-105-5).",
            decision.Explanation);
    }

    [Fact]
    public void Two_days_one_day_measured_twice_a_speed_at_the_threshold_and_measurements_before_the_window_are_not_enough()
    {
        var decision = Law.Performance(Jurisdiction.SE, 100m, [Measured(1, 10m), Measured(1, 20m), Measured(5, 30m), Measured(6, 90m), Measured(90, 5m)], Today);

        Assert.False(decision.EndsWithoutCost);
        Assert.Equal(
            "The measured speed was below 90% of the 100 Mbit/s the contract promises on 2 days since 2026-08-26; 3 such days make a significant, recurring discrepancy (EU-105-5).",
            decision.Explanation);
    }

    [Fact]
    public void Faults_on_3_days_within_90_are_a_frequently_recurring_discrepancy()
    {
        DateOnly[] faults = [Today.AddDays(-60), Today.AddDays(-60), Today.AddDays(-20), Today];

        Assert.False(Law.Faults(Jurisdiction.NL, faults, Today.AddDays(-1)).EndsWithoutCost);
        var decision = Law.Faults(Jurisdiction.NL, faults, Today);
        Assert.True(decision.EndsWithoutCost);
        Assert.Equal("Faults were reported on 3 days since 2026-08-26: a frequently recurring discrepancy, so you may end the contract free of cost, with nothing of the binding to pay (EU-105-5).",
            decision.Explanation);
    }

    [Fact]
    public void S3_1_ending_without_cost_waives_what_remains_of_a_24_month_binding_and_says_what_happens_to_device_instalments()
    {
        var bert = new ContractFacts(Jurisdiction.SE, Today.AddDays(-60), Today.AddDays(-60).AddMonths(24), SalesMode.Distance);

        var decision = Law.EndWithoutCost(bert, Today);

        Assert.Equal(Today, decision.EffectiveDate);
        Assert.True(decision.BindingWaived);
        Assert.Equal(DeviceInstalments.DueAtOnce, decision.DeviceInstalments);
        Assert.Equal(["EU-105-5"], decision.RuleIds);
        Assert.Equal(
            "The service does not conform to the contract, so it ends on 2026-11-23 free of cost: no fee and nothing of the binding that would have run until 2028-09-24; " +
            "instalments still owed for a device you keep fall due when it ends, at most the device's remaining value (EU-105-5).",
            decision.Explanation);
    }

    [Fact]
    public void The_customer_may_choose_a_later_day_never_an_earlier_one()
    {
        var unbound = new ContractFacts(Jurisdiction.NO, Today.AddYears(-3), Today.AddYears(-2), SalesMode.OnPremises);

        Assert.Equal(Today.AddDays(7), Law.EndWithoutCost(unbound, Today, Today.AddDays(7)).EffectiveDate);
        Assert.Equal(Today, Law.EndWithoutCost(unbound, Today, Today.AddDays(-7)).EffectiveDate);
        Assert.False(Law.EndWithoutCost(unbound, Today).BindingWaived);
        Assert.DoesNotContain("binding", Law.EndWithoutCost(unbound, Today).Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void An_operator_may_let_device_instalments_run_on_schedule_or_waive_them_and_its_rule_id_is_cited()
    {
        var facts = new ContractFacts(Jurisdiction.DK, Today.AddDays(-10), Today.AddMonths(6), SalesMode.Distance);

        var onSchedule = Operator("""  "deviceInstalmentsOnRemedy": { "value": "onSchedule", "rule": "OP-4" } """).EndWithoutCost(facts, Today);
        Assert.Equal(DeviceInstalments.OnSchedule, onSchedule.DeviceInstalments);
        Assert.Equal(["EU-105-5", "OP-4"], onSchedule.RuleIds);
        Assert.Contains("run on, month by month as agreed (EU-105-5, OP-4)", onSchedule.Explanation, StringComparison.Ordinal);

        Assert.Equal(DeviceInstalments.Waived, Operator("""  "deviceInstalmentsOnRemedy": "waived" """).EndWithoutCost(facts, Today).DeviceInstalments);
    }

    [Fact]
    public void An_operator_may_count_a_discrepancy_sooner_never_later()
    {
        var generous = Operator("""  "discrepancySharePercent": 100, "discrepancyMinDays": { "value": 2, "rule": "OP-9" }, "discrepancyWindowDays": 180 """);
        var decision = generous.Performance(Jurisdiction.SE, 100m, [Measured(150, 95m), Measured(1, 99m)], Today);
        Assert.True(decision.EndsWithoutCost);
        Assert.Equal(["EU-105-5", "OP-9"], decision.RuleIds);

        Assert.Equal(
            "EU-105-5: EU discrepancySharePercent of 80 percent is looser than the law's 90 percent; an operator may only tighten it (at least 90 percent).",
            Refused("""  "discrepancySharePercent": 80 """));
        Assert.StartsWith("EU-105-5: EU discrepancyMinDays of 5 days is looser", Refused("""  "discrepancyMinDays": 5 """), StringComparison.Ordinal);
        Assert.StartsWith("EU-105-5: EU discrepancyWindowDays of 30 days is looser", Refused("""  "discrepancyWindowDays": 30 """), StringComparison.Ordinal);
    }

    [Fact]
    public void Device_instalments_are_written_by_name()
    {
        Assert.Equal("EU deviceInstalmentsOnRemedy must be one of waived, onSchedule, dueAtOnce.", Refused("""  "deviceInstalmentsOnRemedy": 1 """));
        Assert.Equal("EU deviceInstalmentsOnRemedy must be one of waived, onSchedule, dueAtOnce.", Refused("""  "deviceInstalmentsOnRemedy": "later" """));
    }

    [Theory]
    [InlineData(ContractRule.DiscrepancySharePercent)]
    [InlineData(ContractRule.DiscrepancyMinDays)]
    [InlineData(ContractRule.DiscrepancyWindowDays)]
    [InlineData(ContractRule.DeviceInstalmentsOnRemedy)]
    public void Every_remedy_value_carries_EU_105_5_in_every_jurisdiction(ContractRule rule) =>
        Assert.All(Enum.GetValues<Jurisdiction>(), j => Assert.Equal(["EU-105-5"], Law.RuleIdsOf(j, rule)));
}
