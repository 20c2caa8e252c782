namespace Touchpoint.Domain.ContactCentre;

public enum LineKind
{
    /// <summary>A caller holding on the line.</summary>
    Call,

    /// <summary>A caller who took a callback instead of holding: they keep the place their call had (S4-3).</summary>
    Callback,
}

/// <summary>One caller waiting in a queue, on the line or for a callback.</summary>
/// <param name="EnqueuedAt">When the call entered the queue; a callback keeps its call's, so it never loses its place.</param>
/// <param name="Sequence">Order of entry, for callers entering at the same instant.</param>
/// <param name="NotBefore">A callback at a time the caller chose: not taken before it.</param>
public sealed record InLine(Guid Id, LineKind Kind, DateTimeOffset EnqueuedAt, long Sequence, DateTimeOffset? NotBefore = null)
{
    public bool IsDue(DateTimeOffset now) => NotBefore is not { } notBefore || notBefore <= now;
}

/// <summary>
/// Who is next in a queue: whoever entered first among those who can be taken now, callers on the line and callbacks
/// alike. A callback therefore neither jumps ahead of a caller who entered before it nor falls behind one who entered
/// after it; one at a chosen time waits for that time and then takes the place its call had.
/// </summary>
public static class QueueLine
{
    public static InLine? Next(IEnumerable<InLine> waiting, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(waiting);
        InLine? next = null;
        foreach (var item in waiting)
        {
            if (item.IsDue(now) && (next is null || Before(item, next)))
            {
                next = item;
            }
        }

        return next;
    }

    /// <summary>
    /// The caller's place, 1 being next: the callers and due callbacks who entered before them, plus one. A callback
    /// not yet due is not counted ahead; a caller who is themselves waiting for a chosen time has no place yet (null).
    /// </summary>
    public static int? Position(IReadOnlyCollection<InLine> waiting, Guid id, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(waiting);
        var self = waiting.FirstOrDefault(w => w.Id == id) ?? throw new ArgumentException($"{id} is not waiting in this queue.", nameof(id));
        return self.IsDue(now) ? 1 + waiting.Count(w => w.Id != id && w.IsDue(now) && Before(w, self)) : null;
    }

    private static bool Before(InLine one, InLine other) =>
        one.EnqueuedAt < other.EnqueuedAt || (one.EnqueuedAt == other.EnqueuedAt && one.Sequence < other.Sequence);
}
