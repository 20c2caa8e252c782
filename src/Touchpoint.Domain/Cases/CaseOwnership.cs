namespace Touchpoint.Domain.Cases;

/// <summary>A handoff waiting for the new owner's answer. Until it is accepted, <see cref="From"/> owns the case.</summary>
/// <param name="IsBounce">The case would go back to someone it already left (S2-4): the team lead is told at once.</param>
public sealed record HandoffRequest(CaseOwner From, CaseOwner To, DateTimeOffset RequestedAt, string Reason, bool IsBounce);

/// <summary>The result of a handoff step: the new ownership, or the unchanged one and why the step was refused.</summary>
public sealed record OwnershipChange(CaseOwnership Ownership, string Error)
{
    public bool Succeeded => Error.Length == 0;
}

/// <summary>
/// Who owns a case, who owned it before, and any handoff waiting for acceptance. A case has exactly one owner
/// from creation: whoever received it (S2-3). It changes hands only when the new owner accepts, so a case is
/// never without an owner and never pushed onto someone (S2-3). Immutable: every step returns a new value.
/// </summary>
public sealed record CaseOwnership
{
    private CaseOwnership(IReadOnlyList<CaseOwner> owners, HandoffRequest? pendingHandoff, int bounces)
    {
        Owners = owners;
        PendingHandoff = pendingHandoff;
        Bounces = bounces;
    }

    /// <summary>Every owner in order; the last one owns the case now. The same owner can appear more than once.</summary>
    public IReadOnlyList<CaseOwner> Owners { get; }

    public CaseOwner Owner => Owners[^1];

    public HandoffRequest? PendingHandoff { get; }

    /// <summary>
    /// Accepted handoffs (S1-3). Declined and cancelled requests did not move the case, and a member picking the case
    /// up from a queue is its first real owner, not a customer passed from one person to the next.
    /// </summary>
    public int Handoffs => Owners.Count - 1 - Owners.Zip(Owners.Skip(1)).Count(step => step.First.Kind == OwnerKind.Queue && step.Second.Kind == OwnerKind.User);

    /// <summary>Handoff requests that would send the case back to an earlier owner, whether or not accepted.</summary>
    public int Bounces { get; }

    /// <summary>The flag team leads filter on: this case has been sent back and forth at least once (S2-4).</summary>
    public bool IsBounced => Bounces > 0;

    public static CaseOwnership StartWith(CaseOwner receiver)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        return new CaseOwnership([receiver], pendingHandoff: null, bounces: 0);
    }

    /// <summary>
    /// True when <paramref name="proposed"/> owned the case before and has since left it: a ping-pong between
    /// help desk and PR (S2-4). Handing to the current owner is no handoff at all, so it is not a bounce.
    /// </summary>
    public static bool IsBounce(IReadOnlyList<CaseOwner> ownersInOrder, CaseOwner proposed)
    {
        ArgumentNullException.ThrowIfNull(ownersInOrder);
        ArgumentNullException.ThrowIfNull(proposed);
        if (ownersInOrder.Count == 0 || ownersInOrder[^1].IsSameOwnerAs(proposed))
        {
            return false;
        }

        return ownersInOrder.Take(ownersInOrder.Count - 1).Any(earlier => earlier.IsSameOwnerAs(proposed));
    }

    public OwnershipChange RequestHandoff(CaseOwner to, DateTimeOffset at, string reason)
    {
        ArgumentNullException.ThrowIfNull(to);
        if (PendingHandoff is { } waiting)
        {
            return Refuse($"A handoff to {waiting.To.Describe()} is already waiting for an answer; it must be accepted, declined or cancelled first.");
        }

        if (Owner.IsSameOwnerAs(to))
        {
            return Refuse($"The case is already owned by {to.Describe()}.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return Refuse("A handoff needs a reason, so the new owner and the case history show why it moved.");
        }

        var isBounce = IsBounce(Owners, to);
        var request = new HandoffRequest(Owner, to, at, reason.Trim(), isBounce);
        return Allow(new CaseOwnership(Owners, request, isBounce ? Bounces + 1 : Bounces));
    }

    /// <summary>
    /// The new owner takes the case. A handoff to a person is accepted only by that person; for a queue,
    /// the caller checks that the accepting user is a member, which this rule cannot see.
    /// </summary>
    public OwnershipChange Accept(string acceptingUserId)
    {
        if (PendingHandoff is not { } request)
        {
            return Refuse("There is no handoff waiting to accept.");
        }

        return OnlyTheProposedOwner(request, acceptingUserId, "accept") is { } refusal
            ? Refuse(refusal)
            : Allow(new CaseOwnership([.. Owners, request.To], pendingHandoff: null, Bounces));
    }

    /// <summary>
    /// A member of the queue that owns the case picks it up and owns it from now on (S2-3). Who is a member is the
    /// caller's check; this rule sees only that a queue owns the case and nothing is waiting to move it elsewhere.
    /// </summary>
    public OwnershipChange Claim(CaseOwner claimer)
    {
        ArgumentNullException.ThrowIfNull(claimer);
        if (claimer.Kind != OwnerKind.User)
        {
            return Refuse("A case is claimed by a person, not by a queue.");
        }

        if (Owner.Kind != OwnerKind.Queue)
        {
            return Refuse($"The case is owned by {Owner.Describe()}, not waiting in a queue; ask them to hand it over instead.");
        }

        if (PendingHandoff is { } waiting)
        {
            return Refuse($"A handoff to {waiting.To.Describe()} is waiting for an answer; it must be accepted, declined or cancelled first.");
        }

        return Allow(new CaseOwnership([.. Owners, claimer], pendingHandoff: null, Bounces));
    }

    /// <summary>The proposed owner says no; the case stays where it is, and the current owner keeps it (S2-3).</summary>
    public OwnershipChange Decline(string decliningUserId)
    {
        if (PendingHandoff is not { } request)
        {
            return Refuse("There is no handoff waiting to decline.");
        }

        return OnlyTheProposedOwner(request, decliningUserId, "decline") is { } refusal
            ? Refuse(refusal)
            : Allow(new CaseOwnership(Owners, pendingHandoff: null, Bounces));
    }

    /// <summary>The current owner takes the request back; who may do so is the caller's authorization.</summary>
    public OwnershipChange Cancel() =>
        PendingHandoff is null
            ? Refuse("There is no handoff waiting to cancel.")
            : Allow(new CaseOwnership(Owners, pendingHandoff: null, Bounces));

    private static string? OnlyTheProposedOwner(HandoffRequest request, string userId, string verb) =>
        request.To.Kind == OwnerKind.User && !string.Equals(request.To.Id, userId, StringComparison.Ordinal)
            ? $"Only {request.To.Describe()} can {verb} this handoff."
            : null;

    private OwnershipChange Refuse(string error) => new(this, error);

    private static OwnershipChange Allow(CaseOwnership next) => new(next, string.Empty);

    // Records compare collections by reference; ownership is a value, so compare the owners by content.
    public bool Equals(CaseOwnership? other) =>
        other is not null
        && Owners.SequenceEqual(other.Owners)
        && PendingHandoff == other.PendingHandoff
        && Bounces == other.Bounces;

    public override int GetHashCode() => HashCode.Combine(Owner, Owners.Count, PendingHandoff, Bounces);
}
