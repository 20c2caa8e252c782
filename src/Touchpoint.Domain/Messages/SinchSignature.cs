using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Touchpoint.Domain.Messages;

/// <summary>
/// Sinch's callback signing: <c>x-sinch-webhook-signature</c> is
/// <c>Base64(HMAC-SHA256(UTF8(secret), body + "." + nonce + "." + timestamp))</c> over the raw body bytes, with the
/// nonce and timestamp (Unix seconds) in their own headers. A callback not signed so, or signed more than
/// <see cref="MaxAge"/> away from now (a replay), is refused before anything is read from it.
/// </summary>
public static class SinchSignature
{
    public const string SignatureHeader = "x-sinch-webhook-signature";
    public const string NonceHeader = "x-sinch-webhook-signature-nonce";
    public const string TimestampHeader = "x-sinch-webhook-signature-timestamp";
    public const string AlgorithmHeader = "x-sinch-webhook-signature-algorithm";
    public const string Algorithm = "HmacSHA256";

    public static TimeSpan MaxAge { get; } = TimeSpan.FromMinutes(5);

    public static string Sign(string secret, ReadOnlySpan<byte> body, string nonce, string timestamp)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var suffix = Encoding.UTF8.GetBytes($".{nonce}.{timestamp}");
        var signed = new byte[body.Length + suffix.Length];
        body.CopyTo(signed);
        suffix.CopyTo(signed.AsSpan(body.Length));
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    /// <summary>Null when the callback is Sinch's and fresh; otherwise why it is refused.</summary>
    public static string? Problem(string secret, ReadOnlySpan<byte> body, string? signature, string? nonce, string? timestamp, string? algorithm, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(nonce) || string.IsNullOrEmpty(timestamp))
        {
            return $"The callback is not signed: {SignatureHeader}, {NonceHeader} and {TimestampHeader} are required.";
        }

        if (algorithm is { Length: > 0 } && !string.Equals(algorithm, Algorithm, StringComparison.OrdinalIgnoreCase))
        {
            return $"{AlgorithmHeader} is '{algorithm}'; only {Algorithm} is accepted.";
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            || (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > MaxAge)
        {
            return $"{TimestampHeader} is not within {MaxAge.TotalMinutes:0} minutes of now.";
        }

        var expected = Convert.FromBase64String(Sign(secret, body, nonce, timestamp));
        var given = new byte[expected.Length + 1];
        return Convert.TryFromBase64String(signature, given, out var length) && CryptographicOperations.FixedTimeEquals(given.AsSpan(0, length), expected)
            ? null
            : $"{SignatureHeader} does not match the body.";
    }
}
