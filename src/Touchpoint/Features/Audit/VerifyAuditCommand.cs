using System.CommandLine;
using System.CommandLine.Help;
using System.Globalization;
using Spectre.Console;
using Touchpoint.Features.Import;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Audit;

/// <summary>
/// <c>touchpoint verify-audit [--Setting:Key=value ...]</c>: recomputes the audit log's hash chain
/// (<see cref="AuditVerification"/>) on the database the web start would use, and says whether it is intact.
/// Exit codes: 0 intact (entries not sealed yet are no failure), 1 tampered with, 2 usage error, 3 the database could not be used.
/// </summary>
public static class VerifyAuditCommand
{
    public const int Intact = 0;
    public const int Tampered = 1;
    public const int UsageError = 2;
    public const int CouldNotCheck = 3;

    public const string Usage = "Usage: verify-audit [--Setting:Key=value ...] (--help for more)";

    public static bool Matches(string[] args) => args is ["verify-audit", ..];

    /// <summary>Runs the check as the CLI does; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        // Settings (--Section:Key=value, --environment, --contentRoot) go to the configuration as for the web start.
        var settings = args.Where(IsSetting).ToArray();
        var command = new Command("verify-audit",
            "Recomputes the audit log's hash chain and says whether any entry or seal was changed, added or deleted. " +
            "Exit codes: 0 intact, 1 tampered with, 2 usage error, 3 the database could not be used. " +
            "Settings are given as for the web start: --Section:Key=value.");
        var parsed = new RootCommand("Touchpoint: customer care for telecom operators.") { command }.Parse(args.Where(a => !IsSetting(a)).ToArray());
        if (parsed.Action is HelpAction)
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
        }

        if (parsed.UnmatchedTokens is [var unmatched, ..] || parsed.Errors is [_, ..])
        {
            var problem = parsed.UnmatchedTokens is [var token, ..]
                ? token.StartsWith('-') ? $"Unknown option '{token}'." : $"Unexpected argument '{token}'."
                : parsed.Errors[0].Message;
            await error.WriteLineAsync($"{problem}\n{Usage}");
            return UsageError;
        }

        try
        {
            return await CheckAsync(settings, output, error, cancellationToken);
        }
        catch (Exception e) when (Unwrap(e) is StartupException startup)
        {
            await error.WriteLineAsync($"Touchpoint cannot verify the audit log: {startup.Message}");
            return CouldNotCheck;
        }
    }

    private static async Task<int> CheckAsync(string[] settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        using var host = CommandHost.Build(settings);
        // The database is checked and migrated exactly as at a web start: an older one gets its (empty) seal table.
        await host.StartAsync(cancellationToken);
        try
        {
            await using var scope = host.Services.CreateAsyncScope();
            var verification = scope.ServiceProvider.GetRequiredService<AuditVerification>();
            var console = ImportProgressDisplay.Console(output, interactive: ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected);
            var result = await ImportProgressDisplay.Bar(console).StartAsync(async context =>
            {
                var task = context.AddTask("Verifying the audit log", maxValue: 1);
                var checkedSoFar = await verification.RunAsync(new Reporter(p =>
                {
                    task.MaxValue = Math.Max(1, p.HighestEntryId);
                    task.Value = Math.Min(p.LastEntryId, task.MaxValue);
                    task.Description = string.Create(CultureInfo.InvariantCulture, $"Verifying the audit log: {p.EntriesChecked:N0} entries in {p.SealsChecked:N0} seals");
                }), cancellationToken);
                task.Value = task.MaxValue;
                task.StopTask();
                return checkedSoFar;
            });
            return await ReportAsync(result, output, error);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<int> ReportAsync(AuditVerificationResult result, TextWriter output, TextWriter error)
    {
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Checked {result.EntriesChecked:N0} entries in {result.SealsChecked:N0} {(result.SealsChecked == 1 ? "seal" : "seals")}; not sealed yet: {result.NotSealedYet:N0}."));
        if (result.Intact)
        {
            // Kept somewhere else (a ticket, a printout), it shows later that no seal after it was removed or replaced.
            await output.WriteLineAsync(result.SealsChecked == 0
                ? "The audit log is intact: nothing is sealed yet (the running server seals entries seconds after they are written)."
                : $"The audit log is intact. Latest seal: {result.HeadHash}");
            return Intact;
        }

        var shown = result.MismatchCount > result.FirstMismatches.Count ? string.Create(CultureInfo.InvariantCulture, $", the first {result.FirstMismatches.Count:N0}") : "";
        await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"The audit log was tampered with: {result.MismatchCount:N0} {(result.MismatchCount == 1 ? "problem" : "problems")}{shown}:"));
        foreach (var mismatch in result.FirstMismatches)
        {
            await error.WriteLineAsync(mismatch.ToString());
        }

        return Tampered;
    }

    private static bool IsSetting(string arg) =>
        arg.StartsWith("--", StringComparison.Ordinal)
        && (arg[2..].Split('=', 2)[0] is var name && (name.Contains(':', StringComparison.Ordinal) || name is "environment" or "contentRoot"));

    private static Exception Unwrap(Exception e) => e is AggregateException { InnerExceptions.Count: 1 } aggregate ? Unwrap(aggregate.InnerExceptions[0]) : e;

    /// <summary>Reports on the checking thread: the bar is updated as each page of seals is done.</summary>
    private sealed class Reporter(Action<AuditVerificationProgress> report) : IProgress<AuditVerificationProgress>
    {
        public void Report(AuditVerificationProgress value) => report(value);
    }
}
