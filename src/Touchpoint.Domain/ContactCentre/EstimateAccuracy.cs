namespace Touchpoint.Domain.ContactCentre;

/// <summary>
/// How well a queue's wait estimates held: each estimate given to a caller beside the wait they then had. A lead
/// reads the mean absolute error and the share within a minute, per queue and hour; estimates that were never given
/// (no basis) are not counted, and callers who gave up had no actual wait to compare.
/// </summary>
/// <param name="Estimates">Estimates compared.</param>
/// <param name="MeanAbsoluteError">Null when nothing was compared.</param>
/// <param name="WithinAMinute">The share within ±1 minute; null when nothing was compared.</param>
/// <param name="MeanBias">Actual minus estimated on average: above zero, callers waited longer than they were told.</param>
public sealed record EstimateAccuracy(int Estimates, TimeSpan? MeanAbsoluteError, double? WithinAMinute, TimeSpan? MeanBias)
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(1);

    public static EstimateAccuracy Of(IEnumerable<(TimeSpan Estimated, TimeSpan Actual)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        int count = 0, within = 0;
        double absolute = 0, bias = 0;
        foreach (var (estimated, actual) in pairs)
        {
            var error = (actual - estimated).TotalSeconds;
            count++;
            absolute += Math.Abs(error);
            bias += error;
            within += Math.Abs(error) <= Tolerance.TotalSeconds ? 1 : 0;
        }

        return count == 0
            ? new EstimateAccuracy(0, null, null, null)
            : new EstimateAccuracy(count, TimeSpan.FromSeconds(absolute / count), (double)within / count, TimeSpan.FromSeconds(bias / count));
    }
}
