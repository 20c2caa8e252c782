using Touchpoint.Domain.Contracts;
using Touchpoint.Features.Languages;
using Touchpoint.Features.Orders;
using Touchpoint.Features.Subscriptions;

namespace Touchpoint.Features.Leaving;

/// <summary>
/// What leaving means, as the customer reads it in their language: the same facts the agents' explanations give,
/// written for the customer, with the law by its name. One home for the page and the confirmations.
/// </summary>
public static class LeavingTexts
{
    /// <summary>Why a cancellation ends on its day: the binding or the notice.</summary>
    public static string CancellationReason(CustomerVoice voice, CancellationOption cancellation)
    {
        ArgumentNullException.ThrowIfNull(voice);
        ArgumentNullException.ThrowIfNull(cancellation);
        return voice.Text(cancellation.IsBound ? "Leave.Cancel.Bound" : "Leave.Cancel.Unbound", voice.Date(cancellation.EffectiveDate), voice.Period(cancellation.Notice));
    }

    /// <summary>What was found wrong with the service, from the finding's own facts: where, how fast, how often.</summary>
    public static string FindingReason(CustomerVoice voice, NonConformityFinding finding, Subscription subscription)
    {
        ArgumentNullException.ThrowIfNull(voice);
        ArgumentNullException.ThrowIfNull(finding);
        ArgumentNullException.ThrowIfNull(subscription);
        return finding.Kind switch
        {
            NonConformityKind.NotDeliverable => voice.Text("Finding.NotDeliverable",
                subscription.ServiceAddress is { } address ? OrderTimeline.Format(address) : subscription.Msisdn ?? ""),
            NonConformityKind.SpeedBelowContract => voice.Text("Finding.SpeedBelowContract", (finding.ContractedMbps ?? 0m).ToString("0.##", voice.Culture)),
            _ => voice.Text("Finding.RecurringFaults", finding.FaultCases.Split(", ", StringSplitOptions.RemoveEmptyEntries).Length),
        };
    }

    /// <summary>The plan, price and binding a withdrawn change puts back.</summary>
    public static string Restores(CustomerVoice voice, RestoredTerms terms)
    {
        ArgumentNullException.ThrowIfNull(voice);
        ArgumentNullException.ThrowIfNull(terms);
        var price = voice.Money(terms.MonthlyPrice, terms.Currency);
        return terms.BindingEndDate is { } end
            ? voice.Text("Terms.Bound", terms.PlanName, price, voice.Date(end))
            : voice.Text("Terms.Unbound", terms.PlanName, price);
    }
}
