using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Compensation;
using Touchpoint.Domain.Coverage;
using Touchpoint.Domain.Customers;
using Touchpoint.Features.Catalogue;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Coverage;

/// <summary>A plan that can be offered instead of one the address cannot get.</summary>
public sealed record AlternativePlan(string Code, string Name, string Technology, decimal MonthlyPrice, string Currency);

/// <summary>Turns a qualification into what an agent can sell instead, and a refused sale into its problem.</summary>
public static class CoverageOffers
{
    /// <summary>
    /// The catalogue's plans of the alternative technologies, in the country's currency (a Swedish address is offered
    /// Swedish plans): best technology first, then cheapest.
    /// </summary>
    public static Task<IReadOnlyList<AlternativePlan>> AlternativePlansAsync(
        TouchpointDbContext db, Qualification qualification, string country, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(qualification);
        return PlansAsync(db, qualification.AlternativeTechnologies, country, cancellationToken);
    }

    /// <summary>The catalogue's plans of <paramref name="ranked"/> technologies sold in the country, in that order, then cheapest.</summary>
    public static async Task<IReadOnlyList<AlternativePlan>> PlansAsync(
        TouchpointDbContext db, IReadOnlyList<string> ranked, string country, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(ranked);
        var technologies = ranked.ToList();
        if (technologies.Count == 0)
        {
            return [];
        }

        var candidates = db.Plans.AsNoTracking().Where(p => technologies.Contains(p.Technology));
        var plans = await (Jurisdictions.TryParse(country, out var jurisdiction, out _) ? candidates.SoldIn(jurisdiction) : candidates)
            .ToListAsync(cancellationToken);
        return plans
            .OrderBy(p => technologies.IndexOf(p.Technology))
            .ThenBy(p => p.MonthlyPrice)
            .ThenBy(p => p.Code, StringComparer.Ordinal)
            .Select(p => new AlternativePlan(p.Code, p.Name, p.Technology, p.MonthlyPrice, p.Currency))
            .ToList();
    }

    /// <summary>
    /// 409: the sale of <paramref name="planCode"/> is refused; the problem carries the qualification (result, reason,
    /// alternative technologies) and the plans that could be sold instead, so the agent can offer them at once.
    /// </summary>
    public static Failure SaleRefused(string planCode, Qualification qualification, IReadOnlyList<AlternativePlan> alternatives)
    {
        ArgumentNullException.ThrowIfNull(qualification);
        var offer = alternatives.Count == 0 ? "" : $" Plans available there instead: {string.Join(", ", alternatives.Select(a => a.Code))}.";
        return new Failure.Conflict($"{planCode} cannot be sold at this address: {qualification.UnavailabilityReason}{offer}",
            new Dictionary<string, object?>
            {
                ["qualificationResult"] = qualification.Result.ToWireName(),
                ["technology"] = qualification.Technology,
                ["eligibilityUnavailabilityReason"] = qualification.UnavailabilityReason,
                ["alternativeTechnologies"] = qualification.AlternativeTechnologies,
                ["alternativePlans"] = alternatives,
            });
    }
}
