using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Touchpoint.Domain.Customers;
using Touchpoint.Features.Audit;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Customers;

public enum CustomerStatus
{
    Active,

    /// <summary>Merged into another record (<see cref="Customer.MergedIntoId"/>); kept so old references resolve.</summary>
    Merged,
}

/// <summary>
/// A postal address; service and billing addresses may differ. Every part of it is personal data, wherever an address is
/// kept (a customer, a subscription, an order item, a coverage check).
/// </summary>
public sealed record Address(
    [property: PersonalData] string Street,
    [property: PersonalData] string PostalCode,
    [property: PersonalData] string City,
    [property: PersonalData] string Country);

/// <summary>One customer of the operator, person or business, with one timeline.</summary>
public sealed class Customer
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>
    /// The short number staff and customers use instead of <see cref="Id"/> (<see cref="Touchpoint.Domain.Customers.CustomerNumber"/>);
    /// 0 until the save that inserts the customer takes one from <see cref="CustomerNumbers"/>.
    /// </summary>
    public long Number { get; set; }

    public CustomerKind Kind { get; set; }

    [PersonalData]
    public required string Name { get; set; }

    /// <summary>Upper-cased, diacritics folded: what name search compares against.</summary>
    [PersonalData]
    public required string NameKey { get; set; }

    /// <summary>SE, DK, NL, NO, FI or DE: decides which law applies to this customer's contracts.</summary>
    public required string Jurisdiction { get; set; }

    public Address? ServiceAddress { get; set; }
    public Address? BillingAddress { get; set; }

    // Contact and contract preferences (S0-3).
    public string AllowedMarketingChannels { get; set; } = "";
    public bool TelemarketingOptOut { get; set; }
    public bool MarketingObjection { get; set; }

    /// <summary>When the standing marketing objection was recorded; null without one.</summary>
    public DateTime? MarketingObjectionAt { get; set; }

    /// <summary>The channel the objection came in by (an InteractionChannel wire name); null when it was not said (an update of preferences).</summary>
    public string? MarketingObjectionVia { get; set; }
    public bool NeverOfferBinding { get; set; }
    public required string PreferredLanguage { get; set; }

    /// <summary>Filled by the insights feature; service levels must never depend on it (S0-7).</summary>
    public string? Segment { get; set; }

    public decimal? LifetimeValue { get; set; }

    public CustomerStatus Status { get; set; } = CustomerStatus.Active;
    public Guid? MergedIntoId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>
    /// When the retention of his records is next looked at (<see cref="Touchpoint.Features.Privacy.RetentionPurge"/>);
    /// null while a contract is in force. A new record and a contract that ends set it to now.
    /// </summary>
    [TimerField]
    public DateTime? PrivacyReviewAt { get; set; }

    /// <summary>Nothing of his is deleted or anonymised before this day (an authority's request, a court case).</summary>
    public DateOnly? LegalHoldUntil { get; set; }

    public string? LegalHoldReason { get; set; }

    /// <summary>When his personal data was erased at his request (GDPR Art. 17); what the law keeps goes when its retention ends.</summary>
    public DateTime? ErasedAt { get; set; }

    public List<CustomerIdentity> Identities { get; } = [];
}

/// <summary>
/// One way to recognise a customer: national id, phone number, e-mail or a legacy id from a merged brand.
/// Values are canonical (see IdentityNormalizer), and each belongs to at most one customer.
/// </summary>
public sealed class CustomerIdentity
{
    public long Id { get; set; }
    public Guid CustomerId { get; set; }
    public required string Kind { get; set; }

    [PersonalData]
    public required string Value { get; set; }

    public DateTime AddedAt { get; set; }

    /// <summary>Since when mail to this address bounces (a 5.x.x delivery status notification); null while it is deliverable.</summary>
    public DateTime? BouncingSince { get; set; }

    /// <summary>The bounce's status and diagnostic, for the agent who has to ask the customer for a new address.</summary>
    public string? BounceReason { get; set; }
}

/// <summary>A word of a customer's name, so a name fragment is found through an index, not a scan.</summary>
public sealed class CustomerNameToken : IDerivedRow
{
    public Guid CustomerId { get; set; }
    public required string Token { get; set; }
}

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public const int LegalHoldReasonLength = 500;

    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.ToTable("Customers");
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.NameKey).HasMaxLength(200);
        builder.Property(c => c.Jurisdiction).HasMaxLength(2);
        builder.Property(c => c.AllowedMarketingChannels).HasMaxLength(100);
        builder.Property(c => c.MarketingObjectionVia).HasMaxLength(16);
        builder.Property(c => c.PreferredLanguage).HasMaxLength(8);
        builder.Property(c => c.Segment).HasMaxLength(32);
        builder.Property(c => c.LifetimeValue).HasPrecision(14, 2);
        builder.OwnsOne(c => c.ServiceAddress, ConfigureAddress);
        builder.OwnsOne(c => c.BillingAddress, ConfigureAddress);
        builder.HasMany(c => c.Identities).WithOne().HasForeignKey(i => i.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(c => c.LegalHoldReason).HasMaxLength(LegalHoldReasonLength);
        builder.HasIndex(c => c.NameKey);
        builder.HasIndex(c => c.Number).IsUnique();
        builder.HasIndex(c => c.PrivacyReviewAt);
    }

    private static void ConfigureAddress<T>(OwnedNavigationBuilder<T, Address> address) where T : class
    {
        address.Property(a => a.Street).HasMaxLength(200);
        address.Property(a => a.PostalCode).HasMaxLength(16);
        address.Property(a => a.City).HasMaxLength(100);
        address.Property(a => a.Country).HasMaxLength(2);
    }
}

internal sealed class CustomerIdentityConfiguration : IEntityTypeConfiguration<CustomerIdentity>
{
    public void Configure(EntityTypeBuilder<CustomerIdentity> builder)
    {
        builder.Property(i => i.BounceReason).HasMaxLength(500);
        builder.ToTable("CustomerIdentities");
        builder.Property(i => i.Kind).HasMaxLength(16);
        builder.Property(i => i.Value).HasMaxLength(254);
        builder.HasIndex(i => new { i.Kind, i.Value }).IsUnique();
        builder.HasIndex(i => i.Value);
        builder.HasIndex(i => i.CustomerId);
    }
}

internal sealed class CustomerNameTokenConfiguration : IEntityTypeConfiguration<CustomerNameToken>
{
    public void Configure(EntityTypeBuilder<CustomerNameToken> builder)
    {
        builder.ToTable("CustomerNameTokens");
        builder.HasKey(t => new { t.Token, t.CustomerId });
        builder.Property(t => t.Token).HasMaxLength(100);
        builder.HasIndex(t => t.CustomerId);
        builder.HasOne<Customer>().WithMany().HasForeignKey(t => t.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}
