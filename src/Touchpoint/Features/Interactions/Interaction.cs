using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Touchpoint.Data;
using Touchpoint.Domain.Interactions;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Identity;

namespace Touchpoint.Features.Interactions;

/// <summary>
/// Any contact with a customer, in any channel and direction, recorded with who acted: own staff or a
/// named partner agency (S0-1) — the agency's name is stored so it shows wherever the contact appears.
/// </summary>
public sealed class Interaction
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CustomerId { get; set; }
    public DateTime OccurredAt { get; set; }
    public required InteractionChannel Channel { get; set; }
    public required InteractionDirection Direction { get; set; }

    public Guid? PartnerAgencyId { get; set; }

    /// <summary>Null when the operator's own staff acted.</summary>
    public string? PartnerAgencyName { get; set; }

    public string? AgentUserId { get; set; }
    public required string AgentName { get; set; }
    public int? DurationSeconds { get; set; }
    /// <summary>Often names the person or what he wrote ("E-mail to …"): personal.</summary>
    [PersonalData]
    public required string Reason { get; set; }

    [PersonalData]
    public string Summary { get; set; } = "";

    // What the contact concerned. Cases, orders and offers arrive with later features.
    public Guid? SubscriptionId { get; set; }
    public string? OfferRef { get; set; }
    public string? CaseRef { get; set; }
    public string? OrderRef { get; set; }

    public DateTime RecordedAt { get; set; }
}

internal sealed class InteractionConfiguration : IEntityTypeConfiguration<Interaction>
{
    public void Configure(EntityTypeBuilder<Interaction> builder)
    {
        builder.ToTable("Interactions");
        builder.Property(i => i.Channel).HasWireNameConversion(InteractionChannels.ToWireName, InteractionChannels.TryParse).HasMaxLength(16);
        builder.Property(i => i.Direction).HasWireNameConversion(InteractionDirections.ToWireName, InteractionDirections.TryParse).HasMaxLength(16);
        builder.Property(i => i.PartnerAgencyName).HasMaxLength(200);
        builder.Property(i => i.AgentUserId).HasMaxLength(64);
        builder.Property(i => i.AgentName).HasMaxLength(200);
        builder.Property(i => i.Reason).HasMaxLength(200);
        builder.Property(i => i.Summary).HasMaxLength(4000);
        builder.Property(i => i.OfferRef).HasMaxLength(64);
        builder.Property(i => i.CaseRef).HasMaxLength(64);
        builder.Property(i => i.OrderRef).HasMaxLength(64);
        builder.HasOne<Customer>().WithMany().HasForeignKey(i => i.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PartnerAgency>().WithMany().HasForeignKey(i => i.PartnerAgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(i => new { i.CustomerId, i.OccurredAt });
        // Most contacts are the operator's own: indexing only the agencies' keeps the foreign key's index a small
        // fraction of the table instead of one more B-tree entry per interaction.
        builder.HasIndex(i => i.PartnerAgencyId).HasFilter("\"PartnerAgencyId\" IS NOT NULL");
    }
}
