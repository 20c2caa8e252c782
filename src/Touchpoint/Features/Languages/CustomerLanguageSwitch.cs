using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Localization;
using Touchpoint.Domain.Customers;

namespace Touchpoint.Features.Languages;

/// <summary>
/// The language a request is read in: chosen with the switcher (a cookie), else the browser's <c>Accept-Language</c>,
/// else English. Only the UI culture follows it; the server's formatting culture stays as it is, and customer texts
/// are formatted by their <see cref="CustomerVoice"/>, never by the ambient culture.
/// </summary>
public static class CustomerLanguageSwitch
{
    /// <summary>The switcher's address: <c>/language?lang=da&amp;return=/leave</c> sets the choice and goes back.</summary>
    public const string Path = "/language";

    public static IApplicationBuilder UseCustomerLanguages(this IApplicationBuilder app)
    {
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(CultureInfo.CurrentCulture, CultureInfo.GetCultureInfo(PreferredLanguages.English)),
            SupportedCultures = [CultureInfo.CurrentCulture],
            SupportedUICultures = [.. PreferredLanguages.All.Select(CultureInfo.GetCultureInfo)],
            FallBackToParentUICultures = true,
        };
        options.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        return app.UseRequestLocalization(options);
    }

    public static IEndpointRouteBuilder MapCustomerLanguageSwitch(this IEndpointRouteBuilder app)
    {
        // A link, not an API: public pages offer it to visitors who are not signed in.
        app.MapGet(Path, Switch).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>The switcher's link for <paramref name="language"/>, coming back to <paramref name="returnPath"/>.</summary>
    public static string Link(string language, string returnPath) =>
        $"{Path}?lang={Uri.EscapeDataString(language)}&return={Uri.EscapeDataString(returnPath)}";

    private static RedirectHttpResult Switch(HttpContext context, TimeProvider clock, string? lang, string? @return)
    {
        var target = IsLocalPath(@return) ? @return! : "/";
        if (PreferredLanguages.TryValidate(lang, out var language, out _))
        {
            WriteCookie(context.Response, language, clock.GetUtcNow());
        }

        return TypedResults.LocalRedirect(target);
    }

    /// <summary>
    /// Writes the culture cookie so the following requests are read in <paramref name="language"/> (a supported code):
    /// the switcher's choice on a public page, a member of staff's choice of their own. Only the UI culture is set.
    /// </summary>
    public static void WriteCookie(HttpResponse response, string language, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.HasStarted || !PreferredLanguages.IsSupported(language))
        {
            return;
        }

        response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(CultureInfo.CurrentCulture, CultureInfo.GetCultureInfo(language))),
            new CookieOptions { Expires = now.AddYears(1), HttpOnly = true, IsEssential = true, SameSite = SameSiteMode.Lax, Path = "/" });
    }

    /// <summary>Only a path on this site ("/leave"), never another site ("//evil.example", "https://…").</summary>
    private static bool IsLocalPath(string? path) =>
        !string.IsNullOrEmpty(path) && path[0] == '/' && (path.Length == 1 || (path[1] != '/' && path[1] != '\\'));
}
