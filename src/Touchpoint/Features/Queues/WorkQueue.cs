using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Touchpoint.Domain.Cases;

namespace Touchpoint.Features.Queues;

/// <summary>
/// A team queue ("Customer service"): cases and promises it owns wait for one of its members to pick them up (S2-3).
/// Until someone does, its lead is accountable: warnings, breaches and escalations go to them, so work waiting in a
/// queue is never work nobody answers for.
/// </summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "A team's work queue is what staff call it; it is no collection type.")]
public sealed class WorkQueue
{
    public const int MaxNameLength = 100;

    /// <summary>The queue's id on the wire and on a case's owner, e.g. <c>customer-service</c> (<see cref="QueueIds"/>).</summary>
    public required string Id { get; set; }

    public required string Name { get; set; }

    public required string LeadUserId { get; set; }

    public DateTime CreatedAt { get; set; }

    public List<WorkQueueMember> Members { get; } = [];
}

/// <summary>A member of staff who works from a queue and may pick up what it owns.</summary>
public sealed class WorkQueueMember
{
    public required string QueueId { get; set; }

    public required string UserId { get; set; }
}

internal sealed class WorkQueueConfiguration : IEntityTypeConfiguration<WorkQueue>
{
    public void Configure(EntityTypeBuilder<WorkQueue> builder)
    {
        builder.ToTable("WorkQueues");
        builder.Property(q => q.Id).HasMaxLength(QueueIds.MaxLength);
        builder.Property(q => q.Name).HasMaxLength(WorkQueue.MaxNameLength);
        builder.Property(q => q.LeadUserId).HasMaxLength(450);
        builder.HasIndex(q => q.Name).IsUnique();
        builder.HasMany(q => q.Members).WithOne().HasForeignKey(m => m.QueueId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WorkQueueMemberConfiguration : IEntityTypeConfiguration<WorkQueueMember>
{
    public void Configure(EntityTypeBuilder<WorkQueueMember> builder)
    {
        builder.ToTable("WorkQueueMembers");
        builder.HasKey(m => new { m.QueueId, m.UserId });
        builder.Property(m => m.UserId).HasMaxLength(450);
        // My work asks "which queues am I in" on every load.
        builder.HasIndex(m => m.UserId);
    }
}
