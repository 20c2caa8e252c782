using Touchpoint.Features.Customers;

namespace Touchpoint.Features.Cases;

/// <summary>
/// What opening a case reads of its customer: whether it can have one, the jurisdiction the case is under, and the
/// name and language its acknowledgement greets them by.
/// </summary>
public sealed record CaseCustomer(Guid Id, CustomerStatus Status, Guid? MergedIntoId, string Jurisdiction, string Name, string? PreferredLanguage)
{
    public static CaseCustomer Of(Customer customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return new CaseCustomer(customer.Id, customer.Status, customer.MergedIntoId, customer.Jurisdiction, customer.Name, customer.PreferredLanguage);
    }
}
