using Touchpoint.Domain.Customers;
using Touchpoint.Features.Customers;

namespace Touchpoint.Tests.Data;

/// <summary>The customer the bulk-save tests add: a Swedish person with a service address, made at <paramref name="at"/>.</summary>
internal static class BulkTestCustomers
{
    public static Customer New(string name, DateTime at) => new()
    {
        Name = name,
        NameKey = name.ToUpperInvariant(),
        Jurisdiction = "SE",
        PreferredLanguage = "sv",
        ServiceAddress = new Address("Storgatan 1", "11122", "Stockholm", "SE"),
        CreatedAt = at,
        UpdatedAt = at,
    };
}
