using Touchpoint.Domain.Privacy;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Privacy;

/// <summary>
/// The retention of every kind of record: the defaults (<see cref="RetentionRules.Defaults"/>) with the months an
/// operator set under <c>Touchpoint:Retention:Months</c>, e.g. <c>Touchpoint__Retention__Months__timeline=36</c>.
/// </summary>
public sealed record RetentionSettings(IReadOnlyList<RetentionRule> Rules)
{
    public const string MonthsSection = "Touchpoint:Retention:Months";

    /// <summary>Read at start, so a kind that does not exist or months out of range stop Touchpoint with their sentence.</summary>
    public static RetentionSettings FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var months = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var setting in configuration.GetSection(MonthsSection).GetChildren())
        {
            if (!int.TryParse(setting.Value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value))
            {
                throw new StartupException($"{MonthsSection}:{setting.Key} must be a whole number of months; it is '{setting.Value}'.");
            }

            months[setting.Key] = value;
        }

        try
        {
            return new RetentionSettings(RetentionRules.With(months));
        }
        catch (ArgumentException exception)
        {
            throw new StartupException($"{MonthsSection}: {exception.Message.Split(" (Parameter", 2)[0]}");
        }
    }
}

/// <summary>Reads the retention settings at start (<see cref="RetentionSettings.FromConfiguration"/>).</summary>
internal sealed class RetentionSettingsCheck(RetentionSettings settings) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = settings;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
