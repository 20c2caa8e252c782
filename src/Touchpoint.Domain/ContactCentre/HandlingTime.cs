namespace Touchpoint.Domain.ContactCentre;

/// <summary>
/// A queue's handling time as it is lately: each finished call moves the average a quarter of the way towards it, as
/// Asterisk's app_queue smooths its hold time, so yesterday's slow afternoon fades within a dozen calls.
/// </summary>
/// <param name="Calls">Calls observed so far; an estimate from none is no estimate.</param>
public sealed record HandlingTime(TimeSpan Average, int Calls)
{
    /// <summary>How far one call moves the average.</summary>
    public const double Weight = 0.25;

    public static HandlingTime None { get; } = new(TimeSpan.Zero, 0);

    public HandlingTime Observe(TimeSpan handled)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(handled, TimeSpan.Zero);
        return Calls == 0
            ? new HandlingTime(handled, 1)
            : new HandlingTime(Average + ((handled - Average) * Weight), Calls + 1);
    }
}
