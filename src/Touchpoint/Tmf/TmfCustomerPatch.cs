using Touchpoint.Data;
using Touchpoint.Domain.Customers;
using Touchpoint.Features.Customers;
using Touchpoint.Hosting;

namespace Touchpoint.Tmf;

/// <summary>
/// A TMF629 Customer or TMF632 party merge patch, applied through <see cref="CustomerCommands"/> as one transaction: the
/// change of the customer (name, kind, addresses, preferences), then the identities it adds. If any part fails, nothing
/// changes, and the answer names the field as the TMF body spelled it.
/// </summary>
internal static class TmfCustomerPatch
{
    /// <param name="check">A further check of the changed customer, still inside the transaction (e.g. a read-only status).</param>
    public static async Task<(Customer? Customer, CommandProblem? Problem)> ApplyAsync(
        CustomerCommands commands, TouchpointDbContext db, Guid customerId, string? name, string? kind, TmfCustomerMapping.CustomerBody body,
        Func<Customer, Failure?>? check, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var updated = await commands.UpdateAsync(customerId,
            new UpdateCustomerInput(name, body.ServiceAddress, body.BillingAddress, body.Preferences, kind), cancellationToken);
        if (updated.Failure is { } failure)
        {
            return (null, failure.ToResult(body.Map));
        }

        var customer = updated.Value!;
        if (check?.Invoke(customer) is { } refused)
        {
            return (null, refused.ToResult());
        }

        if (body.Jurisdiction is { } jurisdiction
            && !(Jurisdictions.TryParse(jurisdiction, out var parsed, out _) && parsed.ToWireName() == customer.Jurisdiction))
        {
            return (null, new Failure.Invalid(body.JurisdictionPath, $"The jurisdiction is {customer.Jurisdiction} and cannot be changed.").ToResult());
        }

        foreach (var identity in body.Identities)
        {
            var added = await commands.AddIdentityAsync(customerId, identity.Input, cancellationToken);
            if (added.Failure is { } identityFailure)
            {
                return (null, identityFailure.ToResult(identity.Map));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return (customer, null);
    }
}
