using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Import;
using Touchpoint.Features.Interactions;

namespace Touchpoint.Tests.Import;

public sealed class ScratchPerf(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Measure()
    {
        var ids = await app.WithDbContextAsync(async db =>
        {
            var customers = Enumerable.Range(0, 2000).Select(i => new Customer { Name = $"K {i}", NameKey = $"K {i}", Jurisdiction = "SE", PreferredLanguage = "sv", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow }).ToList();
            await using var tx = await db.Database.BeginTransactionAsync();
            await using var w = BulkWriter.Create(db);
            await w.WriteCustomersAsync(customers, default);
            await tx.CommitAsync();
            return customers.Select(c => c.Id).ToArray();
        });
        for (var run = 0; run < 3; run++)
        {
            var rows = Enumerable.Range(0, 100_000).Select(i => new Interaction
            {
                CustomerId = ids[Random.Shared.Next(ids.Length)], OccurredAt = DateTime.UtcNow.AddMinutes(-i), Channel = "phone", Direction = "inbound",
                AgentName = "Agent", DurationSeconds = 60, Reason = "Billing question", Summary = $"Customer asked about invoice {i}", RecordedAt = DateTime.UtcNow,
            }).ToList();
            var sw = Stopwatch.StartNew();
            await app.WithDbContextAsync(async db =>
            {
                await using var tx = await db.Database.BeginTransactionAsync();
                await using var w = BulkWriter.Create(db);
                foreach (var chunk in rows.Chunk(2000)) await w.WriteInteractionsAsync(chunk, default);
                await tx.CommitAsync();
                return 0;
            });
            TestContext.Current.SendDiagnosticMessage($"run {run}: {100_000 / sw.Elapsed.TotalSeconds:N0} interactions/s ({sw.ElapsedMilliseconds} ms)\n");
            File.AppendAllText("/tmp/perf.log", $"PERF {Environment.GetEnvironmentVariable("TP_CACHE")} run {run}: {100_000 / sw.Elapsed.TotalSeconds:N0} interactions/s ({sw.ElapsedMilliseconds} ms)\n");
        }
    }
}
