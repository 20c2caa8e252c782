using System.Collections.Concurrent;
using System.Globalization;
using Touchpoint.Domain.Cases;
using Touchpoint.Domain.Customers;

namespace Touchpoint.Features.Cases;

/// <summary>
/// The SLA configuration of this operator — policies per case type and priority, business hours per
/// jurisdiction, the escalation ladder — and the bridge from a stored case to the domain's
/// <see cref="SlaClock"/>. Every deadline, state and alert comes from the domain; this class only maps.
/// </summary>
/// <remarks>
/// Settings (all optional): <c>Touchpoint:Cases:Sla:WarningShare</c> (default 0.75) and, per jurisdiction
/// (SE, DK, NL, NO, FI, DE), <c>Touchpoint:Cases:BusinessHours:{J}:TimeZone</c>, <c>…:Opens</c>, <c>…:Closes</c>
/// (HH:mm, default 08:00–16:00 on weekdays), <c>…:PublicHolidays</c> (default true: the country's public holidays are
/// closed, see <see cref="PublicHolidays"/>) and <c>…:ClosedDates</c> (yyyy-MM-dd list of further closed days, e.g. a
/// German state's own holidays).
/// </remarks>
public sealed class CaseSla
{
    public const string SettingsSection = "Touchpoint:Cases";

    private readonly Dictionary<Jurisdiction, BusinessCalendar> calendars;

