using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Cases;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Queues;

/// <summary>A queue as staff see it: who leads it and who works from it.</summary>
public sealed record QueueView(string Id, string Name, QueuePerson Lead, IReadOnlyList<QueuePerson> Members);

public sealed record QueuePerson(string Id, string Name);

/// <summary>
/// The one place that answers questions about team queues: which exist, who leads one (the person accountable for what
/// waits in it), and who may pick work up from it.
/// </summary>
public static class WorkQueues
{
    /// <summary>The queue <paramref name="id"/> names, without its members; null when there is none.</summary>
    public static Task<WorkQueue?> FindAsync(TouchpointDbContext db, string? id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return QueueIds.Normalize(id) is { } normalized
            ? db.WorkQueues.AsNoTracking().FirstOrDefaultAsync(q => q.Id == normalized, cancellationToken)
            : Task.FromResult<WorkQueue?>(null);
    }

    /// <summary>
    /// The queue a member of staff named in <paramref name="field"/>; when there is none, a 400 on that field naming the
    /// queues there are, so work is never given to a queue nobody looks at.
    /// </summary>
    public static async Task<Outcome<WorkQueue>> NamedAsync(TouchpointDbContext db, string? text, string field, CancellationToken cancellationToken)
    {
        if (QueueIds.Normalize(text) is null)
        {
            return new Failure.Invalid(field, $"{field} is a queue's id: {QueueIds.Rule}.");
        }

        if (await FindAsync(db, text, cancellationToken) is { } queue)
        {
            return queue;
        }

        var known = await db.WorkQueues.AsNoTracking().OrderBy(q => q.Id).Select(q => q.Id).ToListAsync(cancellationToken);
        return new Failure.Invalid(field, $"There is no queue '{text!.Trim()}'. Queues: {(known.Count == 0 ? "none set up yet" : string.Join(", ", known))}.");
    }

    /// <summary>The queues <paramref name="userId"/> may pick work up from: those they are a member of or lead.</summary>
    public static IQueryable<WorkQueue> Of(TouchpointDbContext db, string userId)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.WorkQueues.AsNoTracking().Where(q => q.LeadUserId == userId || q.Members.Any(m => m.UserId == userId));
    }

    /// <summary>
    /// Whether <paramref name="userId"/> may pick up what <paramref name="queueId"/> owns. A queue with no record (one
    /// named before queues were kept, or by a mail setting) has no members to check, so any member of staff may.
    /// </summary>
    public static async Task<bool> MayClaimAsync(TouchpointDbContext db, string queueId, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var queue = await db.WorkQueues.AsNoTracking()
            .Where(q => q.Id == queueId)
            .Select(q => new { q.LeadUserId, IsMember = q.Members.Any(m => m.UserId == userId) })
            .FirstOrDefaultAsync(cancellationToken);
        return queue is null || queue.IsMember || queue.LeadUserId == userId;
    }

    /// <summary>Every queue by name, with its lead and members named.</summary>
    public static async Task<List<QueueView>> ListAsync(TouchpointDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var queues = await db.WorkQueues.AsNoTracking().Include(q => q.Members).OrderBy(q => q.Name).ToListAsync(cancellationToken);
        var names = await NamesAsync(db, queues.SelectMany(q => q.Members.Select(m => m.UserId).Append(q.LeadUserId)), cancellationToken);
        return queues.ConvertAll(q => View(q, names));
    }

    public static async Task<QueueView> ViewAsync(TouchpointDbContext db, WorkQueue queue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queue);
        var names = await NamesAsync(db, queue.Members.Select(m => m.UserId).Append(queue.LeadUserId), cancellationToken);
        return View(queue, names);
    }

    private static QueueView View(WorkQueue queue, IReadOnlyDictionary<string, string> names) =>
        new(queue.Id, queue.Name, Person(queue.LeadUserId, names),
            queue.Members.Select(m => Person(m.UserId, names)).OrderBy(p => p.Name, StringComparer.CurrentCulture).ToList());

    private static QueuePerson Person(string id, IReadOnlyDictionary<string, string> names) => new(id, names.GetValueOrDefault(id, id));

    private static async Task<Dictionary<string, string>> NamesAsync(TouchpointDbContext db, IEnumerable<string> userIds, CancellationToken cancellationToken)
    {
        var ids = userIds.Distinct().ToList();
        return await db.Users.AsNoTracking()
            .Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, Name = u.DisplayName != "" ? u.DisplayName : u.UserName ?? u.Id })
            .ToDictionaryAsync(u => u.Id, u => u.Name, StringComparer.Ordinal, cancellationToken);
    }
}
