using Microsoft.EntityFrameworkCore;
using Touchpoint.Domain.Cases;
using Touchpoint.Features.Languages;
using Touchpoint.Features.Queues;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Cases;

public sealed partial class CaseCommands
{
    /// <summary>
    /// A member of the queue that owns the case picks it up (S2-3): from now on they own it and answer for it, and the
    /// queue's lead no longer does. Only the queue's members and its lead may; two at once cannot both get it.
    /// </summary>
    public async Task<Outcome<Case>> ClaimAsync(Guid id, CancellationToken cancellationToken)
    {
        var now = CaseTime.Now(clock);
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
        var queue = CaseWire.Owner(@case);
        if (queue.Kind == OwnerKind.Queue && !await WorkQueues.MayClaimAsync(db, queue.Id, callerId, cancellationToken))
        {
            return new NotAllowed($"Only members of {queue.Describe()} and its lead can pick up case {@case.Reference}.");
        }

        var history = await db.CaseOwnerHistory.Where(h => h.CaseId == id).OrderBy(h => h.Sequence).ToListAsync(cancellationToken);
        var change = CaseWire.Ownership(@case, history).Claim(new CaseOwner(OwnerKind.User, callerId, actor.DisplayName));
        if (!change.Succeeded)
        {
            return new Failure.Conflict(change.Error);
        }

        var claimer = change.Ownership.Owner;
        MoveTo(@case, history, change.Ownership, claimer.Id, now);
        db.TimelineEntries.Add(CaseTimeline.Entry(@case, now, actor.DisplayName,
            $"{claimer.Name} picked the case up from {queue.Describe()}", $"{claimer.Name} owns case {@case.Reference} now.",
            whatText: StoredText.Of("Timeline.Case.PickedUp", StoredText.Value(claimer.Name), CaseTimeline.Owner(queue)),
            detailText: StoredText.Of("Timeline.Case.OwnsNow", StoredText.Value(claimer.Name), StoredText.Value(@case.Reference))));
        return await SaveAsync(@case, cancellationToken);
    }
}
