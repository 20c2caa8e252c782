using Touchpoint.Domain.Customers;

namespace Touchpoint.Domain.Compensation;

/// <summary>An agent's request to compensate a customer with an amount, which may differ from the policy's proposal.</summary>
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

        if (string.IsNullOrWhiteSpace(RequestedByUserId))
        {
            return "A compensation needs the person who requested it.";
        }

        return RequestedAt.Kind == DateTimeKind.Utc ? null : "The time of the request must be a UTC instant.";
    }
}
