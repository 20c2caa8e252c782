using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Compensation;
using Touchpoint.Domain.Platform;

namespace Touchpoint.Features.Compensation;

/// <summary>
/// Who holds which mandate. A user's mandate roles are their sign-in roles, plus <see cref="CompensationMandates.HeadOfCare"/>
/// for whoever team leads report to: the head of care is a team lead's lead (see <c>Teams</c>), which in the demo is the
/// admin. An operator that makes HeadOfCare a sign-in role gets the same.
/// </summary>
public static class MandateHolders
{
    public static async Task<List<string>> RolesAsync(TouchpointDbContext db, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var roles = await (from userRole in db.UserRoles
                           join role in db.Roles on userRole.RoleId equals role.Id
                           where userRole.UserId == userId
                           select role.Name!).ToListAsync(cancellationToken);
        var leadsTeamLeads = await (from user in db.Users
                                    where user.TeamLeadId == userId
                                    join userRole in db.UserRoles on user.Id equals userRole.UserId
                                    join role in db.Roles on userRole.RoleId equals role.Id
                                    where role.Name == Roles.TeamLead
                                    select user.Id).AnyAsync(cancellationToken);
        if (leadsTeamLeads && !roles.Contains(CompensationMandates.HeadOfCare))
        {
            roles.Add(CompensationMandates.HeadOfCare);
        }

        return roles;
    }

    /// <summary>
    /// Compensations whose amount, and policy proposal when there is one, are within <paramref name="limits"/> (one
    /// mandate per currency): what a holder of those mandates could approve, a token below the proposal included only
    /// when the mandate covers the proposal. Translated to SQL, so an approver's list is paged in the database.
    /// </summary>
    public static Expression<Func<CompensationRecord, bool>> Within(IEnumerable<Money> limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var compensation = Expression.Parameter(typeof(CompensationRecord), "c");
        Expression body = Expression.Constant(false);
        foreach (var limit in limits.Where(l => l.IsPositive))
        {
            var sameCurrency = Expression.Equal(Expression.Property(compensation, nameof(CompensationRecord.Currency)), Expression.Constant(limit.Currency));
            var covered = Expression.LessThanOrEqual(Expression.Property(compensation, nameof(CompensationRecord.Amount)), Expression.Constant(limit.Amount));
            var proposed = Expression.Property(compensation, nameof(CompensationRecord.ProposedAmount));
            var proposalCovered = Expression.OrElse(
                Expression.Equal(proposed, Expression.Constant(null, typeof(decimal?))),
                Expression.LessThanOrEqual(proposed, Expression.Constant(limit.Amount, typeof(decimal?))));
            body = Expression.OrElse(body, Expression.AndAlso(sameCurrency, Expression.AndAlso(covered, proposalCovered)));
        }

        return Expression.Lambda<Func<CompensationRecord, bool>>(body, compensation);
    }
}
