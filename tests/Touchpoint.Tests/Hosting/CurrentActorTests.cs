using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Touchpoint.Hosting;

namespace Touchpoint.Tests.Hosting;

/// <summary>
/// Inside a Blazor circuit the actor is the circuit's signed-in user, whatever <see cref="IHttpContextAccessor"/>
/// holds there; outside one it is the request's user, and in background work the system.
/// </summary>
public sealed class CurrentActorTests
{
    [Fact]
    public async Task Inside_a_circuit_the_actor_is_the_circuits_user_not_the_http_contexts()
    {
        var accessor = new HttpContextAccessor { HttpContext = RequestBy("someone-else", "/_blazor") };
        var currentActor = new CurrentActor(accessor);
        var circuit = new CircuitUser { IpAddress = "192.0.2.7" };
        circuit.SignedIn(Principal("agent", "Anna Agent", "TeamLead"));

        Actor? inCircuit = null;
        var wasLead = false;
        await circuit.RunAsAsync(async () =>
        {
            await Task.Yield();
            inCircuit = currentActor.Get();
            wasLead = currentActor.IsInAnyRole("Admin", "TeamLead");
        });

        Assert.NotNull(inCircuit);
        Assert.Equal("agent-id", inCircuit.UserId);
        Assert.Equal("agent", inCircuit.UserName);
        Assert.Equal("Anna Agent", inCircuit.DisplayName);
        Assert.Equal("192.0.2.7", inCircuit.IpAddress);
        Assert.Equal("web", inCircuit.Channel);
        Assert.True(wasLead);

        // Once the circuit's work is done, the request's user acts again.
        Assert.Equal("someone-else", currentActor.Get().UserName);
        Assert.False(currentActor.IsInAnyRole("TeamLead"));
    }

    [Fact]
    public void In_an_api_request_the_actor_is_the_requests_user_and_in_background_work_the_system()
    {
        var accessor = new HttpContextAccessor { HttpContext = RequestBy("agent", "/api/cases") };
        var currentActor = new CurrentActor(accessor);

        var actor = currentActor.Get();
        Assert.Equal("agent", actor.UserName);
        Assert.Equal("api", actor.Channel);

        accessor.HttpContext = null;
        Assert.Same(Actor.System, currentActor.Get());
        Assert.False(currentActor.IsInAnyRole("Agent"));
    }

    private static DefaultHttpContext RequestBy(string userName, string path)
    {
        var http = new DefaultHttpContext { User = Principal(userName, userName, "Agent") };
        http.Request.Path = path;
        return http;
    }

    private static ClaimsPrincipal Principal(string userName, string displayName, string role) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, $"{userName}-id"),
                new Claim(ClaimTypes.Name, userName),
                new Claim(Touchpoint.Features.Identity.TouchpointClaimsPrincipalFactory.DisplayNameClaim, displayName),
                new Claim(ClaimTypes.Role, role),
            ],
            authenticationType: "test"));
}
