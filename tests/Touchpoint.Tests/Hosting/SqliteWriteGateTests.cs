using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Data;

namespace Touchpoint.Tests.Hosting;

/// <summary>
/// On SQLite this process's transactions take turns at the one write lock (<see cref="SqliteWriteGate"/>): many
/// writers at once all get through, and a transaction that ends without a word to EF (disposed, not committed or
/// rolled back) does not keep the next writer waiting.
/// </summary>
[Trait("Provider", "Sqlite")]
public sealed class SqliteWriteGateTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sixteen_cases_opened_at_once_all_open_each_with_a_reference_of_its_own()
    {
        using var agent = await app.CreateClientAsAsync("agent");
        using var created = await agent.PostAsJsonAsync("/api/customers",
            new { name = "Gate Customer", jurisdiction = "SE", identities = new[] { new { kind = "email", value = $"gate.{Guid.NewGuid():N}@example.com" } } },
            Cancel);
        var customerId = (await HttpAssert.JsonAsync(created, HttpStatusCode.Created)).GetProperty("id").GetString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(async i =>
        {
            using var response = await agent.PostAsJsonAsync("/api/cases",
                new { customerId, type = "request", channel = "phone", need = $"Concurrent request {i}" }, Cancel);
            return await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
        }));

        Assert.Equal(16, answers.Select(a => a.GetProperty("reference").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task A_transaction_disposed_without_commit_or_rollback_does_not_hold_up_the_next_writer()
    {
        await using (var abandoned = app.Services.CreateAsyncScope())
        {
            var db = abandoned.ServiceProvider.GetRequiredService<TouchpointDbContext>();
            var transaction = await db.Database.BeginTransactionAsync(Cancel);
            await transaction.DisposeAsync();
        }

        // Before the gate looked at how the holder's transaction stood, this waited its whole 30 s and failed as busy.
        var saved = await app.WithDbContextAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Cancel);
            db.RecordEvent(Touchpoint.Features.Audit.AuditAction.Read, "SqliteWriteGateTest", null, "the next writer");
            var written = await db.SaveChangesAsync(Cancel);
            await transaction.CommitAsync(Cancel);
            return written;
        });

        Assert.Equal(1, saved);
    }
}
