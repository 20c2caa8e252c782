namespace Touchpoint.Tests.Tmf;

/// <summary>
/// Finds the TM Forum Open API v4 Swagger 2.0 documents in <c>shared/tmf</c>, which sits beside the repo
/// (<c>&lt;repo root&gt;/../shared/tmf</c>), both on a developer's machine and in CI's fresh clone.
/// </summary>
public static class TmfSpecs
{
    private const string SolutionFile = "Touchpoint.slnx";
    private const string SpecSuffix = ".swagger.json";

    private static readonly Lazy<string> Folder = new(Locate);

    /// <summary>The absolute path of the <c>shared/tmf</c> folder. Throws if it cannot be found.</summary>
    public static string Directory => Folder.Value;

    /// <summary>Every Swagger document in the folder, as absolute paths, sorted by name.</summary>
    public static IReadOnlyList<string> Files =>
        [.. System.IO.Directory.GetFiles(Directory, "*" + SpecSuffix).Order(StringComparer.Ordinal)];

    /// <summary>The API name of a spec file: <c>TMF629-Customer-v4.0.0.swagger.json</c> gives <c>TMF629-Customer</c>.</summary>
    public static string ApiOf(string file)
    {
        var name = Path.GetFileName(file);
        name = name[..^SpecSuffix.Length];
        var version = name.LastIndexOf("-v", StringComparison.Ordinal);
        return version > 0 ? name[..version] : name;
    }

    /// <summary>
    /// The file of an API, named as in shared/tmf/README.md (<c>TMF629-Customer</c>), by its number alone
    /// (<c>TMF629</c>) or by its file name.
    /// </summary>
    public static string FileOf(string api)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(api);
        var files = Files;
        var matches = files
            .Where(f => string.Equals(ApiOf(f), api, StringComparison.OrdinalIgnoreCase)
                || string.Equals(Path.GetFileName(f), api, StringComparison.OrdinalIgnoreCase)
                || ApiOf(f).StartsWith(api + "-", StringComparison.OrdinalIgnoreCase))
            .ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new ArgumentException(
                $"No TMF spec '{api}' in {Directory}. Known: {string.Join(", ", files.Select(ApiOf))}.", nameof(api)),
            _ => throw new ArgumentException(
                $"TMF spec '{api}' is ambiguous in {Directory}: {string.Join(", ", matches.Select(Path.GetFileName))}.", nameof(api)),
        };
    }

    private static string Locate()
    {
        var start = AppContext.BaseDirectory;
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, SolutionFile)))
            {
                continue;
            }

            var tmf = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "tmf"));
            if (!System.IO.Directory.Exists(tmf) || System.IO.Directory.GetFiles(tmf, "*" + SpecSuffix).Length == 0)
            {
                throw new DirectoryNotFoundException(
                    $"The TMF Open API specs are expected in {tmf} (shared/tmf beside the repo root {dir.FullName}), " +
                    "but that folder is missing or holds no *.swagger.json. CI clones the repo with shared/ beside it; " +
                    "locally, put shared/ next to the repo the same way.");
            }

            return tmf;
        }

        throw new DirectoryNotFoundException(
            $"Could not find the repo root ({SolutionFile}) in {start} or any folder above it, " +
            "so shared/tmf (beside the repo root) cannot be located.");
    }
}
