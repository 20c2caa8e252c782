using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Telephony;

/// <summary>An event let through: when it happened, or, for one received before, what it was about.</summary>
/// <param name="Repeat">The event as first received; null for a new one.</param>
public sealed record GatedEvent(DateTime At, TelephonyEvent? Repeat)
{
    public bool IsRepeat => Repeat is not null;
}

/// <summary>
/// Every event from the switch passes here first: its id is checked against those received (a switch retries, and a
/// retried "end" must not end a call twice) and its time against the clock. The id is stored in the unit of work that
/// applies the event, so an event is either applied and remembered or neither; two nodes racing with the same id
/// meet at its primary key, and the second is answered 409 with nothing saved.
/// </summary>
public sealed class EventGate(TouchpointDbContext db, TimeProvider clock)
{
    /// <summary>A switch's clock may run this far ahead of ours.</summary>
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<Outcome<GatedEvent>> PassAsync(string? eventId, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        var id = eventId?.Trim();
        if (string.IsNullOrEmpty(id) || id.Length > TelephonyEvent.MaxIdLength)
        {
            return new Failure.Invalid("eventId", $"eventId is required: the switch's own id for this event (at most {TelephonyEvent.MaxIdLength} characters), so a retried event is applied once.");
        }

        var now = Now;
        var when = at?.UtcDateTime ?? now;
        if (when > now + Skew)
        {
            return new Failure.Invalid("at", $"at ({when:u}) is in the future; Touchpoint's clock says {now:u}.");
        }

        var seen = await db.TelephonyEvents.AsNoTracking().FirstOrDefaultAsync(e => e.EventId == id, cancellationToken);
        return new GatedEvent(when, seen);
    }

    /// <summary>Remembers the event in the unit of work that applies it.</summary>
    public void Remember(string eventId, string kind, Guid? callId, string? agentUserId) =>
        db.TelephonyEvents.Add(new TelephonyEvent { EventId = eventId.Trim(), Kind = kind, QueueCallId = callId, AgentUserId = agentUserId, ReceivedAt = Now });
}
