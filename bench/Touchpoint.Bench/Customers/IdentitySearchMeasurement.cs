using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Data;
using Touchpoint.Features.Customers;

namespace Touchpoint.Bench.Customers;

/// <summary>
/// CustomerSearch on a fresh DbContext per query (as a request gets one) against one raw prepared join,
/// interleaved and alternating which goes first so neither always finds the pages the other just read.
/// </summary>
internal static class IdentitySearchMeasurement
{
    private const int WarmUpQueries = 50;

    public static async Task RunAsync(IServiceProvider services, RawDb raw, Guid[] ids, int samples, BenchReport report, CancellationToken cancellationToken)
    {
        Console.WriteLine($"identity search: {samples:N0} random msisdns …");
        await using var connection = await raw.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT c."Id", c."Name", c."Jurisdiction", i."Kind", i."Value"
            FROM "CustomerIdentities" AS i INNER JOIN "Customers" AS c ON c."Id" = i."CustomerId"
            WHERE i."Value" = @v AND c."Status" = 'Active'
            LIMIT 20
            """;
        var value = raw.Add(command, "@v", RawType.Text);
        await command.PrepareAsync(cancellationToken);

        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        var random = new Random(1);
        var (touchpoint, baseline) = (new Latencies(), new Latencies());
        var misses = 0;
        for (var n = -WarmUpQueries; n < samples; n++)
        {
            var index = random.Next(ids.Length);
            var msisdn = CustomerDataWriter.Msisdn(index);
            for (var turn = 0; turn < 2; turn++)
            {
                var watch = Stopwatch.StartNew();
                if ((turn + n) % 2 == 0)
                {
                    await using var scope = services.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
                    var hits = await CustomerSearch.SearchAsync(db, msisdn, 20, today, cancellationToken);
                    touchpoint.AddUnlessWarmUp(n, watch.ElapsedTicks);
                    misses += hits.Any(h => h.Id == ids[index]) ? 0 : 1;
                }
                else
                {
                    value.Value = msisdn;
                    var found = await RawDb.DrainAsync(command, cancellationToken);
                    baseline.AddUnlessWarmUp(n, watch.ElapsedTicks);
                    misses += found == 1 ? 0 : 1;
                }
            }
        }

        if (misses > 0)
        {
            Console.Error.WriteLine($"warning: {misses} identity searches did not find exactly the generated customer.");
        }

        report.AddLatency("identity search", "search", touchpoint, baseline, targetP99Ms: 5);
    }
}
