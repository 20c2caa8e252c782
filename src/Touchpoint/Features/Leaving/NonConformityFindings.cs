using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Cases;
using Touchpoint.Domain.Contracts;
using Touchpoint.Domain.Coverage;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Languages;
using Touchpoint.Domain.Subscriptions;
using Touchpoint.Features.Contracts;
using Touchpoint.Features.Coverage;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Interactions;
using Touchpoint.Features.Languages;
using Touchpoint.Features.Subscriptions;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Leaving;

/// <param name="Kind">notDeliverable, speedBelowContract or recurringFaults.</param>
/// <param name="QualificationCheckId">notDeliverable: a stored coverage check to cite; left out, the service address is checked now.</param>
/// <param name="ContractedMbps">speedBelowContract: the speed the contract promises.</param>
/// <param name="Measurements">speedBelowContract: what was measured, and on which day.</param>
/// <param name="Note">What the customer reported, how it was measured: the agent's words.</param>
public sealed record RecordFindingInput(
    string? Kind, Guid? QualificationCheckId = null, decimal? ContractedMbps = null, IReadOnlyList<SpeedMeasurementInput?>? Measurements = null, string? Note = null);

public sealed record SpeedMeasurementInput(DateOnly? On, decimal? Mbps);

/// <param name="EndsWithoutCost">What the rules decided from the evidence: the subscription may end free of cost (EU-105-5).</param>
public sealed record FindingView(
    Guid Id, Guid SubscriptionId, string Kind, DateTime RecordedAt, string RecordedByName, Guid? QualificationCheckId, decimal? ContractedMbps,
    IReadOnlyList<SpeedMeasurement> Measurements, IReadOnlyList<string> FaultCases, string? Note, bool EndsWithoutCost, IReadOnlyList<string> RuleIds,
    string Explanation)
{
    public static FindingView Of(NonConformityFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return new(finding.Id, finding.SubscriptionId, finding.Kind.ToWireName(), finding.RecordedAt, finding.RecordedByName, finding.QualificationCheckId,
            finding.ContractedMbps, finding.MeasurementList, finding.FaultCases.Split(", ", StringSplitOptions.RemoveEmptyEntries), finding.Note,
            finding.EndsWithoutCost, finding.RuleIdList, finding.Explanation);
    }
}

/// <summary>
/// Records what an agent found wrong with a delivered service (EU-105-5) and lets the rules judge it: a coverage check at
/// the service address (a stored one, or one made now and stored, S3-1), measured speeds against the contracted speed,
/// or the subscription's fault cases. The finding, with the rules' decision, goes on the customer's timeline; one that
/// allows it opens "end without cost" on every leaving surface.
/// </summary>
public sealed class NonConformityFindings(TouchpointDbContext db, TimeProvider clock, CurrentActor currentActor, ContractRuleBook rules, QualificationChecks checks)
{
    public async Task<Outcome<NonConformityFinding>> RecordAsync(Guid subscriptionId, RecordFindingInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!NonConformityKinds.TryParse(input.Kind, out var kind, out var kindError))
        {
            return new Failure.Invalid("kind", kindError);
        }

        var note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        if (note is { Length: > NonConformityFinding.MaxNoteLength })
        {
            return new Failure.Invalid("note", $"note is at most {NonConformityFinding.MaxNoteLength} characters.");
        }

        var subscription = await db.Subscriptions.AsNoTracking().Include(s => s.Plan).FirstOrDefaultAsync(s => s.Id == subscriptionId, cancellationToken);
        if (subscription is null)
        {
            return new Failure.NotFound($"There is no subscription with id '{subscriptionId}'.");
        }

        if (subscription.Status == SubscriptionStatus.Terminated)
        {
            return new Failure.Conflict("This subscription has ended; there is nothing left to end free of cost.", new Dictionary<string, object?> { ["status"] = subscription.Status.ToWireName() });
        }

