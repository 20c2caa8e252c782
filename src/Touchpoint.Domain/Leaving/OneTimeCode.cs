using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Touchpoint.Domain.Leaving;

/// <summary>What checking an entered code found.</summary>
public enum CodeCheckResult
{
    Accepted,
    Wrong,
    Expired,
    TooManyAttempts,
    AlreadyUsed,
}

/// <param name="After">The code as it must be stored now (attempts counted, or marked used).</param>
/// <param name="AttemptsLeft">Wrong entries still allowed before the code is spent.</param>
/// <param name="Message">What the visitor is told, without saying anything about the subscription.</param>
public sealed record CodeCheck(CodeCheckResult Result, OneTimeCode After, int AttemptsLeft, string Message)
{
    public bool Accepted => Result == CodeCheckResult.Accepted;
}

/// <summary>
/// A one-time code that proves a visitor of the public "Cancel or withdraw" page controls the contact details on
/// file, so no password is needed (CRD-11a, DE-312k): six digits, valid ten minutes, at most five attempts, used
/// once. Only a salted hash is kept; the plain code exists in the message to the customer and nowhere else.
/// </summary>
/// <param name="Hash">HMAC-SHA256 of the code keyed with <paramref name="Salt"/>, hex.</param>
/// <param name="Salt">Random per code, base64, so equal codes never have equal hashes.</param>
public sealed record OneTimeCode(string Hash, string Salt, DateTime IssuedAt, int FailedAttempts = 0, DateTime? UsedAt = null)
{
    public const int Digits = 6;
    public const int MaxAttempts = 5;
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public DateTime ExpiresAt => IssuedAt + Lifetime;

    /// <summary>A new code issued at <paramref name="now"/>: the plain code to send, and what to store.</summary>
    public static (string Code, OneTimeCode Stored) Issue(DateTime now)
    {
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var salt = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        return (code, new OneTimeCode(HashOf(code, salt), salt, now));
    }

    /// <summary>Checks an entered code; spaces and dashes people type between digit groups are ignored.</summary>
    public CodeCheck Check(string? entered, DateTime now)
    {
        if (UsedAt is not null)
        {
            return new CodeCheck(CodeCheckResult.AlreadyUsed, this, 0, "This code has been used already. Start again to get a new one.");
        }

        if (FailedAttempts >= MaxAttempts)
        {
            return new CodeCheck(CodeCheckResult.TooManyAttempts, this, 0, "Too many wrong codes. Start again to get a new one.");
        }

        if (now >= ExpiresAt)
        {
            return new CodeCheck(CodeCheckResult.Expired, this, MaxAttempts - FailedAttempts,
                $"This code expired {Lifetime.TotalMinutes.ToString(CultureInfo.InvariantCulture)} minutes after it was sent. Start again to get a new one.");
        }

        var digits = new string((entered ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
        var matches = digits.Length == Digits && digits.All(char.IsAsciiDigit)
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(HashOf(digits, Salt)), Encoding.ASCII.GetBytes(Hash));
        if (matches)
        {
            return new CodeCheck(CodeCheckResult.Accepted, this with { UsedAt = now }, MaxAttempts - FailedAttempts, "The code is right.");
        }

        var failed = this with { FailedAttempts = FailedAttempts + 1 };
        var left = MaxAttempts - failed.FailedAttempts;
        return left == 0
            ? new CodeCheck(CodeCheckResult.TooManyAttempts, failed, 0, "That code is wrong, and it was the last attempt. Start again to get a new one.")
            : new CodeCheck(CodeCheckResult.Wrong, failed, left,
                $"That code is wrong. {left.ToString(CultureInfo.InvariantCulture)} {(left == 1 ? "attempt" : "attempts")} left.");
    }

    private static string HashOf(string code, string salt) =>
        Convert.ToHexString(HMACSHA256.HashData(Convert.FromBase64String(salt), Encoding.ASCII.GetBytes(code)));
}
