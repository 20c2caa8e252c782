using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Cases;
using Touchpoint.Domain.Platform;
using Touchpoint.Features.Promises;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Cases;

/// <summary>
/// <see cref="OwnerOnly"/> for the caller at hand, the one check behind every owner-only step: a case's status (TMF621
/// too), its answers and its need, and calling off its promises; the case page asks it which buttons to offer.
/// Inbound mail and SMS and the background watchers act as the system, which answers for everything it does.
/// </summary>
public sealed class OwnerOnlyCheck(TouchpointDbContext db, CurrentActor currentActor)
{
    /// <summary>Null when the caller may decide on <paramref name="case"/>; else a 403 naming its owner.</summary>
    public async Task<NotAllowed?> RefuseAsync(Case @case, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(@case);
        return await RefusalAsync(CaseWire.Owner(@case).Describe(), @case.AccountableUserId, $"Case {@case.Reference}", cancellationToken) is { } refusal
            ? new NotAllowed(refusal)
            : null;
    }

    /// <summary>Null when the caller may call off <paramref name="promise"/>; else a 403 naming who must keep it.</summary>
    public async Task<NotAllowed?> RefuseAsync(PromiseRecord promise, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(promise);
        var owner = promise.OwnerQueueId is { } queueId
            ? $"the {await db.WorkQueues.Where(q => q.Id == queueId).Select(q => q.Name).FirstOrDefaultAsync(cancellationToken) ?? queueId} queue"
            : null;
        var what = promise.CaseRef is { } caseRef ? $"The promise on case {caseRef}" : "The promise";
        return await RefusalAsync(owner, promise.OwnerUserId, what, cancellationToken) is { } refusal ? new NotAllowed(refusal) : null;
    }

    /// <summary>For the case page: why the caller may not take the owner's steps on the case, or null when they may.</summary>
    public async Task<string?> ReasonAsync(Guid caseId, CancellationToken cancellationToken)
    {
        var @case = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        return @case is null ? null : (await RefuseAsync(@case, cancellationToken))?.Message;
    }

    /// <param name="owner">The owner as named in sentences; null for the answerable person by their own name.</param>
    private async Task<string?> RefusalAsync(string? owner, string answerableUserId, string what, CancellationToken cancellationToken)
    {
        var actor = currentActor.Get();
        if (actor == Actor.System)
        {
            return null;
        }

        var caller = new StaffCaller(
            actor.UserId ?? throw new InvalidOperationException("Owner-only steps need a signed-in member of staff."),
            currentActor.IsInAnyRole(Roles.Admin));
        var answerable = await db.Users.AsNoTracking()
            .Where(u => u.Id == answerableUserId)
            .Select(u => new { Name = u.DisplayName != "" ? u.DisplayName : u.UserName ?? u.Id, u.TeamLeadId })
            .FirstOrDefaultAsync(cancellationToken);
        var workOwner = new WorkOwner(owner ?? answerable?.Name ?? answerableUserId, answerableUserId, answerable?.TeamLeadId);
        return OwnerOnly.Refusal(workOwner, caller, what);
    }
}
