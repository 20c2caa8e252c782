using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Touchpoint.Hosting;

/// <summary>
/// The signed-in user of one Blazor circuit, taken from its authentication state rather than from
/// <see cref="IHttpContextAccessor"/>, which inside a circuit holds no request of the user's (Microsoft's guidance:
/// it may be empty, or another user's). <see cref="CurrentActor"/> reads it while the circuit handles something.
/// </summary>
public sealed class CircuitUser
{
    private static readonly AsyncLocal<CircuitUser?> Handling = new();

    /// <summary>The circuit whose event, render or interop call is being handled, if any.</summary>
    internal static CircuitUser? Current => Handling.Value;

    public ClaimsPrincipal User { get; private set; } = new(new ClaimsIdentity());

    /// <summary>Where the browser connected from, as the page's own request saw it (see <c>Routes.razor</c>).</summary>
    public string? IpAddress { get; set; }

    internal void SignedIn(ClaimsPrincipal user) => User = user;

    /// <summary>Runs <paramref name="work"/> as this circuit's user: everything it calls, awaited or not, sees it.</summary>
    internal async Task RunAsAsync(Func<Task> work)
    {
        Handling.Value = this;
        await work();
    }
}

/// <summary>
/// Keeps <see cref="CircuitUser"/> up to date with the circuit's authentication state, and makes it the current one
/// for every inbound activity of the circuit (events, renders, interop), so the commands pages call audit the user
/// who is signed in on that page.
/// </summary>
public sealed class CircuitUserHandler(AuthenticationStateProvider authentication, CircuitUser circuitUser) : CircuitHandler, IDisposable
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        authentication.AuthenticationStateChanged += AuthenticationChanged;
        return base.OnCircuitOpenedAsync(circuit, cancellationToken);
    }

    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        circuitUser.SignedIn((await authentication.GetAuthenticationStateAsync()).User);
    }

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        context => circuitUser.RunAsAsync(() => next(context));

    public void Dispose() => authentication.AuthenticationStateChanged -= AuthenticationChanged;

    private void AuthenticationChanged(Task<AuthenticationState> state) =>
        _ = SignedInAsync(state);

    private async Task SignedInAsync(Task<AuthenticationState> state) => circuitUser.SignedIn((await state).User);
}
