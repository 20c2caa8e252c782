using Microsoft.EntityFrameworkCore;
using Touchpoint.Domain.Coverage;
using Touchpoint.Domain.Customers;
using Touchpoint.Features.Coverage;

namespace Touchpoint.Features.Import;

/// <summary>One NDJSON line of coverage: the CSV's fields, technologies as an array (empty: nothing reaches the postcode).</summary>
internal sealed record CoverageJson(string? Country, string? Postcode, IReadOnlyList<string>? Technologies, string? PlaceName, string? Error);

/// <summary>
/// Coverage per postcode: country, postcode (checked against the country's format and stored as its key), the available
/// technologies (4G, 5G, fiber, cable-tv, dsl; in CSV separated by ';', "none" for a postcode nothing reaches) and
/// optionally a place name. A postcode already stored is replaced: its technologies become the file's. A postcode
/// given twice in one file is a bad row, since which line is right cannot be known.
/// </summary>
internal sealed class CoverageImport(ImportContext context, string source) : ImportHandler(context)
{
    public const string None = "none";

    public static IReadOnlyList<string> Columns { get; } = ["country", "postcode", "technologies", "placeName"];

    public static IReadOnlyList<string> RequiredColumns { get; } = ["country", "postcode", "technologies"];

    private readonly Dictionary<(string Country, string Postcode), int> seen = [];

    public override async Task<int> WriteAsync(PreparedBatch prepared, CancellationToken cancellationToken)
    {
        var (batch, errors) = prepared;
        var areas = new List<CoverageArea>();
        foreach (var record in batch)
        {
            if (record.Malformed is not null)
            {
                errors.Add(new ImportError(record.Line, record.MalformedField, record.Malformed));
                continue;
            }

            var parsed = Context.Format == ImportFormat.Csv ? ParseCsv(record) : ParseJson(record, errors);
            if (parsed is null)
            {
                continue;
            }

            var (country, postcode, technologies, placeName) = parsed.Value;
            var area = Validate(record.Line, country, postcode, technologies, placeName, errors);
            if (area is null)
            {
                continue;
            }

            if (seen.TryGetValue((area.Country, area.PostalCode), out var earlier))
            {
                errors.Add(new ImportError(record.Line, "postcode", $"{area.Country} {area.PostalCode} is already given on line {earlier} of this file."));
                continue;
            }

            seen[(area.Country, area.PostalCode)] = record.Line;
            areas.Add(area);
        }

        // A re-import replaces: the stored rows of these postcodes go, in this transaction, before the new ones are written.
        foreach (var byCountry in areas.GroupBy(a => a.Country))
        {
            var country = byCountry.Key;
            foreach (var chunk in byCountry.Select(a => a.PostalCode).Chunk(QueryChunk))
            {
                await Db.CoverageAreas.Where(a => a.Country == country && chunk.Contains(a.PostalCode)).ExecuteDeleteAsync(cancellationToken);
            }
        }

        await Context.Writer.WriteCoverageAreasAsync(areas, cancellationToken);
        return areas.Count;
    }

    private CoverageArea? Validate(int line, string? countryText, string? postcodeText, IReadOnlyList<string>? technologyTexts, string? placeName, List<ImportError> errors)
    {
        if (!Jurisdictions.TryParse(countryText, out var country, out var countryError))
        {
            errors.Add(new ImportError(line, "country", countryError));
            return null;
        }

        if (!PostalCodes.TryNormalize(country, postcodeText, out var postcode, out var postcodeError))
        {
            errors.Add(new ImportError(line, "postcode", postcodeError));
            return null;
        }

        if (technologyTexts is null)
        {
            errors.Add(new ImportError(line, "technologies", $"technologies is required: a list of {string.Join(", ", NetworkTechnologies.All)}, or {None}."));
            return null;
        }

        var technologies = new List<string>();
        foreach (var text in technologyTexts)
        {
            if (!NetworkTechnologies.TryParse(text, out var technology, out var technologyError))
            {
                errors.Add(new ImportError(line, "technologies", technologyError));
                return null;
            }

            technologies.Add(technology);
        }

        var place = placeName?.Trim();
        if (place is { Length: > 100 })
        {
            errors.Add(new ImportError(line, "placeName", "placeName has at most 100 characters."));
            return null;
        }

        return new CoverageArea
        {
            Country = country.ToWireName(),
            PostalCode = postcode,
            Technologies = string.Join(",", NetworkTechnologies.Canonical(technologies)),
            PlaceName = string.IsNullOrEmpty(place) ? null : place,
            Source = source,
            ImportedAt = Context.Now,
        };
    }

    private (string? Country, string? Postcode, IReadOnlyList<string>? Technologies, string? PlaceName)? ParseCsv(SourceRecord record)
    {
        var columns = Context.Columns!;
        var fields = record.Fields!;
        var listed = columns.Text(fields, "technologies");
        IReadOnlyList<string>? technologies = listed is null ? null
            : string.Equals(listed, None, StringComparison.OrdinalIgnoreCase) ? []
            : columns.List(fields, "technologies");
        return (columns.Text(fields, "country"), columns.Text(fields, "postcode"), technologies, columns.Text(fields, "placeName"));
    }

    private static (string? Country, string? Postcode, IReadOnlyList<string>? Technologies, string? PlaceName)? ParseJson(SourceRecord record, List<ImportError> errors) =>
        ReadJson<CoverageJson>(record, errors) is { } json ? (json.Country, json.Postcode, json.Technologies, json.PlaceName) : null;
}
