using Touchpoint.Data;
using Touchpoint.Domain.Coverage;
using Touchpoint.Domain.Customers;
using Touchpoint.Features.Customers;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Coverage;

/// <summary>The answer for one technology at a postcode.</summary>
public sealed record TechnologyAnswer(string Technology, string Result, string? Reason, IReadOnlyList<string> Alternatives);

/// <summary>What a postcode can get: the stored row, every technology's answer and the plans that can be sold there.</summary>
public sealed record CoverageView(
    string Country, string PostalCode, string Place, bool HasData, string? PlaceName, string? Source, DateTime? ImportedAt,
    IReadOnlyList<string> Technologies, IReadOnlyList<TechnologyAnswer> Answers, IReadOnlyList<AlternativePlan> Plans);

public static class CoverageViews
{
    /// <summary>What an agent sees when checking a postcode; an invalid country or postcode names the field.</summary>
    public static async Task<Outcome<CoverageView>> CheckAsync(
        TouchpointDbContext db, CoverageChecker coverage, string? countryText, string? postcodeText, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(coverage);
        if (!Jurisdictions.TryParse(countryText, out var country, out var countryError))
        {
            return new Failure.Invalid("country", countryError);
        }

        if (!PostalCodes.TryNormalize(country, postcodeText, out var key, out var postcodeError))
        {
            return new Failure.Invalid("postcode", postcodeError);
        }

        var postcode = PostalCodes.Display(country, key);
        var address = new Address("", postcode, "", country.ToWireName());
        var area = await coverage.FindAreaAsync(address, cancellationToken);
        var answers = new List<TechnologyAnswer>();
        foreach (var technology in NetworkTechnologies.All)
        {
            var answer = await coverage.QualifyAsync(address, technology, cancellationToken);
            answers.Add(new TechnologyAnswer(technology, answer.Result.ToWireName(), answer.UnavailabilityReason, answer.AlternativeTechnologies));
        }

        // The plans that qualify there: what an agent can offer, in the country's currency, best technology first.
        var delivered = area is null ? [] : NetworkTechnologies.Canonical(NetworkTechnologies.Delivered(area.TechnologyList));
        var plans = await CoverageOffers.PlansAsync(db, delivered, country.ToWireName(), cancellationToken);
        var place = area?.PlaceName is { } name ? $"{postcode} {name}" : postcode;
        return new CoverageView(country.ToWireName(), postcode, place, area is not null, area?.PlaceName, area?.Source, area?.ImportedAt,
            area?.TechnologyList ?? [], answers, plans);
    }
}