    public CaseSla(SlaPolicySet policies, IReadOnlyDictionary<Jurisdiction, BusinessCalendar> calendars, EscalationLadder ladder)
    {
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(calendars);
        ArgumentNullException.ThrowIfNull(ladder);
        Policies = policies;
        Ladder = ladder;
        this.calendars = calendars.ToDictionary();
        var missing = Enum.GetValues<Jurisdiction>().Where(j => !this.calendars.ContainsKey(j)).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"Business hours are missing for: {string.Join(", ", missing)}.", nameof(calendars));
        }
    }

    public SlaPolicySet Policies { get; }

    public EscalationLadder Ladder { get; }

    public static CaseSla FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SettingsSection);
        var policies = SlaPolicySet.Default;
        if (section.GetValue<double?>("Sla:WarningShare") is { } share)
        {
            policies = policies.WithOverrides(policies.Policies.Select(p => p with { WarningShare = share }));
        }

        var calendars = Enum.GetValues<Jurisdiction>().ToDictionary(
            j => j,
            j =>
            {
                var hours = section.GetSection($"BusinessHours:{j.ToWireName()}");
                return BusinessCalendar.Weekdays(
                    hours["TimeZone"] ?? JurisdictionTimes.TimeZoneId(j),
                    TimeOnly.Parse(hours["Opens"] ?? "08:00", CultureInfo.InvariantCulture),
                    TimeOnly.Parse(hours["Closes"] ?? "16:00", CultureInfo.InvariantCulture),
                    (hours.GetSection("ClosedDates").Get<string[]>() ?? []).Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture)),
                    hours.GetValue("PublicHolidays", true) ? PublicHolidays.For(j) : null);
            });
        return new CaseSla(policies, calendars, EscalationLadder.Default);
    }

    public SlaPolicy PolicyFor(Case @case)
    {
        ArgumentNullException.ThrowIfNull(@case);
        return Policies.For(@case.Type, @case.Priority);
    }

    public BusinessCalendar BusinessHoursFor(Case @case)
    {
        ArgumentNullException.ThrowIfNull(@case);
        return calendars[CaseWire.Jurisdiction(@case)];
    }

    /// <summary>Every deadline of the case at <paramref name="now"/>.</summary>
    public SlaReading Read(Case @case, IReadOnlyList<CasePause> pauses, DateTime now) =>
        SlaClock.Read(PolicyFor(@case), BusinessHoursFor(@case), Facts(@case, pauses), AsInstant(now));

    /// <summary>
    /// Sets <see cref="Case.NextDueAt"/> and <see cref="Case.NextSlaAlarmAt"/> after anything that moves the
    /// deadlines: a status change, a response, an escalation. A case that is not open has no alarms; a pending
    /// one neither, because its clock stands still until a status change resumes it (and calls this again).
    /// </summary>
    public void Reschedule(Case @case, IReadOnlyList<CasePause> pauses, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var status = @case.Status;
        if (!CaseLifecycle.IsOpen(status))
        {
            @case.NextDueAt = null;
            @case.NextSlaAlarmAt = null;
            return;
        }

        var fresh = pauses.Count == 0 && @case is { FirstResponseAt: null, LastUpdateAt: null, ResolvedAt: null, ClosedAt: null, SlaAlertsHandledUntil: null }
            ? new FreshCase(@case.Type, @case.Priority, CaseWire.Jurisdiction(@case), status, @case.OpenedAt, now)
            : null;
        var schedules = freshSchedules;
        if (fresh is not null && schedules?.Now == now && schedules.Of.TryGetValue(fresh, out var known))
        {
            (@case.NextDueAt, @case.NextSlaAlarmAt) = known;
            return;
        }

        RescheduleByReading(@case, pauses, now);
        if (fresh is not null)
        {
            if (schedules?.Now != now)
            {
                freshSchedules = schedules = new FreshSchedules(now, new ConcurrentDictionary<FreshCase, (DateTime?, DateTime?)>());
            }

            schedules.Of.TryAdd(fresh, (@case.NextDueAt, @case.NextSlaAlarmAt));
        }
    }

    /// <summary>
    /// What a case that nothing has happened to yet depends on: a batch of arrived mail opens hundreds of them of one
    /// kind at one instant, and the business-hours arithmetic gives each the same deadlines.
    /// </summary>
    private sealed record FreshCase(CaseType Type, CasePriority Priority, Jurisdiction Jurisdiction, CaseStatus Status, DateTime OpenedAt, DateTime Now);

    /// <summary>
    /// The schedules of fresh cases at one instant, by what they depend on: a batch's senders are of several
    /// jurisdictions (calendars) and kinds, and their cases come in any order.
    /// </summary>
    private sealed record FreshSchedules(DateTime Now, ConcurrentDictionary<FreshCase, (DateTime? NextDueAt, DateTime? NextSlaAlarmAt)> Of);

    // Those of the latest instant; replaced whole when the instant moves, so what is kept never grows past one batch.
    private volatile FreshSchedules? freshSchedules;

    private void RescheduleByReading(Case @case, IReadOnlyList<CasePause> pauses, DateTime now)
    {
        var status = @case.Status;
        var reading = Read(@case, pauses, now);
        @case.NextDueAt = reading.Deadlines.Where(d => d.CompletedAt is null).Select(d => (DateTimeOffset?)d.DueAt).Min()?.UtcDateTime;
        // The clock reads a pause as started only after its first instant; the status says it at once.
        if (reading.IsPaused || CaseLifecycle.PausesSla(status))
        {
            @case.NextSlaAlarmAt = null;
            return;
        }

        // Alerts are instants the domain computes; reading far enough ahead that every running deadline has
        // another one shows the next. A target's alerts are never further apart than the target itself.
        var policy = PolicyFor(@case);
        var longest = new[] { policy.FirstResponse, policy.NextUpdate, policy.Resolution }.Max();
        var horizon = policy.CalendarFrom(BusinessHoursFor(@case)).Add(AsInstant(now), longest).AddMinutes(1);
        var handledUntil = @case.SlaAlertsHandledUntil is { } handled ? AsInstant(handled) : DateTimeOffset.MinValue;
        var next = SlaClock.Read(policy, BusinessHoursFor(@case), Facts(@case, pauses), horizon).FirstAlertAfter(handledUntil)?.At ?? horizon;
        @case.NextSlaAlarmAt = CaseTime.RoundUp(next.UtcDateTime);
    }

    public static SlaFacts Facts(Case @case, IReadOnlyList<CasePause> pauses)
    {
        ArgumentNullException.ThrowIfNull(@case);
        ArgumentNullException.ThrowIfNull(pauses);
        return new SlaFacts
        {
            OpenedAt = AsInstant(@case.OpenedAt),
            FirstResponseAt = AsInstant(@case.FirstResponseAt),
            LastUpdateAt = AsInstant(@case.LastUpdateAt),
            // A cancelled or rejected case was answered too: its clocks stop when it ends.
            ResolvedAt = AsInstant(@case.ResolvedAt ?? @case.ClosedAt),
            Pauses = [.. pauses.Select(p => new SlaPause(AsInstant(p.From), AsInstant(p.Until)))],
        };
    }

    public static DateTimeOffset AsInstant(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    private static DateTimeOffset? AsInstant(DateTime? utc) => utc is { } value ? AsInstant(value) : null;
}

/// <summary>Instants of cases in whole microseconds: what PostgreSQL keeps, so both databases read back the same value.</summary>
public static class CaseTime
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    public static DateTime Now(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return Truncate(clock.GetUtcNow().UtcDateTime);
    }

    public static DateTime Truncate(DateTime utc) => new(utc.Ticks - (utc.Ticks % TicksPerMicrosecond), DateTimeKind.Utc);

    /// <summary>An alarm stored a fraction early would wake the watcher before anything is due, again and again.</summary>
    public static DateTime RoundUp(DateTime utc)
    {
        var remainder = utc.Ticks % TicksPerMicrosecond;
        return new DateTime(remainder == 0 ? utc.Ticks : utc.Ticks - remainder + TicksPerMicrosecond, DateTimeKind.Utc);
    }
}
