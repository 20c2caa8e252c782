using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Touchpoint.Data;
using Touchpoint.Features.Audit;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Identity;

/// <summary>
/// The signed-in user's time zone: <paramref name="TimeZone"/> as they chose it (null: they follow their team lead's or
/// the home country's), <paramref name="ShownIn"/> the zone their times are shown in, named as pages name it.
/// </summary>
public sealed record AccountTimeZoneView(string? TimeZone, string ShownIn, string ShownAs);

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

    private static async Task<AccountTimeZoneView> ViewAsync(TouchpointDbContext db, StaffTimeZoneResolver zones, string userId, CancellationToken cancellationToken)
    {
        var (shown, own) = await zones.ZoneOfAsync(db, userId, cancellationToken);
        return new AccountTimeZoneView(own, shown.Id, Domain.Platform.WallClock.ZoneName(shown.Id));
    }
}
