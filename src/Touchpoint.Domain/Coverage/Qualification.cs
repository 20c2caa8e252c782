namespace Touchpoint.Domain.Coverage;

/// <summary>
/// Whether <paramref name="Technology"/> can be delivered at a place. Only <see cref="QualificationResult.Qualified"/>
/// allows a sale; otherwise <paramref name="UnavailabilityReason"/> says why in words a customer understands, and
/// <paramref name="AlternativeTechnologies"/> lists what the place can get instead, best first.
/// </summary>
public sealed record Qualification(
    QualificationResult Result, string Technology, string? UnavailabilityReason, IReadOnlyList<string> AlternativeTechnologies)
{
    public const string NoCoverageCode = "noCoverage";
    public const string NoCoverageDataCode = "noCoverageData";

    public bool IsQualified => Result == QualificationResult.Qualified;

    /// <summary>
    /// Why it is not qualified, for machines (TMF679 eligibilityUnavailabilityReason.code): <see cref="NoCoverageCode"/>
    /// or <see cref="NoCoverageDataCode"/>; null when qualified.
    /// </summary>
    public string? UnavailabilityCode { get; init; }
}
