using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Touchpoint.Domain.Platform;

namespace Touchpoint.Features.Identity;

/// <summary>
/// Identity's user manager with its lockout turned into a <see cref="SignInBackOff"/>: failed sign-ins in a row make
/// the account wait seconds, growing to a cap, never the quarter of an hour that let anyone shut anyone out. Timed by
/// <see cref="TimeProvider"/> like every other timer, so it is testable without sleeping.
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
    TimeProvider clock,
    SignInBackOff backOff)
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
        await CountFailedSignInAsync(user);
        return await UpdateUserAsync(user);
    }

    /// <summary>
    /// Counts a failed sign-in on <paramref name="user"/> and starts its wait when one is due, without saving: the
    /// caller saves it with its audit entry in one commit, so a wrong password costs the database what an unknown
    /// user name does. Returns when the wait ends, or null when there is none yet.
    /// </summary>
    public async Task<DateTimeOffset?> CountFailedSignInAsync(TouchpointUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        // The count runs on through each wait, so the next failure waits longer; a sign-in or an admin's unlock resets it.
        var failuresInARow = await LockoutStore.IncrementAccessFailedCountAsync(user, CancellationToken);
        var wait = backOff.After(failuresInARow);
        if (wait <= TimeSpan.Zero)
        {
            return null;
        }

        var until = clock.GetUtcNow().Add(wait);
        await LockoutStore.SetLockoutEndDateAsync(user, until, CancellationToken);
        return until;
    }
}
