using System.Globalization;

namespace Touchpoint.Bench;

/// <summary>The benchmark name and its <c>--name value</c> options.</summary>
internal sealed class BenchOptions(string[] args)
{
    public string Command { get; } = args.FirstOrDefault() ?? "writes";

    public string? Text(string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    public bool Flag(string name) => args.Contains(name, StringComparer.Ordinal);

    public int Int(string name, int fallback) =>
        Text(name) is { } text ? int.Parse(text, NumberStyles.Integer | NumberStyles.AllowThousands, CultureInfo.InvariantCulture) : fallback;

    public long Long(string name, long fallback) =>
        Text(name) is { } text ? long.Parse(text, NumberStyles.Integer | NumberStyles.AllowThousands, CultureInfo.InvariantCulture) : fallback;
}
