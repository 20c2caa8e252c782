using System.Collections.Frozen;

namespace Touchpoint.Domain.Promises;

/// <summary>
/// Which state changes a promise may make. Only an open promise moves, and only once.
/// A broken promise stays broken even if the act comes later: the customer was let down at the due time,
/// and a late fulfilment is recorded beside the broken fact (<see cref="Promise.IsKeptLate"/>), not instead of it.
/// </summary>
public static class PromiseLifecycle
{
    private static readonly FrozenDictionary<PromiseState, IReadOnlySet<PromiseState>> Moves =
        new Dictionary<PromiseState, IReadOnlySet<PromiseState>>
        {
            [PromiseState.Open] = Set(PromiseState.Kept, PromiseState.Broken, PromiseState.Withdrawn),
            [PromiseState.Kept] = Set(),
            [PromiseState.Broken] = Set(),
            [PromiseState.Withdrawn] = Set(),
        }.ToFrozenDictionary();

    public static bool CanMove(PromiseState from, PromiseState to) => AllowedFrom(from).Contains(to);

    public static IReadOnlySet<PromiseState> AllowedFrom(PromiseState from) =>
        Moves.TryGetValue(from, out var allowed)
            ? allowed
            : throw new ArgumentOutOfRangeException(nameof(from), from, "Unknown promise state.");

    public static bool IsFinal(PromiseState state) => AllowedFrom(state).Count == 0;

    private static FrozenSet<PromiseState> Set(params PromiseState[] states) => states.ToFrozenSet();
}
