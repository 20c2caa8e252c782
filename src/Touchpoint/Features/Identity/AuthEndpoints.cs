using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Touchpoint.Data;
using Touchpoint.Features.Audit;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Identity;

public sealed record TokenRequest(string? UserName, string? Password);

public static class AuthEndpoints
{
    public static RouteGroupBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth");
        group.MapPost("/token", IssueToken)
            .AllowAnonymous()
            // The bearer-token handler writes the body when the handler signs in (its result is empty).
            .Produces<Microsoft.AspNetCore.Authentication.BearerToken.AccessTokenResponse>()
            .WithSummary("Exchange a user name and password for a bearer access token.");
        return group;
    }

    /// <summary>
    /// Checks the password (counting failures towards lockout) and lets the bearer-token handler
    /// write <c>{ tokenType, accessToken, expiresIn, refreshToken }</c>.
    /// </summary>
    internal static async Task<Results<EmptyHttpResult, ValidationProblem, UnauthorizedProblem>> IssueToken(
        TokenRequest request, SignInManager<TouchpointUser> signInManager, TouchpointDbContext db, CurrentActor currentActor)
    {
        if (string.IsNullOrWhiteSpace(request.UserName))
        {
            return ProblemResults.Invalid("userName", "userName is required.");
        }

        if (string.IsNullOrEmpty(request.Password))
        {
            return ProblemResults.Invalid("password", "password is required.");
        }

        var actor = currentActor.Get();
        var user = await signInManager.UserManager.FindByNameAsync(request.UserName);
        signInManager.AuthenticationScheme = IdentityConstants.BearerScheme;
        var result = user is null
            ? SignInResult.Failed
            : await signInManager.PasswordSignInAsync(user, request.Password, isPersistent: false, lockoutOnFailure: true);

        if (result.Succeeded)
        {
            db.RecordEvent(AuditAction.SignedIn, nameof(TouchpointUser), user!.Id, "bearer token", actor with { UserId = user.Id, UserName = user.UserName! });
            await db.SaveChangesAsync();
            return TypedResults.Empty;
        }

        db.RecordEvent(AuditAction.SignInFailed, nameof(TouchpointUser), user?.Id, result.IsLockedOut ? "locked out" : "wrong user name or password", actor with { UserName = request.UserName });
        await db.SaveChangesAsync();
        return result.IsLockedOut
            ? ProblemResults.Unauthorized(
                $"The account is locked after too many failed attempts until {user!.LockoutEnd:u}.",
                new Dictionary<string, object?> { ["lockedUntil"] = user.LockoutEnd?.UtcDateTime })
            : ProblemResults.Unauthorized("Wrong user name or password.");
    }
}
