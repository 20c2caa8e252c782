using Touchpoint.Domain.Customers;

namespace Touchpoint.Domain.Compensation;

/// <summary>
/// An agent's request to compensate a customer with an amount, which may differ from the policy's proposal. Less than
/// the proposal is allowed, but a token cannot replace what is owed (S3-3): it needs a stated reason, which the
/// customer is told with the policy's amount, and the approval of someone whose mandate covers the proposal
/// (<see cref="CompensationMandates"/>).
/// </summary>
/// <param name="Reason">What the compensation is for, as the customer will read it on their timeline.</param>
/// <param name="RequestedAt">UTC; the customer's answer is promised relative to it when approval is needed.</param>
public sealed record CompensationRequest(
    Guid CustomerId,
    Jurisdiction CustomerJurisdiction,
    Money Amount,
    string Reason,
    string RequestedByUserId,
    DateTime RequestedAt)
{
    public string? CaseRef { get; init; }

    /// <summary>
    /// What the policy proposes for the harms the compensation is for (<see cref="CompensationPolicy.TryPropose"/>); null
    /// when no harm was named that the policy prices, e.g. a goodwill gesture.
    /// </summary>
    public Money? Proposal { get; init; }

    /// <summary>Why the customer gets less than <see cref="Proposal"/>; required exactly when they do, and told to them.</summary>
    public string? BelowProposalReason { get; init; }

    /// <summary>The amount is less than what the policy proposes for the same harms.</summary>
    public bool IsBelowProposal =>
        Proposal is { } proposal && Amount is not null && proposal.Currency == Amount.Currency && proposal.Exceeds(Amount);

    /// <summary>
    /// What the mandate of whoever decides must cover: the amount, or the proposal when the amount falls short of it,
    /// so giving less than is owed is never easier to authorise than giving what is owed.
    /// </summary>
    public Money AmountToCover => IsBelowProposal ? Proposal! : Amount;

    public bool TryValidate(out string error)
    {
        error = FirstProblem() ?? string.Empty;
        return error.Length == 0;
    }

    private string? FirstProblem()
    {
        if (CustomerId == Guid.Empty)
        {
            return "A compensation needs the customer it is for.";
        }

        if (!Enum.IsDefined(CustomerJurisdiction))
        {
            return $"A compensation needs the customer's jurisdiction; allowed values: {string.Join(", ", Jurisdictions.WireNames)}.";
        }

        if (Amount is null || !Amount.IsPositive)
        {
            return "A compensation must be more than zero.";
        }

        var currency = CustomerJurisdiction.LocalCurrency();
        if (Amount.Currency != currency)
        {
            return $"A {CustomerJurisdiction.ToWireName()} customer is compensated in {currency.ToWireName()}, not {Amount.Currency.ToWireName()}.";
        }

        if (string.IsNullOrWhiteSpace(Reason))
        {
            return "State what the compensation is for; the customer sees it on their timeline.";
        }

        if (Proposal is { } proposal && (proposal.Currency != currency || !proposal.IsPositive))
        {
            return $"The policy's proposal must be above zero and in {currency.ToWireName()}, the currency of the compensation.";
        }

        if (IsBelowProposal && string.IsNullOrWhiteSpace(BelowProposalReason))
        {
            return $"The policy proposes {Proposal} for what went wrong; granting {Amount}, less than that, needs a stated reason: the customer is told the policy's amount and why they get less.";
        }

        if (string.IsNullOrWhiteSpace(RequestedByUserId))
        {
            return "A compensation needs the person who requested it.";
        }

        return RequestedAt.Kind == DateTimeKind.Utc ? null : "The time of the request must be a UTC instant.";
    }
}
