using Touchpoint.Domain.Compensation;
using Touchpoint.Domain.Interactions;
using static Touchpoint.Domain.Instants;

namespace Touchpoint.Domain.Promises;

/// <summary>
/// A commitment to a customer with a due time and an owner (S4-2). Immutable: each change returns a new value,
/// so a caller saves it only when the change was allowed.
/// </summary>
/// <remarks>
/// A promise becomes <see cref="PromiseState.Broken"/> either when the watcher finds it open at its due time or
/// when an act that would have kept it is recorded after the due time. Callers must treat both the same way:
/// the broken promise goes on the customer's timeline and the owner's team lead is alerted.
/// </remarks>
public sealed partial record Promise
{
    /// <summary>A commitment further out is a plan, not a promise, and would sit in the watcher's index for ever.</summary>
    public const int MaxYearsAhead = 1;

    public required PromiseKind Kind { get; init; }

    public required Guid CustomerId { get; init; }

    /// <summary>The person who must keep the promise; warnings go to them.</summary>
    public required string OwnerUserId { get; init; }

    /// <summary>Who made the promise. May differ from the owner: a store clerk promises a callback from customer service (S4-2).</summary>
    public required string MadeByUserId { get; init; }

    /// <summary>Where the promise was made.</summary>
    public required InteractionChannel MadeVia { get; init; }

    public required DateTime MadeAt { get; init; }

    public required DateTime DueAt { get; init; }

    public Guid? SubscriptionId { get; init; }

    /// <summary>The case the promise belongs to; required for <see cref="PromiseKind.ResolutionByDate"/>.</summary>
    public string? CaseRef { get; init; }

    /// <summary>The amount promised back; required for <see cref="PromiseKind.Refund"/> and only for it.</summary>
    public Money? RefundAmount { get; init; }

    public PromiseState State { get; init; }

    /// <summary>When the owner was warned that the promise is about to fall due; null until then.</summary>
    public DateTime? WarnedAt { get; init; }

    /// <summary>When the act that kept the promise happened: in time when <see cref="State"/> is kept, late when broken.</summary>
    public DateTime? FulfilledAt { get; init; }

    public PromiseWithdrawal? Withdrawal { get; init; }

    /// <summary>Broken, and then done after all: the customer got it, but late. Still counts as broken.</summary>
    public bool IsKeptLate => State == PromiseState.Broken && FulfilledAt is not null;

    /// <summary>The rules a promise must satisfy when it is recorded; <paramref name="now"/> is the recording time.</summary>
    public bool TryValidateNew(DateTime now, out string error) => TryValidateNew(now, out error, out _);

    /// <param name="property">
    /// The property the problem is about (e.g. <c>nameof(DueAt)</c>), so an API can name the field at fault
    /// without repeating the rules; empty when the promise is valid.
    /// </param>
    public bool TryValidateNew(DateTime now, out string error, out string property)
    {
        (property, error) = FirstProblemOfNew(now) ?? (string.Empty, string.Empty);
        return error.Length == 0;
    }

