using System.Text.RegularExpressions;

namespace Touchpoint.Domain.Messages;

/// <summary>Case references (C-000123) as they travel in the subjects of e-mails: in brackets, as Touchpoint writes them.</summary>
public static partial class CaseReferences
{
    /// <summary>
    /// The references quoted in <paramref name="subject"/>, first first. Only bracketed ones count: a customer writing
    /// "like C-000123 last year" is not replying on that case.
    /// </summary>
    public static IReadOnlyList<string> InSubject(string? subject) =>
        subject is null ? [] : [.. Bracketed().Matches(subject).Select(m => m.Groups["reference"].Value.ToUpperInvariant()).Distinct()];

    [GeneratedRegex(@"\[(?<reference>[Cc]-\d{6,})\]", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Bracketed();
}
