using Touchpoint.Features.Customers;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Orders;

/// <summary>
/// An order as <c>POST /api/orders</c> takes it. The customer is named by id or by any identity (phone number,
/// e-mail, national id, legacy id of a merged brand such as <c>sonofon:19960042</c>).
/// </summary>
/// <param name="SoldVia">The channel the order was sold in (phone, web, store, …), for every item that does not say otherwise (CRD-9).</param>
/// <param name="SoldBy">Who sold it, when not the member of staff placing it.</param>
/// <param name="WithdrawalInformationGiven">Whether the customer was told of the withdrawal right (default true; CRD-10).</param>
public sealed record PlaceOrderInput(
    Guid? CustomerId,
    string? CustomerIdentity,
    IReadOnlyList<OrderItemInput?>? Items,
    string? Description = null,
    string? ExternalId = null,
    string? Priority = null,
    DateTimeOffset? RequestedStartDate = null,
    DateTimeOffset? RequestedCompletionDate = null,
    string? SoldVia = null,
    string? SoldBy = null,
    bool? WithdrawalInformationGiven = null);

/// <summary>
/// One item: <c>add</c> (planCode; serviceAddress for a fixed service, else the customer's; msisdn or a port-in),
/// <c>modify</c> (subscriptionId with planCode and/or serviceAddress: a plan change, a move), <c>delete</c>
/// (subscriptionId; portOut with portingDate and the customer's portingRequest for a port-out, EU-106-6),
/// <c>noChange</c> (subscriptionId). <c>soldVia</c> and <c>withdrawalInformationGiven</c> override the order's for this item.
/// </summary>
public sealed record OrderItemInput(
    string? Id,
    string? Action,
    Guid? SubscriptionId = null,
    string? PlanCode = null,
    AddressInput? ServiceAddress = null,
    string? Msisdn = null,
    decimal? MonthlyPrice = null,
    int? BindingMonths = null,
    bool? BindingConsent = null,
    string? PortInMsisdn = null,
    string? DonorOperator = null,
    DateOnly? PortingDate = null,
    bool? PortOut = null,
    string? RecipientOperator = null,
    IReadOnlyList<OrderItemRelationshipInput?>? Relationships = null,
    PortingRequestInput? PortingRequest = null,
    string? SoldVia = null,
    bool? WithdrawalInformationGiven = null);

public sealed record OrderItemRelationshipInput(string? ItemId, string? Type);

/// <summary>
/// The customer's request a port-out is taken on (EU-106-6): <c>requestedBy</c> <c>recipientOperator</c> — the receiving
/// operator's porting request, with its <c>reference</c> and the customer's identity as their country's porting scheme
/// asks (<c>nationalId</c>; or <c>customerNumber</c> or <c>msisdn</c> with <c>customerName</c>) — or <c>customer</c>, the
/// customer's own instruction, with how we verified them (<c>verifiedBy</c>: eId, idDocument, oneTimeCode) and where
/// (<c>channel</c>).
/// </summary>
public sealed record PortingRequestInput(
    string? RequestedBy,
    string? Reference = null,
    string? NationalId = null,
    string? CustomerNumber = null,
    string? CustomerName = null,
    string? Msisdn = null,
    string? VerifiedBy = null,
    string? Channel = null);

public sealed record CancelOrderInput(string? Reason, DateTimeOffset? RequestedCancellationDate = null);

/// <summary>
/// An order Touchpoint will not take although the input is well formed: an item the service address cannot get
/// (S3-1), a port-in of a number we already serve (S1-1, TP-4), a port-out without the customer's request (EU-106-6).
/// Answered 422 naming the item's field, with the reason and what can be done instead; nothing of the order is stored,
/// and the refusal is on the customer's timeline.
/// </summary>
/// <param name="Errors">Every field at fault when there are several (a batch of port-outs, item by item); else just <paramref name="Field"/>.</param>
public sealed record OrderRefused(string Field, string Message, IReadOnlyDictionary<string, object?> Details, IReadOnlyDictionary<string, string[]>? Errors = null)
    : Failure(Message)
{
    /// <param name="translate">Renames the order's fields for another API (TMF622).</param>
    public UnprocessableProblem ToProblem(Func<string, string>? translate = null)
    {
        translate ??= field => field;
        // Two of the order's fields may be one field of the other API: their messages go together.
        var errors = (Errors ?? new Dictionary<string, string[]> { [Field] = [Message] })
            .GroupBy(e => translate(e.Key), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.SelectMany(e => e.Value).ToArray(), StringComparer.Ordinal);
        return ProblemResults.Unprocessable("The order cannot be taken.", Message, new Dictionary<string, object?>(Details) { ["errors"] = errors });
    }
}
