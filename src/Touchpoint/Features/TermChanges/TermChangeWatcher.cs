using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Subscriptions;
using Touchpoint.Features.Contracts;
using Touchpoint.Hosting;

namespace Touchpoint.Features.TermChanges;

/// <summary>
/// Applies an announced price on its effective date to the plan's live subscriptions, run by the <see cref="DueWatcher"/>
/// through the index on <see cref="TermChange.DueAt"/>, claimed with <see cref="RowLocks"/>.
/// </summary>
public sealed class TermChangeWatcher(ContractSummaries summaries) : IDueWork
{
    public string Name => "term changes";

    public async Task<int> RunAsync(TouchpointDbContext db, DateTime now, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var due = db.TermChanges.Where(t => t.DueAt != null && t.DueAt <= now).OrderBy(t => t.DueAt);
        return await db.HandleDueAsync(due, limit, changes => ApplyAsync(db, changes, now, cancellationToken), cancellationToken);
    }

    private async Task ApplyAsync(TouchpointDbContext db, IReadOnlyList<TermChange> changes, DateTime now, CancellationToken cancellationToken)
    {
        foreach (var change in changes)
        {
            change.DueAt = null;
            change.AppliedAt = now;
            if (change.NewMonthlyPrice is not { } price)
            {
                continue;
            }

            // Subscriptions that started after the announcement were sold at the new terms already; only older ones change.
            var announcedOn = DateOnly.FromDateTime(change.AnnouncedAt);
            // Tracked, not a bulk UPDATE: every changed price is in the audit log like any other write.
            var plan = await db.Plans.AsNoTracking().FirstAsync(p => p.Id == change.PlanId, cancellationToken);
            var changed = await db.Subscriptions
                .Where(s => s.PlanId == change.PlanId && s.Status != SubscriptionStatus.Terminated && s.StartDate <= announcedOn)
                .Join(db.Customers, s => s.CustomerId, c => c.Id, (s, c) => new { Subscription = s, c.Jurisdiction })
                .ToListAsync(cancellationToken);
            foreach (var row in changed)
            {
                row.Subscription.MonthlyPrice = price;
                row.Subscription.UpdatedAt = now;
                // EU-102: the changed contract gets its summary at its new price, like a new one.
                summaries.Issue(db, row.Subscription, plan, SubscriptionContracts.JurisdictionOf(row.Jurisdiction), "Price changed by the operator's announced change of terms");
            }
        }
    }
}
