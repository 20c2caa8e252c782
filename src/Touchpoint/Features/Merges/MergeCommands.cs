using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Platform;
using Touchpoint.Features.Audit;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Interactions;
using Touchpoint.Features.Languages;
using Touchpoint.Features.Privacy.Objection;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Merges;

public sealed record MergeInput(Guid? MergedCustomerId, string? Reason, bool? Moved);

public sealed record MergeDecisionInput(string? Reason);

/// <summary>
/// Merging two customer records into one, and undoing it (issue 26). What the records show decides who may merge them
/// (<see cref="MergeEvidence"/>): on the evidence anyone of the staff, else a team lead or admin with a reason; an
/// agent's request without the evidence waits for one. Every merge records what it moved so it can be undone exactly.
/// </summary>
public sealed class MergeCommands(TouchpointDbContext db, TimeProvider clock, CurrentActor currentActor, MarketingObjections objections)
{
    /// <summary>Merges <paramref name="keptId"/> and <see cref="MergeInput.MergedCustomerId"/> now, or asks a lead to.</summary>
    public async Task<Outcome<CustomerMerge>> MergeOrRequestAsync(Guid keptId, MergeInput input, CancellationToken cancellationToken)
    {
        if (input.MergedCustomerId is not { } mergedId)
        {
            return new Failure.Invalid("mergedCustomerId", "mergedCustomerId is required: the record to merge into this one.");
        }

        if (mergedId == keptId)
        {
            return new Failure.Invalid("mergedCustomerId", "A customer cannot be merged into itself.");
        }

        if (!TryReason(input.Reason, out var reason, out var invalidReason))
        {
            return invalidReason!;
        }

        var moved = input.Moved ?? false;
        if (moved && reason is null)
        {
            return new Failure.Invalid("reason", "Say where the person moved from and when: a move is what lets records of two jurisdictions merge.");
        }

        var kept = await db.Customers.FirstOrDefaultAsync(c => c.Id == keptId, cancellationToken);
        if (kept is null)
        {
            return new Failure.NotFound($"There is no customer with id '{keptId}'.");
        }

        var merged = await db.Customers.FirstOrDefaultAsync(c => c.Id == mergedId, cancellationToken);
        if (merged is null)
        {
            return new Failure.Invalid("mergedCustomerId", $"There is no customer with id '{mergedId}'.");
        }

        if (AlreadyMerged(kept, merged) is { } gone)
        {
            return gone;
        }

        var waiting = await db.CustomerMerges.AsNoTracking()
            .Where(m => m.State == MergeState.Pending
                && ((m.KeptCustomerId == keptId && m.MergedCustomerId == mergedId) || (m.KeptCustomerId == mergedId && m.MergedCustomerId == keptId)))
            .Select(m => (Guid?)m.Id).FirstOrDefaultAsync(cancellationToken);
        if (waiting is { } requestId)
        {
            return new Failure.Conflict($"A merge of these records already waits for a team lead: request {requestId}.",
                new Dictionary<string, object?> { ["mergeRequestId"] = requestId });
        }

        var assessment = await AssessAsync(kept, merged, moved, cancellationToken);
        if (assessment.Verdict == MergeVerdict.Refused)
        {
            return Refused(kept, merged, assessment);
        }

        if (assessment.Verdict == MergeVerdict.Unproven && reason is null)
        {
            var who = MayDecide ? "so the merge needs your reason" : "so a team lead decides";
            return new Failure.Invalid("reason", $"The records do not show one person ({assessment.Summary}), {who}: say why they are one.");
        }

        var actor = currentActor.Get();
        var merge = new CustomerMerge
        {
            KeptCustomerId = keptId,
            MergedCustomerId = mergedId,
            State = MergeState.Pending,
            Moved = moved,
            Evidence = assessment.Summary,
            EvidenceSufficed = assessment.Verdict == MergeVerdict.OnePerson,
            RequestedByUserId = actor.UserId ?? actor.UserName,
            RequestedByName = actor.DisplayName,
            RequestedAt = Now,
            Reason = reason,
        };

        db.CustomerMerges.Add(merge);
        if (assessment.Verdict == MergeVerdict.Unproven && !MayDecide)
        {
            db.RecordEvent(AuditAction.MergeRequested, nameof(Customer), keptId.ToString(),
                Details(merge, $"asks to merge {mergedId} into this record (request {merge.Id})"));
            await db.SaveChangesAsync(cancellationToken);
            return merge;
        }

        // On the evidence the merge is the requester's own; without it, a lead merging directly decides with their reason.
        await PerformAsync(merge, kept, merged, decisionReason: merge.EvidenceSufficed ? null : reason, cancellationToken);
        return merge;
    }