    /// <summary>
    /// Records <paramref name="act"/> against the promise when it is the matching act (<see cref="PromiseFulfilment"/>).
    /// An act after the due time, or one recorded after the promise was broken, leaves it broken and marks it kept late.
    /// </summary>
    /// <param name="reason">Why the act did or did not keep the promise, for the agent and for diagnostics.</param>
    public bool TryKeep(PromiseAct act, out Promise updated, out string reason)
    {
        ArgumentNullException.ThrowIfNull(act);
        updated = this;

        var refusal = State switch
        {
            PromiseState.Kept => $"The promise was already kept at {Iso(FulfilledAt ?? DueAt)}.",
            PromiseState.Withdrawn => "The promise was withdrawn; there is nothing left to keep.",
            PromiseState.Broken when FulfilledAt is { } late => $"The promise is broken and was already recorded as kept late at {Iso(late)}.",
            PromiseState.Broken when Withdrawal is { } settled => $"The broken promise was settled with the customer at {Iso(settled.ToldAt)}; there is nothing left to keep.",
            _ => null,
        };
        if (refusal is not null)
        {
            reason = refusal;
            return false;
        }

        var verdict = PromiseFulfilment.Check(this, act);
        reason = verdict.Reason;
        switch (verdict.Match)
        {
            case FulfilmentMatch.DoesNotKeep:
                return false;

            case FulfilmentMatch.Keeps when State == PromiseState.Open:
                updated = this with { State = PromiseState.Kept, FulfilledAt = act.OccurredAt };
                return true;

            case FulfilmentMatch.Keeps:
                // Already broken by the watcher, and only now is an in-time act recorded. The breach stands:
                // the lead was alerted and the customer waited. Undoing it would also reward backdating contacts.
                reason = $"{verdict.Reason} It was recorded after the promise was broken, so it stays broken and is marked kept late.";
                updated = this with { FulfilledAt = act.OccurredAt };
                return true;

            default:
                updated = this with { State = PromiseState.Broken, FulfilledAt = act.OccurredAt };
                return true;
        }
    }

    /// <summary>Breaks an open promise that has reached its due time; called by the watcher.</summary>
    public bool TryBreak(DateTime now, out Promise updated, out string error)
    {
        updated = this;
        if (!PromiseLifecycle.CanMove(State, PromiseState.Broken))
        {
            error = $"Only an open promise can break; this one is {State.ToWireName()}.";
            return false;
        }

        if (now < DueAt)
        {
            error = $"The promise is not due until {Iso(DueAt)}.";
            return false;
        }

        error = string.Empty;
        updated = this with { State = PromiseState.Broken };
        return true;
    }

    /// <summary>Records that the owner was warned; at most once, and only before the due time.</summary>
    public bool TryRecordWarning(DateTime warnedAt, out Promise updated, out string error)
    {
        updated = this;
        error = PromiseLifecycle.IsFinal(State) ? $"Only an open promise is warned about; this one is {State.ToWireName()}."
            : WarnedAt is { } earlier ? $"The owner was already warned at {Iso(earlier)}."
            : warnedAt >= DueAt ? $"The promise fell due at {Iso(DueAt)}; past that it breaks instead of warning."
            : string.Empty;
        if (error.Length > 0)
        {
            return false;
        }

        updated = this with { WarnedAt = warnedAt };
        return true;
    }

    /// <summary>
    /// Calls off an open promise. Refused without a record of how the customer was told, after the due time
    /// (by then it is broken, not withdrawn), or with a telling dated before the promise or after <paramref name="now"/>.
    /// </summary>
    public bool TryWithdraw(PromiseWithdrawal? withdrawal, DateTime now, out Promise updated, out string error) =>
        TryWithdraw(withdrawal, now, out updated, out error, out _);

    /// <param name="property">
    /// What the refusal is about: <c>nameof(State)</c> (not open), <c>nameof(Withdrawal)</c> (the customer was not told),
    /// <c>nameof(DueAt)</c> (told after the due time: it is broken), or a property of <see cref="PromiseWithdrawal"/>;
    /// empty when withdrawn.
    /// </param>
    public bool TryWithdraw(PromiseWithdrawal? withdrawal, DateTime now, out Promise updated, out string error, out string property)
    {
        updated = this;
        (property, error) = FirstProblemOfWithdrawal(withdrawal, now) ?? (string.Empty, string.Empty);
        if (error.Length > 0)
        {
            return false;
        }

        updated = this with { State = PromiseState.Withdrawn, Withdrawal = withdrawal };
        return true;
    }

