using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Touchpoint.Features.Audit;
using Touchpoint.Features.Customers;

namespace Touchpoint.Features.Interactions;

/// <summary>
/// One event in a customer's single history (S1-3). Every feature writes its events here in the same
/// transaction as its own rows, so every screen reads one indexed table, newest first.
/// </summary>
public sealed class TimelineEntry : IDerivedRow
{
    /// <summary>Database-generated; with <see cref="At"/> it orders the timeline for keyset paging.</summary>
    public long Id { get; set; }
    public Guid CustomerId { get; set; }
    public DateTime At { get; set; }

    /// <summary>interaction, preferenceChange, merge, identityAdded, subscriptionChange; later case, promise, order, offer, survey.</summary>
    public required string Kind { get; set; }

    /// <summary>The contact channel, for interactions and for events made through one.</summary>
    public string? Channel { get; set; }

    public string? Direction { get; set; }
    public required string Title { get; set; }
    public string Detail { get; set; } = "";
    public string ActorName { get; set; } = "";

    /// <summary>Set when a partner agency acted, so the timeline shows it was not the operator (S0-1).</summary>
    public string? PartnerAgencyName { get; set; }

    /// <summary>The row the event is about, e.g. the interaction's id.</summary>
    public string? SourceId { get; set; }
}

internal sealed class TimelineEntryConfiguration : IEntityTypeConfiguration<TimelineEntry>
{
    public void Configure(EntityTypeBuilder<TimelineEntry> builder)
    {
        builder.ToTable("TimelineEntries");
        builder.Property(t => t.Kind).HasMaxLength(32);
        builder.Property(t => t.Channel).HasMaxLength(16);
        builder.Property(t => t.Direction).HasMaxLength(16);
        builder.Property(t => t.Title).HasMaxLength(300);
        builder.Property(t => t.Detail).HasMaxLength(4000);
        builder.Property(t => t.ActorName).HasMaxLength(200);
        builder.Property(t => t.PartnerAgencyName).HasMaxLength(200);
        builder.Property(t => t.SourceId).HasMaxLength(64);
        builder.HasOne<Customer>().WithMany().HasForeignKey(t => t.CustomerId).OnDelete(DeleteBehavior.Restrict);
        // Newest-first pages of one customer's history, optionally by kind or channel, each from one index range.
        builder.HasIndex(t => new { t.CustomerId, t.At, t.Id });
        builder.HasIndex(t => new { t.CustomerId, t.Kind, t.At });
        builder.HasIndex(t => new { t.CustomerId, t.Channel, t.At });
    }
}
