using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Cases;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Interactions;
using Touchpoint.Features.Interactions;
using Touchpoint.Features.Languages;

namespace Touchpoint.Features.Cases;

public sealed record OwnerView(string Kind, string Id, string Name);

public sealed record HandoffView(OwnerView From, OwnerView To, DateTime RequestedAt, string? RequestedById, string? RequestedBy, string Reason, bool IsBounce);

public sealed record NeedView(string Statement, bool Resolved, string? ReasonNotResolved);

public sealed record QuestionView(Guid Id, string Text, DateTime AskedAt, string? Answer, DateTime? AnsweredAt, string? AnsweredBy);

public sealed record OwnerPeriodView(OwnerView Owner, DateTime From, DateTime? Until);

public sealed record SlaAlertView(string Kind, int Occurrence, DateTime At);

/// <param name="AllowedBusinessMinutes">The target, in business minutes.</param>
/// <param name="BusinessMinutesLeft">Negative once overdue; frozen once the deadline was met or missed.</param>
public sealed record DeadlineView(
    string Target, DateTime StartedAt, double AllowedBusinessMinutes, DateTime WarnAt, DateTime DueAt, string State,
    DateTime? CompletedAt, double BusinessMinutesLeft, IReadOnlyList<SlaAlertView> Alerts);

public sealed record SlaView(bool Paused, DateTime? NextDueAt, IReadOnlyList<DeadlineView> Deadlines);

/// <param name="Reopenings">Times the customer had to come back because the resolved case was not solved.</param>
/// <param name="FirstContactResolution">Solved at the first contact: one contact at most, no handoff, never reopened.</param>
public sealed record EffortView(int Contacts, int DistinctStaff, int Handoffs, int DaysOpen, int Reopenings, bool FirstContactResolution);

public sealed record DisputeBodyView(string Jurisdiction, string Name, string ReadOut, Uri Website, bool DisputedAmountOnHold, string RuleId);

public sealed record ResolutionView(bool MayResolve, string? Blocker);

/// <summary>Everything the case page shows: need, questions, owner and handoff, every deadline, effort and the case's own timeline.</summary>
public sealed record CaseView(
    Guid Id, string Reference, Guid CustomerId, Guid? SubscriptionId, string Jurisdiction, string Type, string Priority, string Status,
    IReadOnlyList<string> AllowedStatuses, string Channel, NeedView Need, IReadOnlyList<QuestionView> Questions, string? RootCause,
    OwnerView Owner, HandoffView? PendingHandoff, IReadOnlyList<OwnerPeriodView> OwnerHistory, int Handoffs, int Bounces, bool IsBounced,
    int ReopenCount, int SlaEscalations, DateTime OpenedAt, string OpenedBy, DateTime? FirstResponseAt, DateTime? LastUpdateAt, DateTime? ResolvedAt,
    DateTime? ClosedAt, SlaView Sla, EffortView Effort, ResolutionView Resolution, DisputeBodyView? DisputeBody,
    IReadOnlyList<InteractionView> Contacts, IReadOnlyList<TimelineItem> Timeline);

public sealed record CaseSummary(
    Guid Id, string Reference, Guid CustomerId, string Type, string Priority, string Status, OwnerView Owner, bool HandoffPending,
    int Handoffs, int Bounces, bool IsBounced, int ReopenCount, DateTime? NextDueAt, DateTime OpenedAt, DateTime? LastUpdateAt);

/// <summary>What a case list can be narrowed to; every part is optional.</summary>
/// <param name="Statuses">Null for any status (an empty list matches nothing).</param>
/// <param name="Open">Only cases with work left (acknowledged, in progress, pending, held).</param>
/// <param name="Bounced">Only cases that were sent back to someone who already had them (S2-4).</param>
public sealed record CaseListFilter(
    IReadOnlyCollection<CaseStatus>? Statuses = null, Guid? CustomerId = null, string? OwnerId = null, bool Open = false, bool Bounced = false);

/// <summary>A handoff waiting for an answer, as lists show it.</summary>
public sealed record PendingHandoffView(
    Guid CaseId, string Reference, Guid CustomerId, string Type, string Priority, OwnerView From, OwnerView To, DateTime RequestedAt,
    string? RequestedBy, string Reason, bool IsBounce);

public static class CaseViews
{
    /// <summary>Most pending handoffs one list shows.</summary>
    public const int HandoffListLimit = 100;

