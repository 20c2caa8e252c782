using System.Data.Common;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Domain.Promises;
using Touchpoint.Hosting;

namespace Touchpoint.Bench.Work;

/// <summary>
/// K promises fall due over a short window; Touchpoint's DueWatcher (RunOnceAsync every 0.2 s, as its hosted loop does)
/// breaks them. A poller on its own connection notes when each breach is committed: lag = seen − due time.
/// The raw baseline breaks another K promises with one UPDATE … RETURNING per batch of 200 on the same index.
/// </summary>
internal static class WatcherLagMeasurement
{
    private static readonly TimeSpan WatcherInterval = TimeSpan.FromMilliseconds(200);

    public static async Task RunAsync(IServiceProvider services, RawDb raw, WorkSettings s, SeededWork seeded, BenchReport report, CancellationToken cancellationToken)
    {
        Console.WriteLine($"watcher lag: {s.LagPromises:N0} promises due over {s.LagWindow.TotalSeconds:0} s, Touchpoint's DueWatcher …");
        var watcher = services.GetRequiredService<DueWatcher>();
        _ = await watcher.RunOnceAsync(cancellationToken); // JIT and EF's query compilation, on nothing due.
        var touchpoint = await MeasureLagAsync(raw, s.LagWindow, seeded.LagOwner, async stop =>
        {
            while (!stop.IsCancellationRequested)
            {
                _ = await watcher.RunOnceAsync(cancellationToken);
                await Task.Delay(WatcherInterval, CancellationToken.None);
            }
        }, cancellationToken);

        Console.WriteLine("watcher lag: raw UPDATE … RETURNING loop …");
        var baseline = await MeasureLagAsync(raw, s.LagWindow, seeded.RawLagOwner, async stop =>
        {
            await using var connection = await raw.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = $"""
                UPDATE "Promises" SET "State" = @broken, "NextAlarmAt" = NULL, "Version" = "Version" + 1
                WHERE "Id" IN (SELECT "Id" FROM "Promises" WHERE "NextAlarmAt" IS NOT NULL AND "NextAlarmAt" <= @now
                               ORDER BY "NextAlarmAt" LIMIT {DueWatcher.BatchSize}{(raw.IsSqlite ? "" : " FOR UPDATE SKIP LOCKED")})
                RETURNING "Id"
                """;
            raw.Add(command, "@broken", RawType.Text).Value = PromiseState.Broken.ToWireName();
            var nowParameter = raw.Add(command, "@now", RawType.Timestamp);
            while (!stop.IsCancellationRequested)
            {
                int done;
                do
                {
                    await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                    command.Transaction = transaction;
                    nowParameter.Value = raw.Timestamp(TimeProvider.System.GetUtcNow().UtcDateTime);
                    done = await RawDb.DrainAsync(command, cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                }
                while (done >= DueWatcher.BatchSize);

                await Task.Delay(WatcherInterval, CancellationToken.None);
            }
        }, cancellationToken);

        report.AddLatency("watcher lag", "watcherLag", touchpoint, baseline, targetP99Ms: 1000, digits: 1);
        report.Figures["watcherLagPromises"] = touchpoint.Count;
        report.Figures["rawWatcherLagPromises"] = baseline.Count;
    }

    private static async Task<Latencies> MeasureLagAsync(RawDb raw, TimeSpan window, string owner, Func<CancellationToken, Task> watch, CancellationToken cancellationToken)
    {
        await using var connection = await raw.OpenAsync(cancellationToken);
        var due = new Dictionary<Guid, DateTime>();
        await using (var select = connection.CreateCommand())
        {
            select.CommandText = """SELECT "Id" FROM "Promises" WHERE "OwnerUserId" = @o""";
            raw.Add(select, "@o", RawType.Text).Value = owner;
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                due[ReadId(reader)] = default;
            }
        }

        // Due from 2 s from now, evenly over the window; already warned, so what falls due is the breach.
        var start = TimeProvider.System.GetUtcNow().UtcDateTime.AddSeconds(2);
        var step = window.Ticks / Math.Max(1, due.Count);
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        await using (var update = connection.CreateCommand())
        {
            update.Transaction = transaction;
            update.CommandText = """UPDATE "Promises" SET "DueAt" = @at, "NextAlarmAt" = @at, "WarnedAt" = "MadeAt" WHERE "Id" = @id""";
            var at = raw.Add(update, "@at", RawType.Timestamp);
            var id = raw.Add(update, "@id", RawType.Id);
            var n = 0;
            foreach (var key in due.Keys.ToList())
            {
                due[key] = start.AddTicks(step * n++);
                at.Value = raw.Timestamp(due[key]);
                id.Value = raw.Id(key);
                await update.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        var seen = new Dictionary<Guid, DateTime>();
        using var stop = new CancellationTokenSource();
        var worker = Task.Run(() => watch(stop.Token), cancellationToken);
        try
        {
            await using var poll = connection.CreateCommand();
            poll.CommandText = """SELECT "Id" FROM "Promises" WHERE "OwnerUserId" = @o AND "State" = @broken""";
            raw.Add(poll, "@o", RawType.Text).Value = owner;
            raw.Add(poll, "@broken", RawType.Text).Value = PromiseState.Broken.ToWireName();
            await poll.PrepareAsync(cancellationToken);
            var limit = start + window + TimeSpan.FromSeconds(60);
            while (seen.Count < due.Count && TimeProvider.System.GetUtcNow().UtcDateTime < limit && !worker.IsCompleted)
            {
                await using (var reader = await poll.ExecuteReaderAsync(cancellationToken))
                {
                    var at = TimeProvider.System.GetUtcNow().UtcDateTime;
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        seen.TryAdd(ReadId(reader), at);
                    }
                }

                await Task.Delay(5, cancellationToken);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await worker;
        }

        if (seen.Count < due.Count)
        {
            Console.Error.WriteLine($"warning: only {seen.Count:N0} of {due.Count:N0} promises were broken within a minute of the window.");
        }

        var lags = new Latencies();
        foreach (var (id, at) in seen)
        {
            lags.Add((long)((at - due[id]).TotalSeconds * Stopwatch.Frequency));
        }

        return lags;
    }

    private static Guid ReadId(DbDataReader reader) => reader.GetValue(0) switch
    {
        Guid id => id,
        string text => Guid.Parse(text),
        var other => throw new InvalidOperationException($"Unexpected id {other}."),
    };
}
