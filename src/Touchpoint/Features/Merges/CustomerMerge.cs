using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Touchpoint.Domain.Customers;

namespace Touchpoint.Features.Merges;

/// <summary>
/// The rows a merge moved from the merged record to the kept one, by kind, so that undoing it moves exactly these back
/// and leaves what was added to the kept record since.
/// </summary>
public sealed record MovedRows(
    IReadOnlyList<long> Identities, IReadOnlyList<Guid> Subscriptions, IReadOnlyList<Guid> Interactions,
    IReadOnlyList<long> TimelineEntries, IReadOnlyList<Guid> Promises)
{
    public string Describe() =>
        $"{Identities.Count} identities, {Subscriptions.Count} subscriptions, {Interactions.Count} interactions, " +
        $"{TimelineEntries.Count} timeline entries, {Promises.Count} promises";

    public string ToJson() => JsonSerializer.Serialize(this);

    public static MovedRows FromJson(string json) =>
        JsonSerializer.Deserialize<MovedRows>(json) ?? throw new InvalidOperationException("A merge's moved rows are not readable.");
}

/// <summary>
/// One merge of two customer records, from the request to its undoing: who asked and why, the evidence the records gave,
/// who decided, and what moved.
/// </summary>
public sealed class CustomerMerge
{
    public const int MaxReasonLength = 1000;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The record that stays and receives the other's rows (the one under the jurisdiction a person moved to).</summary>
    public Guid KeptCustomerId { get; set; }

    /// <summary>The record merged away; while merged it points at <see cref="KeptCustomerId"/>.</summary>
    public Guid MergedCustomerId { get; set; }

    public MergeState State { get; set; }

    /// <summary>The caller said the person moved, which is what lets records of two jurisdictions merge.</summary>
    public bool Moved { get; set; }

    /// <summary>What the records share or lack (<see cref="Domain.Customers.MergeAssessment"/>), without personal values.</summary>
    public required string Evidence { get; set; }

    /// <summary>True when the evidence alone allowed the merge, false when it took a lead.</summary>
    public bool EvidenceSufficed { get; set; }

    public required string RequestedByUserId { get; set; }
    public required string RequestedByName { get; set; }
    public DateTime RequestedAt { get; set; }

    /// <summary>Why the requester holds these to be one person; required whenever the evidence does not show it.</summary>
    public string? Reason { get; set; }

    public string? DecidedByUserId { get; set; }
    public string? DecidedByName { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DecisionReason { get; set; }

    /// <summary>JSON of <see cref="Merges.MovedRows"/>; null until merged.</summary>
    public string? MovedRows { get; set; }

    public string? UndoneByUserId { get; set; }
    public string? UndoneByName { get; set; }
    public DateTime? UndoneAt { get; set; }
    public string? UndoReason { get; set; }
}

internal sealed class CustomerMergeConfiguration : IEntityTypeConfiguration<CustomerMerge>
{
    public void Configure(EntityTypeBuilder<CustomerMerge> builder)
    {
        builder.ToTable("CustomerMerges");
        builder.Property(m => m.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Evidence).HasMaxLength(1000);
        builder.Property(m => m.RequestedByUserId).HasMaxLength(450);
        builder.Property(m => m.RequestedByName).HasMaxLength(200);
        builder.Property(m => m.Reason).HasMaxLength(CustomerMerge.MaxReasonLength);
        builder.Property(m => m.DecidedByUserId).HasMaxLength(450);
        builder.Property(m => m.DecidedByName).HasMaxLength(200);
        builder.Property(m => m.DecisionReason).HasMaxLength(CustomerMerge.MaxReasonLength);
        builder.Property(m => m.UndoneByUserId).HasMaxLength(450);
        builder.Property(m => m.UndoneByName).HasMaxLength(200);
        builder.Property(m => m.UndoReason).HasMaxLength(CustomerMerge.MaxReasonLength);
        builder.HasIndex(m => new { m.State, m.RequestedAt });
        builder.HasIndex(m => m.MergedCustomerId);
        builder.HasIndex(m => m.KeptCustomerId);
    }
}
