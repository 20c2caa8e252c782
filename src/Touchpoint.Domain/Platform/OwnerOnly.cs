namespace Touchpoint.Domain.Platform;

/// <summary>
/// Who owns a piece of work (a case, a promise) for the steps only its owner may take.
/// </summary>
/// <param name="Owner">The owner as named in sentences: "Anna Agent", or "the Customer service queue".</param>
/// <param name="AnswerableUserId">
/// The person who answers for the work: its owner, or while it waits in a queue, the queue's lead until a member picks it up.
/// </param>
/// <param name="TeamLeadId">The team lead that person reports to, who may act in their stead; null when they report to nobody.</param>
public sealed record WorkOwner(string Owner, string AnswerableUserId, string? TeamLeadId);

/// <summary>A member of staff about to take a step; admins may take any.</summary>
public sealed record StaffCaller(string UserId, bool IsAdmin);

/// <summary>
/// One owner means one owner: only whoever answers for a piece of work, their team lead or an admin may decide on it
/// (move a case's status, answer its questions, set its need, call off a promise). Anyone else may still add notes and
/// ask for a handoff; the refusal says whose the work is so they know whom to ask.
/// </summary>
public static class OwnerOnly
{
    /// <summary>Null when <paramref name="caller"/> may decide on <paramref name="what"/>; else the sentence saying whose it is.</summary>
    /// <param name="what">The work as named to people, capitalised: "Case C-2026-0001", "The callback promise".</param>
    public static string? Refusal(WorkOwner owner, StaffCaller caller, string what)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentException.ThrowIfNullOrWhiteSpace(what);
        var mayDecide = caller.IsAdmin
            || string.Equals(caller.UserId, owner.AnswerableUserId, StringComparison.Ordinal)
            || (owner.TeamLeadId is not null && string.Equals(caller.UserId, owner.TeamLeadId, StringComparison.Ordinal));
        return mayDecide ? null : $"{what} is owned by {owner.Owner}; ask for a handoff.";
    }
}
