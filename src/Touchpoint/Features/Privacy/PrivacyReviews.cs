using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Privacy;
using Touchpoint.Domain.Subscriptions;
using Touchpoint.Features.Cases;
using Touchpoint.Features.Compensation;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Subscriptions;

namespace Touchpoint.Features.Privacy;

/// <summary>
/// What decides how long a customer's records stay (<see cref="PrivacyFacts"/>), read from the database, and the one
/// place that notices a relationship may have ended: whichever feature ends a subscription (a cancellation, a
/// withdrawal, a port-out, an order), its save asks for the customer's retention to be looked at.
/// </summary>
public static class PrivacyReviews
{
    /// <summary>Called by every save: a subscription that became terminated puts its customer's review at <paramref name="now"/>.</summary>
    public static async Task MarkEndedContractsAsync(TouchpointDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        List<Guid>? customers = null;
        foreach (var entry in db.ChangeTracker.Entries<Subscription>())
        {
            var status = entry.Property(s => s.Status);
            if (entry.State == EntityState.Modified && status.IsModified && status.CurrentValue == SubscriptionStatus.Terminated)
            {
                (customers ??= []).Add(entry.Entity.CustomerId);
            }
        }

        foreach (var customerId in customers?.Distinct() ?? [])
        {
            if (await db.Customers.FindAsync([customerId], cancellationToken) is { } customer
                && (customer.PrivacyReviewAt is null || customer.PrivacyReviewAt > now))
            {
                // Auto-detection is off during a save: set through the entry so the change is seen.
                db.Entry(customer).Property(c => c.PrivacyReviewAt).CurrentValue = now;
            }
        }
    }

    /// <summary>
    /// The facts about a customer and every record merged into him: the day his last contract ended (or of his last
    /// contact, when he never had one), what is still open about him, and any legal hold.
    /// </summary>
    public static async Task<PrivacyFacts?> FactsAsync(TouchpointDbContext db, Guid customerId, Guid[] records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == customerId)
            .Select(c => new { c.CreatedAt, c.LegalHoldUntil, c.LegalHoldReason }).FirstOrDefaultAsync(cancellationToken);
        if (customer is null)
        {
            return null;
        }

        var openStatuses = CaseViews.OpenStatuses;
        var openCases = await db.Cases.AsNoTracking().Where(c => records.Contains(c.CustomerId) && openStatuses.Contains(c.Status))
            .OrderBy(c => c.OpenedAt).Select(c => c.Reference).Take(5).ToListAsync(cancellationToken);
        var waitingCompensations = await db.Compensations.AsNoTracking()
            .CountAsync(c => records.Contains(c.CustomerId) && c.Status == CompensationStatus.PendingApproval, cancellationToken);
        List<string> disputes = [.. openCases.Select(reference => $"case {reference} is open")];
        if (waitingCompensations > 0)
        {
            disputes.Add($"{waitingCompensations} compensation(s) wait for approval");
        }

        return new PrivacyFacts(await RelationshipEndedAsync(db, customer.CreatedAt, records, cancellationToken), disputes,
            customer.LegalHoldUntil, customer.LegalHoldReason);
    }

    private static async Task<DateOnly?> RelationshipEndedAsync(TouchpointDbContext db, DateTime createdAt, Guid[] records, CancellationToken cancellationToken)
    {
        var terminated = SubscriptionStatus.Terminated;
        if (await db.Subscriptions.AnyAsync(s => records.Contains(s.CustomerId) && s.Status != terminated, cancellationToken))
        {
            return null;
        }

        var lastEnded = await db.Subscriptions.Where(s => records.Contains(s.CustomerId)).MaxAsync(s => (DateTime?)s.UpdatedAt, cancellationToken);
        var lastEffective = await db.Terminations.Where(t => records.Contains(t.CustomerId) && t.CompletedAt != null)
            .MaxAsync(t => (DateOnly?)t.EffectiveDate, cancellationToken);
        // A former customer who still gets in touch keeps his care records for as long after his last contact.
        var lastContact = await db.Interactions.Where(i => records.Contains(i.CustomerId)).MaxAsync(i => (DateTime?)i.OccurredAt, cancellationToken);
        DateOnly[] days =
        [
            DateOnly.FromDateTime(createdAt),
            .. lastEnded is { } ended ? [DateOnly.FromDateTime(ended)] : Array.Empty<DateOnly>(),
            .. lastEffective is { } effective ? [effective] : Array.Empty<DateOnly>(),
            .. lastContact is { } contact ? [DateOnly.FromDateTime(contact)] : Array.Empty<DateOnly>(),
        ];
        return days.Max();
    }
}
