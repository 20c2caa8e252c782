using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Platform;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Identity;

/// <summary>
/// Which zone a user's times are shown in, read from the users table by <see cref="StaffTimeZones.ZoneOf"/>, and the
/// change of a user's own choice, checked the same way for the account page, the users page and the API.
/// </summary>
public sealed class StaffTimeZoneResolver(Jurisdiction homeCountry)
{
    public const string HomeCountryKey = "Touchpoint:HomeCountry";

    /// <summary>Longer than any IANA id ("America/Argentina/ComodRivadavia" is 32).</summary>
    public const int MaxZoneIdLength = 64;

    /// <summary>The operator's home country: whose zone a user without a team's choice reads times in.</summary>
    public Jurisdiction HomeCountry { get; } = homeCountry;

    /// <summary>Reads <c>Touchpoint:HomeCountry</c> (default SE); a bad value is a <see cref="StartupException"/> naming the key.</summary>
    public static StaffTimeZoneResolver FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration[HomeCountryKey];
        if (configured is null)
        {
            return new StaffTimeZoneResolver(Jurisdiction.SE);
        }

        return Jurisdictions.TryParse(configured, out var country, out _)
            ? new StaffTimeZoneResolver(country)
            : throw new StartupException($"{HomeCountryKey}: '{configured}' is not a country Touchpoint serves; use one of {string.Join(", ", Jurisdictions.WireNames)}.");
    }

    /// <summary>
    /// The zone of <paramref name="userId"/> (the home country's for nobody or an unknown user). Synchronous on purpose:
    /// a page needs the zone while it renders, and this is one indexed row.
    /// </summary>
    public TimeZoneInfo ZoneOf(TouchpointDbContext db, string? userId) => Zone(ChoicesOf(db, userId).FirstOrDefault());

    /// <summary>The zone of <paramref name="userId"/>, and the one they chose themselves (null: they follow their team).</summary>
    public async Task<(TimeZoneInfo Shown, string? Own)> ZoneOfAsync(TouchpointDbContext db, string userId, CancellationToken cancellationToken)
    {
        var choices = await ChoicesOf(db, userId).FirstOrDefaultAsync(cancellationToken);
        return (Zone(choices), choices?.Own);
    }

    private static IQueryable<ZoneChoices> ChoicesOf(TouchpointDbContext db, string? userId)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Users.AsNoTracking().Where(u => userId != null && u.Id == userId)
            .Select(u => new ZoneChoices(u.TimeZone, db.Users.Where(l => l.Id == u.TeamLeadId).Select(l => l.TimeZone).FirstOrDefault()));
    }

    /// <summary>The zone a user with these choices reads times in; a stored zone this machine does not know is passed over.</summary>
    private TimeZoneInfo Zone(ZoneChoices? choices)
    {
        var zoneId = StaffTimeZones.ZoneOf(Known(choices?.Own), Known(choices?.TeamLeads), HomeCountry);
        return StaffTimeZones.TryFind(zoneId, out var zone) ? zone : TimeZoneInfo.Utc;
    }

    /// <summary>Why <paramref name="zoneId"/> cannot be chosen, or null when it can (null itself: follow the team).</summary>
    public static string? Check(string? zoneId) =>
        zoneId is null || StaffTimeZones.TryFind(zoneId, out _)
            ? null
            : $"'{Clip(zoneId)}' is not a time zone; use an IANA id such as Europe/Stockholm, or null to follow the team lead's.";

    /// <summary>Sets the user's own zone (null: follow the team lead's); false when there is no such user. Audited as a change of the user.</summary>
    public static async Task<bool> SetAsync(TouchpointDbContext db, string userId, string? zoneId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (Check(zoneId) is { } error)
        {
            throw new ArgumentException(error, nameof(zoneId));
        }

        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return false;
        }

        user.TimeZone = zoneId;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private static string? Known(string? zoneId) => StaffTimeZones.TryFind(zoneId, out _) ? zoneId : null;

    private static string Clip(string text) => text.Length <= MaxZoneIdLength ? text : $"{text[..MaxZoneIdLength]}…";

    private sealed record ZoneChoices(string? Own, string? TeamLeads);
}
