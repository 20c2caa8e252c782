using Touchpoint.Data;

namespace Touchpoint.Hosting;

/// <summary>
/// Work that falls due at a time: a promise to warn about or break, an SLA deadline to escalate, a message to
/// deliver. Each implementation keeps its next due time in an indexed column, reads only rows due by
/// <c>now</c>, at most <see cref="DueWatcher.BatchSize"/> of them, and claims them with <see cref="RowLocks"/> so that
/// two Touchpoint nodes never both act on one.
/// </summary>
public interface IDueWork
{
    /// <summary>For logs.</summary>
    string Name { get; }

    /// <summary>Handles up to <paramref name="limit"/> items due at <paramref name="now"/>, in one transaction; returns how many.</summary>
    Task<int> RunAsync(TouchpointDbContext db, DateTime now, int limit, CancellationToken cancellationToken);
}

/// <summary>
/// Runs every <see cref="IDueWork"/> on a timer from <see cref="TimeProvider"/>, so tests move time with a fake
/// clock instead of sleeping. A batch that comes back full is followed at once by the next, so a backlog drains
/// without waiting for ticks.
/// </summary>
public sealed partial class DueWatcher(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<DueWatcher> logger)
    : BackgroundService
{
    public const int BatchSize = 200;
    public const string IntervalKey = "Touchpoint:WatcherIntervalSeconds";

    private readonly TimeSpan interval = TimeSpan.FromSeconds(Math.Clamp(configuration.GetValue(IntervalKey, 1.0), 0.05, 60));

    /// <summary>Runs each kind of due work until nothing more is due; returns how many items were handled.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var handled = 0;
        await using var scope = scopes.CreateAsyncScope();
        foreach (var work in scope.ServiceProvider.GetServices<IDueWork>())
        {
            int done;
            do
            {
                // A fresh context per batch: tracked rows of the last batch must not pile up.
                await using var batchScope = scopes.CreateAsyncScope();
                var db = batchScope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
                done = await work.RunAsync(db, clock.GetUtcNow().UtcDateTime, BatchSize, cancellationToken);
                handled += done;
            }
            while (done >= BatchSize && !cancellationToken.IsCancellationRequested);
        }

        return handled;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // One failing run must not stop promises and deadlines from being watched.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogRunFailed(exception);
            }

            try
            {
                await Task.Delay(interval, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Watching due promises and deadlines failed; trying again at the next tick.")]
    private partial void LogRunFailed(Exception exception);
}
