using System.Text;
using Touchpoint.Domain.Messages;

namespace Touchpoint.Domain.Tests.Messages;

public sealed class SinchSignatureTests
{
    private const string Secret = "sinch-secret";
    private const string Nonce = "nonce-1";
    private const string Timestamp = "1796634000";
    private static readonly DateTimeOffset SignedAt = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"type":"mo_text"}""");

    /// <summary>Base64(HMAC-SHA256("sinch-secret", body + ".nonce-1.1796634000")), computed outside .NET (Python's hmac).</summary>
    private const string Expected = "kS309jpYpOEVnmsbgyrvqFbM2AK8DPKB/7bmeMFiwNc=";

    [Fact]
    public void The_signature_is_the_HMAC_of_the_raw_body_the_nonce_and_the_timestamp_joined_by_dots() =>
        Assert.Equal(Expected, SinchSignature.Sign(Secret, Body, Nonce, Timestamp));

    /// <summary>The signed callback Sinch's own .NET SDK checks its validation against: same scheme, same answer.</summary>
    [Fact]
    public void Sinchs_published_example_callback_verifies()
    {
        var body = Encoding.UTF8.GetBytes(
            """{"app_id":"","accepted_time":"2021-10-18T17:49:13.813615Z","project_id":"e2df3a34-a71b-4448-9db5-a8d2baad28e4","contact_create_notification":{"contact":{"id":"01FJA8B466Y0R2GNXD78MD9SM1","channel_identities":[{"channel":"SMS","identity":"48123456789","app_id":""}],"display_name":"New Test Contact","email":"new.contact@email.com","external_id":"","metadata":"","language":"EN_US"}},"message_metadata":""}""");
        var signedAt = DateTimeOffset.FromUnixTimeSeconds(1634579353);

        Assert.Null(SinchSignature.Problem("foo_secret1234", body, "6bpJoRmFoXVjfJIVglMoJzYXxnoxRujzR4k2GOXewOE=", "01FJA8B4A7BM43YGWSG9GBV067", "1634579353", null, signedAt));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(300)]
    [InlineData(-300)]
    public void A_callback_signed_so_within_five_minutes_of_now_is_Sinchs(int secondsLater) =>
        Assert.Null(SinchSignature.Problem(Secret, Body, Expected, Nonce, Timestamp, "HmacSHA256", SignedAt.AddSeconds(secondsLater)));

    [Theory]
    [InlineData(301)]
    [InlineData(-301)]
    public void A_callback_signed_more_than_five_minutes_away_from_now_is_refused_as_a_replay(int secondsLater) =>
        Assert.Contains("within 5 minutes", SinchSignature.Problem(Secret, Body, Expected, Nonce, Timestamp, null, SignedAt.AddSeconds(secondsLater)), StringComparison.Ordinal);

    [Fact]
    public void A_changed_body_another_secret_or_another_nonce_does_not_match()
    {
        var changed = Encoding.UTF8.GetBytes("""{"type":"mo_text" }""");
        Assert.Contains("does not match", SinchSignature.Problem(Secret, changed, Expected, Nonce, Timestamp, null, SignedAt), StringComparison.Ordinal);
        Assert.Contains("does not match", SinchSignature.Problem("other-secret", Body, Expected, Nonce, Timestamp, null, SignedAt), StringComparison.Ordinal);
        Assert.Contains("does not match", SinchSignature.Problem(Secret, Body, Expected, "nonce-2", Timestamp, null, SignedAt), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, Nonce, Timestamp, "not signed")]
    [InlineData(Expected, null, Timestamp, "not signed")]
    [InlineData(Expected, Nonce, "", "not signed")]
    [InlineData("not base64 at all!", Nonce, Timestamp, "does not match")]
    [InlineData("kS309jpYpOEVnmsbgyrvqFbM2AK8DPKB/7bmeMFiwNc=kS309jpYpOEVnmsbgyrvqFbM2AK8DPKB/7bmeMFiwNc=", Nonce, Timestamp, "does not match")]
    [InlineData(Expected, Nonce, "yesterday", "within 5 minutes")]
    [InlineData(Expected, Nonce, "99999999999999999999", "within 5 minutes")]
    public void Missing_or_malformed_headers_are_refused_with_the_reason(string? signature, string? nonce, string? timestamp, string reason) =>
        Assert.Contains(reason, SinchSignature.Problem(Secret, Body, signature, nonce, timestamp, null, SignedAt), StringComparison.Ordinal);

    [Fact]
    public void Only_HMAC_SHA256_is_accepted() =>
        Assert.Contains("only HmacSHA256", SinchSignature.Problem(Secret, Body, Expected, Nonce, Timestamp, "HmacSHA1", SignedAt), StringComparison.Ordinal);
}
