using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Platform;
using Touchpoint.Features.Identity;

namespace Touchpoint.Demo;

/// <summary>
/// Demo data for a first start: one user per role, the partner agency of story S0, the catalogue and
/// the customers of the five stories.
/// Runs only when Touchpoint:DemoData is true (the default) and only into an empty database.
/// </summary>
public sealed class DemoData(TouchpointDbContext db, UserManager<TouchpointUser> users, TimeProvider clock, StoryCustomers stories)
{
    /// <summary>Every demo user has this password; README says so. Never used outside demo data.</summary>
    public const string Password = "touchpoint-demo";

    public const string PartnerAgencyName = "Vendator";

    public static IReadOnlyList<(string UserName, string DisplayName, string Role)> Users { get; } =
    [
        ("agent", "Anna Agent", Roles.Agent),
        ("lead", "Lars Lead", Roles.TeamLead),
        ("partner", "Per Partner (Vendator)", Roles.PartnerAgent),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.PartnerAgencies.AnyAsync(a => a.Name == PartnerAgencyName, cancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var vendator = new PartnerAgency { Name = PartnerAgencyName, CreatedAt = now };
        db.PartnerAgencies.Add(vendator);
        await db.SaveChangesAsync(cancellationToken);

        foreach (var (userName, displayName, role) in Users)
        {
            if (await users.FindByNameAsync(userName) is not null)
            {
                continue;
            }

            var user = new TouchpointUser
            {
                UserName = userName,
                DisplayName = displayName,
                CreatedAt = now,
                PartnerAgencyId = role == Roles.PartnerAgent ? vendator.Id : null,
            };
            Ensure(await users.CreateAsync(user, Password));
            Ensure(await users.AddToRoleAsync(user, role));
        }

        await stories.SeedAsync(vendator, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static void Ensure(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Demo data could not be created: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
