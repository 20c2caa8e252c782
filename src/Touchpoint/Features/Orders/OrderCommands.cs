using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Orders;
using Touchpoint.Features.Customers;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Orders;

/// <summary>
/// Placing, changing and cancelling composite orders. An order is checked as a whole before anything is stored: the
/// input (400 naming the field), the composite rules of the domain (<see cref="CompositeOrder"/>: whose subscriptions,
/// which action, S2-2), then what the world says (<see cref="OrderChecks"/>: port-ins, S1-1; coverage, S3-1; 422).
/// A checked order is stored acknowledged and runs at once, or at its requested start date (<see cref="OrderWatch"/>),
/// as a whole (<see cref="OrderExecution"/>).
/// </summary>
/// <remarks>
/// One class, one partial file per use case: <c>.Place</c> (with the checks of each item), <c>.Cancel</c> and
/// <c>.Update</c>. Finding the customer an order is for is shared with the TMF APIs and stays here.
/// </remarks>
public sealed partial class OrderCommands(
    TouchpointDbContext db, TimeProvider clock, CurrentActor currentActor, OrderChecks checks, OrderExecution execution, PortOutRequests portOuts,
    OrderConfirmation confirmation)
{
    public const int MaxOperatorNameLength = 100;

    /// <summary>
    /// The customer by id, or by any identity — phone number in any format, e-mail, national id, legacy id of a merged
    /// brand — followed to the record it was merged into, so every identity of a person leads to one customer (S1-1).
    /// </summary>
    public static async Task<Outcome<Customer>> ResolveCustomerAsync(
        TouchpointDbContext db, Guid? customerId, string? identity, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (customerId is { } id)
        {
            var byId = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
            if (byId is null)
            {
                return new Failure.Invalid("customerId", $"There is no customer with id '{id}'.");
            }

            return byId.Status == CustomerStatus.Merged
                ? new Failure.Invalid("customerId", $"Customer {id} was merged into {byId.MergedIntoId}; order for that record.")
                : byId;
        }

        if (string.IsNullOrWhiteSpace(identity))
        {
            return new Failure.Invalid("customerId", "Name the customer: customerId, or customerIdentity (a phone number, e-mail, national id or legacy id).");
        }

        var candidates = Customers.CustomerSearch.IdentityCandidates(identity, today);
        var values = candidates.Select(c => c.Value).Distinct().ToList();
        var matches = await db.CustomerIdentities.AsNoTracking().Where(i => values.Contains(i.Value))
            .Select(i => new { i.Kind, i.Value, i.CustomerId }).ToListAsync(cancellationToken);
        var owners = matches.Where(m => candidates.Contains((m.Kind, m.Value))).Select(m => m.CustomerId).Distinct().ToList();
        if (owners.Count != 1)
        {
            return new Failure.Invalid("customerIdentity", owners.Count == 0
                ? $"No customer has the identity '{identity.Trim()}'."
                : $"'{identity.Trim()}' is an identity of more than one customer; give customerId.");
        }

        var customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == owners[0], cancellationToken);
        return await FollowMergesAsync(db, customer, cancellationToken);
    }

    /// <summary>The record a merged customer lives on in now (merges can chain).</summary>
    public static async Task<Customer> FollowMergesAsync(TouchpointDbContext db, Customer customer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(customer);
        for (var hops = 0; customer.Status == CustomerStatus.Merged && customer.MergedIntoId is { } next && hops < 10; hops++)
        {
            customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == next, cancellationToken);
        }

        return customer;
    }

    private static Failure.Invalid? Text(string? text, int maxLength, string field) =>
        text is { } value && value.Trim().Length > maxLength ? new Failure.Invalid(field, $"{field} is at most {maxLength} characters.") : null;
}
