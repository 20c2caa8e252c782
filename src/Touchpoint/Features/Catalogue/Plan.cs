using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Touchpoint.Features.Catalogue;

/// <summary>A plan of the catalogue. Binding options always include 0 months (S0-2).</summary>
public sealed class Plan
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Code { get; set; }
    public required string Name { get; set; }
    public decimal MonthlyPrice { get; set; }
    public string Currency { get; set; } = "SEK";

    /// <summary>
    /// The jurisdiction whose customers the plan is sold to, whose law its bindings follow (DE-1); null for a euro plan
    /// created without one, sold in every jurisdiction that pays in euros (see <see cref="PlanAvailability"/>).
    /// </summary>
    public string? Jurisdiction { get; set; }

    /// <summary>Included data in GB; null means unlimited or not applicable.</summary>
    public int? DataGb { get; set; }

    /// <summary>Included voice minutes; null means unlimited or not applicable.</summary>
    public int? VoiceMinutes { get; set; }

    /// <summary>Months of binding a customer may choose, comma separated, always including 0.</summary>
    public string BindingOptions { get; set; } = "0";

    /// <summary>Network technology the plan needs at the service address: 4G, 5G, fiber, cable-tv.</summary>
    public required string Technology { get; set; }

    public DateTime CreatedAt { get; set; }

    public IReadOnlyList<int> BindingMonths =>
        BindingOptions.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToList();
}

internal sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> builder)
    {
        builder.ToTable("Plans");
        builder.Property(p => p.Code).HasMaxLength(64);
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.MonthlyPrice).HasPrecision(10, 2);
        builder.Property(p => p.Currency).HasMaxLength(3);
        builder.Property(p => p.Jurisdiction).HasMaxLength(2);
        builder.Property(p => p.BindingOptions).HasMaxLength(64);
        builder.Property(p => p.Technology).HasMaxLength(16);
        builder.HasIndex(p => p.Code).IsUnique();
        builder.Ignore(p => p.BindingMonths);
    }
}
