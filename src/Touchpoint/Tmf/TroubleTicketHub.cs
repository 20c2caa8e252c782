using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Touchpoint.Features.Audit;
using Touchpoint.Features.Cases;

namespace Touchpoint.Tmf;

/// <summary>The TMF621 events Touchpoint sends to registered hubs.</summary>
public static class TroubleTicketEventTypes
{
    public const string Create = "TroubleTicketCreateEvent";
    public const string StatusChange = "TroubleTicketStatusChangeEvent";
    public const string Resolved = "TroubleTicketResolvedEvent";

    public static IReadOnlyList<string> All { get; } = [Create, StatusChange, Resolved];
}

/// <summary>
/// A listener registered through <c>POST /tmf-api/troubleTicket/v4/hub</c>: every matching case event is queued
/// for it in <see cref="TroubleTicketEventDelivery"/> rows. The delivery counters say whether it is reachable.
/// </summary>
public sealed class TroubleTicketHub
{
    public const int CallbackLength = 2000;
    public const int QueryLength = 1000;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The absolute http(s) URL events are POSTed to.</summary>
    public required string Callback { get; set; }

    /// <summary>Which events the listener wants (see <see cref="HubQuery"/>); null for all.</summary>
    public string? Query { get; set; }

    public DateTime CreatedAt { get; set; }
    public required string CreatedByName { get; set; }

    /// <summary>Deliveries that failed because the listener was unreachable since the last one that succeeded.</summary>
    public int ConsecutiveFailures { get; set; }

    public DateTime? LastDeliveredAt { get; set; }
    public string? LastError { get; set; }
}

/// <summary>
/// One event waiting for, or given to, one hub: the outbox. Rows are written by <see cref="CaseCommands"/> in the
/// transaction that changes the case, so an event exists exactly when its change does, and are sent by
/// <see cref="OutboxDelivery"/>. A row is never dropped while its hub is registered: after a failure
/// <see cref="NextAttemptAt"/> moves on by a growing delay, and it is null only once the hub took the event.
/// </summary>
public sealed class TroubleTicketEventDelivery : IDerivedRow
{
    public const int ErrorLength = 1000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid HubId { get; set; }
    public Guid CaseId { get; set; }

    /// <summary>The event's place among the events of its case (1, 2, …): a hub gets a case's events in this order.</summary>
    public long Sequence { get; set; }

    /// <summary>The TMF eventId; the same for every hub the event goes to, so a listener can drop a repeat.</summary>
    public Guid EventId { get; set; }

    public required string EventType { get; set; }
    public DateTime EventTime { get; set; }

    /// <summary>
    /// The ticket's status when the event happened, with <see cref="StatusChangeDate"/> and
    /// <see cref="StatusChangeReason"/>: what the event tells. The rest of the ticket is read when the event is sent
    /// (<see cref="TroubleTicketEventBodies"/>).
    /// </summary>
    public required string Status { get; set; }

    public DateTime StatusChangeDate { get; set; }
    public string? StatusChangeReason { get; set; }

    /// <summary>
    /// Only on events queued before bodies were rendered when sent: the body as it was rendered then, sent as it is.
    /// </summary>
    public string? Payload { get; set; }

    public int Attempts { get; set; }

    /// <summary>When to try (again); while an attempt runs, the end of its lease. Null once delivered.</summary>
    public DateTime? NextAttemptAt { get; set; }

    public DateTime? LastAttemptAt { get; set; }
    public string? LastError { get; set; }
    public DateTime? DeliveredAt { get; set; }
}

internal sealed class TroubleTicketHubConfiguration : IEntityTypeConfiguration<TroubleTicketHub>
{
    public void Configure(EntityTypeBuilder<TroubleTicketHub> builder)
    {
        builder.ToTable("TroubleTicketHubs");
        builder.Property(h => h.Callback).HasMaxLength(TroubleTicketHub.CallbackLength);
        builder.Property(h => h.Query).HasMaxLength(TroubleTicketHub.QueryLength);
        builder.Property(h => h.CreatedByName).HasMaxLength(200);
        builder.Property(h => h.LastError).HasMaxLength(TroubleTicketEventDelivery.ErrorLength);
    }
}

internal sealed class TroubleTicketEventDeliveryConfiguration : IEntityTypeConfiguration<TroubleTicketEventDelivery>
{
    public void Configure(EntityTypeBuilder<TroubleTicketEventDelivery> builder)
    {
        builder.ToTable("TroubleTicketEventDeliveries");
        builder.Property(d => d.EventType).HasMaxLength(64);
        builder.Property(d => d.Status).HasMaxLength(16);
        builder.Property(d => d.LastError).HasMaxLength(TroubleTicketEventDelivery.ErrorLength);
        // Unregistering a hub drops what was queued for it: nobody is listening any more.
        builder.HasOne<TroubleTicketHub>().WithMany().HasForeignKey(d => d.HubId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Case>().WithMany().HasForeignKey(d => d.CaseId).OnDelete(DeleteBehavior.Cascade);
        // The delivery reads only rows due now, from this index.
        builder.HasIndex(d => d.NextAttemptAt);
        // A case's next sequence number, and "is an earlier event of this case still waiting for this hub?".
        builder.HasIndex(d => new { d.CaseId, d.HubId, d.Sequence }).IsUnique();
        // Holding back a hub's queue while it is unreachable.
        builder.HasIndex(d => new { d.HubId, d.NextAttemptAt });
    }
}
