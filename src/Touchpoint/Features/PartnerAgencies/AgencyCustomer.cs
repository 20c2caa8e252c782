using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Touchpoint.Data;
using Touchpoint.Features.Customers;
using Touchpoint.Domain.Platform;
using Touchpoint.Features.Identity;
using Touchpoint.Hosting;

namespace Touchpoint.Features.PartnerAgencies;

/// <summary>
/// A customer given to a partner agency to contact: the only customers its agents may record a contact with (S0-1).
/// An agency's agents cannot reach, or learn of, any other customer.
/// </summary>
public sealed class AgencyCustomer
{
    public Guid PartnerAgencyId { get; set; }
    public Guid CustomerId { get; set; }
    public DateTime GivenAt { get; set; }

    /// <summary>Who gave the customer to the agency (a team lead's or admin's display name).</summary>
    public string GivenBy { get; set; } = "";
}

/// <summary>Whom an agency's agents may contact.</summary>
public static class AgencyCustomers
{
    /// <summary>Whether <paramref name="customerId"/> was given to <paramref name="agencyId"/>.</summary>
    public static Task<bool> IsGivenAsync(TouchpointDbContext db, Guid agencyId, Guid customerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.AgencyCustomers.AnyAsync(g => g.PartnerAgencyId == agencyId && g.CustomerId == customerId, cancellationToken);
    }

    /// <summary>
    /// Whether <paramref name="customerId"/> is out of the acting user's reach: a partner agent reaches only the
    /// customers given to their agency; own staff reach every customer. Whoever answers "out of reach" answers an
    /// unknown id the same way, so a partner agent cannot learn who else is a customer.
    /// </summary>
    public static async Task<bool> OutOfReachAsync(TouchpointDbContext db, CurrentActor actor, Guid customerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsInAnyRole(Roles.PartnerAgent))
        {
            return false;
        }

        var userId = actor.Get().UserId;
        var agency = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.PartnerAgencyId).FirstOrDefaultAsync(cancellationToken);
        return agency is not { } agencyId || !await IsGivenAsync(db, agencyId, customerId, cancellationToken);
    }
}

internal sealed class AgencyCustomerConfiguration : IEntityTypeConfiguration<AgencyCustomer>
{
    public void Configure(EntityTypeBuilder<AgencyCustomer> builder)
    {
        builder.ToTable("AgencyCustomers");
        builder.HasKey(g => new { g.PartnerAgencyId, g.CustomerId });
        builder.Property(g => g.GivenBy).HasMaxLength(256);
        builder.HasOne<PartnerAgency>().WithMany().HasForeignKey(g => g.PartnerAgencyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Customer>().WithMany().HasForeignKey(g => g.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(g => g.CustomerId);
    }
}
