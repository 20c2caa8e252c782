using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Touchpoint.Domain.Platform;

namespace Touchpoint.Features.Identity;

/// <summary>
/// Ensures the roles and the first admin exist. The admin's password comes from
/// Touchpoint:AdminPassword; without it a random one is generated and printed once.
/// </summary>
public sealed partial class AdminAccount(
    UserManager<TouchpointUser> users,
    RoleManager<IdentityRole> roles,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<AdminAccount> logger)
{
    public const string UserName = "admin";
    public const string PasswordKey = "Touchpoint:AdminPassword";

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"role {role}");
            }
        }

        var configured = configuration[PasswordKey];
        var admin = await users.FindByNameAsync(UserName);
        if (admin is null)
        {
            var password = string.IsNullOrEmpty(configured) ? GeneratePassword() : configured;
            admin = new TouchpointUser { UserName = UserName, DisplayName = "Administrator", CreatedAt = clock.GetUtcNow().UtcDateTime };
            Check(await users.CreateAsync(admin, password), $"user {UserName} ({PasswordKey})");
            Check(await users.AddToRoleAsync(admin, Roles.Admin), "admin role");
            if (string.IsNullOrEmpty(configured))
            {
                // Printed once, on purpose to the console only: it is not stored anywhere else in clear text.
                Console.WriteLine();
                Console.WriteLine($"  First start: created user '{UserName}' with password  {password}");
                Console.WriteLine($"  It is shown only now. To choose your own, set {PasswordKey} (env Touchpoint__AdminPassword) and restart.");
                Console.WriteLine();
            }

            return;
        }

        // A configured password is authoritative: changing the setting resets the admin's password.
        if (!string.IsNullOrEmpty(configured) && !await users.CheckPasswordAsync(admin, configured))
        {
            Check(await users.RemovePasswordAsync(admin), $"user {UserName}");
            Check(await users.AddPasswordAsync(admin, configured), $"user {UserName} ({PasswordKey})");
            LogPasswordReset(PasswordKey);
        }
    }

    private static string GeneratePassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', 'k').Replace('/', 'p');

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new Hosting.StartupException(
                $"Could not set up {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The admin password was reset from {Setting}")]
    private partial void LogPasswordReset(string setting);
}
