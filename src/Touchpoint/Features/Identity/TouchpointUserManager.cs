using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Touchpoint.Features.Identity;

/// <summary>
/// Identity's user manager with lockout timed by <see cref="TimeProvider"/> instead of the wall clock,
/// so lockout expiry follows the same clock as every other timer and is testable without sleeping.
/// </summary>
public sealed class TouchpointUserManager(
    IUserStore<TouchpointUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<TouchpointUser> passwordHasher,
    IEnumerable<IUserValidator<TouchpointUser>> userValidators,
    IEnumerable<IPasswordValidator<TouchpointUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<TouchpointUser>> logger,
    TimeProvider clock)
    : UserManager<TouchpointUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    private IUserLockoutStore<TouchpointUser> LockoutStore => (IUserLockoutStore<TouchpointUser>)Store;

    public override async Task<bool> IsLockedOutAsync(TouchpointUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!await LockoutStore.GetLockoutEnabledAsync(user, CancellationToken))
        {
            return false;
        }

        return await LockoutStore.GetLockoutEndDateAsync(user, CancellationToken) >= clock.GetUtcNow();
    }

    public override async Task<IdentityResult> AccessFailedAsync(TouchpointUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var failures = await LockoutStore.IncrementAccessFailedCountAsync(user, CancellationToken);
        if (failures >= Options.Lockout.MaxFailedAccessAttempts)
        {
            await LockoutStore.SetLockoutEndDateAsync(user, clock.GetUtcNow().Add(Options.Lockout.DefaultLockoutTimeSpan), CancellationToken);
            await LockoutStore.ResetAccessFailedCountAsync(user, CancellationToken);
        }

        return await UpdateUserAsync(user);
    }
}