    /// <summary>Most contacts offered for linking on the case page.</summary>
    public const int LinkableContactsLimit = 20;

    /// <summary>The case's own history shows at most this many entries; the customer's timeline has all of them.</summary>
    public const int TimelineLimit = 200;

    /// <summary>The statuses with work left, for queries.</summary>
    public static IReadOnlyList<CaseStatus> OpenStatuses { get; } = [.. Enum.GetValues<CaseStatus>().Where(CaseLifecycle.IsOpen)];

    public static async Task<CaseView?> LoadAsync(TouchpointDbContext db, CaseSla sla, Guid id, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var @case = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (@case is null)
        {
            return null;
        }

        var questions = await db.CaseQuestions.AsNoTracking().Where(q => q.CaseId == id).OrderBy(q => q.Position).ToListAsync(cancellationToken);
        var owners = await db.CaseOwnerHistory.AsNoTracking().Where(h => h.CaseId == id).OrderBy(h => h.Sequence).ToListAsync(cancellationToken);
        var pauses = await db.CasePauses.AsNoTracking().Where(p => p.CaseId == id).ToListAsync(cancellationToken);
        var contacts = await LinkedInteractions(db, @case).OrderBy(i => i.OccurredAt).ToListAsync(cancellationToken);
        var caseId = id.ToString();
        var contactIds = contacts.Select(i => i.Id.ToString()).ToList();
        var timeline = await db.TimelineEntries.AsNoTracking()
            .Where(t => t.CustomerId == @case.CustomerId
                && ((t.Kind == TimelineEntryKind.Case && t.SourceId == caseId) || (t.Kind == TimelineEntryKind.Interaction && contactIds.Contains(t.SourceId!))))
            .OrderByDescending(t => t.At).ThenByDescending(t => t.Id)
            .Take(TimelineLimit)
            .Select(t => new TimelineItem(t.Id, t.At, t.Kind.ToWireName(), t.Channel, t.Direction, t.Title, t.Detail, t.ActorName, t.PartnerAgencyName, t.SourceId)
        {
            Texts = new StructuredTexts(t.TitleKey, t.TitleArgs, t.DetailKey, t.DetailArgs),
        })
            .ToListAsync(cancellationToken);

        return ToView(@case, sla, questions, owners, pauses, contacts, timeline, now);
    }

    /// <summary>
    /// The view of a case just opened and saved, from the rows that opened it: what <see cref="LoadAsync"/> would read
    /// back. A new case has no pauses yet, and no contact can name its reference before it exists.
    /// </summary>
    public static CaseView OfOpened(OpenedCase opened, CaseSla sla, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(opened);
        var entry = opened.Opened;
        var openedItem = TimelineItem.Of(entry);
        return ToView(opened.Case, sla, [.. opened.Questions.OrderBy(q => q.Position)], [opened.Owner], [], [], [openedItem], now);
    }

