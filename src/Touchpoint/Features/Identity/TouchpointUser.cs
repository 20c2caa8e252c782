using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Touchpoint.Data;
using Touchpoint.Domain.Interactions;
using Touchpoint.Features.Interactions;

namespace Touchpoint.Features.Identity;

/// <summary>A person who signs in to Touchpoint: own staff, or an agent of a partner agency.</summary>
public sealed class TouchpointUser : IdentityUser
{
    [PersonalData]
    public string DisplayName { get; set; } = "";

    /// <summary>Set for partner agents only: the outside agency they act for (S0-1).</summary>
    public Guid? PartnerAgencyId { get; set; }

    public PartnerAgency? PartnerAgency { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>
    /// The team lead this person reports to: the next step up the escalation ladder when their promises or cases
    /// are at risk (owner → team lead → head of care). Null for the top of the organisation.
    /// </summary>
    public string? TeamLeadId { get; set; }

    /// <summary>Where this person meets customers (a store clerk: store); what they promise is "promised via" it unless they say otherwise.</summary>
    public InteractionChannel? Channel { get; set; }

    /// <summary>
    /// The IANA time zone the user reads and enters times in, e.g. Europe/Stockholm; null follows their team lead's,
    /// then the operator's home country's (<see cref="StaffTimeZoneResolver"/>).
    /// </summary>
    public string? TimeZone { get; set; }

    /// <summary>
    /// The language the user reads the agent UI in ("en", "sv": <see cref="Domain.Platform.StaffLanguages"/>); null
    /// until they choose, when their browser's language is followed (<see cref="StaffLanguage"/>).
    /// </summary>
    public string? Language { get; set; }
}

/// <summary>An outside sales agency that sells on the operator's behalf, e.g. Vendator in S0.</summary>
public sealed class PartnerAgency
{
    public const int MaxNameLength = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public DateTime CreatedAt { get; set; }
}

internal sealed class TouchpointUserConfiguration : IEntityTypeConfiguration<TouchpointUser>
{
    public void Configure(EntityTypeBuilder<TouchpointUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(200);
        builder.Property(u => u.TimeZone).HasMaxLength(StaffTimeZoneResolver.MaxZoneIdLength);
        builder.Property(u => u.Language).HasMaxLength(StaffLanguage.MaxLanguageLength);
        builder.HasOne(u => u.PartnerAgency).WithMany().HasForeignKey(u => u.PartnerAgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<TouchpointUser>().WithMany().HasForeignKey(u => u.TeamLeadId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(u => u.TeamLeadId);
        builder.Property(u => u.Channel).HasWireNameConversion(InteractionChannels.ToWireName, InteractionChannels.TryParse).HasMaxLength(16);
    }
}

internal sealed class PartnerAgencyConfiguration : IEntityTypeConfiguration<PartnerAgency>
{
    public void Configure(EntityTypeBuilder<PartnerAgency> builder)
    {
        builder.ToTable("PartnerAgencies");
        builder.Property(a => a.Name).HasMaxLength(PartnerAgency.MaxNameLength);
        builder.HasIndex(a => a.Name).IsUnique();
    }
}
