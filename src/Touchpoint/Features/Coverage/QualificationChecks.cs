using Touchpoint.Data;
using Touchpoint.Domain.Coverage;
using Touchpoint.Domain.Customers;
using Touchpoint.Features.Catalogue;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Interactions;
using Touchpoint.Features.Languages;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Coverage;

/// <summary>
/// Runs and stores a serviceability check of plans at a place (TMF679). When a customer is named the check goes on
/// their timeline in the same transaction, so what the customer was told can be read back later.
/// </summary>
public sealed class QualificationChecks(TouchpointDbContext db, CoverageChecker coverage, TimeProvider clock, CurrentActor currentActor)
{
    public async Task<QualificationCheck> CheckAsync(
        Guid? customerId, Address place, IReadOnlyList<(string ItemId, Plan Plan)> items, bool provideAlternative, bool provideUnavailabilityReason,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(place);
        ArgumentNullException.ThrowIfNull(items);
        var now = clock.GetUtcNow().UtcDateTime;
        var actor = currentActor.Get().DisplayName;
        var check = new QualificationCheck
        {
            CustomerId = customerId,
            Place = place,
            ProvideAlternative = provideAlternative,
            ProvideUnavailabilityReason = provideUnavailabilityReason,
            CreatedAt = now,
            CreatedBy = actor,
        };
        var answers = new List<QualificationResult>();
        foreach (var (itemId, plan) in items)
        {
            var qualification = await coverage.QualifyAsync(place, plan.Technology, cancellationToken);
            var alternatives = await CoverageOffers.AlternativePlansAsync(db, qualification, place.Country, cancellationToken);
            answers.Add(qualification.Result);
            check.Items.Add(new QualificationCheckItem
            {
                ItemId = itemId,
                Position = check.Items.Count,
                PlanCode = plan.Code,
                PlanName = plan.Name,
                Technology = qualification.Technology,
                Result = qualification.Result,
                ReasonCode = qualification.UnavailabilityCode,
                Reason = qualification.UnavailabilityReason,
                AlternativePlans = string.Join("\n", alternatives.Select(a => $"{a.Code}|{a.Name}")),
            });
        }

        check.Result = Overall(answers);
        db.QualificationChecks.Add(check);
        if (customerId is { } id)
        {
            db.TimelineEntries.Add(TimelineEntryFor(check, id, actor));
        }

        await db.SaveChangesAsync(cancellationToken);
        return check;
    }

    /// <summary>The worst answer of the items: one unqualified item makes the whole check unqualified.</summary>
    public static QualificationResult Overall(IReadOnlyCollection<QualificationResult> answers) =>
        answers.Contains(QualificationResult.Unqualified) ? QualificationResult.Unqualified
        : answers.Contains(QualificationResult.Alternate) ? QualificationResult.Alternate
        : QualificationResult.Qualified;

    private static TimelineEntry TimelineEntryFor(QualificationCheck check, Guid customerId, string actor)
    {
        var lines = check.Items.Select(i =>
        {
            var instead = i.AlternativePlanList.Count == 0 ? "" : $" Instead: {string.Join(", ", i.AlternativePlanList.Select(a => a.Code))}.";
            return i.Result == QualificationResult.Qualified
                ? $"{i.PlanCode} ({i.Technology}): qualified."
                : $"{i.PlanCode} ({i.Technology}): {i.Result.ToWireName()}. {i.Reason}{instead}";
        });
        var detail = string.Join("\n", lines);
        return new TimelineEntry
        {
            CustomerId = customerId,
            At = check.CreatedAt,
            Kind = TimelineEntryKind.Qualification,
            Title = $"Coverage checked at {CoverageChecker.Describe(check.Place)}: {check.Result.ToWireName()}",
            Detail = detail.Length > 4000 ? detail[..4000] : detail,
            ActorName = actor,
            SourceId = check.Id.ToString(),
        }.Says(StoredText.Of("Timeline.CoverageChecked", StoredText.Value(CoverageChecker.Describe(check.Place)),
            StoredText.CodeInSentence("QualificationResult", check.Result.ToWireName())));
    }
}
