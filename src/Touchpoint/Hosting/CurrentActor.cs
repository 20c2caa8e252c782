using System.Net;
using System.Security.Claims;

namespace Touchpoint.Hosting;

/// <summary>Who is acting and from where: the subject of every audit entry.</summary>
public sealed record Actor(string? UserId, string UserName, string? IpAddress, string Channel)
{
    public static Actor System { get; } = new(null, "system", null, "system");

    /// <summary>How the person is named to others (on a timeline); the user name when no display name is known.</summary>
    public string DisplayName { get; init; } = UserName;
}

/// <summary>
/// Resolves the acting user from the current request. It reads <see cref="IHttpContextAccessor"/>
/// on every call, so it works the same in API requests, Blazor circuits (whose hub connection
/// carries the signed-in user) and fresh DI scopes; background work is the system.
/// </summary>
public sealed class CurrentActor(IHttpContextAccessor httpContextAccessor)
{
    public Actor Get()
    {
        var http = httpContextAccessor.HttpContext;
        if (http is null)
        {
            return Actor.System;
        }

        var user = http.User;
        var authenticated = user.Identity?.IsAuthenticated == true;
        var channel = http.Request.Path.StartsWithSegments("/api") || http.Request.Path.StartsWithSegments("/tmf-api")
            ? "api"
            : "web";
        var userName = authenticated ? user.Identity!.Name ?? "unknown" : "anonymous";
        return new Actor(
            authenticated ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null,
            userName,
            FormatAddress(http.Connection.RemoteIpAddress),
            channel)
        {
            DisplayName = user.FindFirstValue(Features.Identity.TouchpointClaimsPrincipalFactory.DisplayNameClaim) ?? userName,
        };
    }

    private static string? FormatAddress(IPAddress? address) =>
        address is null ? null : address.IsIPv4MappedToIPv6 ? address.MapToIPv4().ToString() : address.ToString();
}
