using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Cases;
using Touchpoint.Features.Cases;

namespace Touchpoint.Tmf;

/// <summary>A TMF621 event as a hub receives it (TroubleTicketCreateEvent and its siblings).</summary>
public sealed record TmfTroubleTicketEvent
{
    public required string EventId { get; init; }
    public required string EventTime { get; init; }
    public required string EventType { get; init; }
    public required TmfTroubleTicketEventPayload Event { get; init; }
}

public sealed record TmfTroubleTicketEventPayload(TmfTroubleTicket TroubleTicket);

/// <summary>
/// Queues the TMF621 events of a case change for every hub that wants them, in the unit of work of
/// <see cref="CaseCommands"/>: the rows are saved, or not, with the change itself (the outbox), so no event is lost
/// and none tells of a change that did not happen. With no hub registered this costs one small query.
/// </summary>
public sealed class TroubleTicketEvents(TouchpointDbContext db, CaseSla sla)
{
    public Task CreatedAsync(Case @case, DateTime now, CancellationToken cancellationToken) =>
        QueueAsync(@case, now, [TroubleTicketEventTypes.Create], cancellationToken);

    /// <summary>A status change; reaching resolved is also a TroubleTicketResolvedEvent, sent after it.</summary>
    public Task StatusChangedAsync(Case @case, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(@case);
        return QueueAsync(@case, now,
            CaseWire.Status(@case) == CaseStatus.Resolved
                ? [TroubleTicketEventTypes.StatusChange, TroubleTicketEventTypes.Resolved]
                : [TroubleTicketEventTypes.StatusChange],
            cancellationToken);
    }

    /// <summary>
    /// Brings the tickets in the events this unit of work queued for <paramref name="case"/> up to date, for a
    /// caller that takes several steps in one transaction (a ticket created with notes): nobody has received
    /// them, as they are not committed yet.
    /// </summary>
    public async Task RefreshQueuedAsync(Case @case, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var queued = db.TroubleTicketEventDeliveries.Local.Where(d => d.CaseId == @case.Id && d.DeliveredAt is null).ToList();
        if (queued.Count == 0)
        {
            return;
        }

        var ticket = Tmf621TroubleTicketMapping.ToTmf(@case, await Tmf621TroubleTicketMapping.LoadPendingPartsAsync(db, @case, cancellationToken), sla, now);
        foreach (var delivery in queued)
        {
            delivery.Payload = Payload(delivery.EventId, delivery.EventTime, delivery.EventType, ticket);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task QueueAsync(Case @case, DateTime now, IReadOnlyList<string> eventTypes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var hubs = await db.TroubleTicketHubs.AsNoTracking().Select(h => new { h.Id, h.Query }).ToListAsync(cancellationToken);
        var listeners = eventTypes
            .Select(type => (Type: type, Hubs: hubs.Where(h => HubQuery.Of(h.Query).Matches(type, @case)).Select(h => h.Id).ToList()))
            .Where(e => e.Hubs.Count > 0)
            .ToList();
        if (listeners.Count == 0)
        {
            return;
        }

        var ticket = Tmf621TroubleTicketMapping.ToTmf(@case, await Tmf621TroubleTicketMapping.LoadPendingPartsAsync(db, @case, cancellationToken), sla, now);
        // Changes of one case are serialised by its version, so the next number cannot be taken twice.
        var stored = await db.TroubleTicketEventDeliveries.Where(d => d.CaseId == @case.Id).MaxAsync(d => (long?)d.Sequence, cancellationToken) ?? 0;
        var sequence = db.TroubleTicketEventDeliveries.Local.Where(d => d.CaseId == @case.Id).Select(d => d.Sequence).Append(stored).Max();
        foreach (var (type, hubIds) in listeners)
        {
            sequence++;
            var eventId = Guid.CreateVersion7();
            var payload = Payload(eventId, now, type, ticket);
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
                    Payload = payload,
                    NextAttemptAt = now,
                });
            }
        }
    }

    private static string Payload(Guid eventId, DateTime at, string eventType, TmfTroubleTicket ticket) =>
        JsonSerializer.Serialize(new TmfTroubleTicketEvent
        {
            EventId = eventId.ToString(),
            EventTime = TmfConventions.Timestamp(at),
            EventType = eventType,
            Event = new TmfTroubleTicketEventPayload(ticket),
        }, TmfConventions.Json);
}
