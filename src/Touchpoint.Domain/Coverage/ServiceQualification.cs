namespace Touchpoint.Domain.Coverage;

/// <summary>
/// Decides whether a wanted technology can be sold at a place, from what the place's coverage delivers (S3-1:
/// never sell a service the address cannot get).
/// <list type="bullet">
/// <item>Delivered (5G coverage delivers 4G too, see <see cref="NetworkTechnologies.Delivered"/>) → qualified.</item>
/// <item>Not delivered, but other technologies are → alternate, with those technologies as alternatives: first the same
/// family as the wanted one (mobile 5G → 4G; fixed fiber → cable-tv → dsl), then the other family. So 4G wanted where
/// only fiber reaches is alternate with fiber; 5G wanted where only 4G reaches is alternate with 4G.</item>
/// <item>Nothing delivered (or no coverage data for the place) → unqualified, no alternatives.</item>
/// </list>
/// Alternate and unqualified both block the sale of the wanted technology; alternate says what could be sold instead.
/// </summary>
public static class ServiceQualification
{
    /// <param name="wantedTechnology">A name of <see cref="NetworkTechnologies.All"/> (any case).</param>
    /// <param name="availableTechnologies">What the coverage data lists for the place; unknown names are ignored.</param>
    /// <param name="placeDescription">The place as the customer knows it, e.g. "Vätövägen 7, 760 18 Vätö".</param>
    public static Qualification Qualify(string wantedTechnology, IReadOnlyCollection<string> availableTechnologies, string placeDescription)
    {
        ArgumentNullException.ThrowIfNull(availableTechnologies);
        ArgumentException.ThrowIfNullOrWhiteSpace(placeDescription);
        if (!NetworkTechnologies.TryParse(wantedTechnology, out var wanted, out var error))
        {
            throw new ArgumentException(error, nameof(wantedTechnology));
        }

        var delivered = NetworkTechnologies.Delivered(availableTechnologies);
        if (delivered.Contains(wanted))
        {
            return new Qualification(QualificationResult.Qualified, wanted, null, []);
        }

        var alternatives = RankAlternatives(wanted, delivered);
        if (alternatives.Count == 0)
        {
            return new Qualification(QualificationResult.Unqualified, wanted,
                $"There is no {wanted} coverage at {placeDescription}, and none of our other networks reach it either.", [])
            {
                UnavailabilityCode = Qualification.NoCoverageCode,
            };
        }

        return new Qualification(QualificationResult.Alternate, wanted,
            $"There is no {wanted} coverage at {placeDescription}. Available there: {string.Join(", ", alternatives)}.", alternatives)
        {
            UnavailabilityCode = Qualification.NoCoverageCode,
        };
    }

    /// <summary>The answer when there is no coverage data for the place at all: nothing can be promised there.</summary>
    public static Qualification NoCoverageData(string wantedTechnology, string placeDescription)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(placeDescription);
        if (!NetworkTechnologies.TryParse(wantedTechnology, out var wanted, out var error))
        {
            throw new ArgumentException(error, nameof(wantedTechnology));
        }

        return new Qualification(QualificationResult.Unqualified, wanted,
            $"We have no coverage data for {placeDescription}, so {wanted} cannot be promised there.", [])
        {
            UnavailabilityCode = Qualification.NoCoverageDataCode,
        };
    }

    private static List<string> RankAlternatives(string wanted, IReadOnlySet<string> delivered)
    {
        var sameFamily = NetworkTechnologies.IsMobile(wanted) ? NetworkTechnologies.Mobile : NetworkTechnologies.Fixed;
        var otherFamily = NetworkTechnologies.IsMobile(wanted) ? NetworkTechnologies.Fixed : NetworkTechnologies.Mobile;
        return sameFamily.Concat(otherFamily).Where(t => t != wanted && delivered.Contains(t)).ToList();
    }
}
