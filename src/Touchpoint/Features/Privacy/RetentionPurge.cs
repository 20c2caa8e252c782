using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Privacy;
using Touchpoint.Domain.Subscriptions;
using Touchpoint.Features.Audit;
using Touchpoint.Features.Customers;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Privacy;

/// <summary>
/// Disposes of records whose retention has ended, run by the <see cref="DueWatcher"/> on each customer's
/// <see cref="Customer.PrivacyReviewAt"/>: a customer with a contract in force is set aside until one ends; for the
/// others the plan (<see cref="RecordPlan.ForRetention"/>, or <see cref="RecordPlan.ForErasure"/> for a customer erased
/// on request) is carried out, one audit entry says what went, and the next review is put on the day the next kept
/// kind may go.
/// </summary>
public sealed class RetentionPurge(RetentionSettings retention) : IDueWork
{
    /// <summary>Customers per run: most are set aside by one query; the rest each dispose of a history.</summary>
    public const int CustomersPerRun = 50;

    public string Name => "retention purge";

    public async Task<int> RunAsync(TouchpointDbContext db, DateTime now, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var due = db.Customers.Where(c => c.PrivacyReviewAt != null && c.PrivacyReviewAt <= now).OrderBy(c => c.PrivacyReviewAt);
        return await db.HandleDueAsync(due, Math.Min(limit, CustomersPerRun), async claimed =>
        {
            var ids = claimed.Select(c => c.Id).ToList();
            var terminated = SubscriptionStatus.Terminated;
            var withContract = (await db.Subscriptions.Where(s => ids.Contains(s.CustomerId) && s.Status != terminated)
                .Select(s => s.CustomerId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
            var today = DateOnly.FromDateTime(now);
            foreach (var customer in claimed)
            {
                // A merged record's rows are reviewed with the customer it was merged into.
                if (withContract.Contains(customer.Id) || customer.Status == CustomerStatus.Merged)
                {
                    customer.PrivacyReviewAt = null;
                    continue;
                }

                var records = await PersonalDataSections.RecordsOfAsync(db, customer.Id, cancellationToken);
                var facts = (await PrivacyReviews.FactsAsync(db, customer.Id, records, cancellationToken))!;
                // An erasure that had to keep evidence (a dispute, a hold) finishes when they let go, not at the end of retention.
                var plan = customer.ErasedAt is null ? RecordPlan.ForRetention(retention.Rules, facts, today) : RecordPlan.ForErasure(retention.Rules, facts, today);
                var disposed = await RecordDisposal.ApplyAsync(db, records, plan, countKept: false, cancellationToken);
                if (disposed.Count > 0)
                {
                    await db.SaveDisposalAsync(cancellationToken);
                    db.RecordEvent(AuditAction.Disposed, AuditEntry.CustomerEntity, customer.Id.ToString(),
                        ErasureExecution.Clip($"Retention purge: {RecordDisposal.Describe(disposed, plan).Replace('\n', ';')}"), Actor.System);
                }

                customer.PrivacyReviewAt = RecordPlan.NextReview(plan, facts, today)?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            }
        }, cancellationToken);
    }
}
