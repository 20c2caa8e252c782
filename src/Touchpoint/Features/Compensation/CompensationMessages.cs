using Touchpoint.Data;
using Touchpoint.Features.Customers;
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
        TouchpointDbContext db, CompensationRecord record, Customer customer, string? caseReference, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(customer);
        if (await MessageOutbox.ContactOnFileAsync(db, record.CustomerId, cancellationToken) is not { } contact)
        {
            return false;
        }

        MessageOutbox.Queue(db, new NewMessage(
            customer.Id, customer.Name, contact.Type, contact.Address,
            $"Your compensation of {CompensationCommands.Amount(record.Money)}{(caseReference is null ? "" : $" ({caseReference})")}",
            Content(record, caseReference), MessagePurposes.CompensationGranted) { CaseId = record.CaseId, CaseReference = caseReference }, now);
        return true;
    }

    /// <summary>What the customer gets and for what, as their confirmation and a reply template's {compensation} word it: "350 SEK for: …".</summary>
    public static string Granted(CompensationRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return $"{CompensationCommands.Amount(record.Money)} for: {record.Reason}";
    }

    public static string Content(CompensationRecord record, string? caseReference)
    {
        ArgumentNullException.ThrowIfNull(record);
        var amount = CompensationCommands.Amount(record.Money);
        var lines = new List<string> { $"You are compensated {Granted(record)}." };
        if (record.Proposal is { } proposal)
        {
            var policy = CompensationCommands.Amount(proposal);
            lines.Add(record.IsBelowProposal
                ? $"Our compensation policy sets {policy} for what happened. You get {amount}, less than that, because: {record.BelowProposalReason}"
                : $"Our compensation policy sets {policy} for what happened.");
        }

        lines.Add(caseReference is null
            ? "If you do not agree, contact us in any channel."
            : $"If you do not agree, contact us in any channel and quote case {caseReference}.");
        return string.Join("\n", lines);
    }
}
