using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Touchpoint.Domain.Compensation;
using Touchpoint.Domain.Customers;

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
    /// The country whose customers the plan is sold to (SE, DK, NL, NO, FI, DE), whose law its bindings follow (DE-1); null:
    /// every country whose currency it is priced in. Several countries share the euro, so the currency alone does not say
    /// where a plan is sold.
    /// </summary>
    public string? Country { get; set; }

    /// <summary>Included data in GB; null means unlimited or not applicable.</summary>
    public int? DataGb { get; set; }

    /// <summary>Included voice minutes; null means unlimited or not applicable.</summary>
    public int? VoiceMinutes { get; set; }

    /// <summary>Months of binding a customer may choose, comma separated, always including 0.</summary>
    public string BindingOptions { get; set; } = "0";

    /// <summary>Network technology the plan needs at the service address: 4G, 5G, fiber, cable-tv.</summary>
    public required string Technology { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Is the plan sold to customers of <paramref name="jurisdiction"/>: priced in its currency, and of that country or of none.</summary>
    public bool IsSoldIn(Jurisdiction jurisdiction) =>
        Currency == jurisdiction.LocalCurrency().ToWireName() && (Country is null || Country == jurisdiction.ToWireName());

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
        builder.Property(p => p.Country).HasMaxLength(2);
        builder.Property(p => p.BindingOptions).HasMaxLength(64);
        builder.Property(p => p.Technology).HasMaxLength(16);
        builder.HasIndex(p => p.Code).IsUnique();
        builder.Ignore(p => p.BindingMonths);
    }
}
