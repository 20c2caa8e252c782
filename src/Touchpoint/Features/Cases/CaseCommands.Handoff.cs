using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Domain.Cases;
using Touchpoint.Domain.Platform;
using Touchpoint.Features.Identity;
using Touchpoint.Features.Inbox;
using Touchpoint.Features.Languages;
using Touchpoint.Hosting;
using UserInbox = Touchpoint.Features.Inbox.Inbox;

namespace Touchpoint.Features.Cases;

public sealed record HandoffInput(string? ToUserId, string? ToQueue, string? Reason);

public sealed partial class CaseCommands
{
    /// <summary>
    /// Asks someone to take the case over (S2-3): the current owner keeps it until they accept. A request back to
    /// an earlier owner is a bounce (S2-4): flagged, counted and sent to the team lead at once.
    /// </summary>
    public async Task<Outcome<Case>> RequestHandoffAsync(Guid id, HandoffInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = CaseTime.Now(clock);
        var toUser = string.IsNullOrWhiteSpace(input.ToUserId) ? null : input.ToUserId.Trim();
        var toQueue = string.IsNullOrWhiteSpace(input.ToQueue) ? null : input.ToQueue;
        if ((toUser is null) == (toQueue is null))
        {
            return new Failure.Invalid("toUserId", "Give either toUserId (a person) or toQueue (a team queue) to hand the case to.");
        }

        var reason = input.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > CaseLimits.ReasonLength)
        {
            return new Failure.Invalid("reason", $"reason is required, so the new owner and the case history show why it moved (at most {CaseLimits.ReasonLength} characters).");
        }

        CaseOwner to;
        if (toUser is not null)
        {
            var staff = await OwnStaffAsync(toUser, cancellationToken);
            if (staff is null)
            {
                return new Failure.Invalid("toUserId", $"There is no member of own staff with id '{toUser}'; cases go to own staff only.");
            }

            to = new CaseOwner(OwnerKind.User, staff.Value.Id, staff.Value.Name);
        }
        else
        {
            var queue = await QueueOwnerAsync(toQueue, "toQueue", cancellationToken);
            if (queue.Failure is { } queueFailure)
            {
                return queueFailure;
            }

            to = queue.Value.Owner;
        }

        var @case = await db.Cases.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (@case is null)
        {
            return CaseNotFound(id);
        }

        if (FinalCase(@case) is { } final)
        {
            return final;
        }

        var actor = currentActor.Get();
        var callerId = CallerId(actor);
        var owner = CaseWire.Owner(@case);
        if (owner.Kind == OwnerKind.User && owner.Id != callerId && !IsLead())
        {
            return new NotAllowed($"Only {owner.Describe()}, who owns case {@case.Reference}, or a team lead can hand it over.");
        }

        var history = await db.CaseOwnerHistory.AsNoTracking().Where(h => h.CaseId == id).ToListAsync(cancellationToken);
        var change = CaseWire.Ownership(@case, history).RequestHandoff(to, CaseSla.AsInstant(now), reason);
        if (!change.Succeeded)
        {
            return new Failure.Conflict(change.Error);
        }

        var request = change.Ownership.PendingHandoff!;
        @case.HandoffToKind = request.To.Kind;
        @case.HandoffToId = request.To.Id;
        @case.HandoffToName = request.To.Name;
        @case.HandoffRequestedAt = now;
        @case.HandoffRequestedById = callerId;
        @case.HandoffRequestedByName = actor.DisplayName;
        @case.HandoffReason = request.Reason;
        @case.HandoffIsBounce = request.IsBounce;
        var link = CustomerLink(@case);
        if (request.To.Kind == OwnerKind.User)
        {
            UserInbox.Notify(db, request.To.Id, now, NotificationKinds.HandoffRequested,
                $"{@case.Reference}: {actor.DisplayName} asks you to take over this {@case.Type.ToWireName()}",
                $"Reason: {request.Reason}. Until you accept, {owner.Describe()} still owns it.", link, @case.CustomerId,
                StoredText.Of("Notification.HandoffRequested", StoredText.Value(@case.Reference), StoredText.Value(actor.DisplayName),
                    StoredText.CodeInSentence("CaseType", @case.Type.ToWireName())),
                StoredText.Of("Notification.HandoffRequested.Detail", StoredText.Value(request.Reason), CaseTimeline.Owner(owner)));
        }

