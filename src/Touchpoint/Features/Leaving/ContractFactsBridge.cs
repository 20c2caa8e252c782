using Touchpoint.Domain.Contracts;
using Touchpoint.Domain.Customers;
using Touchpoint.Features.Subscriptions;

namespace Touchpoint.Features.Leaving;

// TEMPORARY until the contract-rules branch's host helper (Features/Contracts/SubscriptionContracts) is merged.
internal static class ContractFactsBridge
{
    public static ContractFacts ToContractFacts(this Subscription subscription, Jurisdiction jurisdiction) =>
        new(jurisdiction, subscription.StartDate, subscription.BindingEndDate, SalesMode.Distance);
}
