using Touchpoint.Domain.Compensation;
using Touchpoint.Domain.Customers;

namespace Touchpoint.Features.Catalogue;

/// <summary>
/// Where a plan may be sold: in its jurisdiction, or, for a plan without one, wherever customers pay in its currency.
/// One rule for the sale, the coverage check's alternatives and the order form, so none offers a plan another refuses.
/// </summary>
public static class PlanAvailability
{
    public static bool IsSoldIn(this Plan plan, Jurisdiction jurisdiction)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Jurisdiction is { } own
            ? own == jurisdiction.ToWireName()
            : plan.Currency == jurisdiction.LocalCurrency().ToWireName();
    }

    /// <summary>The plans sold in <paramref name="jurisdiction"/>, as a query the database answers.</summary>
    public static IQueryable<Plan> SoldIn(this IQueryable<Plan> plans, Jurisdiction jurisdiction)
    {
        var code = jurisdiction.ToWireName();
        var currency = jurisdiction.LocalCurrency().ToWireName();
        return plans.Where(p => p.Jurisdiction == code || (p.Jurisdiction == null && p.Currency == currency));
    }

    /// <summary>What a plan says about where it is sold, for messages: "FI" or "EUR countries (NL, FI, DE)".</summary>
    public static string SoldWhere(this Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Jurisdiction
            ?? (Currencies.TryParse(plan.Currency, out var currency, out _)
                ? $"{plan.Currency} countries ({string.Join(", ", currency.JurisdictionsPayingIn().Select(j => j.ToWireName()))})"
                : plan.Currency);
    }
}
