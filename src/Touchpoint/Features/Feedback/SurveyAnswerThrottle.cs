using System.Threading.RateLimiting;

namespace Touchpoint.Features.Feedback;

/// <summary>
/// Answers taken from one address per hour (<see cref="SurveySettings.AnswersPerAddressPerHour"/>): a flood of posts,
/// valid or not, is refused with a 429 before any is looked up. Each node counts its own; a token still answers once
/// whichever node takes it.
/// </summary>
public sealed class SurveyAnswerThrottle(SurveySettings settings) : IDisposable
{
    private readonly PartitionedRateLimiter<string> byAddress = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = settings.AnswersPerAddressPerHour,
            Window = TimeSpan.FromHours(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>Takes one answer's permit for the address; false when its hour's answers are used up.</summary>
    public bool TryTake(string? clientAddress)
    {
        using var lease = byAddress.AttemptAcquire(clientAddress ?? "");
        return lease.IsAcquired;
    }

    public void Dispose() => byAddress.Dispose();
}