        if (request.IsBounce)
        {
            @case.Bounces++;
            var lead = await Teams.RecipientAsync(db, @case.AccountableUserId, EscalationStep.TeamLead, cancellationToken);
            if (lead is not null)
            {
                UserInbox.Notify(db, lead, now, NotificationKinds.CaseBounced,
                    $"{@case.Reference} bounced back to {request.To.Describe()}",
                    $"{actor.DisplayName} is sending the case back to {request.To.Describe()}, who already had it (bounce {@case.Bounces.ToString(CultureInfo.InvariantCulture)}). Reason: {request.Reason}.",
                    link, @case.CustomerId,
                    StoredText.Of("Notification.CaseBounced", StoredText.Value(@case.Reference), CaseTimeline.Owner(request.To)),
                    StoredText.Of("Notification.CaseBounced.Detail", StoredText.Value(actor.DisplayName), CaseTimeline.Owner(request.To),
                        StoredText.Value(@case.Bounces), StoredText.Value(request.Reason)));
            }
        }

        db.TimelineEntries.Add(CaseTimeline.Entry(@case, now, actor.DisplayName,
            request.IsBounce ? $"handoff to {request.To.Describe()} requested — bounced back" : $"handoff to {request.To.Describe()} requested",
            $"Reason: {request.Reason}. {owner.Describe()} owns the case until the handoff is accepted.",
            whatText: StoredText.Of(request.IsBounce ? "Timeline.Case.HandoffBounced" : "Timeline.Case.HandoffRequested", CaseTimeline.Owner(request.To)),
            detailText: StoredText.Of("Timeline.Case.HandoffReason", StoredText.Value(request.Reason), CaseTimeline.Owner(owner))));
        return await SaveAsync(@case, cancellationToken);
    }

    /// <summary>The addressee takes the case; for a queue, any member of own staff does so for the queue.</summary>
    public async Task<Outcome<Case>> AcceptHandoffAsync(Guid id, CancellationToken cancellationToken)
    {
        var now = CaseTime.Now(clock);
        var @case = await db.Cases.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (@case is null)
        {
            return CaseNotFound(id);
        }

        var actor = currentActor.Get();
        var callerId = CallerId(actor);
        var history = await db.CaseOwnerHistory.Where(h => h.CaseId == id).OrderBy(h => h.Sequence).ToListAsync(cancellationToken);
        var change = CaseWire.Ownership(@case, history).Accept(callerId);
        if (!change.Succeeded)
        {
            return AnswerRefused(@case, change.Error);
        }

        var from = CaseWire.Owner(@case);
        var newOwner = change.Ownership.Owner;
        var accountable = newOwner.Kind == OwnerKind.User
            ? newOwner.Id
            : await db.WorkQueues.Where(q => q.Id == newOwner.Id).Select(q => q.LeadUserId).FirstOrDefaultAsync(cancellationToken) ?? callerId;
        MoveTo(@case, history, change.Ownership, accountable, now);
        var wasBounce = @case.HandoffIsBounce;
        ClearHandoff(@case);
        db.TimelineEntries.Add(CaseTimeline.Entry(@case, now, actor.DisplayName,
            $"{newOwner.Describe()} took over from {from.Describe()}",
            $"Handoff {@case.AcceptedHandoffs.ToString(CultureInfo.InvariantCulture)}{(wasBounce ? ", back to an earlier owner" : "")}.",
            whatText: StoredText.Of("Timeline.Case.TookOver", CaseTimeline.Owner(newOwner), CaseTimeline.Owner(from)),
            detailText: StoredText.Of(wasBounce ? "Timeline.Case.HandoffNumberBack" : "Timeline.Case.HandoffNumber", StoredText.Value(@case.AcceptedHandoffs))));
        return await SaveAsync(@case, cancellationToken);
    }

    /// <summary>The addressee says no: nothing moves, and the current owner keeps the case (S2-3).</summary>
    public async Task<Outcome<Case>> DeclineHandoffAsync(Guid id, CancellationToken cancellationToken)
    {
        var now = CaseTime.Now(clock);
        var @case = await db.Cases.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (@case is null)
        {
            return CaseNotFound(id);
        }

        var actor = currentActor.Get();
        var history = await db.CaseOwnerHistory.AsNoTracking().Where(h => h.CaseId == id).ToListAsync(cancellationToken);
        var change = CaseWire.Ownership(@case, history).Decline(CallerId(actor));
        if (!change.Succeeded)
        {
            return AnswerRefused(@case, change.Error);
        }

        var to = CaseWire.HandoffTo(@case)!;
        ClearHandoff(@case);
        db.TimelineEntries.Add(CaseTimeline.Entry(@case, now, actor.DisplayName,
            $"handoff to {to.Describe()} declined", $"{CaseWire.Owner(@case).Describe()} keeps the case.",
            whatText: StoredText.Of("Timeline.Case.HandoffDeclined", CaseTimeline.Owner(to)),
            detailText: StoredText.Of("Timeline.Case.Keeps", CaseTimeline.Owner(CaseWire.Owner(@case)))));
        return await SaveAsync(@case, cancellationToken);
    }

    /// <summary>Who asked takes it back; so may the current owner or a team lead.</summary>
    public async Task<Outcome<Case>> CancelHandoffAsync(Guid id, CancellationToken cancellationToken)
    {
        var now = CaseTime.Now(clock);
        var @case = await db.Cases.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (@case is null)
        {
            return CaseNotFound(id);
        }

        var actor = currentActor.Get();
        var callerId = CallerId(actor);
        var owner = CaseWire.Owner(@case);
        var history = await db.CaseOwnerHistory.AsNoTracking().Where(h => h.CaseId == id).ToListAsync(cancellationToken);
        var ownership = CaseWire.Ownership(@case, history);
        if (ownership.PendingHandoff is not null
            && callerId != @case.HandoffRequestedById
            && !(owner.Kind == OwnerKind.User && owner.Id == callerId)
            && !IsLead())
        {
            return new NotAllowed($"Only {@case.HandoffRequestedByName}, who asked for this handoff, {owner.Describe()} or a team lead can cancel it.");
        }

        var change = ownership.Cancel();
        if (!change.Succeeded)
        {
            return new Failure.Conflict(change.Error);
        }

        var to = CaseWire.HandoffTo(@case)!;
        ClearHandoff(@case);
        db.TimelineEntries.Add(CaseTimeline.Entry(@case, now, actor.DisplayName, $"handoff to {to.Describe()} cancelled", $"{owner.Describe()} keeps the case.",
            whatText: StoredText.Of("Timeline.Case.HandoffCancelled", CaseTimeline.Owner(to)),
            detailText: StoredText.Of("Timeline.Case.Keeps", CaseTimeline.Owner(owner))));
        return await SaveAsync(@case, cancellationToken);
    }

    /// <summary>A refused answer to a handoff: the caller is not the addressee (403), or there is nothing to answer (409).</summary>
    private Failure AnswerRefused(Case @case, string error)
    {
        var to = CaseWire.HandoffTo(@case);
        return to is { Kind: OwnerKind.User } && to.Id != currentActor.Get().UserId ? new NotAllowed(error) : new Failure.Conflict(error);
    }

    private async Task<(string Id, string Name)?> OwnStaffAsync(string userId, CancellationToken cancellationToken)
    {
        string[] ownStaff = [Roles.Agent, Roles.TeamLead, Roles.Admin];
        var user = await (from u in db.Users
                          join userRole in db.UserRoles on u.Id equals userRole.UserId
                          join role in db.Roles on userRole.RoleId equals role.Id
                          where u.Id == userId && ownStaff.Contains(role.Name!)
                          select new { u.Id, u.DisplayName, u.UserName }).FirstOrDefaultAsync(cancellationToken);
        return user is null ? null : (user.Id, string.IsNullOrWhiteSpace(user.DisplayName) ? user.UserName ?? user.Id : user.DisplayName);
    }

    private static void ClearHandoff(Case @case)
    {
        @case.HandoffToKind = null;
        @case.HandoffToId = null;
        @case.HandoffToName = null;
        @case.HandoffRequestedAt = null;
        @case.HandoffRequestedById = null;
        @case.HandoffRequestedByName = null;
        @case.HandoffReason = null;
        @case.HandoffIsBounce = false;
    }
}
