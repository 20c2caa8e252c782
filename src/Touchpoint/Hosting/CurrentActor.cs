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
/// Who is acting now. Inside a Blazor circuit it is the circuit's signed-in user (<see cref="CircuitUser"/>, from the
/// authentication state); in an API request or a page's own request, the request's user; in background work, the
/// system. It reads on every call, so one singleton serves all of them (and pooled DbContexts hold no user).
/// </summary>
public sealed class CurrentActor(IHttpContextAccessor httpContextAccessor)
{
    private static readonly ClaimsPrincipal Anonymous = new(new ClaimsIdentity());

    public Actor Get()
    {
        if (CircuitUser.Current is { } circuit)
        {
            return Of(circuit.User, circuit.IpAddress, "web");
        }

        var http = httpContextAccessor.HttpContext;
        if (http is null)
        {
            return Actor.System;
        }

        var channel = http.Request.Path.StartsWithSegments("/api") || http.Request.Path.StartsWithSegments("/tmf-api")
            ? "api"
            : "web";
        return Of(http.User, FormatAddress(http.Connection.RemoteIpAddress), channel);
    }

    /// <summary>The acting user's claims and roles; nobody's (no claims, no roles) in background work.</summary>
    public ClaimsPrincipal User() => CircuitUser.Current?.User ?? httpContextAccessor.HttpContext?.User ?? Anonymous;

    public bool IsInAnyRole(params ReadOnlySpan<string> roles)
    {
        var user = User();
        foreach (var role in roles)
        {
            if (user.IsInRole(role))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A client address as the audit writes it: IPv4 as IPv4 even when it came over IPv6.</summary>
    public static string? FormatAddress(IPAddress? address) =>
        address is null ? null : address.IsIPv4MappedToIPv6 ? address.MapToIPv4().ToString() : address.ToString();

    private static Actor Of(ClaimsPrincipal user, string? ipAddress, string channel)
    {
        var authenticated = user.Identity?.IsAuthenticated == true;
        var userName = authenticated ? user.Identity!.Name ?? "unknown" : "anonymous";
        return new Actor(authenticated ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null, userName, ipAddress, channel)
        {
            DisplayName = user.FindFirstValue(Features.Identity.TouchpointClaimsPrincipalFactory.DisplayNameClaim) ?? userName,
        };
    }
}
