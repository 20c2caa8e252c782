using Microsoft.AspNetCore.Identity;
using Touchpoint.Data;
using Touchpoint.Domain.Platform;
using Touchpoint.Features.Audit;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Identity;

/// <summary>Where a password sign-in comes from; it picks the scheme the user is signed in with and names the audit entry.</summary>
public sealed record SignInChannel(string Name, string Scheme)
{
    public static SignInChannel BearerToken { get; } = new("bearer token", IdentityConstants.BearerScheme);

    public static SignInChannel Web { get; } = new("web", IdentityConstants.ApplicationScheme);
}

/// <summary>Signed in; refused (one answer for a wrong password, an unknown user and a waiting account); or throttled.</summary>
public sealed record PasswordSignInOutcome(bool Succeeded, SignInRefusal? Throttled)
{
    public const string RefusedMessage = "Wrong user name or password.";

    public static PasswordSignInOutcome SignedIn { get; } = new(true, null);

    public static PasswordSignInOutcome Refused { get; } = new(false, null);

    public string ThrottledMessage => Throttled is null
        ? ""
        : $"Too many failed sign-ins. Try again in {Describe(Throttled.RetryAfter)}.";

    private static string Describe(TimeSpan wait) => wait.TotalSeconds <= 90
        ? $"{Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))} seconds"
        : $"{(int)Math.Ceiling(wait.TotalMinutes)} minutes";
}

/// <summary>
/// The one way a user signs in with a password, for the token API and the sign-in page alike. A caller learns only
/// "signed in", "wrong user name or password" or "too many failures, wait": an unknown user and an account waiting out
/// its back-off get the same answer as a wrong password, after the same password hashing, so neither the words nor the
/// time taken tell whether an account exists. The audit entry tells admins which it was.
/// </summary>
public sealed class PasswordSignIn(
    SignInManager<TouchpointUser> signInManager,
    TouchpointUserManager userManager,
    IPasswordHasher<TouchpointUser> passwordHasher,
    SignInThrottle throttle,
    TouchpointDbContext db,
    CurrentActor currentActor,
    TimeProvider clock)
{
    // Identity's user names and the audit's column hold this much; a longer name tried is audited cut to fit.
    private const int LongestUserName = 256;

    private static readonly TouchpointUser Decoy = new() { UserName = "decoy" };
    private static string? decoyHash;

    public async Task<PasswordSignInOutcome> SignInAsync(string userName, string password, SignInChannel channel)
    {
        var actor = currentActor.Get();
        var attempt = actor with { UserName = TextLimits.Clip(userName, LongestUserName) };
        if (throttle.Check(actor.IpAddress, userName) is { } refusal)
        {
            var limit = refusal.Limit == SignInLimit.Client ? "this address" : "this user name";
            await RecordFailureAsync(null, $"{channel.Name}: throttled, too many failures from {limit}", attempt);
            return new PasswordSignInOutcome(false, refusal);
        }

        var user = await userManager.FindByNameAsync(userName);
        if (user is null || await userManager.IsLockedOutAsync(user))
        {
            // Identity answers a waiting account without hashing; hashing anyway keeps its answer as slow as a wrong password's.
            HashAsIfChecking(password);
            throttle.RecordFailure(actor.IpAddress, userName);
            var reason = user is null ? "unknown user name" : $"locked out until {user.LockoutEnd:u} (back-off after failed sign-ins)";
            await RecordFailureAsync(user?.Id, $"{channel.Name}: {reason}", attempt);
            return PasswordSignInOutcome.Refused;
        }

        // Identity's own failure counting would save the count apart from the audit entry; it is counted here instead.
        var checkedPassword = await signInManager.CheckPasswordSignInAsync(user, password, lockoutOnFailure: false);
        if (!checkedPassword.Succeeded)
        {
            throttle.RecordFailure(actor.IpAddress, userName);
            var waitsUntil = await userManager.CountFailedSignInAsync(user);
            await RecordFailureAsync(user.Id, $"{channel.Name}: wrong password{(waitsUntil is { } until ? $", locked out until {until:u}" : "")}", attempt);
            return PasswordSignInOutcome.Refused;
        }

        signInManager.AuthenticationScheme = channel.Scheme;
        await signInManager.SignInAsync(user, isPersistent: false);
        db.RecordEvent(AuditAction.SignedIn, nameof(TouchpointUser), user.Id, channel.Name, actor with { UserId = user.Id, UserName = user.UserName! });
        await db.SaveChangesAsync();
        if (channel == SignInChannel.Web && user.Language is { } language)
        {
            // The browser reads pages in the language the user chose, whichever browser they sign in from.
            StaffLanguage.WriteCookie(signInManager.Context.Response, language, clock.GetUtcNow());
        }

        return PasswordSignInOutcome.SignedIn;
    }

    private async Task RecordFailureAsync(string? userId, string details, Actor attempt)
    {
        db.RecordEvent(AuditAction.SignInFailed, nameof(TouchpointUser), userId, details, attempt);
        await db.SaveChangesAsync();
    }

    private void HashAsIfChecking(string password)
    {
        decoyHash ??= passwordHasher.HashPassword(Decoy, Guid.NewGuid().ToString());
        _ = passwordHasher.VerifyHashedPassword(Decoy, decoyHash, password);
    }
}
