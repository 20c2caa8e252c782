namespace Touchpoint.Domain.Cases;

/// <summary>
/// Service-level targets for one case type and priority (S3-2). Targets are business time: only the open
/// hours of the calendar count, unless <see cref="AroundTheClock"/>. Settable properties so the host can load
/// policies from configuration; every value is checked as it is set.
/// </summary>
public sealed record SlaPolicy
{
    public const double DefaultWarningShare = 0.75;

    public required CaseType CaseType { get; init; }

    public required CasePriority Priority { get; init; }

    /// <summary>From the case's creation to the first reply to the customer.</summary>
    public required TimeSpan FirstResponse { get; init => field = Positive(value, nameof(FirstResponse)); }

    /// <summary>The longest the customer may go without news: from the last update (or creation) to the next.</summary>
    public required TimeSpan NextUpdate { get; init => field = Positive(value, nameof(NextUpdate)); }

    /// <summary>From the case's creation to resolved.</summary>
    public required TimeSpan Resolution { get; init => field = Positive(value, nameof(Resolution)); }

    /// <summary>Share of each target after which the owner is warned; the breach is at the whole target.</summary>
    public double WarningShare
    {
        get;
        init => field = value is > 0 and < 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(WarningShare), value, "The warning share must be between 0 and 1 (exclusive), e.g. 0.75.");
    } = DefaultWarningShare;

    /// <summary>Count every hour, not only opening hours: for outages that cannot wait for Monday morning.</summary>
    public bool AroundTheClock { get; init; }

    /// <summary>The calendar this policy's targets run on.</summary>
    public BusinessCalendar CalendarFrom(BusinessCalendar businessHours)
    {
        ArgumentNullException.ThrowIfNull(businessHours);
        return AroundTheClock ? BusinessCalendar.AlwaysOpen : businessHours;
    }

    private static TimeSpan Positive(TimeSpan value, string name) =>
        value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(name, value, $"The {name} target must be longer than zero.");
}

/// <summary>Exactly one policy for every case type and priority, so no case is ever without targets.</summary>
public sealed class SlaPolicySet
{
    private readonly Dictionary<(CaseType, CasePriority), SlaPolicy> byKey;

    public SlaPolicySet(IEnumerable<SlaPolicy> policies)
    {
        ArgumentNullException.ThrowIfNull(policies);
        byKey = [];
        foreach (var policy in policies)
        {
            if (!byKey.TryAdd((policy.CaseType, policy.Priority), policy))
            {
                throw new ArgumentException($"There is more than one SLA policy for {policy.CaseType.ToWireName()} cases of {policy.Priority.ToWireName()} priority.", nameof(policies));
            }
        }

        var missing = Enum.GetValues<CaseType>()
            .SelectMany(type => Enum.GetValues<CasePriority>().Select(priority => (type, priority)))
            .Where(key => !byKey.ContainsKey(key))
            .Select(key => $"{key.type.ToWireName()}/{key.priority.ToWireName()}")
            .ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"SLA policies are missing for: {string.Join(", ", missing)}.", nameof(policies));
        }

        Policies = [.. byKey.Values.OrderBy(p => p.CaseType).ThenBy(p => p.Priority)];
    }

    public static SlaPolicySet Default { get; } = new(DefaultSlaPolicies.All);

    public IReadOnlyList<SlaPolicy> Policies { get; }

    public SlaPolicy For(CaseType type, CasePriority priority) => byKey[(type, priority)];

    /// <summary>An operator's own values replace the matching defaults; everything else stays.</summary>
    public SlaPolicySet WithOverrides(IEnumerable<SlaPolicy> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var replaced = byKey.ToDictionary();
        foreach (var policy in overrides)
        {
            replaced[(policy.CaseType, policy.Priority)] = policy;
        }

        return new SlaPolicySet(replaced.Values);
    }
}
