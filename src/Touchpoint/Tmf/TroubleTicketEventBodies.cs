using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
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
/// The bodies of queued events, rendered when they are sent: the ticket as its case is now, with the status the
/// event tells of. So an event queued before the rest of its transaction (a ticket created with notes) carries all
/// of it, and an event waiting for a listener shows what the listener would read if it asked.
/// </summary>
public static class TroubleTicketEventBodies
{
    /// <summary>The body of each event in <paramref name="deliveries"/> by event id; none for a case deleted since.</summary>
    public static async Task<Dictionary<Guid, string>> RenderAsync(
        TouchpointDbContext db, IReadOnlyList<TroubleTicketEventDelivery> deliveries, CaseSla sla, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(deliveries);
        var bodies = deliveries.Where(d => d.Payload is not null).DistinctBy(d => d.EventId).ToDictionary(d => d.EventId, d => d.Payload!);
        var toRender = deliveries.Where(d => d.Payload is null).DistinctBy(d => d.EventId).ToList();
        if (toRender.Count == 0)
        {
            return bodies;
        }

        var caseIds = toRender.Select(d => d.CaseId).Distinct().ToList();
        var cases = await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id)).ToListAsync(cancellationToken);
        var parts = await Tmf621TroubleTicketMapping.LoadPartsAsync(db, cases, cancellationToken);
        var tickets = cases.ToDictionary(c => c.Id, c => Tmf621TroubleTicketMapping.ToTmf(c, parts[c.Id], sla, now));
        foreach (var delivery in toRender.Where(d => tickets.ContainsKey(d.CaseId)))
        {
            bodies[delivery.EventId] = Render(delivery, tickets[delivery.CaseId]);
        }

        return bodies;
    }

    private static string Render(TroubleTicketEventDelivery delivery, TmfTroubleTicket ticket) =>
        JsonSerializer.Serialize(new TmfTroubleTicketEvent
        {
            EventId = delivery.EventId.ToString(),
            EventTime = TmfConventions.Timestamp(delivery.EventTime),
            EventType = delivery.EventType,
            Event = new TmfTroubleTicketEventPayload(ticket with
            {
                Status = delivery.Status,
                StatusChangeDate = TmfConventions.Timestamp(delivery.StatusChangeDate),
                StatusChangeReason = delivery.StatusChangeReason,
            }),
        }, TmfConventions.Json);
}