    /// <summary>A team lead or admin approves a waiting request with a reason: the merge happens now.</summary>
    public async Task<Outcome<CustomerMerge>> ApproveAsync(Guid requestId, MergeDecisionInput input, CancellationToken cancellationToken)
    {
        var decision = await LoadDecisionAsync(requestId, input, cancellationToken);
        if (decision.Failure is { } failure)
        {
            return failure;
        }

        var (merge, reason) = decision.Value!;
        var kept = await db.Customers.FirstAsync(c => c.Id == merge.KeptCustomerId, cancellationToken);
        var merged = await db.Customers.FirstAsync(c => c.Id == merge.MergedCustomerId, cancellationToken);
        if (AlreadyMerged(kept, merged) is { } gone)
        {
            return gone;
        }

        // The records may have changed while the request waited: judge them as they are now.
        var assessment = await AssessAsync(kept, merged, merge.Moved, cancellationToken);
        if (assessment.Verdict == MergeVerdict.Refused)
        {
            return Refused(kept, merged, assessment);
        }

        merge.Evidence = assessment.Summary;
        await PerformAsync(merge, kept, merged, reason, cancellationToken);
        return merge;
    }

    /// <summary>A team lead or admin refuses a waiting request, saying why; nothing moves.</summary>
    public async Task<Outcome<CustomerMerge>> RefuseAsync(Guid requestId, MergeDecisionInput input, CancellationToken cancellationToken)
    {
        var decision = await LoadDecisionAsync(requestId, input, cancellationToken);
        if (decision.Failure is { } failure)
        {
            return failure;
        }

        var (merge, reason) = decision.Value!;
        Decide(merge, MergeState.Refused, reason);
        db.RecordEvent(AuditAction.MergeRefused, nameof(Customer), merge.KeptCustomerId.ToString(),
            Details(merge, $"refused the merge of {merge.MergedCustomerId} into this record (request {merge.Id}): {reason}"));
        await db.SaveChangesAsync(cancellationToken);
        return merge;
    }

