using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Touchpoint.Data;
using Touchpoint.Features.Messages;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Health;

/// <summary>When a node is ready for traffic (<c>/health/ready</c>): a load balancer sends requests only to nodes that are.</summary>
public sealed record ReadinessSettings(int OutboxBacklogLimit)
{
    public const string OutboxBacklogLimitKey = "Touchpoint:Health:OutboxBacklogLimit";

    /// <summary>An hour of a busy operator's events: far above a healthy backlog, far below one that no longer drains.</summary>
    public const int DefaultOutboxBacklogLimit = 10_000;

    public static ReadinessSettings FromConfiguration(IConfiguration configuration)
    {
        var limit = configuration.GetValue(OutboxBacklogLimitKey, DefaultOutboxBacklogLimit);
        return limit < 1
            ? throw new StartupException($"{OutboxBacklogLimitKey} is {limit}; it is the number of undelivered events or messages at which a node stops being ready, at least 1.")
            : new ReadinessSettings(limit);
    }
}

public static class ReadinessChecks
{
    /// <summary>The tag of the checks <c>/health/ready</c> runs; <c>/health/live</c> runs none.</summary>
    public const string Ready = "ready";

    public static IServiceCollection AddTouchpointHealthChecks(this IServiceCollection services)
    {
        // Read from the host's configuration once it is built, as the other settings are, and checked at start.
        services.AddSingleton(sp => ReadinessSettings.FromConfiguration(sp.GetRequiredService<IConfiguration>()));
        services.AddHostedService<ReadinessSettingsCheck>();
        services.AddHealthChecks()
            .AddDbContextCheck<TouchpointDbContext>("database", HealthStatus.Unhealthy, [Ready])
            .AddCheck<MigrationsCheck>("migrations", HealthStatus.Unhealthy, [Ready])
            .AddCheck<OutboxBacklogCheck>("outbox", HealthStatus.Unhealthy, [Ready]);
        return services;
    }
}

/// <summary>A limit that cannot work stops the start with one sentence, not the first probe.</summary>
internal sealed class ReadinessSettingsCheck(ReadinessSettings settings) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = settings;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// A node whose model is ahead of its database (a migration not yet applied: another node is migrating, or the
/// start failed half-way) would answer with errors; it waits outside the load balancer until the schema is there.
/// </summary>
internal sealed class MigrationsCheck(TouchpointDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        return pending.Count == 0
            ? HealthCheckResult.Healthy("Every migration is applied.")
            : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied yet, first {pending[0]}.");
    }
}

/// <summary>
/// Events for TMF621 hubs and messages to customers piling up means delivery stopped keeping up (a listener or
/// a mail server down, a watcher stuck). Each count stops at the limit, so the check reads at most that many index
/// entries however large the backlog grows. Messages of a channel without a gateway (SMS before a provider is set up)
/// wait by design and do not count: they would keep every node out of the load balancer.
/// </summary>
internal sealed class OutboxBacklogCheck(TouchpointDbContext db, ReadinessSettings settings, IEnumerable<IMessageGateway> gateways) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var limit = settings.OutboxBacklogLimit;
        var carried = MessageTypes.CarriedBy(gateways);
        var events = await db.TroubleTicketEventDeliveries.Where(d => d.NextAttemptAt != null).Take(limit).CountAsync(cancellationToken);
        var messages = await db.OutboundMessages.Where(m => carried.Contains(m.Type) && m.NextAttemptAt != null).Take(limit).CountAsync(cancellationToken);
        var counts = $"TMF621 events waiting: {Shown(events, limit)}; messages waiting: {Shown(messages, limit)}";
        return events >= limit || messages >= limit
            ? HealthCheckResult.Unhealthy($"{counts}; a node is not ready from {limit} ({ReadinessSettings.OutboxBacklogLimitKey}).")
            : HealthCheckResult.Healthy(counts + ".");
    }

    private static string Shown(int count, int limit) => count >= limit ? $"{limit} or more" : count.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
