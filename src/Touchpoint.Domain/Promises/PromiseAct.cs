using Touchpoint.Domain.Compensation;
using Touchpoint.Domain.Interactions;

namespace Touchpoint.Domain.Promises;

/// <summary>
/// Something the operator recorded doing for a customer that may keep a promise. Promises are kept by these
/// facts, never by ticking a box, so a kept-rate cannot be improved without the customer having been served.
/// </summary>
/// <param name="OccurredAt">When the act happened (UTC), which is what is compared with the due time.</param>
public abstract record PromiseAct(Guid CustomerId, DateTime OccurredAt)
{
    /// <summary>The subscription the act concerned, when known. An act about another subscription keeps nothing.</summary>
    public Guid? SubscriptionId { get; init; }

    /// <summary>The case the act concerned, when known. An act about another case keeps nothing.</summary>
    public string? CaseRef { get; init; }
}

/// <summary>A contact with the customer, as recorded on the timeline.</summary>
public sealed record InteractionAct(Guid CustomerId, DateTime OccurredAt, InteractionChannel Channel, InteractionDirection Direction)
    : PromiseAct(CustomerId, OccurredAt);

/// <summary>
/// A message Touchpoint delivered to the customer (an SMTP server or SMS gateway took it). Unlike a contact recorded
/// by hand, it is proof the customer was written to, which is what keeps a written reply (S4-2).
/// </summary>
public sealed record MessageDeliveredAct(Guid CustomerId, DateTime OccurredAt, InteractionChannel Channel)
    : PromiseAct(CustomerId, OccurredAt);

/// <summary>A refund booked for the customer.</summary>
public sealed record RefundRecordedAct(Guid CustomerId, DateTime OccurredAt, Money Amount)
    : PromiseAct(CustomerId, OccurredAt);

/// <summary>A technician's visit reported done by field service.</summary>
public sealed record TechnicianVisitDoneAct(Guid CustomerId, DateTime OccurredAt)
    : PromiseAct(CustomerId, OccurredAt);

/// <summary>A case resolved; keeps a promise of resolution for that same case.</summary>
public sealed record CaseResolvedAct(Guid CustomerId, DateTime OccurredAt, string ResolvedCaseRef)
    : PromiseAct(CustomerId, OccurredAt);
