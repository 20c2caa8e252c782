using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Touchpoint.Features.Catalogue;
using Touchpoint.Features.Customers;

namespace Touchpoint.Features.Subscriptions;

/// <summary>A customer's subscription to a plan: a TMF637 product.</summary>
public sealed class Subscription
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CustomerId { get; set; }
    public Guid PlanId { get; set; }
    public Plan? Plan { get; set; }

    /// <summary>E.164 number for mobile subscriptions; null for fixed services.</summary>
    public string? Msisdn { get; set; }

    /// <summary>Where a fixed service (fiber, cable-tv) is delivered.</summary>
    public Address? ServiceAddress { get; set; }

    public decimal MonthlyPrice { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly? BindingEndDate { get; set; }

    /// <summary>TMF637 state: created, pendingActive, active, pendingTerminate, terminated, suspended.</summary>
    public required string Status { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

internal sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> builder)
    {
        builder.ToTable("Subscriptions");
        builder.Property(s => s.Msisdn).HasMaxLength(20);
        builder.Property(s => s.MonthlyPrice).HasPrecision(10, 2);
        builder.Property(s => s.Status).HasMaxLength(20);
        builder.OwnsOne(s => s.ServiceAddress, address =>
        {
            address.Property(a => a.Street).HasMaxLength(200);
            address.Property(a => a.PostalCode).HasMaxLength(16);
            address.Property(a => a.City).HasMaxLength(100);
            address.Property(a => a.Country).HasMaxLength(2);
        });
        builder.HasOne(s => s.Plan).WithMany().HasForeignKey(s => s.PlanId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Customer>().WithMany().HasForeignKey(s => s.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => s.CustomerId);
        builder.HasIndex(s => s.Msisdn);
    }
}
