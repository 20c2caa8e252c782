using System.Globalization;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Languages;

namespace Touchpoint.Domain.Contracts;

/// <summary>
/// EU-105-5: a significant continued or frequently recurring discrepancy between the service delivered and the contract,
/// including a service that cannot be delivered at its address, lets a consumer end the contract free of cost. What
/// counts as significant and recurring is data (<see cref="ContractRule.DiscrepancySharePercent"/>,
/// <see cref="ContractRule.DiscrepancyMinDays"/>, <see cref="ContractRule.DiscrepancyWindowDays"/>), and so is what
/// becomes of device instalments (<see cref="ContractRule.DeviceInstalmentsOnRemedy"/>).
/// </summary>
public sealed partial class ContractRuleBook
{
    private const string FreeOfCost = "so you may end the contract free of cost, with nothing of the binding to pay";

    /// <summary>A service its address cannot get does not conform to the contract (S3-1: 4G sold where there is none).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static",
        Justification = "Asked of the rule book like every other contract question.")]
    public NonConformityDecision Undeliverable(ServiceabilityFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        IReadOnlyList<string> ruleIds = [NonConformityKinds.RuleId];
        var technology = Phrase.Value(finding.Technology);
        var place = Phrase.Value(finding.Place);
        var rule = Phrase.Value(NonConformityKinds.RuleId);
        return finding.Deliverable
            ? new NonConformityDecision(false, ruleIds,
                Text($"The coverage check found {finding.Technology} at {finding.Place}: the service can be delivered there, so this is no reason to end it free of cost ({NonConformityKinds.RuleId}). Measured speeds or a fault history may still be."),
                Phrase.Of("Reason.NonConformity.Deliverable", technology, place, rule))
            : new NonConformityDecision(true, ruleIds,
                Text($"{Sentence(finding.Reason ?? $"There is no {finding.Technology} at {finding.Place}.")} The service cannot be delivered where the contract says, {FreeOfCost} ({NonConformityKinds.RuleId})."),
                Phrase.Of("Reason.NonConformity.NotDeliverable", technology, place, rule));
    }

    /// <summary>
    /// Speed below the rules' share of the contracted speed on enough days within the window is a significant,
    /// recurring discrepancy. Measurements outside the window (or after <paramref name="today"/>) are not counted.
    /// </summary>
    public NonConformityDecision Performance(Jurisdiction jurisdiction, decimal contractedMbps, IReadOnlyList<SpeedMeasurement> measurements, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(contractedMbps);
        var (share, minDays, from, ruleIds) = Discrepancy(jurisdiction, today);
        var threshold = contractedMbps * share / 100m;
        var below = measurements.Where(m => m.On >= from && m.On <= today && m.Mbps < threshold).ToList();
        var days = below.Select(m => m.On).Distinct().Count();
        var promise = Text($"below {share}% of the {Number(contractedMbps)} Mbit/s the contract promises");
        var rules = string.Join(", ", ruleIds);
        return days >= minDays
            ? new NonConformityDecision(true, ruleIds,
                Text($"On {days} days since {Iso(from)} the measured speed was {promise} (lowest {Number(below.Min(m => m.Mbps))} Mbit/s): a significant, recurring discrepancy, {FreeOfCost} ({rules})."),
                Phrase.Of("Reason.NonConformity.SpeedBelow",
                    Phrase.Value(days), Phrase.Value(Iso(from)), Phrase.Value(share), Phrase.Value(Number(contractedMbps)), Phrase.Value(Number(below.Min(m => m.Mbps))), Phrase.Value(rules)))
            : new NonConformityDecision(false, ruleIds,
                Text($"The measured speed was {promise} on {days} {(days == 1 ? "day" : "days")} since {Iso(from)}; {minDays} such days make a significant, recurring discrepancy ({rules})."),
                Phrase.Of(days == 1 ? "Reason.NonConformity.SpeedBelowOneDay" : "Reason.NonConformity.SpeedBelowTooFew",
                    Phrase.Value(days), Phrase.Value(Iso(from)), Phrase.Value(share), Phrase.Value(Number(contractedMbps)), Phrase.Value(minDays), Phrase.Value(rules)));
    }

    /// <summary>Faults on enough days within the window are a frequently recurring discrepancy.</summary>
    /// <param name="faultDays">The days faults were reported (one per fault; several on one day count once).</param>
    public NonConformityDecision Faults(Jurisdiction jurisdiction, IReadOnlyList<DateOnly> faultDays, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(faultDays);
        var (_, minDays, from, ruleIds) = Discrepancy(jurisdiction, today);
        var days = faultDays.Where(d => d >= from && d <= today).Distinct().Count();
        var rules = string.Join(", ", ruleIds);
        return days >= minDays
            ? new NonConformityDecision(true, ruleIds,
                Text($"Faults were reported on {days} days since {Iso(from)}: a frequently recurring discrepancy, {FreeOfCost} ({rules})."),
                Phrase.Of("Reason.NonConformity.Faults", Phrase.Value(days), Phrase.Value(Iso(from)), Phrase.Value(rules)))
            : new NonConformityDecision(false, ruleIds,
                Text($"Faults were reported on {days} {(days == 1 ? "day" : "days")} since {Iso(from)}; faults on {minDays} days make a frequently recurring discrepancy ({rules})."),
                Phrase.Of(days == 1 ? "Reason.NonConformity.FaultsOneDay" : "Reason.NonConformity.FaultsTooFew",
                    Phrase.Value(days), Phrase.Value(Iso(from)), Phrase.Value(minDays), Phrase.Value(rules)));
    }

    /// <summary>
    /// Ending a contract free of cost after a finding that allows it: on <paramref name="today"/> or a later day the
    /// customer chooses, with no fee, nothing of a binding still running, and device instalments as the rules file says.
    /// </summary>
    public FreeEndingDecision EndWithoutCost(ContractFacts contract, DateOnly today, DateOnly? wishedDate = null)
    {
        ArgumentNullException.ThrowIfNull(contract);
        var devices = values[contract.Jurisdiction][ContractRule.DeviceInstalmentsOnRemedy];
        var instalments = (DeviceInstalments)devices.Value;
        var effective = wishedDate > today ? wishedDate.Value : today;
        var bindingWaived = contract.BindingEnd > effective;
        var ruleIds = Distinct([NonConformityKinds.RuleId, .. devices.RuleIds]);
        var binding = bindingWaived ? Text($" and nothing of the binding that would have run until {Iso(contract.BindingEnd!.Value)}") : "";
        var explanation = Text(
            $"The service does not conform to the contract, so it ends on {Iso(effective)} free of cost: no fee{binding}; {instalments.Describe()} ({string.Join(", ", ruleIds)}).");
        return new FreeEndingDecision(effective, bindingWaived, instalments, ruleIds, explanation);
    }

    /// <summary>The first day a finding on <paramref name="today"/> counts discrepancies from (the window's start).</summary>
    public DateOnly DiscrepancyCountedFrom(Jurisdiction jurisdiction, DateOnly today) => Discrepancy(jurisdiction, today).From;

    private (int SharePercent, int MinDays, DateOnly From, IReadOnlyList<string> RuleIds) Discrepancy(Jurisdiction jurisdiction, DateOnly today)
    {
        var rules = values[jurisdiction];
        var share = rules[ContractRule.DiscrepancySharePercent];
        var minDays = rules[ContractRule.DiscrepancyMinDays];
        var window = rules[ContractRule.DiscrepancyWindowDays];
        var ruleIds = Distinct([.. share.RuleIds, .. minDays.RuleIds, .. window.RuleIds]);
        // An operator may ask for fewer days, but a finding always rests on at least one.
        return (share.Value, Math.Max(1, minDays.Value), today.AddDays(1 - window.Value), ruleIds);
    }

    private static string Sentence(string text) => text.TrimEnd().EndsWith('.') ? text.TrimEnd() : text.TrimEnd() + ".";

    private static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
