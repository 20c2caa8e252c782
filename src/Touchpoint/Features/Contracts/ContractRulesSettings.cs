using Touchpoint.Domain.Contracts;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Contracts;

/// <summary>
/// The contract rules in force: the law (<see cref="ContractRuleBook.Law"/>), or an operator's file named by
/// <c>Touchpoint:Contracts:RulesFile</c> that may only tighten it. A file that cannot be read or loosens a value stops
/// Touchpoint from starting, naming the rule id.
/// </summary>
public static class ContractRulesSettings
{
    public const string RulesFileKey = "Touchpoint:Contracts:RulesFile";

    public static ContractRuleBook FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var path = configuration[RulesFileKey];
        if (string.IsNullOrWhiteSpace(path))
        {
            return ContractRuleBook.Law;
        }

        string json;
        try
        {
            json = File.ReadAllText(Path.GetFullPath(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            var why = e switch
            {
                FileNotFoundException or DirectoryNotFoundException => "there is no such file",
                UnauthorizedAccessException => "access is denied",
                _ => "it cannot be read",
            };
            throw new StartupException($"{RulesFileKey} names '{path}', but {why}; give the path of a readable rules file or leave the setting out to use the law.", e);
        }

        return ContractRuleBook.TryLoad(json, out var book, out var error)
            ? book!
            : throw new StartupException($"{RulesFileKey} '{path}' is refused: {error}");
    }
}

/// <summary>Loads the rules as the server starts, so a file that loosens the law stops it instead of failing requests.</summary>
internal sealed class ContractRulesCheck(ContractRuleBook rules) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = rules.Version;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
