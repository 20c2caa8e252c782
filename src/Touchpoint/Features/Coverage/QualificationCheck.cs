using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Touchpoint.Data;
using Touchpoint.Domain.Coverage;
using Touchpoint.Features.Customers;

namespace Touchpoint.Features.Coverage;

/// <summary>
/// A stored serviceability check (a TMF679 ProductOfferingQualification): one place, one or more plans, each with
/// its answer as it was when asked. Kept so an agent and the customer can later see what was checked and told.
/// </summary>
public sealed class QualificationCheck
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The customer the check was made for, when one was named; the check then is on their timeline.</summary>
    public Guid? CustomerId { get; set; }

    public required Address Place { get; set; }

    /// <summary>The overall answer, the worst of the items': unqualified, then alternate, then qualified.</summary>
    public QualificationResult Result { get; set; }

    public bool ProvideAlternative { get; set; } = true;
    public bool ProvideUnavailabilityReason { get; set; } = true;
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public List<QualificationCheckItem> Items { get; set; } = [];
}

/// <summary>One plan asked about in a check, and its answer.</summary>
public sealed class QualificationCheckItem
{
    /// <summary>The item id the caller gave (TMF679 items are numbered by the caller), unique within the check.</summary>
    public required string ItemId { get; set; }

    /// <summary>Where the item stood in the request; answers are listed in the same order.</summary>
    public int Position { get; set; }

    public required string PlanCode { get; set; }
    public required string PlanName { get; set; }
    public required string Technology { get; set; }

    public required QualificationResult Result { get; set; }

    public string? ReasonCode { get; set; }
    public string? Reason { get; set; }

    /// <summary>Plans that can be sold instead, "code|name" separated by newlines, best first.</summary>
    public string AlternativePlans { get; set; } = "";

    public IReadOnlyList<(string Code, string Name)> AlternativePlanList =>
        AlternativePlans.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('|', 2))
            .Select(parts => (parts[0], parts.Length > 1 ? parts[1] : parts[0]))
            .ToList();
}

internal sealed class QualificationCheckConfiguration : IEntityTypeConfiguration<QualificationCheck>
{
    public void Configure(EntityTypeBuilder<QualificationCheck> builder)
    {
        builder.ToTable("QualificationChecks");
        builder.Property(q => q.Result).HasWireNameConversion(QualificationResults.ToWireName, QualificationResults.TryParse).HasMaxLength(16);
        builder.Property(q => q.CreatedBy).HasMaxLength(200);
        builder.OwnsOne(q => q.Place, address =>
        {
            address.Property(a => a.Street).HasMaxLength(200);
            address.Property(a => a.PostalCode).HasMaxLength(16);
            address.Property(a => a.City).HasMaxLength(100);
            address.Property(a => a.Country).HasMaxLength(2);
        });
        builder.Navigation(q => q.Place).IsRequired();
        builder.OwnsMany(q => q.Items, item =>
        {
            item.ToTable("QualificationCheckItems");
            item.WithOwner().HasForeignKey("QualificationCheckId");
            item.HasKey("QualificationCheckId", nameof(QualificationCheckItem.ItemId));
            item.Property(i => i.ItemId).HasMaxLength(64);
            item.Property(i => i.PlanCode).HasMaxLength(64);
            item.Property(i => i.PlanName).HasMaxLength(200);
            item.Property(i => i.Technology).HasMaxLength(16);
            item.Property(i => i.Result).HasWireNameConversion(QualificationResults.ToWireName, QualificationResults.TryParse).HasMaxLength(16);
            item.Property(i => i.ReasonCode).HasMaxLength(32);
            item.Property(i => i.Reason).HasMaxLength(1000);
            item.Property(i => i.AlternativePlans).HasMaxLength(4000);
            item.Ignore(i => i.AlternativePlanList);
        });
        builder.HasOne<Customer>().WithMany().HasForeignKey(q => q.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(q => new { q.CustomerId, q.CreatedAt });
        builder.HasIndex(q => q.CreatedAt);
    }
}
