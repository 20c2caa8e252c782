using Microsoft.AspNetCore.Identity;
using Touchpoint.Data;
using Touchpoint.Features.Audit;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Identity;

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
        return app;
    }
}