    /// <summary>The cases <paramref name="filter"/> asks for; combine with <see cref="BreaksFirst"/> for the order lists use.</summary>
    public static IQueryable<Case> Filter(IQueryable<Case> cases, CaseListFilter filter)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.Statuses is { } statuses)
        {
            cases = cases.Where(c => statuses.Contains(c.Status));
        }

        if (filter.CustomerId is { } customer)
        {
            cases = cases.Where(c => c.CustomerId == customer);
        }

        if (!string.IsNullOrWhiteSpace(filter.OwnerId))
        {
            var owner = filter.OwnerId;
            cases = cases.Where(c => c.OwnerId == owner);
        }

        if (filter.Open)
        {
            var openStatuses = OpenStatuses;
            cases = cases.Where(c => openStatuses.Contains(c.Status));
        }

        if (filter.Bounced)
        {
            cases = cases.Where(c => c.Bounces > 0);
        }

        return cases;
    }

    /// <summary>What breaks first comes first; cases with no running deadline last.</summary>
    public static IOrderedQueryable<Case> BreaksFirst(IQueryable<Case> cases) =>
        cases.OrderBy(c => c.NextDueAt == null).ThenBy(c => c.NextDueAt).ThenBy(c => c.OpenedAt).ThenBy(c => c.Id);

    /// <summary>
    /// Open cases a person owns, from the (OwnerId, NextDueAt) index: "my work" reads one owner's rows only. A case
    /// with work left always has a running deadline, so ordering by it is the index's own order.
    /// </summary>
    public static IQueryable<Case> OpenOwnedBy(TouchpointDbContext db, string userId)
    {
        ArgumentNullException.ThrowIfNull(db);
        var openStatuses = OpenStatuses;
        return db.Cases.AsNoTracking().Where(c => c.OwnerId == userId && c.OwnerKind == OwnerKind.User && openStatuses.Contains(c.Status));
    }

    /// <summary>Open cases waiting in any of <paramref name="queueIds"/> for a member to pick them up.</summary>
    public static IQueryable<Case> OpenInQueues(TouchpointDbContext db, IReadOnlyCollection<string> queueIds)
    {
        ArgumentNullException.ThrowIfNull(db);
        var openStatuses = OpenStatuses;
        return db.Cases.AsNoTracking().Where(c => c.OwnerKind == OwnerKind.Queue && queueIds.Contains(c.OwnerId) && openStatuses.Contains(c.Status));
    }

    /// <summary>Open cases any of <paramref name="userIds"/> owns, through the same index, one seek per person.</summary>
    /// <summary>Most cases one effort summary reads: the newest, so a large team's figure stays one bounded read.</summary>
    public const int EffortSummaryLimit = 1000;

    /// <summary>
    /// Effort over the cases opened since <paramref name="since"/> that <paramref name="userIds"/> own, newest first and at most
    /// <see cref="EffortSummaryLimit"/> of them (S1-3: what a team lead compares). Each case counts as on its own page.
    /// </summary>
    public static async Task<(EffortSummary Summary, bool Truncated)> EffortOfAsync(
        TouchpointDbContext db, IReadOnlyCollection<string> userIds, DateTime since, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var cases = await db.Cases.AsNoTracking()
            .Where(c => userIds.Contains(c.OwnerId) && c.OwnerKind == OwnerKind.User && c.OpenedAt >= since)
            .OrderByDescending(c => c.OpenedAt)
            .Take(EffortSummaryLimit + 1)
            .Select(c => new { c.Reference, c.CustomerId, c.Status, c.OpenedAt, c.ResolvedAt, c.ClosedAt, c.AcceptedHandoffs, c.ReopenCount })
            .ToListAsync(cancellationToken);
        var truncated = cases.Count > EffortSummaryLimit;
        cases = [.. cases.Take(EffortSummaryLimit)];

        var references = cases.Select(c => c.Reference).ToList();
        var customers = cases.Select(c => c.CustomerId).Distinct().ToList();
        var contacts = (await db.Interactions.AsNoTracking()
                .Where(i => customers.Contains(i.CustomerId) && i.CaseRef != null && references.Contains(i.CaseRef))
                .ToListAsync(cancellationToken))
            .ToLookup(i => i.CaseRef!, i => new CaseContact(CaseSla.AsInstant(i.OccurredAt), StaffOf(i)));
        var efforts = cases.Select(c => CaseEffort.Of(
            EffortFacts(
                c.Status, c.OpenedAt, c.ResolvedAt, c.ClosedAt, now, [.. contacts[c.Reference]], c.AcceptedHandoffs, c.ReopenCount),
            CaseSla.AsInstant(now)));
        return (EffortSummary.Of(efforts), truncated);
    }

    public static IQueryable<Case> OpenOwnedByAny(TouchpointDbContext db, IReadOnlyCollection<string> userIds)
    {
        ArgumentNullException.ThrowIfNull(db);
        var openStatuses = OpenStatuses;
        return db.Cases.AsNoTracking().Where(c => userIds.Contains(c.OwnerId) && c.OwnerKind == OwnerKind.User && openStatuses.Contains(c.Status));
    }

    /// <summary>
    /// Open cases with a deadline past due now: an SLA breach someone must act on. Uses the NextDueAt index (alone, or
    /// behind the owner in the (OwnerId, NextDueAt) one when <paramref name="owners"/> is given).
    /// </summary>
    public static IQueryable<Case> Breached(TouchpointDbContext db, IReadOnlyCollection<string>? owners, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(db);
        var cases = db.Cases.AsNoTracking().Where(c => c.NextDueAt != null && c.NextDueAt < now);
        return owners is null ? cases : cases.Where(c => owners.Contains(c.OwnerId));
    }

    /// <summary>Handoffs waiting for <paramref name="userIds"/>' answer, through the index of pending handoffs.</summary>
    public static async Task<List<PendingHandoffView>> HandoffsToAsync(
        TouchpointDbContext db, IReadOnlyCollection<string>? userIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var pending = db.Cases.AsNoTracking().Where(c => c.HandoffToId != null);
        if (userIds is not null)
        {
            pending = pending.Where(c => userIds.Contains(c.HandoffToId!) && c.HandoffToKind == OwnerKind.User);
        }

        var rows = await pending.OrderBy(c => c.HandoffRequestedAt).Take(HandoffListLimit).ToListAsync(cancellationToken);
        return [.. rows.Select(ToHandoffView).OfType<PendingHandoffView>()];
    }

    /// <summary>Handoffs <paramref name="ownerIds"/> asked for on cases they own, waiting for someone else's answer.</summary>
    public static async Task<List<PendingHandoffView>> HandoffsFromAsync(
        TouchpointDbContext db, IReadOnlyCollection<string> ownerIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await OpenOwnedByAny(db, ownerIds).Where(c => c.HandoffToId != null)
            .OrderBy(c => c.HandoffRequestedAt).Take(HandoffListLimit).ToListAsync(cancellationToken);
        return [.. rows.Select(ToHandoffView).OfType<PendingHandoffView>()];
    }

    public static PendingHandoffView? ToHandoffView(Case @case)
    {
        ArgumentNullException.ThrowIfNull(@case);
        return CaseWire.HandoffTo(@case) is { } to
            ? new PendingHandoffView(
                @case.Id, @case.Reference, @case.CustomerId, @case.Type.ToWireName(), @case.Priority.ToWireName(), ToView(CaseWire.Owner(@case)), ToView(to),
                @case.HandoffRequestedAt ?? @case.OpenedAt, @case.HandoffRequestedByName, @case.HandoffReason ?? "", @case.HandoffIsBounce)
            : null;
    }

    /// <summary>The customer's latest contacts that belong to no case yet: what the case page offers to link.</summary>
    public static Task<List<InteractionView>> LinkableContactsAsync(TouchpointDbContext db, Guid customerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Interactions.AsNoTracking()
            .Where(i => i.CustomerId == customerId && i.CaseRef == null)
            .OrderByDescending(i => i.OccurredAt)
            .Take(LinkableContactsLimit)
            .Select(i => InteractionEndpoints.ToView(i))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The contacts about a case: interactions whose CaseRef is its reference, read through the customer's index.</summary>
    public static IQueryable<Interaction> LinkedInteractions(TouchpointDbContext db, Case @case)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(@case);
        return db.Interactions.AsNoTracking().Where(i => i.CustomerId == @case.CustomerId && i.CaseRef == @case.Reference);
    }

    /// <summary>
    /// Who made a contact, for the distinct-staff figure (S1-3). The agent's name, not the signed-in user: an
    /// agent may record a colleague's call, and history imported from older systems has names only. Contacts
    /// nobody made (self-service, automated) count as no one.
    /// </summary>
    public static string? StaffOf(Interaction interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        if (interaction.AgentUserId is null && string.Equals(interaction.AgentName, "system", StringComparison.Ordinal))
        {
            return null;
        }

        return interaction.PartnerAgencyName is { } agency ? $"{interaction.AgentName} ({agency})" : interaction.AgentName;
    }

    public static OwnerView ToView(CaseOwner owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return new OwnerView(owner.Kind.ToWireName(), owner.Id, owner.Name);
    }

    public static DisputeBodyView? DisputeBodyFor(Case @case)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var body = DisputeBodies.ToTellCustomer(@case.Type, @case.Status, CaseWire.Jurisdiction(@case));
        return body is null
            ? null
            : new DisputeBodyView(body.Jurisdiction.ToWireName(), body.Name, body.ReadOut, body.Website, body.DisputedAmountOnHold, DisputeBodies.RuleId);
    }

    private static CaseView ToView(
        Case @case, CaseSla sla, List<CaseQuestion> questions, List<CaseOwnerHistoryEntry> owners, List<CasePause> pauses,
        List<Interaction> contacts, List<TimelineItem> timeline, DateTime now)
    {
        var status = @case.Status;
        var reading = sla.Read(@case, pauses, now);
        var effort = CaseEffort.Of(
            EffortFacts(
                status, @case.OpenedAt, @case.ResolvedAt, @case.ClosedAt, now,
                [.. contacts.Select(i => new CaseContact(CaseSla.AsInstant(i.OccurredAt), StaffOf(i)))], @case.AcceptedHandoffs, @case.ReopenCount),
            CaseSla.AsInstant(now));
        var check = ResolutionGuard.Check(CaseWire.Questions(questions), CaseWire.Need(@case));
        var handoffTo = CaseWire.HandoffTo(@case);
        var owner = CaseWire.Owner(@case);

        return new CaseView(
            @case.Id, @case.Reference, @case.CustomerId, @case.SubscriptionId, @case.Jurisdiction, @case.Type.ToWireName(), @case.Priority.ToWireName(), @case.Status.ToWireName(),
            [.. CaseLifecycle.AllowedFrom(status).Order().Select(s => s.ToWireName())],
            @case.Channel.ToWireName(),
            new NeedView(@case.NeedStatement, @case.NeedResolved, @case.NeedReasonNotResolved),
            [.. questions.Select(q => new QuestionView(q.Id, q.Text, q.AskedAt, q.Answer, q.AnsweredAt, q.AnsweredByName))],
            @case.RootCause,
            ToView(owner),
            handoffTo is null
                ? null
                : new HandoffView(ToView(owner), ToView(handoffTo), @case.HandoffRequestedAt ?? @case.OpenedAt, @case.HandoffRequestedById,
                    @case.HandoffRequestedByName, @case.HandoffReason ?? "", @case.HandoffIsBounce),
            [.. owners.Select(h => new OwnerPeriodView(ToView(CaseWire.Owner(h)), h.From, h.Until))],
            @case.AcceptedHandoffs, @case.Bounces, @case.Bounces > 0, @case.ReopenCount, @case.SlaEscalations,
            @case.OpenedAt, @case.OpenedByName, @case.FirstResponseAt, @case.LastUpdateAt, @case.ResolvedAt, @case.ClosedAt,
            new SlaView(reading.IsPaused || CaseLifecycle.PausesSla(status), @case.NextDueAt, [.. reading.Deadlines.Select(ToView)]),
            new EffortView(effort.Contacts, effort.DistinctStaff, effort.Handoffs, effort.DaysOpen, effort.Reopenings, effort.FirstContactResolution),
            new ResolutionView(check.MayResolve, check.MayResolve ? null : check.Error),
            DisputeBodyFor(@case),
            [.. contacts.Select(InteractionEndpoints.ToView)],
            timeline);
    }

    /// <summary>The effort facts of a stored case: the customer's wait ends when it is resolved (or otherwise finished).</summary>
    private static CaseEffortFacts EffortFacts(
        CaseStatus status, DateTime openedAt, DateTime? resolvedAt, DateTime? closedAt, DateTime now, IReadOnlyList<CaseContact> contacts, int handoffs, int reopenings) =>
        new(
            CaseSla.AsInstant(openedAt),
            CaseLifecycle.IsOpen(status) ? null : CaseSla.AsInstant(resolvedAt ?? closedAt ?? now),
            contacts,
            handoffs,
            reopenings,
            Solved: status is CaseStatus.Resolved or CaseStatus.Closed);

    private static DeadlineView ToView(SlaDeadline deadline) => new(
        deadline.Target.ToWireName(), deadline.ClockStartedAt.UtcDateTime, deadline.Allowed.TotalMinutes, deadline.WarnAt.UtcDateTime,
        deadline.DueAt.UtcDateTime, deadline.State.ToWireName(), deadline.CompletedAt?.UtcDateTime, Math.Round(deadline.BusinessTimeLeft.TotalMinutes, 2),
        [.. deadline.Alerts.Select(a => new SlaAlertView(a.Kind.ToWireName(), a.Occurrence, a.At.UtcDateTime))]);

    public static CaseSummary ToSummary(Case @case)
    {
        ArgumentNullException.ThrowIfNull(@case);
        return new CaseSummary(
            @case.Id, @case.Reference, @case.CustomerId, @case.Type.ToWireName(), @case.Priority.ToWireName(), @case.Status.ToWireName(),
            new OwnerView(@case.OwnerKind.ToWireName(), @case.OwnerId, @case.OwnerName), @case.HandoffToId is not null,
            @case.AcceptedHandoffs, @case.Bounces, @case.Bounces > 0, @case.ReopenCount, @case.NextDueAt, @case.OpenedAt, @case.LastUpdateAt);
    }
}
