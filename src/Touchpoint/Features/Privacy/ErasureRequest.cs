using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Touchpoint.Features.Customers;

namespace Touchpoint.Features.Privacy;

/// <summary>Where an erasure request stands: recorded, given a day, carried out, or withdrawn.</summary>
public enum ErasureState
{
    Pending,
    Scheduled,
    Done,
    Cancelled,
}

public static class ErasureStates
{
    public static string ToWireName(this ErasureState state) => state switch
    {
        ErasureState.Pending => "pending",
        ErasureState.Scheduled => "scheduled",
        ErasureState.Done => "done",
        ErasureState.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };
}

/// <summary>
/// A customer's request to have his personal data erased (GDPR Art. 17), as a tracked request: recorded by whoever
/// heard it (pending), given a day within the month by a team lead or an admin (scheduled), and carried out on that
/// day by <see cref="ErasureExecution"/> (done), with what became of each kind of record.
/// </summary>
public sealed class ErasureRequest
{
    public const int ReasonLength = 1000;
    public const int OutcomeLength = 4000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CustomerId { get; set; }

    /// <summary>The channel the customer asked through (phone, e-mail, store, …): its wire name.</summary>
    public required string ReceivedVia { get; set; }

    public DateTime RequestedAt { get; set; }
    public required string RequestedByUserId { get; set; }
    public required string RequestedByName { get; set; }

    /// <summary>The last day the law allows: a month after the request (GDPR Art. 12(3)).</summary>
    public DateOnly AnswerBy { get; set; }

    public required ErasureState State { get; set; }

    /// <summary>The day it is carried out; set when scheduled.</summary>
    public DateOnly? ScheduledFor { get; set; }

    /// <summary>When <see cref="ErasureExecution"/> carries it out; null unless scheduled.</summary>
    public DateTime? DueAt { get; set; }

    public string? ScheduledByName { get; set; }
    public DateTime? DoneAt { get; set; }

    /// <summary>What was deleted, anonymised and kept, per kind of record, as the timeline and the audit tell it.</summary>
    public string? Outcome { get; set; }

    public DateTime? CancelledAt { get; set; }
    public string? CancelledByName { get; set; }
    public string? CancelReason { get; set; }
}

internal sealed class ErasureRequestConfiguration : IEntityTypeConfiguration<ErasureRequest>
{
    public void Configure(EntityTypeBuilder<ErasureRequest> builder)
    {
        builder.ToTable("ErasureRequests");
        builder.Property(r => r.ReceivedVia).HasMaxLength(16);
        builder.Property(r => r.RequestedByUserId).HasMaxLength(64);
        builder.Property(r => r.RequestedByName).HasMaxLength(200);
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.ScheduledByName).HasMaxLength(200);
        builder.Property(r => r.Outcome).HasMaxLength(ErasureRequest.OutcomeLength);
        builder.Property(r => r.CancelledByName).HasMaxLength(200);
        builder.Property(r => r.CancelReason).HasMaxLength(ErasureRequest.ReasonLength);
        builder.HasOne<Customer>().WithMany().HasForeignKey(r => r.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.CustomerId, r.RequestedAt });
        builder.HasIndex(r => r.DueAt);
    }
}
