using Microsoft.EntityFrameworkCore;
using Touchpoint.Domain.Interactions;
using Touchpoint.Domain.Promises;
using Touchpoint.Features.Cases;
using Touchpoint.Features.Queues;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Promises;

/// <summary>Who owns a new promise, and a member of a queue picking up one that waits there (S2-3).</summary>
public sealed partial class PromiseCommands
{
    /// <summary>
    /// A member of the queue the promise waits in picks it up: from now on it is theirs to keep, and warnings go to them
    /// instead of the queue's lead. A broken promise still owed can be picked up too: someone has to make it good.
    /// </summary>
    public async Task<Outcome<PromiseRecord>> ClaimAsync(Guid id, CancellationToken cancellationToken)
    {
        var record = await db.Promises.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (record is null)
        {
            return NotFound(id);
        }

        if (record.OwnerQueueId is not { } queueId)
        {
            return new Failure.Conflict("The promise is not waiting in a queue; its owner keeps it, or a team lead hands it on.",
                new Dictionary<string, object?> { ["ownerUserId"] = record.OwnerUserId });
        }

        var promise = record.ToDomain();
        if (promise.State != PromiseState.Open && !promise.IsOwed)
        {
            return new Failure.Conflict($"The promise is {record.State.ToWireName()}; there is nothing left to pick up.",
                new Dictionary<string, object?> { ["state"] = record.State.ToWireName() });
        }

        var actor = currentActor.Get();
        var callerId = CallerId;
        if (!await WorkQueues.MayClaimAsync(db, queueId, callerId, cancellationToken))
        {
            return new NotAllowed($"Only members of the queue '{queueId}' and its lead can pick up this promise.");
        }

        var queueName = await db.WorkQueues.Where(q => q.Id == queueId).Select(q => q.Name).FirstOrDefaultAsync(cancellationToken) ?? queueId;
        record.OwnerUserId = callerId;
        record.OwnerQueueId = null;
        record.Version++;
        new PromiseEvents(db).Claimed(record, actor.DisplayName, queueName, Now);
        return await SaveAsync(record, cancellationToken);
    }

    /// <summary>
    /// The owner of a new promise: a queue when one is named (its lead answers for it until a member picks it up), a
    /// named member of own staff, or else the caller.
    /// </summary>
    private async Task<Outcome<(string UserId, string Name, string? QueueId)>> OwnerOfNewAsync(MakePromiseInput input, CancellationToken cancellationToken)
    {
        var namedUser = !string.IsNullOrWhiteSpace(input.OwnerUserId);
        if (!string.IsNullOrWhiteSpace(input.OwnerQueue))
        {
            if (namedUser)
            {
                return new Failure.Invalid("ownerQueue", "Give either ownerUserId (a person) or ownerQueue (a team queue) to own the promise, not both.");
            }

            var named = await WorkQueues.NamedAsync(db, input.OwnerQueue, "ownerQueue", cancellationToken);
            return named.Value is { } queue ? (queue.LeadUserId, $"the {queue.Name} queue", queue.Id) : named.Failure!;
        }

        var ownerId = namedUser ? input.OwnerUserId!.Trim() : CallerId;
        return await OwnStaffNameAsync(ownerId, cancellationToken) is { } name
            ? (ownerId, name, null)
            : new Failure.Invalid("ownerUserId", $"There is no member of staff with id '{ownerId}' to own the promise; a partner agent cannot own one.");
    }

    /// <summary>The channel the caller works in (a store clerk: store), as their user record says; phone when it says nothing.</summary>
    private async Task<string> OwnChannelAsync(CancellationToken cancellationToken)
    {
        var userId = currentActor.Get().UserId;
        var channel = userId is null ? null : await db.Users.Where(u => u.Id == userId).Select(u => u.Channel).FirstOrDefaultAsync(cancellationToken);
        return (channel ?? InteractionChannel.Phone).ToWireName();
    }
}
