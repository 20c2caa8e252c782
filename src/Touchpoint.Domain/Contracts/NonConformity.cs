using Touchpoint.Domain.Languages;

namespace Touchpoint.Domain.Contracts;

/// <summary>What an agent found wrong with a delivered service (EU-105-5, S3-1).</summary>
public enum NonConformityKind
{
    /// <summary>The service cannot be delivered at its address: a coverage check says its technology does not reach there.</summary>
    NotDeliverable,

    /// <summary>Measured speed below what the contract promises, on several days.</summary>
    SpeedBelowContract,

    /// <summary>Faults reported on several days: the subscription's fault cases.</summary>
    RecurringFaults,
}

public static class NonConformityKinds
{
    /// <summary>The rule that lets a consumer end a non-conforming contract free of cost.</summary>
    public const string RuleId = "EU-105-5";

    private static readonly WireNameTable<NonConformityKind> Table = new(
        "finding kind",
        (NonConformityKind.NotDeliverable, "notDeliverable"),
        (NonConformityKind.SpeedBelowContract, "speedBelowContract"),
        (NonConformityKind.RecurringFaults, "recurringFaults"));

    public static IReadOnlyList<string> WireNames => Table.Names;

    public static string ToWireName(this NonConformityKind kind) => Table.NameOf(kind);

    public static bool TryParse(string? text, out NonConformityKind value, out string error) => Table.TryParse(text, out value, out error);
}

/// <summary>One speed measurement of the delivered service, in Mbit/s.</summary>
public sealed record SpeedMeasurement(DateOnly On, decimal Mbps);

/// <summary>A coverage check of the service's technology at its address, as the coverage data answered it.</summary>
/// <param name="Reason">Why it is not available, as the check worded it ("There is no 4G coverage at …"); null when it is.</param>
public sealed record ServiceabilityFinding(string Technology, string Place, bool Deliverable, string? Reason);

/// <summary>Whether a finding lets the customer end the contract free of cost (EU-105-5), and why, in words to read out.</summary>
/// <param name="Explanation">Why, in English: for the API, the export and the audit.</param>
/// <param name="Why">The same reason as facts, for each reader to read in their own language.</param>
public sealed record NonConformityDecision(bool EndsWithoutCost, IReadOnlyList<string> RuleIds, string Explanation, Phrase Why);

/// <summary>What ending a contract free of cost (EU-105-5) means.</summary>
/// <param name="EffectiveDate">The day the contract ends: today, or a later day the customer chooses.</param>
/// <param name="BindingWaived">The binding still ran on that day; nothing of what remains of it is charged.</param>
/// <param name="DeviceInstalments">What becomes of the instalments of a device bought with the contract (the rules file decides).</param>
public sealed record FreeEndingDecision(
    DateOnly EffectiveDate, bool BindingWaived, DeviceInstalments DeviceInstalments, IReadOnlyList<string> RuleIds, string Explanation);
