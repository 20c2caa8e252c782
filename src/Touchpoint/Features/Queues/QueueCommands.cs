using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Cases;
using Touchpoint.Domain.Platform;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Queues;

/// <param name="Id">The queue's id, e.g. customer-service; given when the queue is set up and never changed.</param>
/// <param name="LeadUserId">A team lead or admin: accountable for what waits in the queue until a member picks it up.</param>
/// <param name="MemberIds">Own staff who work from the queue; the lead may pick work up without being listed.</param>
public sealed record QueueInput(string? Id, string? Name, string? LeadUserId, IReadOnlyList<string?>? MemberIds);

/// <summary>
/// Admins and team leads set up queues and say who works from them. Every mistake is named on its field before
/// anything is stored; every change is audited by the unit of work.
/// </summary>
public sealed class QueueCommands(TouchpointDbContext db, TimeProvider clock)
{
    public async Task<Outcome<WorkQueue>> CreateAsync(QueueInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (QueueIds.Normalize(input.Id) is not { } id)
        {
            return new Failure.Invalid("id", $"id is required: the queue's short name, {QueueIds.Rule} (e.g. customer-service).");
        }

        if (await db.WorkQueues.AnyAsync(q => q.Id == id, cancellationToken))
        {
            return new Failure.Conflict($"There is already a queue '{id}'.");
        }

        var queue = new WorkQueue { Id = id, Name = "", LeadUserId = "", CreatedAt = clock.GetUtcNow().UtcDateTime };
        if (await ApplyAsync(queue, input, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        db.WorkQueues.Add(queue);
        await db.SaveChangesAsync(cancellationToken);
        return queue;
    }

    public async Task<Outcome<WorkQueue>> UpdateAsync(string id, QueueInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var normalized = QueueIds.Normalize(id);
        var queue = normalized is null ? null : await db.WorkQueues.Include(q => q.Members).FirstOrDefaultAsync(q => q.Id == normalized, cancellationToken);
        if (queue is null)
        {
            return new Failure.NotFound($"There is no queue '{id}'.");
        }

        if (input.Id is not null && QueueIds.Normalize(input.Id) != queue.Id)
        {
            return new Failure.Invalid("id", $"A queue's id stays '{queue.Id}': cases and promises name it. Give it a new name instead.");
        }

        var (leadBefore, nameBefore) = (queue.LeadUserId, queue.Name);
        if (await ApplyAsync(queue, input, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        // What waits in the queue is answered for by its lead and owned under its name: both follow the queue, or
        // warnings would keep going to a lead who handed it on.
        if (queue.LeadUserId != leadBefore)
        {
            await db.Promises.Where(p => p.OwnerQueueId == queue.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(p => p.OwnerUserId, queue.LeadUserId), cancellationToken);
        }

        if (queue.LeadUserId != leadBefore || queue.Name != nameBefore)
        {
            await db.Cases.Where(c => c.OwnerKind == OwnerKind.Queue && c.OwnerId == queue.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.AccountableUserId, queue.LeadUserId).SetProperty(c => c.OwnerName, queue.Name), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return queue;
    }

    private async Task<Failure?> ApplyAsync(WorkQueue queue, QueueInput input, CancellationToken cancellationToken)
    {
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > WorkQueue.MaxNameLength)
        {
            return new Failure.Invalid("name", $"name is required: what staff call the queue, e.g. Customer service (at most {WorkQueue.MaxNameLength} characters).");
        }

        if (await db.WorkQueues.AnyAsync(q => q.Name == name && q.Id != queue.Id, cancellationToken))
        {
            return new Failure.Invalid("name", $"Another queue is already called \"{name}\".");
        }

        var leadId = input.LeadUserId?.Trim();
        if (string.IsNullOrEmpty(leadId) || !await HasRoleAsync(leadId, [Roles.TeamLead, Roles.Admin], cancellationToken))
        {
            return new Failure.Invalid("leadUserId", "leadUserId is required: the id of a team lead or admin, who answers for what waits in the queue.");
        }

        var memberIds = new List<string>();
        var given = input.MemberIds ?? [];
        for (var i = 0; i < given.Count; i++)
        {
            var memberId = given[i]?.Trim();
            if (string.IsNullOrEmpty(memberId) || !await HasRoleAsync(memberId, [Roles.Agent, Roles.TeamLead, Roles.Admin], cancellationToken))
            {
                return new Failure.Invalid($"memberIds[{i}]", $"'{given[i]}' is not a member of own staff; only own staff work from a queue.");
            }

            if (!memberIds.Contains(memberId, StringComparer.Ordinal))
            {
                memberIds.Add(memberId);
            }
        }

        queue.Name = name;
        queue.LeadUserId = leadId;
        queue.Members.RemoveAll(m => !memberIds.Contains(m.UserId, StringComparer.Ordinal));
        foreach (var memberId in memberIds.Where(id => queue.Members.All(m => m.UserId != id)))
        {
            queue.Members.Add(new WorkQueueMember { QueueId = queue.Id, UserId = memberId });
        }

        return null;
    }

    private Task<bool> HasRoleAsync(string userId, string[] roles, CancellationToken cancellationToken) =>
        (from userRole in db.UserRoles
         join role in db.Roles on userRole.RoleId equals role.Id
         where userRole.UserId == userId && roles.Contains(role.Name!)
         select userRole).AnyAsync(cancellationToken);
}
