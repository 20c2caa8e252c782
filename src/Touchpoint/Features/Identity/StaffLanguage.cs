using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Platform;
using Touchpoint.Features.Languages;

namespace Touchpoint.Features.Identity;

/// <summary>
/// The language a member of staff reads the agent UI in: stored on the user when they choose it, and written to the
/// culture cookie that request localization reads (the one the public pages' switcher writes), when they choose and
/// each time they sign in, so every page load and the circuit it opens follow it.
/// </summary>
public static class StaffLanguage
{
    /// <summary>Room for a language tag ("en", "sv", later perhaps "nb-NO").</summary>
    public const int MaxLanguageLength = 16;

    /// <summary>The language chosen by <paramref name="userId"/>; null when they have not chosen or do not exist.</summary>
    public static Task<string?> OfAsync(TouchpointDbContext db, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Language).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Stores <paramref name="language"/> (already checked by <see cref="StaffLanguages.TryValidate"/>); false when there is no such user. Audited as a change of the user.</summary>
    public static async Task<bool> SetAsync(TouchpointDbContext db, string userId, string language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!StaffLanguages.All.Contains(language, StringComparer.Ordinal))
        {
            throw new ArgumentException($"'{language}' is not one of {string.Join(", ", StaffLanguages.All)}.", nameof(language));
        }

        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return false;
        }

        user.Language = language;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// The language pages are read in on this request: the UI culture request localization chose, when the agent UI
    /// is written in it, else English.
    /// </summary>
    public static string Current()
    {
        var shown = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        return StaffLanguages.All.Contains(shown, StringComparer.Ordinal) ? shown : StaffLanguages.All[0];
    }

    /// <summary>
    /// The culture an API caller reads stored texts (timeline titles, notifications) in: <paramref name="asked"/> (a
    /// language already checked by <see cref="StaffLanguages.TryValidate"/>), else the one the caller chose, else this
    /// request's (<see cref="Current"/>).
    /// </summary>
    public static async Task<CultureInfo> ReaderCultureAsync(TouchpointDbContext db, string? userId, string? asked, CancellationToken cancellationToken)
    {
        var language = asked ?? (userId is null ? null : await OfAsync(db, userId, cancellationToken));
        return CultureInfo.GetCultureInfo(language is not null && StaffLanguages.All.Contains(language, StringComparer.Ordinal) ? language : Current());
    }

    /// <summary>Writes the culture cookie for a language staff read the agent UI in (see <see cref="CustomerLanguageSwitch.WriteCookie"/>).</summary>
    public static void WriteCookie(HttpResponse response, string language, DateTimeOffset now)
    {
        if (StaffLanguages.All.Contains(language, StringComparer.Ordinal))
        {
            CustomerLanguageSwitch.WriteCookie(response, language, now);
        }
    }
}