    /// <summary>
    /// Undoes the merge of <paramref name="mergedId"/> (the record merged away): the rows the merge moved go back, both
    /// records are active again, and what was added to the kept record since stays with it.
    /// </summary>
    public async Task<Outcome<CustomerMerge>> UnmergeAsync(Guid mergedId, MergeDecisionInput input, CancellationToken cancellationToken)
    {
        var decided = LeadsReason(input, "Only a team lead or an admin may undo a merge.", "Say why the merge is undone.");
        if (decided.Value is not { } reason)
        {
            return decided.Failure!;
        }
        var merged = await db.Customers.FirstOrDefaultAsync(c => c.Id == mergedId, cancellationToken);
        if (merged is null)
        {
            return new Failure.NotFound($"There is no customer with id '{mergedId}'.");
        }

        if (merged.Status != CustomerStatus.Merged)
        {
            return new Failure.Conflict($"Customer {mergedId} is not merged into another record; undo a merge from the record that was merged away.");
        }

        var merge = await db.CustomerMerges
            .Where(m => m.MergedCustomerId == mergedId && m.State == MergeState.Merged)
            .OrderByDescending(m => m.DecidedAt).FirstOrDefaultAsync(cancellationToken);
        if (merge?.MovedRows is null)
        {
            return new Failure.Conflict($"Customer {mergedId} was merged before merges recorded what they moved, so the merge cannot be undone.");
        }

        var kept = await db.Customers.FirstAsync(c => c.Id == merge.KeptCustomerId, cancellationToken);
        if (kept.Status == CustomerStatus.Merged)
        {
            return new Failure.Conflict($"Customer {kept.Id}, which {mergedId} was merged into, was itself merged into {kept.MergedIntoId} since; undo that merge first.",
                new Dictionary<string, object?> { ["mergedInto"] = kept.MergedIntoId });
        }

        var now = Now;
        var actor = currentActor.Get();
        var moved = MovedRows.FromJson(merge.MovedRows);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await MergeMoves.MoveBackAsync(db, moved, kept.Id, mergedId, cancellationToken);
        db.CustomerNameTokens.AddRange(CustomerCommands.NameTokens(merged));
        merged.Status = CustomerStatus.Active;
        merged.MergedIntoId = null;
        merged.UpdatedAt = now;
        kept.UpdatedAt = now;
        merge.State = MergeState.Undone;
        merge.UndoneByUserId = actor.UserId ?? actor.UserName;
        merge.UndoneByName = actor.DisplayName;
        merge.UndoneAt = now;
        merge.UndoReason = reason;
        var summary = $"The merge of {merged.Id} into {kept.Id} was undone: {moved.Describe()} moved back. {reason}";
        AddTimeline(kept.Id, "Merge undone", summary, now, StoredText.Of("Timeline.Merge.Undone"));
        AddTimeline(merged.Id, "Merge undone", summary, now, StoredText.Of("Timeline.Merge.Undone"));
        foreach (var customer in new[] { kept.Id, merged.Id })
        {
            db.RecordEvent(AuditAction.Unmerged, nameof(Customer), customer.ToString(),
                Details(merge, $"undid the merge of {merged.Id} into {kept.Id} (merge {merge.Id}): {moved.Describe()} moved back; reason: {reason}"));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return merge;
    }

    private async Task PerformAsync(CustomerMerge merge, Customer kept, Customer merged, string? decisionReason, CancellationToken cancellationToken)
    {
        var now = Now;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var moved = await MergeMoves.MoveAsync(db, merged.Id, kept.Id, cancellationToken);
        await db.CustomerNameTokens.Where(t => t.CustomerId == merged.Id).ExecuteDeleteAsync(cancellationToken);
        merged.Status = CustomerStatus.Merged;
        merged.MergedIntoId = kept.Id;
        merged.UpdatedAt = now;
        kept.UpdatedAt = now;
        Decide(merge, MergeState.Merged, decisionReason);
        merge.MovedRows = moved.ToJson();

        // The person objected, not the record (GDPR-21): the record that stays keeps the objection, with when and how it came.
        if (merged.MarketingObjection && !kept.MarketingObjection)
        {
            var via = Domain.Interactions.InteractionChannels.TryParse(merged.MarketingObjectionVia, out var channel, out _) ? channel : (Domain.Interactions.InteractionChannel?)null;
            await objections.ApplyAsync(kept, via, now, null, cancellationToken);
            kept.MarketingObjectionAt = merged.MarketingObjectionAt ?? now;
        }

        var summary = $"{merged.Name} ({merged.Id}) merged into this record: {moved.Describe()} moved. Evidence: {merge.Evidence}.";
        AddTimeline(kept.Id, "Customers merged", summary, now, StoredText.Of("Timeline.Merge.Merged"));
        AddTimeline(merged.Id, "Merged into another record", $"Merged into {kept.Id}; its history is there now.", now, StoredText.Of("Timeline.Merge.MergedInto"),
            StoredText.Of("Timeline.Merge.HistoryMoved", StoredText.Value(kept.Id.ToString())));
        db.RecordEvent(AuditAction.Merged, nameof(Customer), kept.Id.ToString(),
            Details(merge, $"merged {merged.Id} (merge {merge.Id}): {moved.Describe()}"));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<Outcome<(CustomerMerge Merge, string Reason)>> LoadDecisionAsync(Guid requestId, MergeDecisionInput input, CancellationToken cancellationToken)
    {
        var decided = LeadsReason(input, "Only a team lead or an admin decides a merge request.", "Say why: a decision on a merge request needs a reason.");
        if (decided.Value is not { } reason)
        {
            return decided.Failure!;
        }

        var merge = await db.CustomerMerges.FirstOrDefaultAsync(m => m.Id == requestId, cancellationToken);
        if (merge is null)
        {
            return new Failure.NotFound($"There is no merge request with id '{requestId}'.");
        }

        if (merge.State != MergeState.Pending)
        {
            return new Failure.Conflict($"Merge request {requestId} is {merge.State.ToWireName()}, not pending; it was decided by {merge.DecidedByName}.",
                new Dictionary<string, object?> { ["state"] = merge.State.ToWireName() });
        }

        return (merge, reason);
    }

    private async Task<MergeAssessment> AssessAsync(Customer kept, Customer merged, bool moved, CancellationToken cancellationToken) =>
        MergeEvidence.Assess(await PartyAsync(kept, cancellationToken), await PartyAsync(merged, cancellationToken), moved);

    private async Task<MergeParty> PartyAsync(Customer customer, CancellationToken cancellationToken)
    {
        if (!Jurisdictions.TryParse(customer.Jurisdiction, out var jurisdiction, out _))
        {
            throw new InvalidOperationException($"Customer {customer.Id} has an unknown jurisdiction '{customer.Jurisdiction}'.");
        }

        var stored = await db.CustomerIdentities.AsNoTracking().Where(i => i.CustomerId == customer.Id)
            .Select(i => new { i.Kind, i.Value }).ToListAsync(cancellationToken);
        var identities = stored
            .Select(i => IdentityKinds.TryParse(i.Kind, out var kind, out _) ? new RecordIdentity(kind, i.Value) : null)
            .OfType<RecordIdentity>().ToList();
        return new MergeParty(customer.NameKey, jurisdiction, identities);
    }

    private void Decide(CustomerMerge merge, MergeState state, string? reason)
    {
        var actor = currentActor.Get();
        merge.State = state;
        merge.DecidedByUserId = actor.UserId ?? actor.UserName;
        merge.DecidedByName = actor.DisplayName;
        merge.DecidedAt = Now;
        merge.DecisionReason = reason;
    }

    private bool MayDecide => currentActor.IsInAnyRole(Roles.TeamLead, Roles.Admin);

    private static Failure.Conflict? AlreadyMerged(Customer kept, Customer merged)
    {
        var gone = kept.Status == CustomerStatus.Merged ? kept : merged.Status == CustomerStatus.Merged ? merged : null;
        return gone is null
            ? null
            : new Failure.Conflict($"Customer {gone.Id} was already merged into {gone.MergedIntoId}.",
                new Dictionary<string, object?> { ["mergedInto"] = gone.MergedIntoId });
    }

    private static Failure.Conflict Refused(Customer kept, Customer merged, MergeAssessment assessment) =>
        new($"These records are not merged: {assessment.Summary}. If the person moved, say so (moved: true) with a reason, and merge into the record of where they live now.",
            new Dictionary<string, object?> { ["keptJurisdiction"] = kept.Jurisdiction, ["mergedJurisdiction"] = merged.Jurisdiction });

    /// <summary>An audit entry's details: what was done, the evidence the records gave and every reason given.</summary>
    private static string Details(CustomerMerge merge, string what)
    {
        var reasons = merge.Reason is null ? "" : $"; requester's reason: {merge.Reason}";
        var decision = merge.DecisionReason is null ? "" : $"; {merge.DecidedByName}'s reason: {merge.DecisionReason}";
        return TextLimits.Clip($"{what}. Evidence: {merge.Evidence}{reasons}{decision}", 2000);
    }

    /// <summary>The reason of a lead's decision (approving, refusing, undoing): only a lead or an admin decides, and never without a reason.</summary>
    private Outcome<string> LeadsReason(MergeDecisionInput input, string notALead, string noReason)
    {
        if (!MayDecide)
        {
            return new NotAllowed(notALead);
        }

        if (!TryReason(input.Reason, out var reason, out var invalidReason))
        {
            return invalidReason!;
        }

        return reason is null ? new Failure.Invalid("reason", noReason) : reason;
    }

    /// <summary>A reason as given, trimmed; null when none was. Text a person may not write is refused (<see cref="WrittenText"/>).</summary>
    private static bool TryReason(string? text, out string? reason, out Failure? failure)
    {
        reason = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        failure = reason switch
        {
            { Length: > CustomerMerge.MaxReasonLength } => new Failure.Invalid("reason", $"reason is {reason.Length} characters long; at most {CustomerMerge.MaxReasonLength} are allowed."),
            not null when WrittenText.Problem(reason) is { } problem => new Failure.Invalid("reason", problem),
            _ => null,
        };
        return failure is null;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private void AddTimeline(Guid customerId, string title, string detail, DateTime at, StoredText titleText, StoredText? detailText = null) =>
        db.TimelineEntries.Add(new TimelineEntry
        {
            CustomerId = customerId,
            At = at,
            Kind = TimelineEntryKind.Merge,
            Title = title,
            Detail = detail,
            ActorName = currentActor.Get().DisplayName,
        }.Says(titleText, detailText));
}
