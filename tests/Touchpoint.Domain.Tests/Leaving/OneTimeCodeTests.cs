using Touchpoint.Domain.Leaving;

namespace Touchpoint.Domain.Tests.Leaving;

public sealed class OneTimeCodeTests
{
    private static readonly DateTime Issued = new(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_code_is_six_digits_and_only_its_salted_hash_is_stored()
    {
        var (code, stored) = OneTimeCode.Issue(Issued);

        Assert.Matches("^[0-9]{6}$", code);
        Assert.DoesNotContain(code, stored.Hash, StringComparison.Ordinal);
        Assert.Equal(Issued.AddMinutes(10), stored.ExpiresAt);
        Assert.NotEqual(stored.Hash, OneTimeCode.Issue(Issued).Stored.Hash);
    }

    [Fact]
    public void The_right_code_within_ten_minutes_is_accepted_once()
    {
        var (code, stored) = OneTimeCode.Issue(Issued);

        var check = stored.Check($"{code[..3]} {code[3..]}", Issued.AddMinutes(9));

        Assert.Equal(CodeCheckResult.Accepted, check.Result);
        Assert.Equal(Issued.AddMinutes(9), check.After.UsedAt);
        Assert.Equal(CodeCheckResult.AlreadyUsed, check.After.Check(code, Issued.AddMinutes(9)).Result);
    }

    [Fact]
    public void At_ten_minutes_the_right_code_has_expired()
    {
        var (code, stored) = OneTimeCode.Issue(Issued);

        var check = stored.Check(code, Issued.AddMinutes(10));

        Assert.Equal(CodeCheckResult.Expired, check.Result);
        Assert.Null(check.After.UsedAt);
    }

    [Fact]
    public void Five_wrong_codes_spend_it_and_the_right_one_after_them_is_refused()
    {
        var (code, stored) = OneTimeCode.Issue(Issued);
        var wrong = code == "000000" ? "111111" : "000000";

        for (var attempt = 1; attempt <= OneTimeCode.MaxAttempts; attempt++)
        {
            var check = stored.Check(wrong, Issued.AddMinutes(1));
            Assert.Equal(attempt < OneTimeCode.MaxAttempts ? CodeCheckResult.Wrong : CodeCheckResult.TooManyAttempts, check.Result);
            Assert.Equal(OneTimeCode.MaxAttempts - attempt, check.AttemptsLeft);
            stored = check.After;
        }

        Assert.Equal(CodeCheckResult.TooManyAttempts, stored.Check(code, Issued.AddMinutes(2)).Result);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("abcdef")]
    public void Malformed_entries_count_as_wrong_attempts(string? entered)
    {
        var (_, stored) = OneTimeCode.Issue(Issued);

        var check = stored.Check(entered, Issued.AddMinutes(1));

        Assert.Equal(CodeCheckResult.Wrong, check.Result);
        Assert.Equal(1, check.After.FailedAttempts);
    }
}
