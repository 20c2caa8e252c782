using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Touchpoint.Data;
using Touchpoint.Domain.Contracts;
using Touchpoint.Features.Catalogue;

namespace Touchpoint.Features.TermChanges;

/// <summary>
/// An operator-initiated change of a plan's price or terms (S0-6, EU-105-3): announced to every affected customer
/// ahead of time, opening a free termination right unless it is only to their benefit. A timer applies the new
/// price on <see cref="EffectiveOn"/>.
/// </summary>
public sealed class TermChange
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PlanId { get; set; }

    public required TermChangeKind Kind { get; set; }

    /// <summary>What changes, in the words the customers read.</summary>
    public required string Description { get; set; }

    /// <summary>The monthly price from <see cref="EffectiveOn"/>; null when the price stays.</summary>
    public decimal? NewMonthlyPrice { get; set; }

    public DateTime AnnouncedAt { get; set; }
    public DateOnly EffectiveOn { get; set; }
    public required string AnnouncedByName { get; set; }
    public int AffectedSubscriptions { get; set; }

    /// <summary>When the timer applies the new price; null once done or when there is no price to apply.</summary>
    public DateTime? DueAt { get; set; }

    public DateTime? AppliedAt { get; set; }
}

internal sealed class TermChangeConfiguration : IEntityTypeConfiguration<TermChange>
{
    public void Configure(EntityTypeBuilder<TermChange> builder)
    {
        builder.ToTable("TermChanges");
        builder.Property(t => t.Kind).HasWireNameConversion(TermChangeKinds.ToWireName, TermChangeKinds.TryParse).HasMaxLength(32);
        builder.Property(t => t.Description).HasMaxLength(1000);
        builder.Property(t => t.NewMonthlyPrice).HasPrecision(10, 2);
        builder.Property(t => t.AnnouncedByName).HasMaxLength(200);
        builder.HasOne<Plan>().WithMany().HasForeignKey(t => t.PlanId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => t.PlanId);
        builder.HasIndex(t => t.DueAt);
    }
}
