using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Feedback;
using Touchpoint.Domain.Interactions;
using Touchpoint.Domain.Promises;
using Touchpoint.Features.Feedback;
using Touchpoint.Features.Interactions;
using Touchpoint.Features.Languages;

namespace Touchpoint.Features.Promises;

/// <summary>What an act did to one promise: kept it, kept it late, or broke it by coming after the due time.</summary>
public sealed record KeepResult(PromiseRecord Promise, string Reason);

/// <summary>
/// Keeps promises by the acts that fulfil them, never by a tick-box (S4-2): a recorded outbound call keeps an open
/// callback to that customer, in the same transaction as the call itself. Which act keeps which kind of promise,
/// and whether it came in time, is the domain's <see cref="PromiseFulfilment"/>; this class finds the candidates,
/// locks them against the watcher, and writes what follows.
/// </summary>
public sealed class PromiseKeeping(TouchpointDbContext db, PromiseWatch watch, TimeProvider clock, CustomerVoices voices, SurveyScheduling surveys)
{
    /// <summary>
    /// Saves the pending changes (the act's own rows) together with what the act does to the customer's promises.
    /// One act keeps at most one promise — the first due that it keeps in time, else one it keeps late — so a single
    /// call cannot tick off every promise the customer holds and flatter the kept-rate.
    /// </summary>
    /// <param name="interactionId">The contact that is the act, recorded on the promise it keeps.</param>
    /// <param name="actorName">Who did it, for the timeline.</param>
    /// <returns>What happened to the promise the act fulfilled; null when it fulfilled none.</returns>
    public async Task<KeepResult?> SaveWithActAsync(PromiseAct act, Guid? interactionId, string actorName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(act);

        // The common case, a contact with a customer who is waiting for nothing, costs one indexed look-up and no transaction.
        if (!await Keepable(db.Promises, act.CustomerId).AnyAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }

        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var chosen = Choose(act, await LockKeepableAsync(act.CustomerId, cancellationToken));
        if (chosen is not null)
        {
            await RecordAsync(chosen.Record, chosen.Before, chosen.After, chosen.Reason, act, interactionId, actorName, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return chosen is null ? null : new KeepResult(chosen.Record, chosen.Reason);
    }

    /// <summary>Which of <paramref name="customerIds"/> hold a promise an act may still fulfil: one query for a batch of acts.</summary>
    public async Task<HashSet<Guid>> WaitingAsync(IReadOnlyCollection<Guid> customerIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customerIds);
        if (customerIds.Count == 0)
        {
            return [];
        }

        var waiting = await db.Promises
            .Where(p => customerIds.Contains(p.CustomerId) && (p.State == PromiseState.Open || (p.State == PromiseState.Broken && p.FulfilledAt == null)))
            .Select(p => p.CustomerId).Distinct().ToListAsync(cancellationToken);
        return [.. waiting];
    }

    /// <summary>A recorded contact as the act it is.</summary>
    public static InteractionAct ActOf(Interaction interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        return new InteractionAct(interaction.CustomerId, interaction.OccurredAt, interaction.Channel, interaction.Direction)
        {
            SubscriptionId = interaction.SubscriptionId,
            CaseRef = interaction.CaseRef,
        };
    }

    /// <summary>Applies an act to one named promise (a technician visit done, a refund booked); saves nothing.</summary>
    /// <returns>Whether the act kept the promise (in time or late), and the domain's reason either way.</returns>
    public async Task<(bool Applied, string Reason)> ApplyToAsync(PromiseRecord record, PromiseAct act, string actorName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var before = record.ToDomain();
        if (!before.TryKeep(act, out var after, out var reason))
        {
            return (false, reason);
        }

        await RecordAsync(record, before, after, reason, act, null, actorName, cancellationToken);
        return (true, reason);
    }

    /// <summary>Open promises, and broken ones not yet done late: what an act may still fulfil.</summary>
    private static IQueryable<PromiseRecord> Keepable(IQueryable<PromiseRecord> promises, Guid customerId) =>
        promises.Where(p => p.CustomerId == customerId && (p.State == PromiseState.Open || (p.State == PromiseState.Broken && p.FulfilledAt == null)));

    /// <summary>
    /// Reads the candidates under a row lock (<see cref="RowLocks"/>): a watcher breaking one of them at this moment
    /// either finishes first (and the act then keeps it late) or skips it and finds it kept.
    /// </summary>
    private Task<List<PromiseRecord>> LockKeepableAsync(Guid customerId, CancellationToken cancellationToken) =>
        db.LockAsync(Keepable(db.Promises, customerId).OrderBy(p => p.DueAt), cancellationToken);

    private static Verdict? Choose(PromiseAct act, IEnumerable<PromiseRecord> candidates)
    {
        Verdict? late = null;
        foreach (var record in candidates.OrderBy(p => p.DueAt).ThenBy(p => p.Id))
        {
            var before = record.ToDomain();
            if (!before.TryKeep(act, out var after, out var reason))
            {
                continue;
            }

            var verdict = new Verdict(record, before, after, reason);
            if (after.State == PromiseState.Kept)
            {
                return verdict;
            }

            late ??= verdict;
        }

        return late;
    }

    private async Task RecordAsync(
        PromiseRecord record, Promise before, Promise after, string reason, PromiseAct act, Guid? interactionId, string actorName, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        record.Apply(after, watch, now);
        record.FulfilledByInteractionId = interactionId;
        var events = new PromiseEvents(db);
        var channel = act is InteractionAct contact ? contact.Channel : (InteractionChannel?)null;
        if (after.State == PromiseState.Kept)
        {
            events.Kept(record, reason, actorName, channel);
        }
        else if (before.State == PromiseState.Open)
        {
            // Done, but after the due time and before the watcher noticed: broken all the same, with the same alerts.
            await events.BrokenAsync(record, reason, voices, now, cancellationToken);
            MadeGood(events, record, reason, actorName, channel, now);
        }
        else
        {
            MadeGood(events, record, reason, actorName, channel, now);
        }
    }

    /// <summary>A broken promise kept after all: on the timeline, and the customer is asked whether it was made good.</summary>
    private void MadeGood(PromiseEvents events, PromiseRecord record, string reason, string actorName, InteractionChannel? channel, DateTime now)
    {
        events.KeptLate(record, reason, actorName, channel);
        surveys.Schedule(db, new SurveyOccasion(SurveyTrigger.PromiseMadeGood, record.CustomerId, record.Id, record.CaseRef, record.OwnerUserId, null, null,
            channel?.ToWireName()), now);
    }

    private sealed record Verdict(PromiseRecord Record, Promise Before, Promise After, string Reason);
}
