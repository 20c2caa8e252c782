using System.Globalization;
using Touchpoint.Domain.Compensation;
using Touchpoint.Domain.Platform;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Compensation;

/// <summary>
/// The mandates in force: the domain's defaults (<see cref="CompensationMandates.Default"/>), each overridden by
/// <c>Touchpoint:Compensation:Mandates:{Role}:{Currency}</c>, e.g. <c>Touchpoint:Compensation:Mandates:Agent:SEK = 750</c>.
/// A role not among the defaults (say <c>Supervisor</c>) gets a mandate the same way.
/// </summary>
public static class CompensationSettings
{
    public const string MandatesSection = "Touchpoint:Compensation:Mandates";

    // Configuration keys ignore case; roles do not, so a key such as "agent" is read as the role it names.
    private static readonly string[] KnownRoles = [.. Roles.All, CompensationMandates.HeadOfCare];

    /// <summary>Reads and checks the mandates; a bad value is a <see cref="StartupException"/> naming the key.</summary>
    public static CompensationMandates FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var mandates = CompensationMandates.Default.All.ToDictionary(m => (m.Role, m.Maximum.Currency), m => m);
        foreach (var role in configuration.GetSection(MandatesSection).GetChildren())
        {
            foreach (var entry in role.GetChildren())
            {
                var key = $"{MandatesSection}:{role.Key}:{entry.Key}";
                if (!Currencies.TryParse(entry.Key, out var currency, out _))
                {
                    throw new StartupException($"{key}: '{entry.Key}' is not a currency; use one of {string.Join(", ", Currencies.WireNames)}.");
                }

                var name = KnownRoles.FirstOrDefault(r => string.Equals(r, role.Key, StringComparison.OrdinalIgnoreCase)) ?? role.Key;
                mandates[(name, currency)] = new Mandate(name, new Money(Amount(key, entry.Value), currency));
            }
        }

        return new CompensationMandates(mandates.Values);
    }

    private static decimal Amount(string key, string? text)
    {
        if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount)
            || amount <= 0m
            || decimal.Round(amount, 2) != amount)
        {
            throw new StartupException(
                $"{key} is '{text}', but a mandate must be an amount above zero with at most two decimals, e.g. 500; leave the role out to give it none.");
        }

        return amount;
    }
}

/// <summary>Reads the mandates as the server starts, so a wrong setting stops it with one sentence instead of failing requests.</summary>
internal sealed class CompensationSettingsCheck(CompensationMandates mandates) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = mandates.All;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
