using Touchpoint.Features.Customers;

namespace Touchpoint.Features.Cases;

/// <summary>What opening a case reads of its customer: whether it can have one, and the jurisdiction the case is under.</summary>
public sealed record CaseCustomer(Guid Id, CustomerStatus Status, Guid? MergedIntoId, string Jurisdiction)
{
    public static CaseCustomer Of(Customer customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return new CaseCustomer(customer.Id, customer.Status, customer.MergedIntoId, customer.Jurisdiction);
    }
}
