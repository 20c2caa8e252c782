using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Privacy;
using Touchpoint.Features.Audit;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Interactions;
using Touchpoint.Features.Languages;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Privacy;

/// <summary>
/// Carries out scheduled erasure requests on their day, run by the <see cref="DueWatcher"/>: makes the plan again with
/// what holds then (<see cref="RecordPlan.ForErasure"/>), disposes of what it names, and leaves on the request, the
/// timeline and the audit what became of each kind of record. What the law keeps goes when its retention ends
/// (<see cref="RetentionPurge"/>).
/// </summary>
public sealed class ErasureExecution(RetentionSettings retention) : IDueWork
{
    public string Name => "erasure requests";

    public async Task<int> RunAsync(TouchpointDbContext db, DateTime now, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        // One request per run: each rewrites a customer's whole history; the watcher comes back at once while there are more.
        return await db.HandleDueAsync(Due(db, now), 1, async claimed =>
        {
            var request = claimed[0];
            var records = await PersonalDataSections.RecordsOfAsync(db, request.CustomerId, cancellationToken);
            var today = DateOnly.FromDateTime(now);
            var facts = await PrivacyReviews.FactsAsync(db, request.CustomerId, records, cancellationToken);
            var plan = facts is null ? [] : RecordPlan.ForErasure(retention.Rules, facts, today);
            var disposed = await RecordDisposal.ApplyAsync(db, records, plan, countKept: true, cancellationToken);
            await db.SaveDisposalAsync(cancellationToken);

            var outcome = RecordDisposal.Describe(disposed, plan);
            request.State = ErasureState.Done;
            request.DueAt = null;
            request.DoneAt = now;
            request.Outcome = outcome.Length <= ErasureRequest.OutcomeLength ? outcome : outcome[..ErasureRequest.OutcomeLength];
            if (await db.Customers.FirstOrDefaultAsync(c => c.Id == request.CustomerId, cancellationToken) is { } customer)
            {
                customer.ErasedAt = now;
                customer.PrivacyReviewAt = facts is null ? null : RecordPlan.NextReview(plan, facts, today)?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            }

            db.TimelineEntries.Add(new TimelineEntry
            {
                CustomerId = request.CustomerId,
                At = now,
                Kind = TimelineEntryKind.CustomerChange,
                Title = "Personal data erased at the customer's request (GDPR Art. 17)",
                Detail = outcome,
                ActorName = "Touchpoint",
            }.Says(StoredText.Of("Timeline.PersonalDataErased")));
            db.RecordEvent(AuditAction.Disposed, AuditEntry.CustomerEntity, request.CustomerId.ToString(),
                Clip($"Erasure request {request.Id} (GDPR Art. 17): {outcome.Replace('\n', ';')}"), Actor.System);
        }, cancellationToken);
    }

    private static IQueryable<ErasureRequest> Due(TouchpointDbContext db, DateTime now) =>
        db.ErasureRequests.Where(r => r.State == ErasureState.Scheduled && r.DueAt != null && r.DueAt <= now).OrderBy(r => r.DueAt);

    /// <summary>The audit keeps a summary, not an essay: what goes beyond the details column is on the request.</summary>
    internal static string Clip(string details) => details.Length <= AuditEntry.DetailsLength ? details : details[..(AuditEntry.DetailsLength - 1)] + "…";
}
