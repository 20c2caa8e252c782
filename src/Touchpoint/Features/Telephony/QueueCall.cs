using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Touchpoint.Domain.Cases;
using Touchpoint.Domain.ContactCentre;
using Touchpoint.Features.Audit;

namespace Touchpoint.Features.Telephony;

/// <summary>
/// A call to a queue as the switch reports it: on the line, with an agent, or a callback keeping the place the call
/// had. Touchpoint holds no audio; it holds who called, when they entered (their place), what they were told and
/// what became of them.
/// </summary>
public sealed class QueueCall
{
    public const int MaxCallIdLength = 100;
    public const int MaxReasonLength = 200;
    public const int MaxNumberLength = 32;

    public Guid Id { get; set; }

    /// <summary>The switch's id for the call (an ARI channel id, a Connect ContactId, a Genesys conversation id).</summary>
    public required string CallId { get; set; }

    public required string QueueId { get; set; }

    /// <summary>E.164; null when the caller withheld it.</summary>
    [PersonalData]
    public string? CallerNumber { get; set; }

    /// <summary>The customer the number belongs to; null for an unknown number, which stays anonymous.</summary>
    public Guid? CustomerId { get; set; }

    /// <summary>What the caller chose in the IVR, for the agent who takes or returns the call.</summary>
    [PersonalData]
    public string? Reason { get; set; }

    public string? Language { get; set; }

    /// <summary>When the call entered the queue: its place in line, which a callback keeps.</summary>
    public DateTime EnteredAt { get; set; }

    public CallState State { get; set; }

    public string? AgentUserId { get; set; }

    public DateTime? ConnectedAt { get; set; }

    public DateTime? EndedAt { get; set; }

    /// <summary>The time of the last event applied: an older one arrives out of order and is refused.</summary>
    public DateTime LastEventAt { get; set; }

    public DateTime? CallbackAcceptedAt { get; set; }

    /// <summary>Where to call back: the caller's number unless they gave another.</summary>
    [PersonalData]
    public string? CallbackNumber { get; set; }

    /// <summary>Not dialled before this: the time the caller chose, or the retry delay after an unanswered attempt.</summary>
    public DateTime? CallbackNotBefore { get; set; }

    public int CallbackAttempts { get; set; }

    public Guid? CallbackPromiseId { get; set; }

    /// <summary>Bumped by every event: two events on one call at the same moment cannot both apply.</summary>
    public int Version { get; set; }
}

/// <summary>A wait estimate given to a caller, and, once they reached an agent, the wait they then had.</summary>
public sealed class QueueCallEstimate : IDerivedRow
{
    public long Id { get; set; }

    public Guid QueueCallId { get; set; }

    public required string QueueId { get; set; }

    public DateTime GivenAt { get; set; }

    /// <summary>Null when nothing could be estimated (<see cref="EstimateBasis.None"/>).</summary>
    public double? EstimatedSeconds { get; set; }

    public EstimateBasis Basis { get; set; }

    /// <summary>From <see cref="GivenAt"/> to the agent; null while waiting or when the caller never reached one.</summary>
    public double? ActualSeconds { get; set; }
}

internal sealed class QueueCallConfiguration : IEntityTypeConfiguration<QueueCall>
{
    public void Configure(EntityTypeBuilder<QueueCall> builder)
    {
        builder.ToTable("QueueCalls");
        builder.Property(c => c.CallId).HasMaxLength(QueueCall.MaxCallIdLength);
        builder.HasIndex(c => c.CallId).IsUnique();
        builder.Property(c => c.QueueId).HasMaxLength(QueueIds.MaxLength);
        builder.Property(c => c.CallerNumber).HasMaxLength(QueueCall.MaxNumberLength);
        builder.Property(c => c.CallbackNumber).HasMaxLength(QueueCall.MaxNumberLength);
        builder.Property(c => c.Reason).HasMaxLength(QueueCall.MaxReasonLength);
        builder.Property(c => c.Language).HasMaxLength(16);
        builder.Property(c => c.AgentUserId).HasMaxLength(450);
        builder.Property(c => c.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Version).IsConcurrencyToken();
        // Position and the board count who is in line per queue, oldest first.
        builder.HasIndex(c => new { c.QueueId, c.State, c.EnteredAt });
        // The handling time reads the latest calls ended, newest first, from one index range however many ended before.
        builder.HasIndex(c => new { c.QueueId, c.State, c.EndedAt });
        builder.HasIndex(c => c.CustomerId);
        // The hour's arrivals (and the board's day) are counted from the index alone: it carries the state.
        builder.HasIndex(c => new { c.QueueId, c.EnteredAt, c.State });
    }
}

internal sealed class QueueCallEstimateConfiguration : IEntityTypeConfiguration<QueueCallEstimate>
{
    public void Configure(EntityTypeBuilder<QueueCallEstimate> builder)
    {
        builder.ToTable("QueueCallEstimates");
        builder.Property(e => e.QueueId).HasMaxLength(QueueIds.MaxLength);
        builder.Property(e => e.Basis).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<QueueCall>().WithMany().HasForeignKey(e => e.QueueCallId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.QueueId, e.GivenAt });
    }
}
