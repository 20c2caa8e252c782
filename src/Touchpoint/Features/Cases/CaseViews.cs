using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Cases;
using Touchpoint.Domain.Customers;
using Touchpoint.Features.Interactions;

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

public sealed record EffortView(int Contacts, int DistinctStaff, int Handoffs, int DaysOpen);

public sealed record DisputeBodyView(string Jurisdiction, string Name, string ReadOut, Uri Website, bool DisputedAmountOnHold, string RuleId);

public sealed record ResolutionView(bool MayResolve, string? Blocker);

/// <summary>Everything the case page shows: need, questions, owner and handoff, every deadline, effort and the case's own timeline.</summary>
public sealed record CaseView(
    Guid Id, string Reference, Guid CustomerId, Guid? SubscriptionId, string Jurisdiction, string Type, string Priority, string Status,
    IReadOnlyList<string> AllowedStatuses, string Channel, NeedView Need, IReadOnlyList<QuestionView> Questions, string? RootCause,
    OwnerView Owner, HandoffView? PendingHandoff, IReadOnlyList<OwnerPeriodView> OwnerHistory, int Handoffs, int Bounces, bool IsBounced,
    int SlaEscalations, DateTime OpenedAt, string OpenedBy, DateTime? FirstResponseAt, DateTime? LastUpdateAt, DateTime? ResolvedAt,
    DateTime? ClosedAt, SlaView Sla, EffortView Effort, ResolutionView Resolution, DisputeBodyView? DisputeBody,
    IReadOnlyList<InteractionView> Contacts, IReadOnlyList<TimelineItem> Timeline);

public sealed record CaseSummary(
    Guid Id, string Reference, Guid CustomerId, string Type, string Priority, string Status, OwnerView Owner, bool HandoffPending,
    int Handoffs, int Bounces, bool IsBounced, DateTime? NextDueAt, DateTime OpenedAt, DateTime? LastUpdateAt);

public static class CaseViews
{
    /// <summary>The case's own history shows at most this many entries; the customer's timeline has all of them.</summary>
    public const int TimelineLimit = 200;

    /// <summary>Open statuses as stored, for queries.</summary>
    public static IReadOnlyList<string> OpenStatuses { get; } =
        [.. Enum.GetValues<CaseStatus>().Where(CaseLifecycle.IsOpen).Select(s => s.ToWireName())];

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
        var caseKind = TimelineEntryKind.Case.ToWireName();
        var interactionKind = TimelineEntryKind.Interaction.ToWireName();
        var timeline = await db.TimelineEntries.AsNoTracking()
            .Where(t => t.CustomerId == @case.CustomerId
                && ((t.Kind == caseKind && t.SourceId == caseId) || (t.Kind == interactionKind && contactIds.Contains(t.SourceId!))))
            .OrderByDescending(t => t.At).ThenByDescending(t => t.Id)
            .Take(TimelineLimit)
            .Select(t => new TimelineItem(t.Id, t.At, t.Kind, t.Channel, t.Direction, t.Title, t.Detail, t.ActorName, t.PartnerAgencyName, t.SourceId))
            .ToListAsync(cancellationToken);

        return ToView(@case, sla, questions, owners, pauses, contacts, timeline, now);
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
        var body = DisputeBodies.ToTellCustomer(CaseWire.Type(@case), CaseWire.Status(@case), CaseWire.Jurisdiction(@case));
        return body is null
            ? null
            : new DisputeBodyView(body.Jurisdiction.ToWireName(), body.Name, body.ReadOut, body.Website, body.DisputedAmountOnHold, DisputeBodies.RuleId);
    }

    private static CaseView ToView(
        Case @case, CaseSla sla, List<CaseQuestion> questions, List<CaseOwnerHistoryEntry> owners, List<CasePause> pauses,
        List<Interaction> contacts, List<TimelineItem> timeline, DateTime now)
    {
        var status = CaseWire.Status(@case);
        var reading = sla.Read(@case, pauses, now);
        var effort = CaseEffort.Of(
            new CaseEffortFacts(
                CaseSla.AsInstant(@case.OpenedAt),
                CaseLifecycle.IsOpen(status) ? null : CaseSla.AsInstant(@case.ResolvedAt ?? @case.ClosedAt ?? now),
                [.. contacts.Select(i => new CaseContact(CaseSla.AsInstant(i.OccurredAt), StaffOf(i)))],
                @case.AcceptedHandoffs),
            CaseSla.AsInstant(now));
        var check = ResolutionGuard.Check(CaseWire.Questions(questions), CaseWire.Need(@case));
        var handoffTo = CaseWire.HandoffTo(@case);
        var owner = CaseWire.Owner(@case);

        return new CaseView(
            @case.Id, @case.Reference, @case.CustomerId, @case.SubscriptionId, @case.Jurisdiction, @case.Type, @case.Priority, @case.Status,
            [.. CaseLifecycle.AllowedFrom(status).Order().Select(s => s.ToWireName())],
            @case.Channel,
            new NeedView(@case.NeedStatement, @case.NeedResolved, @case.NeedReasonNotResolved),
            [.. questions.Select(q => new QuestionView(q.Id, q.Text, q.AskedAt, q.Answer, q.AnsweredAt, q.AnsweredByName))],
            @case.RootCause,
            ToView(owner),
            handoffTo is null
                ? null
                : new HandoffView(ToView(owner), ToView(handoffTo), @case.HandoffRequestedAt ?? @case.OpenedAt, @case.HandoffRequestedById,
                    @case.HandoffRequestedByName, @case.HandoffReason ?? "", @case.HandoffIsBounce),
            [.. owners.Select(h => new OwnerPeriodView(ToView(CaseWire.Owner(h)), h.From, h.Until))],
            @case.AcceptedHandoffs, @case.Bounces, @case.Bounces > 0, @case.SlaEscalations,
            @case.OpenedAt, @case.OpenedByName, @case.FirstResponseAt, @case.LastUpdateAt, @case.ResolvedAt, @case.ClosedAt,
            new SlaView(reading.IsPaused || CaseLifecycle.PausesSla(status), @case.NextDueAt, [.. reading.Deadlines.Select(ToView)]),
            new EffortView(effort.Contacts, effort.DistinctStaff, effort.Handoffs, effort.DaysOpen),
            new ResolutionView(check.MayResolve, check.MayResolve ? null : check.Error),
            DisputeBodyFor(@case),
            [.. contacts.Select(InteractionEndpoints.ToView)],
            timeline);
    }

    private static DeadlineView ToView(SlaDeadline deadline) => new(
        deadline.Target.ToWireName(), deadline.ClockStartedAt.UtcDateTime, deadline.Allowed.TotalMinutes, deadline.WarnAt.UtcDateTime,
        deadline.DueAt.UtcDateTime, deadline.State.ToWireName(), deadline.CompletedAt?.UtcDateTime, Math.Round(deadline.BusinessTimeLeft.TotalMinutes, 2),
        [.. deadline.Alerts.Select(a => new SlaAlertView(a.Kind.ToWireName(), a.Occurrence, a.At.UtcDateTime))]);

    public static CaseSummary ToSummary(Case @case)
    {
        ArgumentNullException.ThrowIfNull(@case);
        return new CaseSummary(
            @case.Id, @case.Reference, @case.CustomerId, @case.Type, @case.Priority, @case.Status,
            new OwnerView(@case.OwnerKind, @case.OwnerId, @case.OwnerName), @case.HandoffToId is not null,
            @case.AcceptedHandoffs, @case.Bounces, @case.Bounces > 0, @case.NextDueAt, @case.OpenedAt, @case.LastUpdateAt);
    }
}
