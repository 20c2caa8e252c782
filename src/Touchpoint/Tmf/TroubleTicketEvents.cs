using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Cases;
using Touchpoint.Features.Cases;

namespace Touchpoint.Tmf;

/// <summary>
/// Queues the TMF621 events of a case change for every hub that wants them, in the unit of work of
/// <see cref="CaseCommands"/>: the rows are saved, or not, with the change itself (the outbox), so no event is lost
/// and none tells of a change that did not happen. A row keeps what the event tells (its type, time and the ticket's
/// status then); the ticket is read when the event is sent. With no hub registered this costs one small query.
/// </summary>
public sealed class TroubleTicketEvents(TouchpointDbContext db)
{
    private readonly TransactionMemo<bool, List<HubListening>> registeredHubs = new();

    private sealed record HubListening(Guid Id, string? Query);

    public Task CreatedAsync(Case @case, DateTime now, CancellationToken cancellationToken) =>
        QueueAsync(@case, now, [TroubleTicketEventTypes.Create], cancellationToken);

    /// <summary>A status change; reaching resolved is also a TroubleTicketResolvedEvent, sent after it.</summary>
    public Task StatusChangedAsync(Case @case, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(@case);
        return QueueAsync(@case, now,
            @case.Status == CaseStatus.Resolved
                ? [TroubleTicketEventTypes.StatusChange, TroubleTicketEventTypes.Resolved]
                : [TroubleTicketEventTypes.StatusChange],
            cancellationToken);
    }

    private async Task QueueAsync(Case @case, DateTime now, IReadOnlyList<string> eventTypes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var hubs = await registeredHubs.GetAsync(db, true, ct => db.TroubleTicketHubs.AsNoTracking().Select(h => new HubListening(h.Id, h.Query)).ToListAsync(ct), cancellationToken);
        var listeners = eventTypes
            .Select(type => (Type: type, Hubs: hubs.Where(h => HubQuery.Of(h.Query).Matches(type, @case)).Select(h => h.Id).ToList()))
            .Where(e => e.Hubs.Count > 0)
            .ToList();
        if (listeners.Count == 0)
        {
            return;
        }

        // The change being made is in the context, not yet saved: the status it leaves is among the local rows.
        await db.CaseStatusChanges.Where(s => s.CaseId == @case.Id).LoadAsync(cancellationToken);
        var status = Tmf621TroubleTicketMapping.StatusHistory(@case, db.CaseStatusChanges.Local.Where(s => s.CaseId == @case.Id))[^1];
        // Changes of one case are serialised by its version, so the next number cannot be taken twice.
        var stored = await db.TroubleTicketEventDeliveries.Where(d => d.CaseId == @case.Id).MaxAsync(d => (long?)d.Sequence, cancellationToken) ?? 0;
        var sequence = db.TroubleTicketEventDeliveries.Local.Where(d => d.CaseId == @case.Id).Select(d => d.Sequence).Append(stored).Max();
        foreach (var (type, hubIds) in listeners)
        {
            sequence++;
            var eventId = Guid.CreateVersion7();
            foreach (var hubId in hubIds)
            {
                db.TroubleTicketEventDeliveries.Add(new TroubleTicketEventDelivery
                {
                    HubId = hubId,
                    CaseId = @case.Id,
                    Sequence = sequence,
                    EventId = eventId,
                    EventType = type,
                    EventTime = now,
                    Status = @case.Status.ToWireName(),
                    StatusChangeDate = status.At,
                    StatusChangeReason = status.Reason,
                    NextAttemptAt = now,
                });
            }
        }
    }
}
