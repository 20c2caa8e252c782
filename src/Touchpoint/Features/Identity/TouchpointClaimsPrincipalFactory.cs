using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Touchpoint.Features.Identity;

/// <summary>
/// Puts the user's display name into the sign-in (cookie and bearer token), so every record of who
/// acted — timeline entries, contacts — names the person the same way without a lookup.
/// </summary>
public sealed class TouchpointClaimsPrincipalFactory(
    UserManager<TouchpointUser> userManager, RoleManager<IdentityRole> roleManager, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<TouchpointUser, IdentityRole>(userManager, roleManager, options)
{
    public const string DisplayNameClaim = "display_name";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(TouchpointUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayNameClaim, string.IsNullOrWhiteSpace(user.DisplayName) ? user.UserName ?? "" : user.DisplayName));
        return identity;
    }
}
