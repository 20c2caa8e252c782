using Touchpoint.Domain.Cases;

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

    public static string MessageSubject(Case @case)
    {
        ArgumentNullException.ThrowIfNull(@case);
        return $"Our answer to your {@case.Type.ToWireName()} ({@case.Reference})";
    }

    public static string MessageContent(Case @case, string reason, DisputeBodyView? body)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var lines = new List<string>
        {
            $"We have looked into your {@case.Type.ToWireName()} {@case.Reference}: \"{@case.NeedStatement}\".",
            $"We cannot accept it: {reason.Trim()}",
        };
        if (body is not null)
        {
            lines.Add($"{body.ReadOut} {body.Website}");
        }

        return string.Join("\n", lines);
    }
}
