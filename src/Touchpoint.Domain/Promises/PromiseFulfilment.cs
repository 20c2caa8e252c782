using Touchpoint.Domain.Compensation;
using Touchpoint.Domain.Interactions;
using static Touchpoint.Domain.Instants;

namespace Touchpoint.Domain.Promises;

public enum FulfilmentMatch
{
    /// <summary>The matching act, no later than the due time.</summary>
    Keeps,

    /// <summary>The matching act, but after the due time: the promise is broken and kept late.</summary>
    KeepsLate,

    DoesNotKeep,
}

/// <param name="Reason">Why, in a sentence an agent can read; always set, also when the act keeps the promise.</param>
public sealed record FulfilmentVerdict(FulfilmentMatch Match, string Reason);

/// <summary>
/// Whether an act keeps a promise. Each kind has one kind of act that keeps it, done by the operator for the
/// same customer after the promise was made:
/// <list type="bullet">
/// <item>callback: an outbound phone call. An inbound call does not keep it (the customer gave up waiting, S4-2),
/// nor does an IVR call (a machine is not a callback) or a message in another channel.</item>
/// <item>written reply: an outbound email or letter. Not an SMS: a reply answers the customer's questions
/// (S1-4) and needs the room and permanence of a letter; an SMS saying "we have replied" is a notification.</item>
/// <item>technician visit: the visit reported done.</item>
/// <item>refund: a refund booked in the promised currency for at least the promised amount.</item>
/// <item>resolution by date: the promise's own case resolved.</item>
/// </list>
/// An act that names another subscription or case than the promise does keeps nothing; an act naming none is
/// taken to concern the customer in general.
/// </summary>
public static class PromiseFulfilment
{
    public static FulfilmentVerdict Check(Promise promise, PromiseAct act)
    {
        ArgumentNullException.ThrowIfNull(promise);
        ArgumentNullException.ThrowIfNull(act);

        var mismatch = CommonMismatch(promise, act) ?? KindMismatch(promise, act);
        if (mismatch is not null)
        {
            return new FulfilmentVerdict(FulfilmentMatch.DoesNotKeep, mismatch);
        }

        var what = $"{Describe(act)} at {Iso(act.OccurredAt)} keeps the {Describe(promise.Kind)}";
        return act.OccurredAt <= promise.DueAt
            ? new FulfilmentVerdict(FulfilmentMatch.Keeps, $"{Capitalized(what)}.")
            : new FulfilmentVerdict(FulfilmentMatch.KeepsLate, $"{Capitalized(what)}, but late: it was due at {Iso(promise.DueAt)}.");
    }

    private static string? CommonMismatch(Promise promise, PromiseAct act)
    {
        if (act.CustomerId != promise.CustomerId)
        {
            return "The act concerns another customer than the one the promise was made to.";
        }

        if (act.OccurredAt <= promise.MadeAt)
        {
            return $"The act at {Iso(act.OccurredAt)} was not after the promise was made at {Iso(promise.MadeAt)}.";
        }

        if (act.SubscriptionId is { } actSubscription && promise.SubscriptionId is { } promisedSubscription && actSubscription != promisedSubscription)
        {
            return "The act concerns another subscription than the promise.";
        }

        return act.CaseRef is { } actCase && promise.CaseRef is { } promisedCase && !string.Equals(actCase, promisedCase, StringComparison.Ordinal)
            ? $"The act concerns case {actCase}; the promise belongs to case {promisedCase}."
            : null;
    }

    private static string? KindMismatch(Promise promise, PromiseAct act) => promise.Kind switch
    {
        PromiseKind.Callback => act switch
        {
            InteractionAct { Direction: InteractionDirection.Inbound, Channel: InteractionChannel.Phone } =>
                "An inbound call from the customer does not keep a callback: the operator must call them.",
            InteractionAct { Direction: InteractionDirection.Inbound } i =>
                $"An inbound {i.Channel.ToWireName()} contact from the customer does not keep a callback: the operator must call them.",
            InteractionAct { Channel: InteractionChannel.Phone } => null,
            InteractionAct i => $"A callback is kept by an outbound phone call, not by {Describe(i)}.",
            _ => $"A callback is kept by an outbound phone call, not by {Describe(act)}.",
        },
        PromiseKind.WrittenReply => act switch
        {
            InteractionAct { Direction: InteractionDirection.Inbound } =>
                "A message from the customer does not keep a written reply: the operator must write to them.",
            MessageDeliveredAct { Channel: InteractionChannel.Email } => null,
            // A letter leaves by post, outside Touchpoint: recording it is the only proof there is.
            InteractionAct { Channel: InteractionChannel.Letter } => null,
            _ => $"A written reply is kept by an e-mail Touchpoint delivered or a letter, not by {Describe(act)}.",
        },
        PromiseKind.TechnicianVisit => act is TechnicianVisitDoneAct
            ? null
            : $"A technician visit is kept by the visit being done, not by {Describe(act)}.",
        PromiseKind.Refund => act is RefundRecordedAct refund
            ? RefundMismatch(promise, refund)
            : $"A refund is kept by a recorded refund, not by {Describe(act)}.",
        PromiseKind.ResolutionByDate => act is CaseResolvedAct resolved
            ? ResolutionMismatch(promise, resolved)
            : $"A resolution by a date is kept by the case being resolved, not by {Describe(act)}.",
        _ => throw new ArgumentOutOfRangeException(nameof(promise), promise.Kind, "Unknown promise kind."),
    };

    private static string? RefundMismatch(Promise promise, RefundRecordedAct refund)
    {
        if (promise.RefundAmount is not { } promised)
        {
            return null;
        }

        if (refund.Amount.Currency != promised.Currency)
        {
            return $"The refund is in {refund.Amount.Currency.ToWireName()}; {promised} was promised.";
        }

        return promised.Exceeds(refund.Amount) ? $"The refund of {refund.Amount} is less than the {promised} promised." : null;
    }

    private static string? ResolutionMismatch(Promise promise, CaseResolvedAct resolved) =>
        string.Equals(resolved.ResolvedCaseRef, promise.CaseRef, StringComparison.Ordinal)
            ? null
            : $"Case {resolved.ResolvedCaseRef} was resolved; the promise is about case {promise.CaseRef ?? "(none)"}.";

    private static string Describe(PromiseAct act) => act switch
    {
        InteractionAct i => $"an {i.Direction.ToWireName()} {i.Channel.ToWireName()} contact",
        MessageDeliveredAct m => $"a delivered {m.Channel.ToWireName()} message",
        RefundRecordedAct r => $"a refund of {r.Amount}",
        TechnicianVisitDoneAct => "a technician visit",
        CaseResolvedAct c => $"the resolution of case {c.ResolvedCaseRef}",
        _ => "an act of an unknown kind",
    };

    private static string Describe(PromiseKind kind) => kind switch
    {
        PromiseKind.Callback => "callback",
        PromiseKind.WrittenReply => "written reply",
        PromiseKind.TechnicianVisit => "technician visit",
        PromiseKind.Refund => "refund",
        PromiseKind.ResolutionByDate => "resolution by date",
        _ => kind.ToString(),
    };

    private static string Capitalized(string text) => string.Concat(text[..1].ToUpperInvariant(), text[1..]);
}
