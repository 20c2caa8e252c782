using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Touchpoint.Data;
using Touchpoint.Domain.Subscriptions;
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
    [PersonalData]
    public string? Msisdn { get; set; }

    /// <summary>Where a fixed service (fiber, cable-tv) is delivered.</summary>
    public Address? ServiceAddress { get; set; }

    public decimal MonthlyPrice { get; set; }
    /// <summary>The day the contract was concluded; the withdrawal period runs from it (CRD-9).</summary>
    public DateOnly StartDate { get; set; }

    /// <summary>The first day the customer is no longer bound; null when sold without binding.</summary>
    public DateOnly? BindingEndDate { get; set; }

    /// <summary>
    /// The channel the contract was concluded in (wire name: phone, web, store, …), which decides the withdrawal right
    /// (CRD-9). Null when not recorded (rows from before it was kept, the generated demo operator): the rules then treat
    /// it as a distance sale, so a missing record never takes a withdrawal right away (S0-5).
    /// </summary>
    public string? SoldVia { get; set; }

    /// <summary>False when the customer was not told of the withdrawal right; the period then runs 12 months longer (CRD-10).</summary>
    public bool WithdrawalInformationGiven { get; set; } = true;

    /// <summary>The binding was sold against a clear economic benefit (NO-1 allows up to 24 months then, 12 otherwise).</summary>
    public bool ClearEconomicBenefit { get; set; }

    /// <summary>The last day of a free termination window a change of terms opened (EU-105-3, SE-2); null when none did.</summary>
    public DateOnly? FreeTerminationUntil { get; set; }

    /// <summary>
    /// Sold to a consumer (a person), as it was when the contract was concluded: the consumer-law rights (CRD-9 withdrawal,
    /// EU-105-1 binding limits) stay with it whatever the customer becomes later (TP-5). False when sold to a business.
    /// </summary>
    public bool SoldToConsumer { get; set; } = true;

    /// <summary>TMF637 state, stored as its wire name (pendingActive, active, …).</summary>
    public required SubscriptionStatus Status { get; set; }

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
        builder.Property(s => s.Status).HasWireNameConversion(SubscriptionStatuses.ToWireName, SubscriptionStatuses.TryParse).HasMaxLength(20);
        builder.Property(s => s.SoldVia).HasMaxLength(16);
        // Rows from before the column existed were sold with the information. The sentinel is true so that an
        // explicit false is written, not replaced by the database default.
        builder.Property(s => s.WithdrawalInformationGiven).HasDefaultValue(true).HasSentinel(true);
        // Rows from before it was kept were sold to persons as consumers (the migration marks businesses' rows false).
        builder.Property(s => s.SoldToConsumer).HasDefaultValue(true).HasSentinel(true);
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
