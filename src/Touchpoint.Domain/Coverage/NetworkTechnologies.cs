namespace Touchpoint.Domain.Coverage;

/// <summary>
/// The network technologies a plan can need and a coverage row can list: mobile (5G, 4G) and fixed
/// (fiber, cable-tv, dsl). Names are the catalogue's; parsing is case-insensitive and returns the canonical name.
/// </summary>
public static class NetworkTechnologies
{
    public const string FiveG = "5G";
    public const string FourG = "4G";
    public const string Fiber = "fiber";
    public const string CableTv = "cable-tv";
    public const string Dsl = "dsl";

    /// <summary>Mobile first, fastest first; this order is also how alternatives are ranked within a family.</summary>
    public static IReadOnlyList<string> All { get; } = [FiveG, FourG, Fiber, CableTv, Dsl];

    public static IReadOnlyList<string> Mobile { get; } = [FiveG, FourG];

    public static IReadOnlyList<string> Fixed { get; } = [Fiber, CableTv, Dsl];

    public static bool IsMobile(string technology) => Mobile.Contains(technology, StringComparer.OrdinalIgnoreCase);

    public static bool TryParse(string? text, out string technology, out string error)
    {
        var trimmed = text?.Trim();
        technology = All.FirstOrDefault(t => string.Equals(t, trimmed, StringComparison.OrdinalIgnoreCase)) ?? "";
        if (technology.Length > 0)
        {
            error = "";
            return true;
        }

        error = string.IsNullOrEmpty(trimmed)
            ? $"A technology is required; allowed values: {string.Join(", ", All)}."
            : $"'{trimmed}' is not a known technology; allowed values: {string.Join(", ", All)}.";
        return false;
    }

    /// <summary>
    /// What the listed coverage delivers in practice. 5G here is built on top of the 4G network (non-standalone, with
    /// 4G as anchor and fallback), so a place with 5G coverage also gets 4G even when the coverage file lists only 5G.
    /// The reverse does not hold: 4G coverage never implies 5G.
    /// </summary>
    public static IReadOnlySet<string> Delivered(IEnumerable<string> listed)
    {
        ArgumentNullException.ThrowIfNull(listed);
        var delivered = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var text in listed)
        {
            if (TryParse(text, out var technology, out _))
            {
                delivered.Add(technology);
                if (technology == FiveG)
                {
                    delivered.Add(FourG);
                }
            }
        }

        return delivered;
    }

    /// <summary>Sorted in the canonical order (<see cref="All"/>), duplicates removed: how a coverage row stores them.</summary>
    public static IReadOnlyList<string> Canonical(IEnumerable<string> technologies)
    {
        var set = new HashSet<string>(technologies, StringComparer.OrdinalIgnoreCase);
        return All.Where(set.Contains).ToList();
    }
}
