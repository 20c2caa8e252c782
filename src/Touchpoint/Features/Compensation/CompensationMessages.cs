using Touchpoint.Data;
using Touchpoint.Domain.Compensation;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Languages;
using Touchpoint.Features.Messages;

namespace Touchpoint.Features.Compensation;

/// <summary>
/// The customer's written word of a compensation granted or approved: the amount and what it is for and, when the harms
/// were named, what the policy sets for them — with the reason when the customer gets less (S3-3: a token cannot replace
/// what is owed, and the customer sees the difference and why).
/// </summary>
public static class CompensationMessages
{
    /// <summary>Queues the message to the address on file, in the caller's unit of work.</summary>
    /// <returns>False when no e-mail address or phone number is on file: the timeline is then the only record.</returns>
    public static async Task<bool> QueueGrantedAsync(
        TouchpointDbContext db, CustomerVoices voices, CompensationRecord record, Customer customer, string? caseReference, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(voices);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(customer);
        if (await MessageOutbox.ContactOnFileAsync(db, record.CustomerId, cancellationToken) is not { } contact)
        {
            return false;
        }

        var voice = voices.For(customer.PreferredLanguage, customer.Jurisdiction);
        var amount = Amount(voice, record.Money);
        MessageOutbox.Queue(db, new NewMessage(
            customer.Id, customer.Name, contact.Type, contact.Address,
            $"{voice.Text("Compensation.Subject", amount)}{(caseReference is null ? "" : $" ({caseReference})")}",
            Content(voice, record, caseReference), MessagePurposes.CompensationGranted) { CaseId = record.CaseId, CaseReference = caseReference, Language = voice.Language }, now);
        return true;
    }

    /// <summary>
    /// What the customer gets and for what, in <paramref name="voice"/>'s language with the amount as their country
    /// writes it, as a reply template's {compensation} words it: "350,00 kr. for: …". The reason stays as it was typed.
    /// </summary>
    public static string Granted(CustomerVoice voice, CompensationRecord record)
    {
        ArgumentNullException.ThrowIfNull(voice);
        ArgumentNullException.ThrowIfNull(record);
        return voice.Text("Compensation.ForReason", Amount(voice, record.Money), record.Reason);
    }

    /// <summary>The confirmation's text in the customer's language, amounts as they write them.</summary>
    public static string Content(CustomerVoice voice, CompensationRecord record, string? caseReference)
    {
        ArgumentNullException.ThrowIfNull(voice);
        ArgumentNullException.ThrowIfNull(record);
        var amount = Amount(voice, record.Money);
        var lines = new List<string> { voice.Text("Compensation.Granted", amount, record.Reason) };
        if (record.Proposal is { } proposal)
        {
            lines.Add(record.IsBelowProposal
                ? voice.Text("Compensation.BelowPolicy", Amount(voice, proposal), amount, record.BelowProposalReason ?? "")
                : voice.Text("Compensation.Policy", Amount(voice, proposal)));
        }

        lines.Add(caseReference is null ? voice["Compensation.Disagree"] : voice.Text("Compensation.DisagreeCase", caseReference));
        return string.Join("\n", lines);
    }

    private static string Amount(CustomerVoice voice, Money money) => voice.Money(money.Amount, money.Currency.ToWireName());
}
