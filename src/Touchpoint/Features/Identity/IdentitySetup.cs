using Microsoft.AspNetCore.Identity;
using Touchpoint.Data;
using Touchpoint.Domain.Platform;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Identity;

public static class IdentitySetup
{
    /// <summary>Web pages sign in with a cookie, API clients with a bearer token; this scheme picks per request.</summary>
    public const string CookieOrBearerScheme = "Touchpoint";

    public const string SignInPath = "/signin";

    public static IServiceCollection AddTouchpointIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        var auth = configuration.GetSection("Touchpoint:Auth");
        // Read when first needed, so settings added after registration (as tests add theirs) count.
        services.AddSingleton(sp => BackOffFrom(sp.GetRequiredService<IConfiguration>().GetSection("Touchpoint:Auth")));
        services.AddSingleton(sp => new SignInThrottle(ThrottleFrom(sp.GetRequiredService<IConfiguration>())));
        services.AddHostedService<SignInSettingsCheck>();
        services.AddScoped<PasswordSignIn>();
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
                // How long an account waits after failed sign-ins is TouchpointUserManager's SignInBackOff, not Identity's lockout.
                options.Lockout.AllowedForNewUsers = true;
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
            .AddPolicy(Policies.OwnStaff, policy => policy.RequireRole(Roles.Agent, Roles.TeamLead, Roles.Admin))
            .AddPolicy(Policies.People, policy => policy.RequireRole(Roles.Agent, Roles.TeamLead, Roles.Admin, Roles.PartnerAgent))
            .AddPolicy(Policies.Telephony, policy => policy.RequireRole(Roles.Telephony, Roles.Admin));

        services.AddScoped<AdminAccount>();
        return services;
    }

    private static SignInBackOff BackOffFrom(IConfigurationSection auth)
    {
        var freeFailures = auth.GetValue("MaxFailedAttempts", SignInBackOff.Default.FreeFailures);
        var first = TimeSpan.FromSeconds(auth.GetValue("FirstBackOffSeconds", SignInBackOff.Default.FirstWait.TotalSeconds));
        var longest = TimeSpan.FromSeconds(auth.GetValue("LongestBackOffSeconds", SignInBackOff.Default.LongestWait.TotalSeconds));
        if (freeFailures < 1 || first <= TimeSpan.Zero || longest < first)
        {
            throw new StartupException(
                "Touchpoint:Auth:MaxFailedAttempts must be at least 1 and Touchpoint:Auth:FirstBackOffSeconds above 0 and at most Touchpoint:Auth:LongestBackOffSeconds.");
        }

        return new SignInBackOff(freeFailures, first, longest);
    }

    private static SignInThrottleOptions ThrottleFrom(IConfiguration configuration)
    {
        var options = SignInThrottleOptions.FromConfiguration(configuration);
        if (options.FailuresPerClient < 1 || options.FailuresPerAccount < 1 || options.Window <= TimeSpan.Zero)
        {
            throw new StartupException(
                $"{SignInThrottleOptions.FailuresPerClientKey} and {SignInThrottleOptions.FailuresPerAccountKey} must be at least 1 and {SignInThrottleOptions.WindowKey} above 0.");
        }

        return options;
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

    /// <summary>People who deal with customers: own staff and partner agents; not the telephony platform's machine account.</summary>
    public const string People = "People";

    /// <summary>The telephony platform's account (and admins): the queue API.</summary>
    public const string Telephony = "Telephony";
}

/// <summary>Reads the sign-in settings at start, so a bad one stops Touchpoint with its sentence rather than failing the first sign-in.</summary>
internal sealed class SignInSettingsCheck(SignInBackOff backOff, SignInThrottle throttle) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = (backOff, throttle);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
