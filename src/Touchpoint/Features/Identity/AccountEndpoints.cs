using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Touchpoint.Data;
using Touchpoint.Domain.Platform;
using Touchpoint.Features.Audit;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Identity;

/// <summary>
/// The signed-in user's time zone: <paramref name="TimeZone"/> as they chose it (null: they follow their team lead's or
/// the home country's), <paramref name="ShownIn"/> the zone their times are shown in, named as pages name it.
/// </summary>
public sealed record AccountTimeZoneView(string? TimeZone, string ShownIn, string ShownAs);

/// <summary>
/// The signed-in user's language: <paramref name="Language"/> as they chose it (null: not chosen, their browser's is
/// followed), <paramref name="ShownIn"/> the one their pages are read in (their choice, else this browser's),
/// <paramref name="Choices"/> those they may choose.
/// </summary>
public sealed record AccountLanguageView(string? Language, string ShownIn, IReadOnlyList<string> Choices);

public sealed record SetLanguageRequest(string? Language);

public static class AccountEndpoints
{
    /// <summary>Sign-out for the web UI: a form post (antiforgery-checked) that clears the cookie.</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/signout", async (SignInManager<TouchpointUser> signInManager, TouchpointDbContext db, CurrentActor actor) =>
        {
            var who = actor.Get();
            await signInManager.SignOutAsync();
            db.RecordEvent(AuditAction.SignedOut, nameof(TouchpointUser), who.UserId, "web", who);
            await db.SaveChangesAsync();
            return TypedResults.LocalRedirect(IdentitySetup.SignInPath);
        }).WithTags("Auth").ExcludeFromDescription();

        var account = app.MapGroup("/api/account").WithTags("Account").RequireAuthorization();
        account.MapGet("/time-zone", GetTimeZone).WithSummary("The time zone the signed-in user reads and enters times in.");
        account.MapPut("/time-zone", SetTimeZone).WithSummary("Choose the IANA time zone to read and enter times in; null follows the team lead's.");
        account.MapGet("/language", GetLanguage).WithSummary("The language the signed-in user reads the agent UI in.");
        account.MapPut("/language", SetLanguage).WithSummary("Choose the language to read the agent UI in (en, sv); also sets the culture cookie.");
        return app;
    }

    internal static async Task<Ok<AccountTimeZoneView>> GetTimeZone(
        ClaimsPrincipal principal, UserManager<TouchpointUser> userManager, TouchpointDbContext db, StaffTimeZoneResolver zones, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ViewAsync(db, zones, userManager.GetUserId(principal)!, cancellationToken));

    internal static async Task<Results<Ok<AccountTimeZoneView>, ValidationProblem>> SetTimeZone(
        SetTimeZoneRequest request, ClaimsPrincipal principal, UserManager<TouchpointUser> userManager, TouchpointDbContext db, StaffTimeZoneResolver zones,
        CancellationToken cancellationToken)
    {
        if (StaffTimeZoneResolver.Check(request.TimeZone) is { } error)
        {
            return ProblemResults.Invalid("timeZone", error);
        }

        var userId = userManager.GetUserId(principal)!;
        await StaffTimeZoneResolver.SetAsync(db, userId, request.TimeZone, cancellationToken);
        return TypedResults.Ok(await ViewAsync(db, zones, userId, cancellationToken));
    }

    internal static async Task<Ok<AccountLanguageView>> GetLanguage(
        ClaimsPrincipal principal, UserManager<TouchpointUser> userManager, TouchpointDbContext db, CancellationToken cancellationToken)
    {
        var own = await StaffLanguage.OfAsync(db, userManager.GetUserId(principal)!, cancellationToken);
        return TypedResults.Ok(new AccountLanguageView(own, own ?? StaffLanguage.Current(), StaffLanguages.All));
    }

    internal static async Task<Results<Ok<AccountLanguageView>, ValidationProblem>> SetLanguage(
        SetLanguageRequest request, ClaimsPrincipal principal, UserManager<TouchpointUser> userManager, TouchpointDbContext db, HttpContext context,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!StaffLanguages.TryValidate(request.Language, out var language, out var error))
        {
            return ProblemResults.Invalid("language", error);
        }

        await StaffLanguage.SetAsync(db, userManager.GetUserId(principal)!, language, cancellationToken);
        // A browser calling this reads its next page in the new language; a bearer-token client ignores the cookie.
        StaffLanguage.WriteCookie(context.Response, language, clock.GetUtcNow());
        return TypedResults.Ok(new AccountLanguageView(language, language, StaffLanguages.All));
    }

    private static async Task<AccountTimeZoneView> ViewAsync(TouchpointDbContext db, StaffTimeZoneResolver zones, string userId, CancellationToken cancellationToken)
    {
        var (shown, own) = await zones.ZoneOfAsync(db, userId, cancellationToken);
        return new AccountTimeZoneView(own, shown.Id, Domain.Platform.WallClock.ZoneName(shown.Id));
    }
}
