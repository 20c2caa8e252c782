using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Cases;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Interactions;
using Touchpoint.Domain.Platform;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Identity;
using Touchpoint.Features.Inbox;
using Touchpoint.Tmf;
using Touchpoint.Hosting;
using UserInbox = Touchpoint.Features.Inbox.Inbox;

namespace Touchpoint.Features.Cases;

public sealed record CreateCaseInput(
    Guid? CustomerId, string? Type, string? Priority, string? Channel, string? Need, IReadOnlyList<string?>? Questions,
    Guid? SubscriptionId, string? Queue, string? RootCause);

public sealed record ChangeCaseStatusInput(string? Status, string? Reason, string? RootCause);

public sealed record AddQuestionInput(string? Text);

public sealed record AnswerQuestionInput(string? Answer);

public sealed record UpdateNeedInput(bool? Resolved, string? ReasonNotResolved);

public sealed record HandoffInput(string? ToUserId, string? ToQueue, string? Reason);

public sealed record LinkContactInput(Guid? InteractionId);

/// <summary>The caller may not take this step on this case (403), as opposed to the case not allowing it now (409).</summary>
public sealed record NotAllowed(string Message) : Failure(Message);

/// <summary>
/// Everything staff do to a case. Each step is decided by the domain rules (lifecycle, ownership, resolution
/// guard, SLA clock), writes its timeline entry and any notification in the same transaction as the case, and
/// keeps the SLA facts (first response, last update, pauses) and the watcher's next alarm up to date.
/// </summary>
public sealed partial class CaseCommands(
    TouchpointDbContext db, TimeProvider clock, CurrentActor currentActor, IHttpContextAccessor http, CaseSla sla, TroubleTicketEvents ticketEvents)
{
    public async Task<Outcome<Case>> CreateAsync(CreateCaseInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = CaseTime.Now(clock);
        if (input.CustomerId is not { } customerId)
        {
            return new Failure.Invalid("customerId", "customerId is required.");
        }

        if (!CaseTypes.TryParse(input.Type, out var type, out var typeError))
        {
            return new Failure.Invalid("type", typeError);
        }

        // Priority follows harm and urgency; a case nobody rated is of medium priority, not of low.
        var priority = CasePriority.Medium;
        if (input.Priority is not null && !CasePriorities.TryParse(input.Priority, out priority, out var priorityError))
        {
            return new Failure.Invalid("priority", priorityError);
        }

        if (!InteractionChannels.TryParse(input.Channel, out var channel, out var channelError))
        {
            return new Failure.Invalid("channel", channelError);
        }

        var need = input.Need?.Trim();
        if (string.IsNullOrEmpty(need) || need.Length > CaseLimits.NeedLength)
        {
            return new Failure.Invalid("need", $"need is required: what the customer needs, in their words (at most {CaseLimits.NeedLength} characters).");
        }

        var questions = input.Questions ?? [];
        if (questions.Count > CaseLimits.MaxQuestionsAtCreation)
        {
            return new Failure.Invalid("questions", $"A case starts with at most {CaseLimits.MaxQuestionsAtCreation} questions; add more one by one.");
        }

        for (var i = 0; i < questions.Count; i++)
        {
            if (QuestionText(questions[i]) is null)
            {
                return new Failure.Invalid($"questions[{i}]", $"Each question needs its text, in the customer's words (at most {CaseLimits.QuestionLength} characters).");
            }
        }

        string? rootCause = null;
        if (input.RootCause is not null && !RootCauses.TryParse(input.RootCause, out rootCause, out var rootCauseError))
        {
            return new Failure.Invalid("rootCause", rootCauseError);
        }

        string? queue = null;
        if (input.Queue is not null && (queue = QueueId(input.Queue)) is null)
        {
            return new Failure.Invalid("queue", "queue is a queue name: letters, digits and dashes, at most 64 characters.");
        }

        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == customerId, cancellationToken);
        if (customer is null)
        {
            return new Failure.Invalid("customerId", $"There is no customer with id '{customerId}'.");
        }

        if (customer.Status == CustomerStatus.Merged)
        {
            return new Failure.Invalid("customerId", $"Customer {customerId} was merged into {customer.MergedIntoId}; open the case there.");
        }

        if (input.SubscriptionId is { } subscriptionId
            && !await db.Subscriptions.AnyAsync(s => s.Id == subscriptionId && s.CustomerId == customerId, cancellationToken))
        {
            return new Failure.Invalid("subscriptionId", $"Subscription {subscriptionId} is not one of this customer's.");
        }

        var actor = currentActor.Get();
        var callerId = CallerId(actor);
        // Whoever receives it owns it (S2-3); a queue only when the caller says so.
        var owner = queue is null ? new CaseOwner(OwnerKind.User, callerId, actor.DisplayName) : new CaseOwner(OwnerKind.Queue, queue, queue);
        var @case = new Case
        {
            Reference = await NextReferenceAsync(cancellationToken),
            CustomerId = customerId,
            SubscriptionId = input.SubscriptionId,
            Jurisdiction = customer.Jurisdiction,
            Type = type.ToWireName(),
            Priority = priority.ToWireName(),
            Status = CaseStatus.Acknowledged.ToWireName(),
            Channel = channel.ToWireName(),
            NeedStatement = need,
            RootCause = rootCause,
            OwnerKind = owner.Kind.ToWireName(),
            OwnerId = owner.Id,
            OwnerName = owner.Name,
            AccountableUserId = callerId,
            OpenedAt = now,
            OpenedById = callerId,
            OpenedByName = actor.DisplayName,
        };
        db.Cases.Add(@case);
        db.CaseOwnerHistory.Add(new CaseOwnerHistoryEntry
        {
            CaseId = @case.Id, Sequence = 0, OwnerKind = @case.OwnerKind, OwnerId = owner.Id, OwnerName = owner.Name, From = now,
        });
        for (var i = 0; i < questions.Count; i++)
        {
            db.CaseQuestions.Add(new CaseQuestion { CaseId = @case.Id, Position = i, Text = QuestionText(questions[i])!, AskedAt = now });
        }

        var detail = questions.Count == 0
            ? $"Need: {need}"
            : $"Need: {need}\nQuestions: {string.Join(" | ", questions.Select(QuestionText))}";
        db.TimelineEntries.Add(CaseTimeline.Entry(@case, now, actor.DisplayName,
            $"opened ({@case.Type}, {@case.Priority} priority), owned by {owner.Describe()}", detail, @case.Channel));
        sla.Reschedule(@case, [], now);
        db.CaseStatusChanges.Add(CaseStatusChange.Of(@case, now, null, actor.DisplayName));
        await ticketEvents.CreatedAsync(@case, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return @case;
    }

    /// <summary>
    /// A TMF621 status change. The lifecycle decides whether the move exists (409 naming the allowed ones), the
    /// resolution guard whether the case may be resolved or closed (S1-4, S3-4); pending pauses the SLA clock;
    /// resolved back to in progress is a reopening, counted (see <see cref="ReopenAsync"/>); a rejection is written to
    /// the customer, and a rejected complaint names the dispute body of the customer's jurisdiction (ADR) there, on
    /// the timeline and in TMF621.
    /// </summary>
    public async Task<Outcome<Case>> ChangeStatusAsync(Guid id, ChangeCaseStatusInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = CaseTime.Now(clock);
        if (!CaseStatuses.TryParse(input.Status, out var to, out var statusError))
        {
            return new Failure.Invalid("status", statusError);
        }

        var reason = input.Reason?.Trim();
        if (reason?.Length > CaseLimits.ReasonLength)
        {
            return new Failure.Invalid("reason", $"reason is at most {CaseLimits.ReasonLength} characters.");
        }

        string? rootCause = null;
        if (input.RootCause is not null && !RootCauses.TryParse(input.RootCause, out rootCause, out var rootCauseError))
        {
            return new Failure.Invalid("rootCause", rootCauseError);
        }

        var @case = await db.Cases.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (@case is null)
        {
            return CaseNotFound(id);
        }

        var from = CaseWire.Status(@case);
        if (!CaseLifecycle.TryMove(from, to, out var moveError))
        {
            return new Failure.Conflict(moveError, new Dictionary<string, object?>
            {
                ["allowed"] = CaseLifecycle.AllowedFrom(from).Order().Select(s => s.ToWireName()).ToList(),
            });
        }

        if (ResolutionGuard.AppliesTo(to))
        {
            var questions = await db.CaseQuestions.AsNoTracking().Where(q => q.CaseId == id).ToListAsync(cancellationToken);
            var check = ResolutionGuard.Check(CaseWire.Questions(questions), CaseWire.Need(@case));
            if (!check.MayResolve)
            {
                return new Failure.Conflict(check.Error, new Dictionary<string, object?>
                {
                    ["unansweredQuestions"] = check.UnansweredQuestions.Select(q => q.Text).ToList(),
                    ["needUnresolvedWithoutReason"] = check.NeedUnresolvedWithoutReason,
                });
            }
        }

        if (to == CaseStatus.Rejected && string.IsNullOrEmpty(reason))
        {
            return new Failure.Invalid("reason", "A rejection needs a reason: the customer is told why, and where to turn next.");
        }

        var pauses = await db.CasePauses.Where(p => p.CaseId == id).ToListAsync(cancellationToken);
        if (CaseLifecycle.PausesSla(from))
        {
            foreach (var open in pauses.Where(p => p.Until is null))
            {
                open.Until = now;
            }
        }

        if (CaseLifecycle.PausesSla(to))
        {
            var pause = new CasePause { CaseId = id, From = now };
            db.CasePauses.Add(pause);
            pauses.Add(pause);
        }

        @case.Status = to.ToWireName();
        // Telling the customer where their case stands is a response and an update (ISO 10002).
        @case.FirstResponseAt ??= now;
        @case.LastUpdateAt = now;
        if (rootCause is not null)
        {
            @case.RootCause = rootCause;
        }

        var actor = currentActor.Get();
        var what = $"{from.ToWireName()} → {to.ToWireName()}";
        if (to == CaseStatus.Resolved)
        {
            @case.ResolvedAt = now;
        }
        else if (CaseLifecycle.IsReopening(from, to))
        {
            what = Reopened(@case, what, reason, actor, now);
        }

        var detail = reason ?? "";
        if (CaseLifecycle.IsFinal(to))
        {
            @case.ClosedAt = now;
            if (CaseWire.HandoffTo(@case) is { } waiting)
            {
                // A finished case has nothing left to hand over.
                detail = Join(detail, $"The handoff to {waiting.Describe()} was withdrawn.");
                ClearHandoff(@case);
            }
        }

        if (to == CaseStatus.Rejected)
        {
            detail = Join(detail, await RejectedAsync(@case, reason!, now, cancellationToken));
        }

        db.TimelineEntries.Add(CaseTimeline.Entry(@case, now, actor.DisplayName, what, detail));
        sla.Reschedule(@case, pauses, now);
        db.CaseStatusChanges.Add(CaseStatusChange.Of(@case, now, reason, actor.DisplayName));
        await ticketEvents.StatusChangedAsync(@case, now, cancellationToken);
        return await SaveAsync(@case, cancellationToken);
    }

    public async Task<Outcome<(Case Case, CaseQuestion Question)>> AddQuestionAsync(Guid id, AddQuestionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = CaseTime.Now(clock);
        if (QuestionText(input.Text) is not { } text)
        {
            return new Failure.Invalid("text", $"text is required: the customer's question in their words (at most {CaseLimits.QuestionLength} characters).");
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

        var position = await db.CaseQuestions.Where(q => q.CaseId == id).Select(q => (int?)q.Position).MaxAsync(cancellationToken) ?? -1;
        var question = new CaseQuestion { CaseId = id, Position = position + 1, Text = text, AskedAt = now };
        db.CaseQuestions.Add(question);
        db.TimelineEntries.Add(CaseTimeline.Entry(@case, now, currentActor.Get().DisplayName, "the customer asked a question", text));
        var saved = await SaveAsync(@case, cancellationToken);
        return saved.Failure is { } failure ? failure : (@case, question);
    }

    public async Task<Outcome<Case>> AnswerQuestionAsync(Guid id, Guid questionId, AnswerQuestionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = CaseTime.Now(clock);
        var answer = input.Answer?.Trim();
        if (string.IsNullOrEmpty(answer) || answer.Length > CaseLimits.AnswerLength)
        {
            return new Failure.Invalid("answer", $"answer is required: what the customer was told (at most {CaseLimits.AnswerLength} characters).");
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

        var question = await db.CaseQuestions.FirstOrDefaultAsync(q => q.Id == questionId && q.CaseId == id, cancellationToken);
        if (question is null)
        {
            return new Failure.NotFound($"Case {@case.Reference} has no question with id '{questionId}'.");
        }

        if (question.Answer is not null)
        {
            return new Failure.Conflict($"The question \"{question.Text}\" was already answered on {question.AnsweredAt:yyyy-MM-dd} by {question.AnsweredByName}.");
        }

        var actor = currentActor.Get();
        question.Answer = answer;
        question.AnsweredAt = now;
        question.AnsweredById = actor.UserId;
        question.AnsweredByName = actor.DisplayName;
        @case.FirstResponseAt ??= now;
        @case.LastUpdateAt = now;
        db.TimelineEntries.Add(CaseTimeline.Entry(@case, now, actor.DisplayName, "a question was answered", $"Q: {question.Text}\nA: {answer}"));
        await RescheduleAsync(@case, now, cancellationToken);
        return await SaveAsync(@case, cancellationToken);
    }

    /// <summary>Whether the customer's actual need is met, or why not (S3-4); the statement itself stays in their words.</summary>
    public async Task<Outcome<Case>> UpdateNeedAsync(Guid id, UpdateNeedInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = CaseTime.Now(clock);
        if (input.Resolved is not { } resolved)
        {
            return new Failure.Invalid("resolved", "resolved is required: true when the customer's need is met.");
        }

        var reason = input.ReasonNotResolved?.Trim();
        if (reason?.Length > CaseLimits.ReasonLength)
        {
            return new Failure.Invalid("reasonNotResolved", $"reasonNotResolved is at most {CaseLimits.ReasonLength} characters.");
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

        @case.NeedResolved = resolved;
        @case.NeedReasonNotResolved = resolved || string.IsNullOrEmpty(reason) ? null : reason;
        var what = resolved
            ? "the customer's need is met"
            : @case.NeedReasonNotResolved is null ? "the customer's need is not met" : "the customer's need cannot be met";
        db.TimelineEntries.Add(CaseTimeline.Entry(@case, now, currentActor.Get().DisplayName, what,
            Join($"Need: {@case.NeedStatement}", @case.NeedReasonNotResolved is { } why ? $"Why not: {why}" : "")));
        return await SaveAsync(@case, cancellationToken);
    }

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
        else if (QueueId(toQueue) is { } queue)
        {
            to = new CaseOwner(OwnerKind.Queue, queue, queue);
        }
        else
        {
            return new Failure.Invalid("toQueue", "toQueue is a queue name: letters, digits and dashes, at most 64 characters.");
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
        @case.HandoffToKind = request.To.Kind.ToWireName();
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
                $"{@case.Reference}: {actor.DisplayName} asks you to take over this {@case.Type}",
                $"Reason: {request.Reason}. Until you accept, {owner.Describe()} still owns it.", link, @case.CustomerId);
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
                    link, @case.CustomerId);
            }
        }

        db.TimelineEntries.Add(CaseTimeline.Entry(@case, now, actor.DisplayName,
            request.IsBounce ? $"handoff to {request.To.Describe()} requested — bounced back" : $"handoff to {request.To.Describe()} requested",
            $"Reason: {request.Reason}. {owner.Describe()} owns the case until the handoff is accepted."));
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
        history[^1].Until = now;
        db.CaseOwnerHistory.Add(new CaseOwnerHistoryEntry
        {
            CaseId = id, Sequence = history[^1].Sequence + 1, OwnerKind = newOwner.Kind.ToWireName(), OwnerId = newOwner.Id, OwnerName = newOwner.Name, From = now,
        });
        @case.OwnerKind = newOwner.Kind.ToWireName();
        @case.OwnerId = newOwner.Id;
        @case.OwnerName = newOwner.Name;
        @case.AccountableUserId = newOwner.Kind == OwnerKind.User ? newOwner.Id : callerId;
        @case.AcceptedHandoffs = change.Ownership.Handoffs;
        var wasBounce = @case.HandoffIsBounce;
        ClearHandoff(@case);
        db.TimelineEntries.Add(CaseTimeline.Entry(@case, now, actor.DisplayName,
            $"{newOwner.Describe()} took over from {from.Describe()}",
            $"Handoff {@case.AcceptedHandoffs.ToString(CultureInfo.InvariantCulture)}{(wasBounce ? ", back to an earlier owner" : "")}."));
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
            $"handoff to {to.Describe()} declined", $"{CaseWire.Owner(@case).Describe()} keeps the case."));
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
        db.TimelineEntries.Add(CaseTimeline.Entry(@case, now, actor.DisplayName, $"handoff to {to.Describe()} cancelled", $"{owner.Describe()} keeps the case."));
        return await SaveAsync(@case, cancellationToken);
    }

    /// <summary>
    /// Links a contact to the case, so the case counts it (S1-3: nine contacts on one case). An outbound contact
    /// made after the case was opened told the customer something: it is a response and an update for the SLA.
    /// </summary>
    public async Task<Outcome<Case>> LinkContactAsync(Guid id, LinkContactInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = CaseTime.Now(clock);
        if (input.InteractionId is not { } interactionId)
        {
            return new Failure.Invalid("interactionId", "interactionId is required: the contact to link to this case.");
        }

        var @case = await db.Cases.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (@case is null)
        {
            return CaseNotFound(id);
        }

        var interaction = await db.Interactions.FirstOrDefaultAsync(i => i.Id == interactionId, cancellationToken);
        if (interaction is null || interaction.CustomerId != @case.CustomerId)
        {
            return new Failure.Invalid("interactionId", $"There is no contact with id '{interactionId}' with this case's customer.");
        }

        if (interaction.CaseRef == @case.Reference)
        {
            return @case;
        }

        if (interaction.CaseRef is { } other)
        {
            return new Failure.Conflict($"That contact already belongs to case {other}.");
        }

        interaction.CaseRef = @case.Reference;
        await CaseContacts.CountAsync(db, sla, @case, interaction, now, cancellationToken);

        db.TimelineEntries.Add(CaseTimeline.Entry(@case, now, currentActor.Get().DisplayName,
            $"{interaction.Direction} {interaction.Channel} contact linked", $"{interaction.AgentName}: {interaction.Reason}", interaction.Channel));
        return await SaveAsync(@case, cancellationToken);
    }

    private async Task RescheduleAsync(Case @case, DateTime now, CancellationToken cancellationToken)
    {
        var pauses = await db.CasePauses.AsNoTracking().Where(p => p.CaseId == @case.Id).ToListAsync(cancellationToken);
        sla.Reschedule(@case, pauses, now);
    }

    private async Task<Outcome<Case>> SaveAsync(Case @case, CancellationToken cancellationToken)
    {
        // Every step bumps the case's version, even one that adds only a child row; EF checks the version, so two
        // concurrent steps on one case fail instead of merging silently.
        @case.Version++;

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return @case;
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Failure.Conflict($"Case {@case.Reference} was changed by someone else meanwhile; reload it and try again.");
        }
    }

    /// <summary>A refused answer to a handoff: the caller is not the addressee (403), or there is nothing to answer (409).</summary>
    private Failure AnswerRefused(Case @case, string error)
    {
        var to = CaseWire.HandoffTo(@case);
        return to is { Kind: OwnerKind.User } && to.Id != currentActor.Get().UserId ? new NotAllowed(error) : new Failure.Conflict(error);
    }

    private async Task<string> NextReferenceAsync(CancellationToken cancellationToken)
    {
        var taken = await db.Database
            .SqlQuery<long>($"UPDATE \"CaseReferenceCounters\" SET \"Last\" = \"Last\" + 1 WHERE \"Id\" = {CaseReferenceCounter.SingleRowId} RETURNING \"Last\" AS \"Value\"")
            .ToListAsync(cancellationToken);
        return string.Create(CultureInfo.InvariantCulture, $"C-{taken.Single():D6}");
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

    private bool IsLead() => http.HttpContext?.User is { } user && (user.IsInRole(Roles.TeamLead) || user.IsInRole(Roles.Admin));

    private static string CallerId(Actor actor) =>
        actor.UserId ?? throw new InvalidOperationException("Case commands need a signed-in member of staff.");

    private static Failure.Conflict? FinalCase(Case @case) =>
        CaseLifecycle.IsFinal(CaseWire.Status(@case))
            ? new Failure.Conflict($"Case {@case.Reference} is {@case.Status}, which is final; a new problem is a new case.")
            : null;

    private static Failure.NotFound CaseNotFound(Guid id) => new($"There is no case with id '{id}'.");

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

    public static string CustomerLink(Case @case)
    {
        ArgumentNullException.ThrowIfNull(@case);
        return $"/customers/{@case.CustomerId}";
    }

    private static string? QuestionText(string? text)
    {
        var trimmed = text?.Trim();
        return string.IsNullOrEmpty(trimmed) || trimmed.Length > CaseLimits.QuestionLength ? null : trimmed;
    }

    private static string? QueueId(string? text)
    {
        var trimmed = text?.Trim().ToLowerInvariant();
        return trimmed is not null && QueueName().IsMatch(trimmed) ? trimmed : null;
    }

    private static string Join(string first, string second) =>
        first.Length == 0 ? second : second.Length == 0 ? first : $"{first}\n{second}";

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex QueueName();
}
