using Touchpoint.Domain.Interactions;
using static Touchpoint.Domain.Instants;

namespace Touchpoint.Domain.Promises;

/// <summary>
/// A broken promise is still owed (S4-2): breaking records that the customer was let down; it does not let them down a
/// second time by forgetting what they were promised. It stays owed until it is done late, or until the customer was
/// told and agreed to something else (settled); it stays broken in every kept-rate either way.
/// </summary>
public sealed partial record Promise
{
    /// <summary>Open, or broken and neither done late nor settled with the customer.</summary>
    public bool IsOwed => State == PromiseState.Open || (State == PromiseState.Broken && FulfilledAt is null && Withdrawal is null);

    /// <summary>Settled: broken, and the customer was told and agreed to let it go.</summary>
    public bool IsSettled => State == PromiseState.Broken && Withdrawal is not null;

    /// <summary>
    /// Records that the customer was told the broken promise will not be done and agreed otherwise (a new promise, a
    /// compensation, or nothing). Refused for a promise that is not broken and owed, or without a record of the telling.
    /// </summary>
    /// <param name="property">What the refusal is about, as for <see cref="TryWithdraw(PromiseWithdrawal?, DateTime, out Promise, out string, out string)"/>.</param>
    public bool TrySettle(PromiseWithdrawal? told, DateTime now, out Promise updated, out string error, out string property)
    {
        updated = this;
        (property, error) = FirstProblemOfSettlement(told, now) ?? (string.Empty, string.Empty);
        if (error.Length > 0)
        {
            return false;
        }

        updated = this with { Withdrawal = told };
        return true;
    }

    private (string Property, string Message)? FirstProblemOfSettlement(PromiseWithdrawal? told, DateTime now)
    {
        if (State != PromiseState.Broken || !IsOwed)
        {
            return (nameof(State), State switch
            {
                PromiseState.Open => "The promise is still open: keep it, or withdraw it telling the customer before it falls due.",
                PromiseState.Broken when FulfilledAt is { } late => $"The broken promise was done late at {Iso(late)}; nothing is owed.",
                PromiseState.Broken => "The broken promise was already settled with the customer.",
                _ => $"Only a broken promise that is still owed can be settled; this one is {State.ToWireName()}.",
            });
        }

        if (told is null)
        {
            return (nameof(Withdrawal), "Settling a broken promise requires telling the customer: record the channel, the time and what they agreed to.");
        }

        if (!Enum.IsDefined(told.ToldVia))
        {
            return (nameof(PromiseWithdrawal.ToldVia), $"Record the channel the customer was told through; allowed values: {string.Join(", ", InteractionChannels.WireNames)}.");
        }

        if (string.IsNullOrWhiteSpace(told.ToldText))
        {
            return (nameof(PromiseWithdrawal.ToldText), "Record what the customer was told and agreed to.");
        }

        if (string.IsNullOrWhiteSpace(told.WithdrawnByUserId))
        {
            return (nameof(PromiseWithdrawal.WithdrawnByUserId), "Record who settled the promise.");
        }

        if (told.ToldAt < DueAt)
        {
            return (nameof(PromiseWithdrawal.ToldAt), $"The promise broke at {Iso(DueAt)}; what the customer was told before then ({Iso(told.ToldAt)}) does not settle it.");
        }

        return told.ToldAt > now
            ? (nameof(PromiseWithdrawal.ToldAt), $"The customer cannot have been told in the future ({Iso(told.ToldAt)} is after {Iso(now)}).")
            : null;
    }
}
