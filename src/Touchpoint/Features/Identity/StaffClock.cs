using Touchpoint.Data;
using Touchpoint.Domain.Platform;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Identity;

/// <summary>
/// The signed-in user's clock, for one circuit or request: every time a staff page shows is on it, and every time a
/// staff picker takes is read on it. The zone is looked up once, on first use, in a scope of its own, so rendering
/// never shares a DbContext with a page's own work in flight.
/// </summary>
public sealed class StaffClock(CurrentActor actor, IServiceScopeFactory scopes, StaffTimeZoneResolver resolver, TimeProvider time)
{
    private TimeZoneInfo? zone;

    public TimeZoneInfo Zone => zone ??= Load();

    /// <summary>"Stockholm time": how pages name the zone, once per page.</summary>
    public string ZoneName => WallClock.ZoneName(Zone.Id);

    /// <summary>The wall-clock time now.</summary>
    public DateTime Now => WallClock.FromUtc(time.GetUtcNow().UtcDateTime, Zone);

    /// <summary>When today began on the user's clock, in UTC: where "today" lists start.</summary>
    public DateTime StartOfToday => WallClock.StartOfDay(time.GetUtcNow().UtcDateTime, Zone);

    /// <summary>Today's date on the user's clock.</summary>
    public DateOnly Today => DateOnly.FromDateTime(Now);

    /// <summary>When <paramref name="date"/> begins on the user's clock, in UTC: a picked day as an instant.</summary>
    public DateTime StartOf(DateOnly date) => WallClock.StartOfDay(date, Zone);

    /// <summary>"7 Dec 2026 10:20" on the user's clock.</summary>
    public string Format(DateTime utc) => WallClock.Format(utc, Zone);

    /// <summary>Stored text (a timeline entry, a notification) with its UTC stamps on the user's clock.</summary>
    public string Localize(string? text) => TimeStamps.Localize(text, Zone);

    public string FormatWithSeconds(DateTime utc) => WallClock.FormatWithSeconds(utc, Zone);

    public DateTime ToLocal(DateTime utc) => WallClock.FromUtc(utc, Zone);

    /// <summary>The instant a wall-clock time on the user's clock names; false for one the clock skips (spring forward).</summary>
    public bool TryToUtc(DateTime local, out DateTime utc) => WallClock.TryToUtc(local, Zone, out utc);

    /// <summary>The zone changed (the user chose another on this circuit): what shows it renders again.</summary>
    public event Action? Changed;

    /// <summary>The user changed their zone on this circuit: read it again.</summary>
    public void Reset()
    {
        zone = null;
        Changed?.Invoke();
    }

    private TimeZoneInfo Load()
    {
        using var scope = scopes.CreateScope();
        return resolver.ZoneOf(scope.ServiceProvider.GetRequiredService<TouchpointDbContext>(), actor.Get().UserId);
    }
}
