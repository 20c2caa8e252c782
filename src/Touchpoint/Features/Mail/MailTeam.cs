using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Platform;

namespace Touchpoint.Features.Mail;

/// <summary>
/// The e-mail team: the queue that owns cases opened by arriving mail until someone picks them up (S2-3), from
/// <c>Touchpoint:Mail:Queue</c> (default <c>email</c>). Its SLA escalations start from
/// <c>Touchpoint:Mail:QueueLead</c> (a user name), or else the first team lead by user name: a queue has no lead of
/// its own, and a case nobody is accountable for is exactly the one that is forgotten.
/// </summary>
public sealed class MailTeam(TouchpointDbContext db, IConfiguration configuration)
{
    public string Queue { get; } = configuration["Touchpoint:Mail:Queue"] is { Length: > 0 } name ? name : "email";

    /// <summary>The jurisdiction a new contact from an unknown sender gets until staff know better.</summary>
    public string Jurisdiction { get; } = configuration["Touchpoint:Mail:NewContactJurisdiction"] is { Length: > 0 } jurisdiction ? jurisdiction : "SE";

    private string? accountableUserId;

    /// <summary>Read once per scope: a batch of arrived mail that opens many cases asks once.</summary>
    public async Task<string> AccountableUserIdAsync(CancellationToken cancellationToken) =>
        accountableUserId ??= await ReadAccountableUserIdAsync(cancellationToken);

    private async Task<string> ReadAccountableUserIdAsync(CancellationToken cancellationToken)
    {
        if (configuration["Touchpoint:Mail:QueueLead"] is { Length: > 0 } userName
            && await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken) is { } named)
        {
            return named;
        }

        var leads = from user in db.Users
                    join userRole in db.UserRoles on user.Id equals userRole.UserId
                    join role in db.Roles on userRole.RoleId equals role.Id
                    where role.Name == Roles.TeamLead
                    orderby user.UserName
                    select user.Id;
        return await leads.FirstOrDefaultAsync(cancellationToken)
               ?? await db.Users.OrderBy(u => u.UserName).Select(u => u.Id).FirstAsync(cancellationToken);
    }
}
