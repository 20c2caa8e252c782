using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Touchpoint.Domain.ContactCentre;
using Touchpoint.Features.Audit;

namespace Touchpoint.Features.Telephony;

/// <summary>An agent's state at the switch: one row per member of staff who has ever taken a call.</summary>
public sealed class QueueAgent
{
    public required string UserId { get; set; }

    public AgentState State { get; set; }

    public DateTime Since { get; set; }

    /// <summary>The call the agent is on or dialling; an agent is never in two.</summary>
    public Guid? QueueCallId { get; set; }

    public DateTime LastEventAt { get; set; }
}

/// <summary>An event the switch sent, by its id: a repeat is answered, never applied twice.</summary>
public sealed class TelephonyEvent : IDerivedRow
{
    public const int MaxIdLength = 100;

    public required string EventId { get; set; }

    public required string Kind { get; set; }

    public Guid? QueueCallId { get; set; }

    public string? AgentUserId { get; set; }

    public DateTime ReceivedAt { get; set; }
}

/// <summary>A queue's telephony settings; a queue without a row has the defaults.</summary>
public sealed class CallQueueSettings
{
    public required string QueueId { get; set; }

    public int CallbackThresholdSeconds { get; set; } = (int)CallbackSettings.Default.Threshold.TotalSeconds;

    public int CallbackAttempts { get; set; } = CallbackSettings.Default.Attempts;

    public int CallbackRetryMinutes { get; set; } = (int)CallbackSettings.Default.RetryDelay.TotalMinutes;

    /// <summary>Written as <see cref="OpeningHours"/> reads it; empty: always open.</summary>
    public string OpeningHours { get; set; } = "";

    public CallbackSettings Callbacks => new(TimeSpan.FromSeconds(CallbackThresholdSeconds), CallbackAttempts, TimeSpan.FromMinutes(CallbackRetryMinutes));
}

internal sealed class QueueAgentConfiguration : IEntityTypeConfiguration<QueueAgent>
{
    public void Configure(EntityTypeBuilder<QueueAgent> builder)
    {
        builder.ToTable("QueueAgents");
        builder.HasKey(a => a.UserId);
        builder.Property(a => a.UserId).HasMaxLength(450);
        builder.Property(a => a.State).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class TelephonyEventConfiguration : IEntityTypeConfiguration<TelephonyEvent>
{
    public void Configure(EntityTypeBuilder<TelephonyEvent> builder)
    {
        builder.ToTable("TelephonyEvents");
        builder.HasKey(e => e.EventId);
        builder.Property(e => e.EventId).HasMaxLength(TelephonyEvent.MaxIdLength);
        builder.Property(e => e.Kind).HasMaxLength(30);
        builder.Property(e => e.AgentUserId).HasMaxLength(450);
    }
}

internal sealed class CallQueueSettingsConfiguration : IEntityTypeConfiguration<CallQueueSettings>
{
    public void Configure(EntityTypeBuilder<CallQueueSettings> builder)
    {
        builder.ToTable("CallQueueSettings");
        builder.HasKey(q => q.QueueId);
        builder.Property(q => q.QueueId).HasMaxLength(Domain.Cases.QueueIds.MaxLength);
        builder.Property(q => q.OpeningHours).HasMaxLength(Domain.ContactCentre.OpeningHours.MaxLength);
        builder.HasOne<Queues.WorkQueue>().WithOne().HasForeignKey<CallQueueSettings>(q => q.QueueId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(q => q.Callbacks);
    }
}