    private (string Property, string Message)? FirstProblemOfNew(DateTime now)
    {
        if (!Enum.IsDefined(Kind))
        {
            return (nameof(Kind), $"A promise needs a kind; allowed values: {string.Join(", ", PromiseKinds.WireNames)}.");
        }

        if (CustomerId == Guid.Empty)
        {
            return (nameof(CustomerId), "A promise needs the customer it was made to.");
        }

        if (string.IsNullOrWhiteSpace(OwnerUserId))
        {
            return (nameof(OwnerUserId), "A promise needs an owner: the person who must keep it.");
        }

        if (string.IsNullOrWhiteSpace(MadeByUserId))
        {
            return (nameof(MadeByUserId), "A promise needs the person who made it (who may be someone other than the owner).");
        }

        if (!Enum.IsDefined(MadeVia))
        {
            return (nameof(MadeVia), $"A promise needs the channel it was made in; allowed values: {string.Join(", ", InteractionChannels.WireNames)}.");
        }

        if (MadeAt.Kind != DateTimeKind.Utc || DueAt.Kind != DateTimeKind.Utc)
        {
            return (MadeAt.Kind != DateTimeKind.Utc ? nameof(MadeAt) : nameof(DueAt), "The times a promise was made and is due must be UTC instants.");
        }

        if (MadeAt > now)
        {
            return (nameof(MadeAt), $"A promise cannot be made in the future ({Iso(MadeAt)} is after {Iso(now)}).");
        }

        if (DueAt <= MadeAt)
        {
            return (nameof(DueAt), $"The due time ({Iso(DueAt)}) must be after the time the promise was made ({Iso(MadeAt)}).");
        }

        if (DueAt > MadeAt.AddYears(MaxYearsAhead))
        {
            return (nameof(DueAt), $"The due time ({Iso(DueAt)}) is more than {MaxYearsAhead} year after the promise was made; promise something nearer.");
        }

        if (State != PromiseState.Open || WarnedAt is not null || FulfilledAt is not null || Withdrawal is not null)
        {
            return (nameof(State), "A new promise starts open, with no warning, fulfilment or withdrawal.");
        }

        if (Kind == PromiseKind.ResolutionByDate && string.IsNullOrWhiteSpace(CaseRef))
        {
            return (nameof(CaseRef), "A promise of resolution by a date needs the case it resolves.");
        }

        if (Kind == PromiseKind.Refund)
        {
            return RefundAmount is { IsPositive: true } ? null : (nameof(RefundAmount), "A promised refund needs the amount promised, above zero.");
        }

        return RefundAmount is null ? null : (nameof(RefundAmount), "Only a refund promise carries an amount.");
    }

    private (string Property, string Message)? FirstProblemOfWithdrawal(PromiseWithdrawal? withdrawal, DateTime now)
    {
        if (!PromiseLifecycle.CanMove(State, PromiseState.Withdrawn))
        {
            return (nameof(State), $"Only an open promise can be withdrawn; this one is {State.ToWireName()}.");
        }

        if (withdrawal is null)
        {
            return (nameof(Withdrawal), "Withdrawing a promise requires telling the customer: record the channel, the time and what they were told.");
        }

        if (!Enum.IsDefined(withdrawal.ToldVia))
        {
            return (nameof(PromiseWithdrawal.ToldVia), $"Record the channel the customer was told through; allowed values: {string.Join(", ", InteractionChannels.WireNames)}.");
        }

        if (string.IsNullOrWhiteSpace(withdrawal.ToldText))
        {
            return (nameof(PromiseWithdrawal.ToldText), "Record what the customer was told when the promise was withdrawn.");
        }

        if (string.IsNullOrWhiteSpace(withdrawal.WithdrawnByUserId))
        {
            return (nameof(PromiseWithdrawal.WithdrawnByUserId), "Record who withdrew the promise.");
        }

        if (withdrawal.ToldAt < MadeAt)
        {
            return (nameof(PromiseWithdrawal.ToldAt), $"The customer cannot have been told ({Iso(withdrawal.ToldAt)}) before the promise was made ({Iso(MadeAt)}).");
        }

        if (withdrawal.ToldAt > now)
        {
            return (nameof(PromiseWithdrawal.ToldAt), $"The customer cannot have been told in the future ({Iso(withdrawal.ToldAt)} is after {Iso(now)}).");
        }

        return withdrawal.ToldAt > DueAt
            ? (nameof(DueAt), $"The promise fell due at {Iso(DueAt)} before the customer was told; it is broken, not withdrawn.")
            : null;
    }
}
