using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Promises;
using Touchpoint.Features.Identity;

namespace Touchpoint.Features.Promises;

/// <summary>Reads of promises for lists and dashboards; every one goes through an index that starts with the owner or the customer.</summary>
public static class PromiseViews
{
    /// <summary>A lead sees a promise as at risk once its owner was warned, or from this long before it falls due.</summary>
    public static readonly TimeSpan AtRiskWithin = TimeSpan.FromHours(2);

    /// <summary>
    /// What is still owed to the customer (<see cref="Promise.IsOwed"/>): open, or broken and neither done late nor
    /// settled. The one query form of that rule, for every list and count of what is owed.
    /// </summary>
    public static IQueryable<PromiseRecord> Owed(this IQueryable<PromiseRecord> promises) => promises.Where(IsOwed);

    /// <summary><see cref="Owed"/> as an expression, for queries that count inside a projection.</summary>
    public static readonly Expression<Func<PromiseRecord, bool>> IsOwed =
        p => p.State == PromiseState.Open || (p.State == PromiseState.Broken && p.FulfilledAt == null && p.WithdrawalToldAt == null);

    /// <summary>
    /// Promises one owner still owes, what fell or falls due first at the top (the broken ones), from the
    /// (OwnerUserId, State, DueAt) index.
    /// </summary>
    public static IQueryable<PromiseRecord> OwedBy(TouchpointDbContext db, string userId)
    {
        ArgumentNullException.ThrowIfNull(db);
        // One waiting in a queue the owner leads is the queue's until a member picks it up: it is listed as waiting, not as theirs.
        return db.Promises.AsNoTracking().Where(p => p.OwnerUserId == userId && p.OwnerQueueId == null).Owed().OrderBy(p => p.DueAt).ThenBy(p => p.Id);
    }

    /// <summary>Promises still owed that wait in any of <paramref name="queueIds"/> for a member to pick them up, what falls due first at the top.</summary>
    public static IQueryable<PromiseRecord> WaitingIn(TouchpointDbContext db, IReadOnlyCollection<string> queueIds)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Promises.AsNoTracking().Where(p => p.OwnerQueueId != null && queueIds.Contains(p.OwnerQueueId)).Owed().OrderBy(p => p.DueAt).ThenBy(p => p.Id);
    }

    /// <summary>Open promises of <paramref name="owners"/> whose owner was warned or that fall due within <see cref="AtRiskWithin"/>.</summary>
    public static IQueryable<PromiseRecord> AtRisk(TouchpointDbContext db, IReadOnlyCollection<string> owners, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(db);
        var horizon = now + AtRiskWithin;
        return db.Promises.AsNoTracking()
            .Where(p => owners.Contains(p.OwnerUserId) && p.State == PromiseState.Open && (p.DueAt < horizon || p.WarnedAt != null))
            .OrderBy(p => p.DueAt).ThenBy(p => p.Id);
    }

    /// <summary>Promises of <paramref name="owners"/> broken with a due time from <paramref name="since"/> on, the latest first.</summary>
    public static IQueryable<PromiseRecord> BrokenSince(TouchpointDbContext db, IReadOnlyCollection<string> owners, DateTime since)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Promises.AsNoTracking()
            .Where(p => owners.Contains(p.OwnerUserId) && p.State == PromiseState.Broken && p.DueAt >= since)
            .OrderByDescending(p => p.DueAt).ThenBy(p => p.Id);
    }

    /// <summary>
    /// Kept-rate per person for promises due in [<paramref name="periodStart"/>, <paramref name="periodEnd"/>): the team
    /// <paramref name="leadId"/> leads and the lead's own promises, or everyone's for an admin. Behind GET /api/promises/kept-rates
    /// and the team page.
    /// </summary>
    public static async Task<KeptRatesView> KeptRatesAsync(
        TouchpointDbContext db, string leadId, bool everyone, DateTime periodStart, DateTime periodEnd, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var promises = db.Promises.AsNoTracking().Where(p => p.DueAt >= periodStart && p.DueAt < periodEnd);
        List<string> members = [];
        if (!everyone)
        {
            members = await Teams.MembersOf(db, leadId).ToListAsync(cancellationToken);
            // A lead's own promises count with the team they lead.
            List<string> owners = [leadId, .. members];
            promises = promises.Where(p => owners.Contains(p.OwnerUserId));
        }

        var due = (await promises.ToListAsync(cancellationToken)).Select(p => p.ToDomain()).ToList();
        var byOwner = KeptRates.ByOwner(due, periodStart, periodEnd, now);
        // Every member is listed, also one with nothing due: an empty row is something a lead should see too.
        var people = byOwner.Keys.Concat(members).Distinct(StringComparer.Ordinal).ToList();
        var names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id))
            .Select(u => new { u.Id, Name = u.DisplayName != "" ? u.DisplayName : u.UserName })
            .ToDictionaryAsync(u => u.Id, u => u.Name ?? u.Id, cancellationToken);
        var rows = people
            .Select(id => new PersonKeptRateView(id, names.GetValueOrDefault(id, id), KeptRateView.Of(byOwner.GetValueOrDefault(id, KeptRate.None))))
            .OrderBy(p => p.Name, StringComparer.CurrentCulture)
            .ToList();
        return new KeptRatesView(periodStart, periodEnd, KeptRateView.Of(KeptRates.Of(due, periodStart, periodEnd, now)), rows);
    }
}
