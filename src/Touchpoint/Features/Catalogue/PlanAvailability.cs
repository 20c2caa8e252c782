using Touchpoint.Domain.Compensation;
using Touchpoint.Domain.Customers;

namespace Touchpoint.Features.Catalogue;

/// <summary>
/// Where a plan is sold (<see cref="Plan.IsSoldIn"/>) as a database query, and why not, in the same words wherever a plan
/// is refused: a sale, an order item. The coverage check's alternatives and the order form offer no plan another refuses.
/// </summary>
public static class PlanAvailability
{
    /// <summary>The plans sold in <paramref name="jurisdiction"/>: the rule of <see cref="Plan.IsSoldIn"/>, answered by the database.</summary>
    public static IQueryable<Plan> SoldIn(this IQueryable<Plan> plans, Jurisdiction jurisdiction)
    {
        var code = jurisdiction.ToWireName();
        var currency = jurisdiction.LocalCurrency().ToWireName();
        return plans.Where(p => p.Currency == currency && (p.Country == null || p.Country == code));
    }

    /// <summary>Why <paramref name="plan"/> is not sold to a customer of <paramref name="jurisdiction"/>.</summary>
    public static string NotSoldIn(this Plan plan, Jurisdiction jurisdiction)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return $"{plan.Code} is sold {(plan.Country is { } country ? $"in {country} " : "")}in {plan.Currency}; a customer of {jurisdiction.ToWireName()} is offered the plans of " +
            $"{jurisdiction.ToWireName()}, in {jurisdiction.LocalCurrency().ToWireName()}.";
    }
}
