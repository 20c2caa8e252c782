using System.Collections.Frozen;

namespace Touchpoint.Domain.Platform;

/// <summary>
/// A TMF lifecycle's table of allowed moves between states (cases, orders). Staying in the same state is not a move;
/// a state with no move out is final. A refused move's error names the allowed ones, so an API can answer 409 with
/// something actionable.
/// </summary>
public sealed class Transitions<TState>
    where TState : struct, Enum
{
    private readonly FrozenDictionary<TState, FrozenSet<TState>> moves;
    private readonly string subject;
    private readonly Func<TState, string> nameOf;

    /// <param name="subject">How an error names the thing that moves, e.g. "A case".</param>
    /// <param name="moves">Every state with the states it may move to; a state missing here is a programming error.</param>
    /// <param name="nameOf">A state's wire name, as errors show it.</param>
    public Transitions(string subject, IDictionary<TState, TState[]> moves, Func<TState, string> nameOf)
    {
        var missing = Enum.GetValues<TState>().Where(s => !moves.ContainsKey(s)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"{typeof(TState).Name} has no moves for {string.Join(", ", missing)}.");
        }

        this.subject = subject;
        this.nameOf = nameOf;
        this.moves = moves.ToFrozenDictionary(m => m.Key, m => m.Value.ToFrozenSet());
    }

    public bool CanMove(TState from, TState to) => AllowedFrom(from).Contains(to);

    public IReadOnlySet<TState> AllowedFrom(TState from) =>
        moves.TryGetValue(from, out var allowed)
            ? allowed
            : throw new ArgumentOutOfRangeException(nameof(from), from, $"Unknown {typeof(TState).Name}.");

    public bool TryMove(TState from, TState to, out string error)
    {
        if (CanMove(from, to))
        {
            error = string.Empty;
            return true;
        }

        var allowed = AllowedFrom(from);
        error = allowed.Count == 0
            ? $"{subject} that is {nameOf(from)} cannot move to {nameOf(to)}: {nameOf(from)} is final."
            : $"{subject} that is {nameOf(from)} cannot move to {nameOf(to)}; allowed: {string.Join(", ", allowed.Order().Select(nameOf))}.";
        return false;
    }

    public bool IsFinal(TState state) => AllowedFrom(state).Count == 0;
}
