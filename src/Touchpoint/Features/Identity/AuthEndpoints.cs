using Microsoft.AspNetCore.Http.HttpResults;
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
    /// Checks the password through <see cref="PasswordSignIn"/> and lets the bearer-token handler write
    /// <c>{ tokenType, accessToken, expiresIn, refreshToken }</c>; 401 for any refusal, 429 with Retry-After when throttled.
    /// </summary>
    internal static async Task<Results<EmptyHttpResult, ValidationProblem, UnauthorizedProblem, TooManyRequestsProblem>> IssueToken(
        TokenRequest request, PasswordSignIn passwordSignIn)
    {
        if (string.IsNullOrWhiteSpace(request.UserName))
        {
            return ProblemResults.Invalid("userName", "userName is required.");
        }

        if (string.IsNullOrEmpty(request.Password))
        {
            return ProblemResults.Invalid("password", "password is required.");
        }

        var outcome = await passwordSignIn.SignInAsync(request.UserName, request.Password, SignInChannel.BearerToken);
        if (outcome.Succeeded)
        {
            return TypedResults.Empty;
        }

        return outcome.Throttled is { } throttled
            ? ProblemResults.TooManyRequests(outcome.ThrottledMessage, throttled.RetryAfter)
            : ProblemResults.Unauthorized(PasswordSignInOutcome.RefusedMessage);
    }
}
