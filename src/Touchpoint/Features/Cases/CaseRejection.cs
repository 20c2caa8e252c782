using Touchpoint.Domain.Cases;
using Touchpoint.Features.Languages;

namespace Touchpoint.Features.Cases;

/// <summary>
/// What a rejection tells the customer, in one place so that every surface says the same (RULES.md ADR): the case's
/// timeline, the customer's message, REST (<c>disputeBody</c>) and TMF621 (<c>statusChangeReason</c> and a
/// <c>DisputeBody</c> note). Only a rejected complaint names a dispute body; any rejection gives its reason.
/// </summary>
public static class CaseRejection
{
    /// <summary>The sentence the customer reads, with the rule and the body's name, e.g. "… at teleanke.dk (rule ADR: Teleankenævnet)".</summary>
    public static string DisputeBodyText(DisputeBodyView body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return $"{body.ReadOut} (rule {body.RuleId}: {body.Name})";
    }

    /// <summary>The reason given for the rejection, followed by where the customer can turn when there is such a place.</summary>
    public static string ReasonWithDisputeBody(string? reason, DisputeBodyView? body) =>
        body is null ? reason ?? "" : string.IsNullOrWhiteSpace(reason) ? DisputeBodyText(body) : $"{reason.Trim()} — {DisputeBodyText(body)}";

    public static string MessageSubject(CustomerVoice voice, Case @case)
    {
        ArgumentNullException.ThrowIfNull(voice);
        ArgumentNullException.ThrowIfNull(@case);
        return voice.Text("Rejection.Subject", TypeName(voice, @case.Type), @case.Reference);
    }

    /// <summary>The customer's message, in their language; the dispute body by its own name and address.</summary>
    public static string MessageContent(CustomerVoice voice, Case @case, string reason, DisputeBodyView? body)
    {
        ArgumentNullException.ThrowIfNull(voice);
        ArgumentNullException.ThrowIfNull(@case);
        var lines = new List<string>
        {
            voice.Text("Rejection.Looked", TypeName(voice, @case.Type), @case.Reference, @case.NeedStatement),
            voice.Text("Rejection.Refused", reason.Trim()),
        };
        if (body is not null)
        {
            lines.Add(voice.Text("Rejection.DisputeBody", body.Name, body.Website));
            if (body.DisputedAmountOnHold)
            {
                lines.Add(voice["Rejection.AmountOnHold"]);
            }
        }

        return string.Join("\n", lines);
    }

    private static string TypeName(CustomerVoice voice, CaseType type) => voice[type switch
    {
        CaseType.Complaint => "Case.Complaint",
        CaseType.Incident => "Case.Incident",
        _ => "Case.Request",
    }];
}
