using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Platform;

namespace Touchpoint.Features.Identity;

/// <summary>The outcome of <see cref="UserAdministration.CreateAsync"/>.</summary>
public abstract record CreateUserResult
{
    private CreateUserResult()
    {
    }

    public sealed record Created(UserView User) : CreateUserResult;

    /// <summary>Field (camelCase, as in the API's JSON) to messages a person can act on.</summary>
    public sealed record Invalid(Dictionary<string, string[]> Errors) : CreateUserResult
    {
        public Invalid(string field, string message)
            : this(new Dictionary<string, string[]> { [field] = [message] })
        {
        }
    }

    public sealed record Taken(string Message, string ExistingId) : CreateUserResult;
}

/// <summary>
/// User management shared by the API (<see cref="UserEndpoints"/>) and the admin pages, so both
/// apply the same rules and say the same thing when a request breaks one.
/// </summary>
public static class UserAdministration
{
    /// <summary>
    /// Substring match on user name or display name, ignoring case (on SQLite only for ASCII letters,
    /// as its upper() knows no others).
    /// </summary>
    public static IQueryable<TouchpointUser> Search(IQueryable<TouchpointUser> users, string? search)
    {
        if (string.IsNullOrWhiteSpace(search))
        {
            return users;
        }

        var pattern = $"%{search.Trim().ToUpperInvariant()}%";
        // ToUpper, not ToUpperInvariant: only ToUpper translates to SQL (upper()); the culture argument would not.
#pragma warning disable CA1304, CA1311
        return users.Where(u => EF.Functions.Like(u.NormalizedUserName!, pattern) || EF.Functions.Like(u.DisplayName.ToUpper(), pattern));
#pragma warning restore CA1304, CA1311
    }

    /// <summary>
    /// Checks the request and creates the user with its one role. <paramref name="userManager"/> must
    /// work on <paramref name="db"/> (same DI scope), or the transaction would not cover it.
    /// </summary>
    public static async Task<CreateUserResult> CreateAsync(
        CreateUserRequest request, UserManager<TouchpointUser> userManager, TouchpointDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.UserName))
        {
            return new CreateUserResult.Invalid("userName", "userName is required.");
        }

        // The columns' limits, checked here so every provider answers the same 400 (SQLite would not enforce them).
        if (request.UserName.Trim().Length > 256)
        {
            return new CreateUserResult.Invalid("userName", "userName is at most 256 characters.");
        }

        if (request.DisplayName?.Trim().Length > 200)
        {
            return new CreateUserResult.Invalid("displayName", "displayName is at most 200 characters.");
        }

        if (string.IsNullOrEmpty(request.Password))
        {
            return new CreateUserResult.Invalid("password", "password is required.");
        }

        if (request.Role is null || !Roles.IsKnown(request.Role))
        {
            return new CreateUserResult.Invalid("role", $"role must be one of {string.Join(", ", Roles.All)}.");
        }

        if (request.Role == Roles.PartnerAgent && request.PartnerAgencyId is null)
        {
            return new CreateUserResult.Invalid("partnerAgencyId", "A partner agent must be tied to a partner agency.");
        }

        if (request.Role != Roles.PartnerAgent && request.PartnerAgencyId is not null)
        {
            return new CreateUserResult.Invalid("partnerAgencyId", "Only partner agents belong to a partner agency.");
        }

        if (request.PartnerAgencyId is { } agencyId && !await db.PartnerAgencies.AnyAsync(a => a.Id == agencyId, cancellationToken))
        {
            return new CreateUserResult.Invalid("partnerAgencyId", $"There is no partner agency with id '{agencyId}'.");
        }

        if (await CheckTeamLeadAsync(db, request.TeamLeadId, userId: null, cancellationToken) is { } teamLeadError)
        {
            return new CreateUserResult.Invalid("teamLeadId", teamLeadError);
        }

        if (await userManager.FindByNameAsync(request.UserName) is { } existing)
        {
            return new CreateUserResult.Taken($"The user name '{request.UserName}' is taken.", existing.Id);
        }

        var user = new TouchpointUser
        {
            UserName = request.UserName.Trim(),
            DisplayName = string.IsNullOrWhiteSpace(request.DisplayName) ? request.UserName.Trim() : request.DisplayName.Trim(),
            PartnerAgencyId = request.PartnerAgencyId,
            TeamLeadId = request.TeamLeadId,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };

        // One transaction: a user without its role is never left behind.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = await userManager.CreateAsync(user, request.Password);
        if (!created.Succeeded)
        {
            return new CreateUserResult.Invalid(IdentityErrors(created));
        }

        var roleAdded = await userManager.AddToRoleAsync(user, request.Role);
        if (!roleAdded.Succeeded)
        {
            return new CreateUserResult.Invalid(IdentityErrors(roleAdded));
        }

        await transaction.CommitAsync(cancellationToken);
        var view = (await UserEndpoints.LoadViews(db, db.Users.Where(u => u.Id == user.Id), clock, cancellationToken)).Single();
        return new CreateUserResult.Created(view);
    }

    /// <summary>
    /// Why <paramref name="teamLeadId"/> cannot be the team lead of <paramref name="userId"/> (null for a new user), or null
    /// when it can: a team lead or admin who exists, is not the user, and does not (through others) report to the user.
    /// </summary>
    public static async Task<string?> CheckTeamLeadAsync(TouchpointDbContext db, string? teamLeadId, string? userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (teamLeadId is null)
        {
            return null;
        }

        if (teamLeadId == userId)
        {
            return "A user cannot be their own team lead.";
        }

        var lead = await db.Users.AsNoTracking().Where(u => u.Id == teamLeadId)
            .Select(u => new
            {
                u.TeamLeadId,
                Leads = db.UserRoles.Any(ur => ur.UserId == u.Id
                    && db.Roles.Any(r => r.Id == ur.RoleId && (r.Name == Roles.TeamLead || r.Name == Roles.Admin))),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (lead is null)
        {
            return $"There is no user with id '{teamLeadId}'.";
        }

        if (!lead.Leads)
        {
            return $"Only a {Roles.TeamLead} or {Roles.Admin} can lead a team.";
        }

        // Walk up from the new lead: meeting the user would make escalations go round in a circle.
        var above = lead.TeamLeadId;
        for (var depth = 0; above is not null && depth < 50; depth++)
        {
            if (above == userId)
            {
                return "That team lead reports to this user; escalations would go round in a circle.";
            }

            var current = above;
            above = await db.Users.Where(u => u.Id == current).Select(u => u.TeamLeadId).FirstOrDefaultAsync(cancellationToken);
        }

        return null;
    }

    /// <summary>Lifts a lockout after failed sign-ins; false when there is no such user.</summary>
    public static async Task<bool> UnlockAsync(string id, UserManager<TouchpointUser> userManager)
    {
        var user = await userManager.FindByIdAsync(id);
        if (user is null)
        {
            return false;
        }

        await userManager.SetLockoutEndDateAsync(user, null);
        await userManager.ResetAccessFailedCountAsync(user);
        return true;
    }

    private static Dictionary<string, string[]> IdentityErrors(IdentityResult result) =>
        result.Errors
            .GroupBy(e => e.Code.StartsWith("Password", StringComparison.Ordinal) ? "password"
                : e.Code.Contains("UserName", StringComparison.Ordinal) ? "userName" : "user")
            .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray());
}
