using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Data;
using Touchpoint.Features.Interactions;

namespace Touchpoint.Bench.Customers;

/// <summary>Timeline.PageAsync's first page against the same keyset query in raw SQL, interleaved as for search.</summary>
internal static class TimelineMeasurement
{
    private const int WarmUpQueries = 50;

    /// <summary>The first page of a customer's timeline (customer @c) as Timeline.PageAsync reads it.</summary>
    public static readonly string FirstPageSql = string.Create(CultureInfo.InvariantCulture, $"""
        SELECT "Id", "At", "Kind", "Channel", "Direction", "Title", "Detail", "ActorName", "PartnerAgencyName", "SourceId"
        FROM "TimelineEntries" WHERE "CustomerId" = @c
        ORDER BY "At" DESC, "Id" DESC
        LIMIT {Timeline.DefaultLimit + 1}
        """);

    public static async Task RunAsync(IServiceProvider services, RawDb raw, Guid[] ids, int samples, BenchReport report, CancellationToken cancellationToken)
    {
        Console.WriteLine($"timeline first page: {samples:N0} random customers …");
        await using var connection = await raw.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = FirstPageSql;
        var customer = raw.Add(command, "@c", RawType.Id);
        await command.PrepareAsync(cancellationToken);

        var random = new Random(2);
        var (touchpoint, baseline) = (new Latencies(), new Latencies());
        for (var n = -WarmUpQueries; n < samples; n++)
        {
            var id = ids[random.Next(ids.Length)];
            for (var turn = 0; turn < 2; turn++)
            {
                var watch = Stopwatch.StartNew();
                if ((turn + n) % 2 == 0)
                {
                    await using var scope = services.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
                    _ = await Timeline.PageAsync(db, id, new TimelineFilter(), null, Timeline.DefaultLimit, cancellationToken);
                    touchpoint.AddUnlessWarmUp(n, watch.ElapsedTicks);
                }
                else
                {
                    customer.Value = raw.Id(id);
                    _ = await RawDb.DrainAsync(command, cancellationToken);
                    baseline.AddUnlessWarmUp(n, watch.ElapsedTicks);
                }
            }
        }

        report.AddLatency("timeline first page", "timeline", touchpoint, baseline, targetP99Ms: 10);
    }
}
