using System.Data.Common;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Data;
using Touchpoint.Domain.Cases;
using Touchpoint.Features.Cases;
using Touchpoint.Features.Work;

namespace Touchpoint.Bench.Work;

/// <summary>WorkViews.MyWorkAsync on a fresh DbContext per call against the same reads in raw SQL, interleaved.</summary>
internal static class MyWorkMeasurement
{
    private const int WarmUpQueries = 50;

    public static async Task RunAsync(IServiceProvider services, RawDb raw, int samples, IReadOnlyList<string> owners, BenchReport report, CancellationToken cancellationToken)
    {
        Console.WriteLine($"my work: {samples:N0} random owners …");
        await using var connection = await raw.OpenAsync(cancellationToken);
        var statuses = string.Join(", ", CaseViews.OpenStatuses.Select(s => RawDb.Quote(s.ToWireName())));
        var limit = WorkViews.MyWorkFirstPage + 1;
        string[] sql =
        [
            $"""
            SELECT c.*, cu."Name" FROM "Cases" AS c LEFT JOIN "Customers" AS cu ON cu."Id" = c."CustomerId"
            WHERE c."OwnerId" = @u AND c."OwnerKind" = 'user' AND c."Status" IN ({statuses})
            ORDER BY c."NextDueAt", c."Id" LIMIT {limit}
            """,
            $"""
            SELECT p.*, cu."Name" FROM "Promises" AS p LEFT JOIN "Customers" AS cu ON cu."Id" = p."CustomerId"
            WHERE p."OwnerUserId" = @u AND p."State" = 'open'
            ORDER BY p."DueAt", p."Id" LIMIT {limit}
            """,
            """
            SELECT c.*, cu."Name" FROM "Cases" AS c LEFT JOIN "Customers" AS cu ON cu."Id" = c."CustomerId"
            WHERE c."HandoffToId" = @u AND c."HandoffToKind" = 'user'
            ORDER BY c."HandoffRequestedAt" LIMIT 50
            """,
        ];
        var commands = new List<DbCommand>();
        var parameters = new List<DbParameter>();
        foreach (var text in sql)
        {
            var command = connection.CreateCommand();
            command.CommandText = text;
            parameters.Add(raw.Add(command, "@u", RawType.Text));
            await command.PrepareAsync(cancellationToken);
            commands.Add(command);
        }

        try
        {
            var random = new Random(3);
            var (touchpoint, baseline) = (new Latencies(), new Latencies());
            var items = 0L;
            for (var n = -WarmUpQueries; n < samples; n++)
            {
                var owner = owners[random.Next(owners.Count)];
                for (var turn = 0; turn < 2; turn++)
                {
                    var started = Stopwatch.GetTimestamp();
                    if ((turn + n) % 2 == 0)
                    {
                        await using var scope = services.CreateAsyncScope();
                        var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
                        var view = await WorkViews.MyWorkAsync(db, owner, cancellationToken);
                        items += n >= 0 ? view.Items.Count : 0;
                        touchpoint.AddUnlessWarmUp(n, Stopwatch.GetTimestamp() - started);
                    }
                    else
                    {
                        for (var q = 0; q < commands.Count; q++)
                        {
                            parameters[q].Value = owner;
                            _ = await RawDb.DrainAsync(commands[q], cancellationToken);
                        }

                        baseline.AddUnlessWarmUp(n, Stopwatch.GetTimestamp() - started);
                    }
                }
            }

            report.Figures["myWorkAverageItems"] = Format.Json((double)items / samples, 1);
            report.AddLatency("my work", "myWork", touchpoint, baseline, targetP99Ms: 10);
        }
        finally
        {
            foreach (var command in commands)
            {
                await command.DisposeAsync();
            }
        }
    }
}
