using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Touchpoint.Features.Coverage;

/// <summary>
/// The technologies available in one postcode of one country, as last imported. The key is (country, postcode key),
/// so a lookup is one primary-key seek however many postcodes are loaded (every postcode of SE, DK, NL, NO, FI and DE
/// is about 610,000 rows). Coverage is per postcode: addresses carry no coordinates, so there are no grid cells.
/// </summary>
public sealed class CoverageArea
{
    /// <summary>SE, DK, NL, NO, FI or DE.</summary>
    public required string Country { get; set; }

    /// <summary>The postcode reduced to its key (PostalCodes.TryNormalize): "11455", "3511AX".</summary>
    public required string PostalCode { get; set; }

    /// <summary>Available technologies in canonical order, comma separated ("4G,fiber"); empty means nothing reaches it.</summary>
    public string Technologies { get; set; } = "";

    /// <summary>A name people know the area by (a village, an island), shown in answers; optional.</summary>
    public string? PlaceName { get; set; }

    /// <summary>Where the data came from: the imported file's name, or "demo".</summary>
    public required string Source { get; set; }

    public DateTime ImportedAt { get; set; }

    public IReadOnlyList<string> TechnologyList =>
        Technologies.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

internal sealed class CoverageAreaConfiguration : IEntityTypeConfiguration<CoverageArea>
{
    public void Configure(EntityTypeBuilder<CoverageArea> builder)
    {
        builder.ToTable("CoverageAreas");
        builder.HasKey(a => new { a.Country, a.PostalCode });
        builder.Property(a => a.Country).HasMaxLength(2);
        builder.Property(a => a.PostalCode).HasMaxLength(8);
        builder.Property(a => a.Technologies).HasMaxLength(64);
        builder.Property(a => a.PlaceName).HasMaxLength(100);
        builder.Property(a => a.Source).HasMaxLength(200);
        builder.Ignore(a => a.TechnologyList);
    }
}