        var customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == subscription.CustomerId, cancellationToken);
        var jurisdiction = SubscriptionContracts.JurisdictionOf(customer);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var finding = new NonConformityFinding
        {
            CustomerId = customer.Id,
            SubscriptionId = subscription.Id,
            Kind = kind,
            RecordedAt = now,
            RecordedByName = currentActor.Get().DisplayName,
            Note = note,
            RuleIds = "",
            Explanation = "",
        };

        var judged = kind switch
        {
            NonConformityKind.NotDeliverable => await JudgeServiceabilityAsync(finding, subscription, customer, input.QualificationCheckId, cancellationToken),
            NonConformityKind.SpeedBelowContract => JudgePerformance(finding, jurisdiction, input, today),
            _ => await JudgeFaultsAsync(finding, jurisdiction, subscription.Id, today, cancellationToken),
        };
        if (judged.Failure is { } failure)
        {
            return failure;
        }

        var decision = judged.Value!;
        finding.EndsWithoutCost = decision.EndsWithoutCost;
        finding.RuleIds = string.Join(',', decision.RuleIds);
        finding.Explanation = decision.Explanation.Length <= 2000 ? decision.Explanation : decision.Explanation[..2000];
        db.NonConformityFindings.Add(finding);
        var why = StoredText.From(decision.Why);
        var rules = StoredText.Value(string.Join(", ", decision.RuleIds));
        db.TimelineEntries.Add(new TimelineEntry
        {
            CustomerId = customer.Id,
            At = now,
            Kind = TimelineEntryKind.SubscriptionChange,
            Title = $"Finding on {subscription.Plan!.Name}: {What(kind)}{(decision.EndsWithoutCost ? " — it may end free of cost" : "")} ({string.Join(", ", decision.RuleIds)})",
            Detail = note is null ? decision.Explanation : $"{decision.Explanation} Noted: {note}",
            ActorName = finding.RecordedByName,
            SourceId = subscription.Id.ToString(),
        }.Says(
            StoredText.Of(decision.EndsWithoutCost ? "Timeline.Finding.RecordedEnds" : "Timeline.Finding.Recorded",
                StoredText.Value(subscription.Plan.Name), StoredText.Code("FindingOn", kind.ToWireName()), rules),
            note is null ? why : StoredText.Of("Timeline.Finding.Noted", StoredText.Nested(why), StoredText.Value(note))));
        await db.SaveChangesAsync(cancellationToken);
        return finding;
    }

    public async Task<Outcome<List<FindingView>>> ListAsync(Guid subscriptionId, CancellationToken cancellationToken)
    {
        if (!await db.Subscriptions.AnyAsync(s => s.Id == subscriptionId, cancellationToken))
        {
            return new Failure.NotFound($"There is no subscription with id '{subscriptionId}'.");
        }

        var findings = await db.NonConformityFindings.AsNoTracking().Where(f => f.SubscriptionId == subscriptionId)
            .OrderByDescending(f => f.Id).ToListAsync(cancellationToken);
        return findings.Select(FindingView.Of).ToList();
    }

    /// <summary>
    /// The coverage of the plan's technology where the service is used: a stored check the agent cites (it must be for this
    /// customer or no one, at that place, and have asked about that technology), or a check made now, stored and on the timeline.
    /// </summary>
    private async Task<Outcome<NonConformityDecision>> JudgeServiceabilityAsync(
        NonConformityFinding finding, Subscription subscription, Customer customer, Guid? checkId, CancellationToken cancellationToken)
    {
        var plan = subscription.Plan!;
        var place = subscription.ServiceAddress ?? customer.ServiceAddress;
        QualificationCheck check;
        if (checkId is { } id)
        {
            var stored = await db.QualificationChecks.AsNoTracking().FirstOrDefaultAsync(q => q.Id == id, cancellationToken);
            if (stored is null || (stored.CustomerId is { } owner && owner != customer.Id))
            {
                return new Failure.Invalid("qualificationCheckId", $"There is no coverage check with id '{id}' for this customer.");
            }

            if (place is not null && !SamePlace(stored.Place, place))
            {
                return new Failure.Invalid("qualificationCheckId",
                    $"That check was made at {CoverageChecker.Describe(stored.Place)}, not where this subscription is used ({CoverageChecker.Describe(place)}).");
            }

            if (!stored.Items.Any(i => string.Equals(i.Technology, plan.Technology, StringComparison.OrdinalIgnoreCase)))
            {
                return new Failure.Invalid("qualificationCheckId", $"That check did not ask about {plan.Technology}, the technology of {plan.Name}.");
            }

            check = stored;
        }
        else if (place is null)
        {
            return new Failure.Invalid("qualificationCheckId",
                "Neither the subscription nor the customer has a service address to check coverage at: cite a coverage check made where the service is used.");
        }
        else
        {
            check = await checks.CheckAsync(customer.Id, place, [("1", plan)], provideAlternative: true, provideUnavailabilityReason: true, cancellationToken);
        }

        var item = check.Items.First(i => string.Equals(i.Technology, plan.Technology, StringComparison.OrdinalIgnoreCase));
        finding.QualificationCheckId = check.Id;
        return rules.Undeliverable(new ServiceabilityFinding(
            plan.Technology, CoverageChecker.Describe(check.Place), item.Result == QualificationResult.Qualified, item.Reason));
    }

    private Outcome<NonConformityDecision> JudgePerformance(NonConformityFinding finding, Jurisdiction jurisdiction, RecordFindingInput input, DateOnly today)
    {
        if (input.ContractedMbps is not > 0m)
        {
            return new Failure.Invalid("contractedMbps", "contractedMbps is required: the speed the contract promises, in Mbit/s (more than 0).");
        }

        if (input.Measurements is not { Count: > 0 } given || given.Count > NonConformityFinding.MaxMeasurements)
        {
            return new Failure.Invalid("measurements", $"measurements is required: 1 to {NonConformityFinding.MaxMeasurements} speeds measured, each with its day (on) and mbps.");
        }

        var measurements = new List<SpeedMeasurement>();
        for (var index = 0; index < given.Count; index++)
        {
            var path = $"measurements[{index}]";
            if (given[index] is not { On: { } on, Mbps: { } mbps })
            {
                return new Failure.Invalid(path, "A measurement has the day it was made (on, yyyy-MM-dd) and the speed measured (mbps).");
            }

            if (on > today)
            {
                return new Failure.Invalid($"{path}.on", $"{on:yyyy-MM-dd} has not come yet; a measurement is of a day that has been.");
            }

            if (mbps is < 0m or > 1_000_000m)
            {
                return new Failure.Invalid($"{path}.mbps", "mbps is the speed measured in Mbit/s: 0 or more.");
            }

            measurements.Add(new SpeedMeasurement(on, decimal.Round(mbps, 2)));
        }

        finding.ContractedMbps = decimal.Round(input.ContractedMbps.Value, 2);
        finding.Measurements = NonConformityFinding.Write(measurements.OrderBy(m => m.On));
        return rules.Performance(jurisdiction, finding.ContractedMbps.Value, measurements, today);
    }

    /// <summary>The subscription's fault history: its incident cases, each counted on the day it was opened.</summary>
    private async Task<Outcome<NonConformityDecision>> JudgeFaultsAsync(
        NonConformityFinding finding, Jurisdiction jurisdiction, Guid subscriptionId, DateOnly today, CancellationToken cancellationToken)
    {
        var countedFrom = rules.DiscrepancyCountedFrom(jurisdiction, today).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var faults = await db.Cases.AsNoTracking()
            .Where(c => c.SubscriptionId == subscriptionId && c.Type == CaseType.Incident && c.OpenedAt >= countedFrom)
            .OrderBy(c => c.OpenedAt).Select(c => new { c.Reference, c.OpenedAt }).ToListAsync(cancellationToken);
        finding.FaultCases = string.Join(", ", faults.Select(f => f.Reference));
        var decision = rules.Faults(jurisdiction, [.. faults.Select(f => DateOnly.FromDateTime(f.OpenedAt))], today);
        var from = DateOnly.FromDateTime(countedFrom).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return faults.Count == 0
            ? decision with
            {
                Explanation = $"No fault case of this subscription was opened since {from}. {decision.Explanation}",
                Why = Phrase.Of("Reason.NonConformity.NoFaultCases", Phrase.Value(from), Phrase.Part(decision.Why)),
            }
            : decision with
            {
                Explanation = $"{decision.Explanation} Fault cases: {finding.FaultCases}.",
                Why = Phrase.Of("Reason.NonConformity.WithFaultCases", Phrase.Part(decision.Why), Phrase.Value(finding.FaultCases)),
            };
    }

    private static bool SamePlace(Address checkedAt, Address usedAt) =>
        string.Equals(checkedAt.Country, usedAt.Country, StringComparison.OrdinalIgnoreCase)
        && Jurisdictions.TryParse(usedAt.Country, out var country, out _)
        && PostalCodes.TryNormalize(country, checkedAt.PostalCode, out var checkedKey, out _)
        && PostalCodes.TryNormalize(country, usedAt.PostalCode, out var usedKey, out _)
        && checkedKey == usedKey;

    private static string What(NonConformityKind kind) => kind switch
    {
        NonConformityKind.NotDeliverable => "coverage at its address",
        NonConformityKind.SpeedBelowContract => "measured speed",
        _ => "fault history",
    };
}
