namespace Touchpoint.Domain.Contracts;

/// <summary>One value of a rule set. Which way is "tighter" decides what an operator may change.</summary>
public enum ContractRule
{
    /// <summary>Longest binding a consumer may be sold (EU-105-1, DK-1, NO-1, SE-1). Tighter is shorter.</summary>
    BindingMaxMonths,

    /// <summary>Longest binding when the customer gets a clear economic benefit for it (NO-1). Tighter is shorter.</summary>
    BindingMaxMonthsWithBenefit,

    /// <summary>
    /// Longest notice a customer may be asked to give (EU-105-2, NL-1, SE-1, DE-1: one month; FI-1: two weeks). The one
    /// value that may be held in days, weeks or months (<see cref="RulePeriod"/>). Tighter is shorter.
    /// </summary>
    NoticeMax,

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

    /// <summary>
    /// A plan that binds for longer than this must also offer a binding of exactly this length (DE-1: a 12-month option
    /// beside a 24-month one); 0 where the law asks for no such option. An operator may add the duty where the law has
    /// none, and must keep the law's length where it has one.
    /// </summary>
    ShortBindingOfferMonths,
}

/// <summary>Which way a value of the rules protects the customer more, and so which way an operator may change it.</summary>
public enum Tightening
{
    /// <summary>A maximum: a lower value protects more.</summary>
    Lower,

    /// <summary>A minimum: a higher value protects more.</summary>
    Higher,

    /// <summary>A duty that is either absent (0) or set to one value: it may be added where absent, never changed or removed.</summary>
    AddedOnly,
}

public static class ContractRules
{
    private static readonly WireNameTable<ContractRule> Table = new(
        "contract rule",
        (ContractRule.BindingMaxMonths, "bindingMaxMonths"),
        (ContractRule.BindingMaxMonthsWithBenefit, "bindingMaxMonthsWithBenefit"),
        (ContractRule.NoticeMax, "noticeMax"),
        (ContractRule.WithdrawalDays, "withdrawalDays"),
        (ContractRule.WithdrawalExtensionMonths, "withdrawalExtensionMonths"),
        (ContractRule.TermChangeNoticeMonths, "termChangeNoticeMonths"),
        (ContractRule.TerminationWindowMonths, "terminationWindowMonths"),
        (ContractRule.DiscrepancySharePercent, "discrepancySharePercent"),
        (ContractRule.DiscrepancyMinDays, "discrepancyMinDays"),
        (ContractRule.DiscrepancyWindowDays, "discrepancyWindowDays"),
        (ContractRule.DeviceInstalmentsOnRemedy, "deviceInstalmentsOnRemedy"),
        (ContractRule.ShortBindingOfferMonths, "shortBindingOfferMonths"));

    /// <summary>Names rules files written before a value was renamed still use; they keep meaning what they meant.</summary>
    private static readonly Dictionary<string, ContractRule> FormerNames = new(StringComparer.OrdinalIgnoreCase)
    {
        // Notices were counted in months only; a bare number under this name still is.
        ["noticeMaxMonths"] = ContractRule.NoticeMax,
    };

    public static IReadOnlyList<string> WireNames => Table.Names;

    public static string ToWireName(this ContractRule rule) => Table.NameOf(rule);

    /// <summary>Also accepts a former name (noticeMaxMonths), so operator files written for an earlier version still load.</summary>
    public static bool TryParse(string? text, out ContractRule value, out string error)
    {
        if (text is not null && FormerNames.TryGetValue(text.Trim(), out value))
        {
            error = string.Empty;
            return true;
        }

        return Table.TryParse(text, out value, out error);
    }

    public static Tightening Tightening(this ContractRule rule) => rule switch
    {
        ContractRule.BindingMaxMonths or ContractRule.BindingMaxMonthsWithBenefit or ContractRule.NoticeMax
            or ContractRule.DiscrepancyMinDays or ContractRule.DeviceInstalmentsOnRemedy => Contracts.Tightening.Lower,
        ContractRule.WithdrawalDays or ContractRule.WithdrawalExtensionMonths
            or ContractRule.TermChangeNoticeMonths or ContractRule.TerminationWindowMonths
            or ContractRule.DiscrepancySharePercent or ContractRule.DiscrepancyWindowDays => Contracts.Tightening.Higher,
        ContractRule.ShortBindingOfferMonths => Contracts.Tightening.AddedOnly,
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "Unknown contract rule."),
    };

    /// <summary>Whether <paramref name="candidate"/> protects the customer at least as much as <paramref name="law"/>.</summary>
    public static bool IsAtLeastAsTight(this ContractRule rule, int candidate, int law) => rule.Tightening() switch
    {
        Contracts.Tightening.Lower => candidate <= law,
        Contracts.Tightening.Higher => candidate >= law,
        _ => law == 0 || candidate == law,
    };

    /// <summary>As above, for a notice that may be held in days, weeks or months: tighter when it never ends later.</summary>
    public static bool IsAtLeastAsTight(this ContractRule rule, RulePeriod candidate, RulePeriod law)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(law);
        return rule.Tightening() switch
        {
            Contracts.Tightening.Lower => candidate.IsNeverLongerThan(law),
            Contracts.Tightening.Higher => candidate.IsNeverShorterThan(law),
            _ => law.Amount == 0 || candidate == law,
        };
    }

    /// <summary>Only a notice may be written in another unit than its own (FI-1: two weeks); bindings are sold in months.</summary>
    public static bool TakesPeriodUnit(this ContractRule rule) => rule == ContractRule.NoticeMax;

    /// <summary>How an operator may change the law's value, for error messages: "at most 1 month".</summary>
    internal static string AllowedChange(this ContractRule rule, string law) => rule.Tightening() switch
    {
        Contracts.Tightening.Lower => $"at most {law}",
        Contracts.Tightening.Higher => $"at least {law}",
        _ => $"keep {law}",
    };

    /// <summary>True for a value written as a wire name rather than a number (<see cref="ContractRule.DeviceInstalmentsOnRemedy"/>).</summary>
    internal static bool IsChoice(this ContractRule rule) => rule == ContractRule.DeviceInstalmentsOnRemedy;

    internal static string Unit(this ContractRule rule) => rule switch
    {
        ContractRule.WithdrawalDays or ContractRule.DiscrepancyMinDays or ContractRule.DiscrepancyWindowDays => "days",
        ContractRule.DiscrepancySharePercent => "percent",
        _ => "months",
    };
}
