using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Cases;
using Touchpoint.Domain.Platform;

namespace Touchpoint.Features.Identity;

/// <summary>A member of own staff as pickers show them.</summary>
public sealed record StaffMember(string Id, string Name);

/// <summary>
/// Who stands above whom, for escalations: a person's team lead is the one they report to
/// (<see cref="TouchpointUser.TeamLeadId"/>); the head of care is their team lead's lead. Where the organisation
/// is not filled in, an escalation still reaches someone who can act: the first team lead, then the first admin.
/// </summary>
public static class Teams
{
    /// <summary>The user an escalation step names for <paramref name="ownerUserId"/>; null only when nobody can take it.</summary>
    public static async Task<string?> RecipientAsync(TouchpointDbContext db, string ownerUserId, EscalationStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(step);
        if (step.Key == EscalationStep.Owner.Key)
        {
            return ownerUserId;
        }

        var teamLead = await TeamLeadOfAsync(db, ownerUserId, cancellationToken);
        if (step.Key == EscalationStep.TeamLead.Key)
        {
            return teamLead;
        }

        var above = teamLead is null ? null : await ReportsToAsync(db, teamLead, cancellationToken);
        return above ?? await FirstInRoleAsync(db, Roles.Admin, except: null, cancellationToken) ?? teamLead;
    }

    /// <summary>The team lead of <paramref name="userId"/>, or the first team lead when they have none on record.</summary>
    public static async Task<string?> TeamLeadOfAsync(TouchpointDbContext db, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await ReportsToAsync(db, userId, cancellationToken)
            ?? await FirstInRoleAsync(db, Roles.TeamLead, except: userId, cancellationToken)
            ?? await FirstInRoleAsync(db, Roles.Admin, except: userId, cancellationToken);
    }

    /// <summary>The people who report to <paramref name="teamLeadId"/>: the team a lead's dashboards cover.</summary>
    public static IQueryable<string> MembersOf(TouchpointDbContext db, string teamLeadId)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Users.Where(u => u.TeamLeadId == teamLeadId).Select(u => u.Id);
    }

    /// <summary>The operator's own staff (agents, team leads, admins) by name: who may own a case or a promise.</summary>
    public static Task<List<StaffMember>> OwnStaffAsync(TouchpointDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return InRolesAsync(db, [Roles.Agent, Roles.TeamLead, Roles.Admin], cancellationToken);
    }

    /// <summary>Own staff in any of <paramref name="roles"/>, by name: e.g. who may lead a queue.</summary>
    public static Task<List<StaffMember>> InRolesAsync(TouchpointDbContext db, IReadOnlyCollection<string> roles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Users.AsNoTracking()
            .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && roles.Contains(r.Name!))))
            .Select(u => new { u.Id, Name = u.DisplayName != "" ? u.DisplayName : u.UserName ?? u.Id })
            .OrderBy(m => m.Name)
            .Select(m => new StaffMember(m.Id, m.Name))
            .ToListAsync(cancellationToken);
    }

    private static Task<string?> ReportsToAsync(TouchpointDbContext db, string userId, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.Id == userId).Select(u => u.TeamLeadId).FirstOrDefaultAsync(cancellationToken);

    private static Task<string?> FirstInRoleAsync(TouchpointDbContext db, string role, string? except, CancellationToken cancellationToken) =>
        (from user in db.Users
         join userRole in db.UserRoles on user.Id equals userRole.UserId
         join r in db.Roles on userRole.RoleId equals r.Id
         where r.Name == role && user.Id != except
         orderby user.UserName
         select user.Id).FirstOrDefaultAsync(cancellationToken);
}
