using System.Globalization;
using Touchpoint.Data.Bulk;
using Touchpoint.Domain.Coverage;
using Touchpoint.Features.Coverage;

namespace Touchpoint.Demo;

/// <summary>
/// The coverage of the demo: every postcode of the story customers' towns, of the generated operator's cities (whose
/// customers have no addresses, so a new sale there can be tried) and of Helsinki and Berlin, the same every time. Vätö
/// (S3, Bert Lindqvist's summer house) has fiber but no 4G or 5G; Kvikkjokk has nothing at all. About 7,300 rows, bulk
/// written.
/// </summary>
public static class DemoCoverage
{
    public const string Source = "demo";

    private static readonly string[] City = [NetworkTechnologies.FiveG, NetworkTechnologies.FourG, NetworkTechnologies.Fiber];

    /// <summary>(country, first and last postcode number, digits, place, technologies) — each number in the range is one postcode.</summary>
    private static readonly (string Country, int First, int Last, int Digits, string Place, string[] Technologies)[] Ranges =
    [
        ("SE", 11100, 11899, 5, "Stockholm", City),
        ("SE", 41100, 41899, 5, "Göteborg", [.. City, NetworkTechnologies.CableTv]),
        ("SE", 76100, 76199, 5, "Norrtälje", [NetworkTechnologies.FourG, NetworkTechnologies.Fiber]),
        ("DK", 1000, 2999, 4, "København", [.. City, NetworkTechnologies.CableTv]),
        ("NO", 150, 1299, 4, "Oslo", City),
        ("FI", 100, 990, 5, "Helsinki", City),
        ("DE", 10115, 10999, 5, "Berlin", [.. City, NetworkTechnologies.CableTv]),
    ];

    /// <summary>Single postcodes that tell a story.</summary>
    public static IReadOnlyList<(string Country, string PostalCode, string Place, string[] Technologies)> Places { get; } =
    [
        // S3: the summer-house island where 4G was sold without a check. Fiber reaches it; no mobile network does.
        ("SE", "76018", "Vätö", [NetworkTechnologies.Fiber]),
        ("SE", "96202", "Kvikkjokk", []),
    ];

    public static IEnumerable<CoverageArea> Areas(DateTime importedAt)
    {
        foreach (var (country, first, last, digits, place, technologies) in Ranges)
        {
            var listed = string.Join(",", NetworkTechnologies.Canonical(technologies));
            for (var number = first; number <= last; number++)
            {
                yield return Area(country, number.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0'), place, listed, importedAt);
            }
        }

        // Utrecht (S2, Jan de Vries): every letter pair of 3511, with cable TV and DSL for his move and TV upgrade.
        var utrecht = string.Join(",", NetworkTechnologies.Canonical([.. City, NetworkTechnologies.CableTv, NetworkTechnologies.Dsl]));
        for (var first = 'A'; first <= 'Z'; first++)
        {
            for (var second = 'A'; second <= 'Z'; second++)
            {
                yield return Area("NL", $"3511{first}{second}", "Utrecht", utrecht, importedAt);
            }
        }

        foreach (var (country, postalCode, place, technologies) in Places)
        {
            yield return Area(country, postalCode, place, string.Join(",", NetworkTechnologies.Canonical(technologies)), importedAt);
        }
    }

    /// <summary>Writes the demo coverage in the caller's transaction.</summary>
    public static async Task SeedAsync(BulkWriter writer, DateTime importedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        await writer.WriteCoverageAreasAsync(Areas(importedAt).ToList(), cancellationToken);
    }

    private static CoverageArea Area(string country, string postalCode, string place, string technologies, DateTime importedAt) => new()
    {
        Country = country,
        PostalCode = postalCode,
        Technologies = technologies,
        PlaceName = place,
        Source = Source,
        ImportedAt = importedAt,
    };
}
