namespace Touchpoint.Domain.Contracts;

/// <summary>One value of a rule set. Which way is "tighter" decides what an operator may change.</summary>
public enum ContractRule
{
    /// <summary>Longest binding a consumer may be sold (EU-105-1, DK-1, NO-1, SE-1). Tighter is shorter.</summary>
    BindingMaxMonths,

    /// <summary>Longest binding when the customer gets a clear economic benefit for it (NO-1). Tighter is shorter.</summary>
    BindingMaxMonthsWithBenefit,

    /// <summary>Longest notice a customer may be asked to give (EU-105-2, NL-1, SE-1). Tighter is shorter.</summary>
    NoticeMaxMonths,

    /// <summary>Days a distance or off-premises sale can be withdrawn from (CRD-9). Tighter is longer.</summary>
    WithdrawalDays,

    /// <summary>How much longer the withdrawal period runs when its information was not given (CRD-10). Tighter is longer.</summary>
    WithdrawalExtensionMonths,

    /// <summary>How far ahead a change of terms must be announced (EU-105-3). Tighter is longer.</summary>
    TermChangeNoticeMonths,

    /// <summary>How long a change of terms lets the customer terminate free of charge (EU-105-3, SE-2). Tighter is longer.</summary>
    TerminationWindowMonths,

    /// <summary>
    /// Measured performance below this share (percent) of what the contract promises is a significant discrepancy
    /// (EU-105-5). The law says only "significant"; the value is Touchpoint's default. Tighter is higher.
    /// </summary>
    DiscrepancySharePercent,

    /// <summary>Days with a discrepancy (a measurement below the share, a fault) that make it continued or frequently recurring (EU-105-5). Tighter is fewer.</summary>
    DiscrepancyMinDays,

    /// <summary>How many days back those days are counted from a finding (EU-105-5). Tighter is longer.</summary>
    DiscrepancyWindowDays,

    /// <summary>
    /// What becomes of device instalments when a contract ends free of cost under EU-105-5: a <see cref="DeviceInstalments"/>
    /// (written by its wire name). The law lets what remains fall due, at most the device's pro-rata value; an operator
    /// may let them run on schedule, or waive them. Tighter is lower.
    /// </summary>
    DeviceInstalmentsOnRemedy,
}

public static class ContractRules
{
    private static readonly WireNameTable<ContractRule> Table = new(
        "contract rule",
        (ContractRule.BindingMaxMonths, "bindingMaxMonths"),
        (ContractRule.BindingMaxMonthsWithBenefit, "bindingMaxMonthsWithBenefit"),
        (ContractRule.NoticeMaxMonths, "noticeMaxMonths"),
        (ContractRule.WithdrawalDays, "withdrawalDays"),
        (ContractRule.WithdrawalExtensionMonths, "withdrawalExtensionMonths"),
        (ContractRule.TermChangeNoticeMonths, "termChangeNoticeMonths"),
        (ContractRule.TerminationWindowMonths, "terminationWindowMonths"),
        (ContractRule.DiscrepancySharePercent, "discrepancySharePercent"),
        (ContractRule.DiscrepancyMinDays, "discrepancyMinDays"),
        (ContractRule.DiscrepancyWindowDays, "discrepancyWindowDays"),
        (ContractRule.DeviceInstalmentsOnRemedy, "deviceInstalmentsOnRemedy"));

    public static IReadOnlyList<string> WireNames => Table.Names;

    public static string ToWireName(this ContractRule rule) => Table.NameOf(rule);

    public static bool TryParse(string? text, out ContractRule value, out string error) => Table.TryParse(text, out value, out error);

    /// <summary>True when a lower value protects the customer more (a maximum); false when a higher one does (a minimum).</summary>
    public static bool LowerIsTighter(this ContractRule rule) => rule switch
    {
        ContractRule.BindingMaxMonths or ContractRule.BindingMaxMonthsWithBenefit or ContractRule.NoticeMaxMonths
            or ContractRule.DiscrepancyMinDays or ContractRule.DeviceInstalmentsOnRemedy => true,
        ContractRule.WithdrawalDays or ContractRule.WithdrawalExtensionMonths
            or ContractRule.TermChangeNoticeMonths or ContractRule.TerminationWindowMonths
            or ContractRule.DiscrepancySharePercent or ContractRule.DiscrepancyWindowDays => false,
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "Unknown contract rule."),
    };

    /// <summary>Whether <paramref name="candidate"/> protects the customer at least as much as <paramref name="law"/>.</summary>
    public static bool IsAtLeastAsTight(this ContractRule rule, int candidate, int law) =>
        rule.LowerIsTighter() ? candidate <= law : candidate >= law;

    /// <summary>True for a value written as a wire name rather than a number (<see cref="ContractRule.DeviceInstalmentsOnRemedy"/>).</summary>
    internal static bool IsChoice(this ContractRule rule) => rule == ContractRule.DeviceInstalmentsOnRemedy;

    internal static string Unit(this ContractRule rule) => rule switch
    {
        ContractRule.WithdrawalDays or ContractRule.DiscrepancyMinDays or ContractRule.DiscrepancyWindowDays => "days",
        ContractRule.DiscrepancySharePercent => "percent",
        _ => "months",
    };
}
