using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Cases;
using Touchpoint.Domain.Promises;
using Touchpoint.Features.Cases;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Identity;
using Touchpoint.Features.Promises;
using Touchpoint.Features.Queues;

namespace Touchpoint.Features.Work;

/// <summary>One thing a person owes: an open case (by its next SLA deadline) or an open promise (by its due time).</summary>
/// <param name="Kind"><c>case</c> or <c>promise</c>.</param>
/// <param name="Title">The case reference, or what kind of promise it is.</param>
/// <param name="Summary">The customer's need, or what was promised, in the words recorded.</param>
/// <param name="DueAt">The case's next SLA deadline or the promise's due time; null for a case with no running deadline.</param>
/// <param name="Paused">A case waiting on the customer: its SLA clock stands still.</param>
/// <param name="Flagged">A warned promise, or a bounced case.</param>
/// <param name="WaitingIn">The queue it waits in for a member to pick it up; null when someone owns it.</param>
public sealed record WorkItem(
    string Kind, Guid Id, string Title, string Summary, Guid CustomerId, string CustomerName, DateTime? DueAt, string Status, bool Paused,
    bool Flagged, string? CaseLink, string? WaitingIn = null);

/// <summary>A pending handoff with the customer's name, for lists.</summary>
public sealed record HandoffRow(PendingHandoffView Handoff, string CustomerName);

/// <param name="Truncated">More cases or promises are open than the list shows; the most urgent ones are shown.</param>
/// <param name="Waiting">What waits in the queues I work from for one of us to pick it up (S2-3), what breaks first at the top.</param>
public sealed record MyWorkView(IReadOnlyList<WorkItem> Items, IReadOnlyList<HandoffRow> HandoffsToMe, bool Truncated, IReadOnlyList<WorkItem> Waiting);

public sealed record TeamCaseRow(CaseSummary Case, string CustomerName);

public sealed record TeamPromiseRow(PromiseView Promise, string CustomerName);

/// <param name="Everyone">An admin's view: all own staff, not one team.</param>
public sealed record TeamView(
    bool Everyone, IReadOnlyList<StaffMember> People, IReadOnlyList<TeamPromiseRow> PromisesAtRisk, IReadOnlyList<TeamPromiseRow> BrokenToday,
    IReadOnlyList<TeamCaseRow> SlaBreaches, IReadOnlyList<TeamCaseRow> BouncedCases, IReadOnlyList<HandoffRow> PendingHandoffs,
    KeptRatesView KeptRates, TeamEffortView Effort);

/// <summary>Effort on the cases the team owns that were opened in the period (S1-3), as team leads compare it.</summary>
/// <param name="Truncated">More cases were opened than the summary reads; it covers the newest.</param>
public sealed record TeamEffortView(DateTime From, DateTime To, EffortSummary Summary, bool Truncated);

/// <summary>
/// "My work" and the team lead's page, composed from the case and promise reads. Every query starts from an owner
/// (or, for an admin looking at everyone, a due-time index) and is bounded; none reads all rows.
/// </summary>
public static class WorkViews
{
    /// <summary>
    /// Open cases and open promises "my work" lists at first, each; the most urgent come first, so nothing due soon is
    /// cut, and "show more" grows the list by as many again up to <see cref="MyWorkMaxLimit"/>. A first page of what
    /// breaks first is what an agent acts on; reading hundreds of rows per visit made the page twice as slow for nothing.
    /// </summary>
    public const int MyWorkFirstPage = 50;

    /// <summary>The longest "my work" list; beyond it the case list with its filters is the better tool.</summary>
    public const int MyWorkMaxLimit = 500;

    /// <summary>Most rows each list of the team page shows.</summary>
    public const int TeamListLimit = 50;

    /// <summary>The period kept-rates cover on the team page, ending now.</summary>
    public const int KeptRateDays = PromiseEndpoints.DefaultKeptRateDays;

    public static async Task<MyWorkView> MyWorkAsync(TouchpointDbContext db, string userId, CancellationToken cancellationToken) =>
        await MyWorkAsync(db, userId, MyWorkFirstPage, cancellationToken);

