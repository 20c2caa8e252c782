using Touchpoint.Domain.Customers;

namespace Touchpoint.Domain.Contracts;

/// <summary>The facts of one contract the rules need.</summary>
/// <param name="ConcludedOn">The day the contract was concluded; the withdrawal period of a service runs from it (CRD-9).</param>
/// <param name="BindingEnd">The first day the customer is no longer bound; null when sold without binding.</param>
/// <param name="WithdrawalInformationGiven">False when the customer was not told of the withdrawal right (CRD-10 extends it).</param>
/// <param name="FreeTerminationUntil">The last day of a termination window a term change opened (EU-105-3); the binding does not apply until then.</param>
/// <param name="SoldToConsumer">False when sold to a business: no statutory withdrawal right, no consumer binding limit (TP-5).</param>
public sealed record ContractFacts(
    Jurisdiction Jurisdiction,
    DateOnly ConcludedOn,
    DateOnly? BindingEnd,
    SalesMode SoldVia,
    bool WithdrawalInformationGiven = true,
    DateOnly? FreeTerminationUntil = null,
    bool SoldToConsumer = true);

/// <summary>Whether a binding of some months may be sold, and the most the law (or the operator) allows.</summary>
public sealed record BindingDecision(bool IsAllowed, int MaxMonths, IReadOnlyList<string> RuleIds, string Explanation);

/// <summary>When a customer who gives notice leaves.</summary>
/// <param name="EffectiveDate">The day the contract ends.</param>
/// <param name="Notice">The notice period that applies: a month in most jurisdictions, two weeks in FI (FI-1).</param>
/// <param name="IsBound">True when the binding still held on the day notice was given.</param>
public sealed record LeavingDecision(DateOnly EffectiveDate, RulePeriod Notice, bool IsBound, IReadOnlyList<string> RuleIds, string Explanation)
{
    /// <summary>The notice in whole months, for readers from before notices in weeks; null when it is not whole months (FI-1).</summary>
    public int? NoticeMonths => Notice.WholeMonths;
}

/// <summary>Whether the customer may still withdraw (cooling-off) without giving a reason.</summary>
/// <param name="OpenUntil">The last day of the withdrawal period (also when it has passed); null when there is no statutory right.</param>
public sealed record WithdrawalDecision(bool IsOpen, DateOnly? OpenUntil, IReadOnlyList<string> RuleIds, string Explanation);

/// <summary>What kind of change of contract terms the operator proposes (EU-105-3).</summary>
public enum TermChangeKind
{
    /// <summary>Anything not exclusively to the customer's benefit: a price rise, less data, a worse term.</summary>
    Worse,
    OnlyToCustomersBenefit,
    PurelyAdministrative,
    ImposedByLaw,
}

public static class TermChangeKinds
{
    private static readonly WireNameTable<TermChangeKind> Table = new(
        "term change kind",
        (TermChangeKind.Worse, "worse"),
        (TermChangeKind.OnlyToCustomersBenefit, "onlyToCustomersBenefit"),
        (TermChangeKind.PurelyAdministrative, "purelyAdministrative"),
        (TermChangeKind.ImposedByLaw, "imposedByLaw"));

    public static IReadOnlyList<string> WireNames => Table.Names;

    public static string ToWireName(this TermChangeKind kind) => Table.NameOf(kind);

    public static bool TryParse(string? text, out TermChangeKind value, out string error) =>
        Table.TryParse(text, out value, out error);
}

/// <summary>What a proposed change of terms means for the customer.</summary>
/// <param name="EarliestEffectiveDate">The earliest day the change may apply: never before the announcement period has passed.</param>
/// <param name="TerminationWindowEnds">The last day the customer may terminate free of charge; null when no right opens.</param>
public sealed record TermChangeDecision(
    bool OpensTerminationRight,
    DateOnly EarliestEffectiveDate,
    DateOnly? TerminationWindowEnds,
    IReadOnlyList<string> RuleIds,
    string Explanation);

/// <summary>Whether a free termination right opened by a change of terms (EU-105-3, SE-2) is open on a given day.</summary>
/// <param name="OpenUntil">The window's last day, also when it has passed; null when no change opened one.</param>
public sealed record TerminationRightDecision(bool IsOpen, DateOnly? OpenUntil, IReadOnlyList<string> RuleIds, string Explanation);

/// <summary>Whether a plan's bindings, or the one sold, honour a duty to offer a shorter binding too (DE-1).</summary>
/// <param name="ShortBindingMonths">The binding that must be offered beside longer ones; null where there is no such duty.</param>
public sealed record BindingOfferDecision(bool IsAllowed, int? ShortBindingMonths, IReadOnlyList<string> RuleIds, string Explanation);

/// <summary>Every value of one jurisdiction's rule set, as the rule book applies it.</summary>
/// <param name="ShortBindingOfferMonths">A plan binding longer must offer this binding too (DE-1: 12); 0 for no such duty.</param>
public sealed record JurisdictionLimits(
    int BindingMaxMonths,
    int BindingMaxMonthsWithBenefit,
    RulePeriod NoticeMax,
    int WithdrawalDays,
    int WithdrawalExtensionMonths,
    int TermChangeNoticeMonths,
    int TerminationWindowMonths,
    int ShortBindingOfferMonths);
