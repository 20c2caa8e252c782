using Microsoft.AspNetCore.Identity;
using Touchpoint.Data;
using Touchpoint.Domain.Platform;

namespace Touchpoint.Features.Identity;

public static class IdentitySetup
{
    /// <summary>Web pages sign in with a cookie, API clients with a bearer token; this scheme picks per request.</summary>
    public const string CookieOrBearerScheme = "Touchpoint";

    public const string SignInPath = "/signin";

    public static IServiceCollection AddTouchpointIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        var auth = configuration.GetSection("Touchpoint:Auth");
        services
            .AddAuthentication(options =>
            {
                options.DefaultScheme = CookieOrBearerScheme;
                options.DefaultChallengeScheme = CookieOrBearerScheme;
            })
            .AddPolicyScheme(CookieOrBearerScheme, "Cookie or bearer token", options =>
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? IdentityConstants.BearerScheme
                        : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, options =>
                options.BearerTokenExpiration = TimeSpan.FromMinutes(auth.GetValue("AccessTokenMinutes", 60)))
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = SignInPath;
            options.LogoutPath = "/signout";
            options.AccessDeniedPath = "/access-denied";
            options.Cookie.Name = "Touchpoint.Auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.ExpireTimeSpan = TimeSpan.FromHours(10);
            options.SlidingExpiration = true;
            // API clients get a status code (written as ProblemDetails), never a redirect to a page.
            options.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
        });

        services
            .AddIdentityCore<TouchpointUser>(options =>
            {
                options.User.RequireUniqueEmail = false;
                // Length over composition rules, as NIST SP 800-63B recommends.
                options.Password.RequiredLength = 10;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = auth.GetValue("MaxFailedAttempts", 5);
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(auth.GetValue("LockoutMinutes", 15));
            })
            .AddRoles<IdentityRole>()
            .AddUserManager<TouchpointUserManager>()
            .AddClaimsPrincipalFactory<TouchpointClaimsPrincipalFactory>()
            .AddEntityFrameworkStores<TouchpointDbContext>()
            .AddSignInManager();

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Admin, policy => policy.RequireRole(Roles.Admin))
            .AddPolicy(Policies.TeamLead, policy => policy.RequireRole(Roles.TeamLead, Roles.Admin))
            .AddPolicy(Policies.OwnStaff, policy => policy.RequireRole(Roles.Agent, Roles.TeamLead, Roles.Admin));

        services.AddScoped<AdminAccount>();
        return services;
    }

    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (IsApiRequest(context.Request))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    public static bool IsApiRequest(HttpRequest request) =>
        request.Path.StartsWithSegments("/api")
        || request.Path.StartsWithSegments("/tmf-api")
        || request.Path.StartsWithSegments("/openapi")
        || request.Path.StartsWithSegments("/health");
}

/// <summary>Authorization policy names; each is enforced on the server for API and pages alike.</summary>
public static class Policies
{
    public const string Admin = "Admin";
    public const string TeamLead = "TeamLeadOrAdmin";
    public const string OwnStaff = "OwnStaff";
}
