using System.Text.RegularExpressions;

namespace Touchpoint.Domain.Cases;

/// <summary>
/// How a team queue is named on the wire: lower-case letters, digits and dashes ("customer-service"), so an id typed
/// in any case or with spaces around it means the same queue.
/// </summary>
public static partial class QueueIds
{
    public const int MaxLength = 64;

    public const string Rule = "letters, digits and dashes, at most 64 characters";

    /// <summary>The queue id <paramref name="text"/> names, or null when it cannot be one.</summary>
    public static string? Normalize(string? text)
    {
        var trimmed = text?.Trim().ToLowerInvariant();
        return trimmed is not null && Pattern().IsMatch(trimmed) ? trimmed : null;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