    /// <param name="limit">Most cases and most promises listed, each (1 to <see cref="MyWorkMaxLimit"/>).</param>
    public static async Task<MyWorkView> MyWorkAsync(TouchpointDbContext db, string userId, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MyWorkMaxLimit);
        // Cases with a running deadline come straight off the (owner, next due) index in order and stop at the limit;
        // only when they do not fill it are the ones with no running deadline read. One ORDER BY over both would
        // sort every open case of the owner, and SQLite would put the ones without a deadline first.
        var open = CaseViews.OpenOwnedBy(db, userId);
        var cases = await open.Where(c => c.NextDueAt != null).OrderBy(c => c.NextDueAt).Take(limit + 1).ToListAsync(cancellationToken);
        if (cases.Count <= limit)
        {
            cases.AddRange(await open.Where(c => c.NextDueAt == null).OrderBy(c => c.OpenedAt).Take(limit + 1 - cases.Count).ToListAsync(cancellationToken));
        }

        var promises = await PromiseViews.OwedBy(db, userId).Take(limit + 1).ToListAsync(cancellationToken);
        var handoffs = await CaseViews.HandoffsToAsync(db, [userId], cancellationToken);
        var myQueues = await WorkQueues.Of(db, userId)
            .ToDictionaryAsync(q => q.Id, q => q.Name, StringComparer.Ordinal, cancellationToken);
        List<Case> waitingCases = [];
        List<PromiseRecord> waitingPromises = [];
        if (myQueues.Count > 0)
        {
            List<string> queueIds = [.. myQueues.Keys];
            waitingCases = await CaseViews.BreaksFirst(CaseViews.OpenInQueues(db, queueIds)).Take(limit + 1).ToListAsync(cancellationToken);
            waitingPromises = await PromiseViews.WaitingIn(db, queueIds).Take(limit + 1).ToListAsync(cancellationToken);
        }

        var truncated = cases.Count > limit || promises.Count > limit || waitingCases.Count > limit || waitingPromises.Count > limit;
        cases = [.. cases.Take(limit)];
        promises = [.. promises.Take(limit)];
        waitingCases = [.. waitingCases.Take(limit)];
        waitingPromises = [.. waitingPromises.Take(limit)];
        var names = await CustomerViews.NamesAsync(
            db,
            cases.Concat(waitingCases).Select(c => c.CustomerId).Concat(promises.Concat(waitingPromises).Select(p => p.CustomerId))
                .Concat(handoffs.Select(h => h.CustomerId)),
            cancellationToken);

