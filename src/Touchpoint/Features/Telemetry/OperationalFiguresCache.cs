using Touchpoint.Data;
using Touchpoint.Features.Mail;
using Touchpoint.Features.Messages;

namespace Touchpoint.Features.Telemetry;

/// <summary>
/// The <see cref="OperationalFigures"/> the gauges report, read again only when older than
/// <see cref="TelemetrySettings.FiguresMaxAge"/>: a collection asks each gauge in turn, several scrapers may ask at
/// once, and together they cost one read. Gauge callbacks are synchronous, so the read is too, on the collecting
/// thread (a scrape, or the periodic exporter's), never on a request's.
/// </summary>
public sealed partial class OperationalFiguresCache(
    IServiceScopeFactory scopes, DatabaseSettings database, MailSettings mail, IEnumerable<IMessageGateway> gateways, TelemetrySettings settings,
    TimeProvider clock, ILogger<OperationalFiguresCache> logger)
{
    private readonly string[] deliveredChannels = MessageTypes.CarriedBy(gateways);

    private readonly Lock reading = new();
    private OperationalFigures? latest;
    private DateTime readAt = DateTime.MinValue;

    /// <summary>Fresh enough figures; null while the database could not be read yet (the log says why).</summary>
    public OperationalFigures? Current()
    {
        lock (reading)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            if (now - readAt < settings.FiguresMaxAge && readAt <= now)
            {
                return latest;
            }

            // Tried again only after FiguresMaxAge, also when it fails: a database that is down is not asked at every gauge.
            readAt = now;
            try
            {
                using var scope = scopes.CreateScope();
                latest = OperationalFigures.Read(scope.ServiceProvider.GetRequiredService<TouchpointDbContext>(), database, mail, deliveredChannels, now);
            }
#pragma warning disable CA1031 // A failed read must not fail the scrape: the other metrics still answer, the gauges are left out.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogReadFailed(exception);
                latest = null;
            }

            return latest;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the outbox, watcher, audit and queue figures for the metrics failed; they are left out until the next try.")]
    private partial void LogReadFailed(Exception exception);
}
