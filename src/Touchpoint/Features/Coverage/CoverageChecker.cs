using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Coverage;
using Touchpoint.Domain.Customers;
using Touchpoint.Features.Customers;

namespace Touchpoint.Features.Coverage;

/// <summary>
/// Qualifies a technology at a service address against the imported coverage (S3-1). A postcode with no coverage
/// row, or one that is not a postcode of the address's country, is unqualified: nothing is sold where we cannot tell.
/// </summary>
public sealed class CoverageChecker(TouchpointDbContext db)
{
    public async Task<Qualification> QualifyAsync(Address serviceAddress, string technology, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(serviceAddress);
        var area = await FindAreaAsync(serviceAddress, ct);
        var place = Describe(serviceAddress, area);
        return area is null
            ? ServiceQualification.NoCoverageData(technology, place)
            : ServiceQualification.Qualify(technology, area.TechnologyList, place);
    }

    /// <summary>The coverage row of the address's postcode, or null when there is none (or the postcode is malformed).</summary>
    public async Task<CoverageArea?> FindAreaAsync(Address serviceAddress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(serviceAddress);
        if (!Jurisdictions.TryParse(serviceAddress.Country, out var country, out _)
            || !PostalCodes.TryNormalize(country, serviceAddress.PostalCode, out var key, out _))
        {
            return null;
        }

        var countryCode = country.ToWireName();
        return await db.CoverageAreas.AsNoTracking().FirstOrDefaultAsync(a => a.Country == countryCode && a.PostalCode == key, ct);
    }

    /// <summary>"Vätövägen 7, 760 18 Vätö": the address as the customer writes it, the postcode in its usual form.</summary>
    public static string Describe(Address address, CoverageArea? area = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        var postcode = Jurisdictions.TryParse(address.Country, out var country, out _)
            && PostalCodes.TryNormalize(country, address.PostalCode, out var key, out _)
                ? PostalCodes.Display(country, key)
                : address.PostalCode.Trim();
        var city = string.IsNullOrWhiteSpace(address.City) ? area?.PlaceName ?? "" : address.City.Trim();
        var street = string.IsNullOrWhiteSpace(address.Street) ? "" : $"{address.Street.Trim()}, ";
        return $"{street}{postcode} {city}".Trim();
    }
}
