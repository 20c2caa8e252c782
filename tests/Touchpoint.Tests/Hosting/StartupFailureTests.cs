namespace Touchpoint.Tests.Hosting;

/// <summary>
/// A start that cannot succeed ends the real process with a non-zero exit code and one sentence on
/// stderr naming the setting to fix, never a stack trace.
/// </summary>
public sealed class StartupFailureTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task An_unknown_database_provider_names_the_provider_setting()
    {
        var result = await TouchpointProcess.RunToExitAsync(["--Touchpoint:Database:Provider=oracle"], Deadline);

        var sentence = AssertOneSentenceFailure(result);
        Assert.Contains("Touchpoint:Database:Provider", sentence, StringComparison.Ordinal);
        Assert.Contains("oracle", sentence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_data_folder_under_proc_names_the_data_directory_setting()
    {
        var result = await TouchpointProcess.RunToExitAsync(["--Touchpoint:DataDirectory=/proc/forbidden"], Deadline);

        var sentence = AssertOneSentenceFailure(result);
        Assert.Contains("Touchpoint:DataDirectory", sentence, StringComparison.Ordinal);
        Assert.Contains("/proc/forbidden", sentence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_used_as_data_folder_names_the_data_directory_setting()
    {
        var file = Path.GetTempFileName();
        try
        {
            var result = await TouchpointProcess.RunToExitAsync([$"--Touchpoint:DataDirectory={file}/data"], Deadline);

            var sentence = AssertOneSentenceFailure(result);
            Assert.Contains("Touchpoint:DataDirectory", sentence, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_half_configured_Sinch_names_the_missing_setting()
    {
        var result = await TouchpointProcess.RunToExitAsync(["--Touchpoint:Sms:Sinch:ServicePlanId=plan-1", "--Touchpoint:Sms:Sinch:ApiToken=secret-token"], Deadline);

        var sentence = AssertOneSentenceFailure(result);
        Assert.Contains("Touchpoint:Sms:Sinch:From", sentence, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token", result.StandardError + result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_mail_setting_names_the_setting()
    {
        var result = await TouchpointProcess.RunToExitAsync(["--Touchpoint:Mail:Smtp:Host=127.0.0.1", "--Touchpoint:Mail:Smtp:Security=Sometimes"], Deadline);

        var sentence = AssertOneSentenceFailure(result);
        Assert.Contains("Touchpoint:Mail:Smtp:Security", sentence, StringComparison.Ordinal);
        Assert.Contains("Sometimes", sentence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_PostgreSQL_names_the_connection_string_setting()
    {
        var closedPort = LoopbackPort.Free();

        var result = await TouchpointProcess.RunToExitAsync(
            ["--Touchpoint:Database:Provider=postgres", $"--ConnectionStrings:Touchpoint=Host=127.0.0.1;Port={closedPort};Database=touchpoint;Username=touchpoint;Password=secret-password"],
            Deadline);

        var sentence = AssertOneSentenceFailure(result);
        Assert.Contains("ConnectionStrings:Touchpoint", sentence, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{closedPort}", sentence, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-password", result.StandardError + result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostgreSQL_without_a_connection_string_names_the_connection_string_setting()
    {
        var result = await TouchpointProcess.RunToExitAsync(["--Touchpoint:Database:Provider=postgres"], Deadline);

        var sentence = AssertOneSentenceFailure(result);
        Assert.Contains("ConnectionStrings:Touchpoint", sentence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_contract_rules_file_that_loosens_the_law_names_the_setting_and_the_rule_id()
    {
        var file = Path.Combine(Path.GetTempPath(), $"rules-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """{ "version": "loose-1", "jurisdictions": { "DK": { "bindingMaxMonths": 12 } } }""", TestContext.Current.CancellationToken);
        try
        {
            var result = await TouchpointProcess.RunToExitAsync([$"--Touchpoint:Contracts:RulesFile={file}"], Deadline);

            var sentence = AssertOneSentenceFailure(result);
            Assert.Equal(
                $"Touchpoint cannot start: Touchpoint:Contracts:RulesFile '{file}' is refused: DK-1: DK bindingMaxMonths of 12 months is looser than the law's 6 months; an operator may only tighten it (at most 6 months).",
                sentence);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_missing_contract_rules_file_names_the_setting()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-rules-{Guid.NewGuid():N}.json");
        var result = await TouchpointProcess.RunToExitAsync([$"--Touchpoint:Contracts:RulesFile={missing}"], Deadline);

        var sentence = AssertOneSentenceFailure(result);
        Assert.Contains("Touchpoint:Contracts:RulesFile", sentence, StringComparison.Ordinal);
        Assert.Contains("there is no such file", sentence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sign_in_back_off_whose_longest_wait_is_shorter_than_its_first_names_the_settings()
    {
        var result = await TouchpointProcess.RunToExitAsync(
            ["--Touchpoint:DemoData=false", "--Touchpoint:Auth:FirstBackOffSeconds=30", "--Touchpoint:Auth:LongestBackOffSeconds=10"], Deadline);

        var sentence = AssertOneSentenceFailure(result);
        Assert.Contains("Touchpoint:Auth:FirstBackOffSeconds", sentence, StringComparison.Ordinal);
        Assert.Contains("Touchpoint:Auth:LongestBackOffSeconds", sentence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_volumes_that_cannot_work_name_both_settings()
    {
        var result = await TouchpointProcess.RunToExitAsync(
            ["--Touchpoint:DemoData=false", "--Touchpoint:Reads:UnusualCustomersPerHour=10", "--Touchpoint:Reads:CustomersPerHour=5"], Deadline);

        var sentence = AssertOneSentenceFailure(result);
        Assert.Contains("Touchpoint:Reads:UnusualCustomersPerHour (10) and Touchpoint:Reads:CustomersPerHour (5)", sentence, StringComparison.Ordinal);
        Assert.Contains("cannot be above the limit", sentence, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("timelines", "6", "'timelines' is not a kind of record")]
    [InlineData("timeline", "-1", "must be 0 to 1200 months")]
    [InlineData("timeline", "two years", "must be a whole number of months")]
    public async Task A_retention_that_cannot_be_right_names_the_kind(string kind, string months, string expected)
    {
        var result = await TouchpointProcess.RunToExitAsync(["--Touchpoint:DemoData=false", $"--Touchpoint:Retention:Months:{kind}={months}"], Deadline);

        var sentence = AssertOneSentenceFailure(result);
        Assert.Contains("Touchpoint:Retention:Months", sentence, StringComparison.Ordinal);
        Assert.Contains(expected, sentence, StringComparison.Ordinal);
    }

    internal static string AssertOneSentenceFailure(ProcessResult result)
    {
        Assert.True(result.ExitCode != 0, $"Exit code 0; output: {result.StandardOutput}");
        var stderr = result.StandardError.Trim();
        Assert.False(stderr.Contains('\n', StringComparison.Ordinal), $"stderr is more than one line:\n{stderr}");
        Assert.StartsWith("Touchpoint cannot start: ", stderr, StringComparison.Ordinal);
        Assert.EndsWith(".", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardError + result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
        return stderr;
    }
}