        var items = BreaksFirst(cases.Select(c => CaseItem(c, names, waitingIn: null)).Concat(promises.Select(p => PromiseItem(p, names, waitingIn: null))));
        var waiting = BreaksFirst(waitingCases.Select(c => CaseItem(c, names, myQueues.GetValueOrDefault(c.OwnerId, c.OwnerName)))
            .Concat(waitingPromises.Select(p => PromiseItem(p, names, myQueues.GetValueOrDefault(p.OwnerQueueId!, p.OwnerQueueId!)))));
        return new MyWorkView(items, [.. handoffs.Select(h => new HandoffRow(h, NameOf(names, h.CustomerId)))], truncated, waiting);
    }

    private static WorkItem CaseItem(Case c, Dictionary<Guid, string> names, string? waitingIn) =>
        new("case", c.Id, c.Reference, c.NeedStatement, c.CustomerId, NameOf(names, c.CustomerId), c.NextDueAt, c.Status.ToWireName(),
            c.Status == CaseStatus.Pending, c.Bounces > 0, $"/cases/{c.Id}", waitingIn);

    private static WorkItem PromiseItem(PromiseRecord p, Dictionary<Guid, string> names, string? waitingIn) =>
        new("promise", p.Id, DisplayNames.PromiseKind(p.Kind.ToWireName()), p.Description, p.CustomerId, NameOf(names, p.CustomerId), p.DueAt,
            p.State.ToWireName(), false, p.WarnedAt is not null, null, waitingIn);

    // What breaks first at the top; a case with no running deadline at the bottom.
    private static List<WorkItem> BreaksFirst(IEnumerable<WorkItem> items) =>
        [.. items.OrderBy(i => i.DueAt is null).ThenBy(i => i.DueAt).ThenBy(i => i.Kind, StringComparer.Ordinal)];

    /// <summary>
    /// The team <paramref name="leadId"/> leads, and the lead's own work; an admin (<paramref name="everyone"/>) sees
    /// all own staff. Approvals of compensation are not here: compensation is a feature of its own.
    /// </summary>
    public static async Task<TeamView> TeamAsync(TouchpointDbContext db, string leadId, bool everyone, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var staff = await Teams.OwnStaffAsync(db, cancellationToken);
        List<StaffMember> people;
        if (everyone)
        {
            people = staff;
        }
        else
        {
            var members = await Teams.MembersOf(db, leadId).ToListAsync(cancellationToken);
            people = [.. staff.Where(s => s.Id == leadId || members.Contains(s.Id))];
        }

        List<string> ids = [.. people.Select(p => p.Id)];
        var atRisk = await PromiseEndpoints.ViewsAsync(db, PromiseViews.AtRisk(db, ids, now).Take(TeamListLimit), cancellationToken);
        var brokenToday = await PromiseEndpoints.ViewsAsync(db, PromiseViews.BrokenSince(db, ids, now.Date).Take(TeamListLimit), cancellationToken);
        var breaches = await CaseViews.BreaksFirst(CaseViews.Breached(db, everyone ? null : ids, now)).Take(TeamListLimit).ToListAsync(cancellationToken);
        var openStatuses = CaseViews.OpenStatuses;
        var bounced = everyone
            ? db.Cases.AsNoTracking().Where(c => c.NextDueAt != null && c.Bounces > 0 && openStatuses.Contains(c.Status))
            : CaseViews.OpenOwnedByAny(db, ids).Where(c => c.Bounces > 0);
        var bouncedCases = await CaseViews.BreaksFirst(bounced).Take(TeamListLimit).ToListAsync(cancellationToken);
        var handoffs = everyone
            ? await CaseViews.HandoffsToAsync(db, null, cancellationToken)
            : [.. (await CaseViews.HandoffsToAsync(db, ids, cancellationToken))
                .Concat(await CaseViews.HandoffsFromAsync(db, ids, cancellationToken))
                .DistinctBy(h => h.CaseId)
                .OrderBy(h => h.RequestedAt)];
        var keptRates = await PromiseViews.KeptRatesAsync(db, leadId, everyone, now.AddDays(-KeptRateDays), now, now, cancellationToken);
        var effortSince = now.AddDays(-KeptRateDays);
        var (effort, effortTruncated) = await CaseViews.EffortOfAsync(db, ids, effortSince, now, cancellationToken);

        var names = await CustomerViews.NamesAsync(
            db,
            atRisk.Select(p => p.CustomerId).Concat(brokenToday.Select(p => p.CustomerId)).Concat(breaches.Select(c => c.CustomerId))
                .Concat(bouncedCases.Select(c => c.CustomerId)).Concat(handoffs.Select(h => h.CustomerId)),
            cancellationToken);
        return new TeamView(
            everyone, people,
            [.. atRisk.Select(p => new TeamPromiseRow(p, NameOf(names, p.CustomerId)))],
            [.. brokenToday.Select(p => new TeamPromiseRow(p, NameOf(names, p.CustomerId)))],
            [.. breaches.Select(c => new TeamCaseRow(CaseViews.ToSummary(c), NameOf(names, c.CustomerId)))],
            [.. bouncedCases.Select(c => new TeamCaseRow(CaseViews.ToSummary(c), NameOf(names, c.CustomerId)))],
            [.. handoffs.Select(h => new HandoffRow(h, NameOf(names, h.CustomerId)))],
            keptRates,
            new TeamEffortView(effortSince, now, effort, effortTruncated));
    }

    private static string NameOf(Dictionary<Guid, string> names, Guid id) => names.GetValueOrDefault(id, id.ToString());
}
